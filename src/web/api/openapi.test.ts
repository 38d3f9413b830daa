import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './spec.js';
import { testEnv } from '../../test/env.js';

const committed = new URL('../../../docs/openapi.json', import.meta.url);

/** The generated document as Prettier writes it, so `npm run format:check` agrees. */
async function generated(): Promise<string> {
  const filepath = fileURLToPath(committed);
  const options = await resolveConfig(filepath);
  return format(JSON.stringify(openApiDocument(), null, 2), { ...options, filepath });
}

/**
 * docs/openapi.json is the API's contract in git. This test fails when it is stale; refresh it
 * with `UPDATE_OPENAPI=1 npx vitest run src/web/api/openapi.test.ts` and review the diff.
 */
describe('docs/openapi.json', () => {
  it('is the document the code generates', async () => {
    const fresh = await generated();
    if (testEnv.updateOpenApi) await writeFile(committed, fresh);
    const onDisk = await readFile(committed, 'utf8').catch(() => '');
    expect(
      onDisk === fresh,
      'docs/openapi.json är inaktuell: kör UPDATE_OPENAPI=1 npx vitest run src/web/api/openapi.test.ts',
    ).toBe(true);
  });

  it('is OpenAPI 3.1 with JSON Schema for every JSON answer and error', () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    const list = doc.paths['/api/v1/initiatives']!.get as {
      parameters: { name: string; in: string; required: boolean }[];
      responses: Record<string, { content?: Record<string, { schema?: { properties?: object } }> }>;
    };
    expect(list.parameters.map((p) => p.name)).toEqual([
      'page',
      'per_page',
      'goal_area',
      'goal',
      'place',
      'organisation',
      'status',
      'year',
      'q',
    ]);
    expect(list.parameters.every((p) => p.in === 'query' && !p.required)).toBe(true);
    expect(
      Object.keys(list.responses['200']!.content!['application/json']!.schema!.properties!),
    ).toEqual(['initiatives', 'meta']);
    expect(doc.paths['/api/v1/initiatives/{id}']).toBeDefined();
  });
});
