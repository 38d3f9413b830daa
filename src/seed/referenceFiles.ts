import { readFile } from 'node:fs/promises';

/** Reference data shipped with the product (provenance in each reference folder's SOURCE.md). */
const root = new URL('../../reference/', import.meta.url);

export async function readReferenceJson<T = unknown>(relativePath: string): Promise<T> {
  return JSON.parse(await readFile(new URL(relativePath, root), 'utf8')) as T;
}
