import type { MultipartFile } from '@fastify/multipart';

/** A file of a multipart form, read into memory up to a bound. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
  /** The file was larger than the bound: `data` holds only its beginning. */
  truncated: boolean;
}

/**
 * Options of @fastify/multipart for a form of one file and a few short fields: the file is read
 * up to `maxBytes` and put on the body (`body.file`) as an `UploadedFile`, the rest dropped and
 * marked truncated, so the route can answer "too large" rather than an error.
 */
export function oneFileUpload(maxBytes: number) {
  return {
    attachFieldsToBody: 'keyValues' as const,
    limits: { fileSize: maxBytes + 1, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
    throwFileSizeLimit: false,
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      }
      const file: UploadedFile = {
        filename: part.filename,
        mimetype: part.mimetype,
        data: Buffer.concat(chunks),
        truncated: part.file.truncated || size > maxBytes,
      };
      (part as unknown as { value: UploadedFile }).value = file;
    },
  };
}

/** The file of an upload form's body, if one was chosen. */
export function uploadedFile(body: unknown): UploadedFile | null {
  const file = (body as Record<string, unknown> | undefined)?.file as UploadedFile | undefined;
  return file && typeof file === 'object' && file.filename ? file : null;
}

/** UTF-8 (with or without BOM); text that is not valid UTF-8 is read as Windows-1252. */
export function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}
