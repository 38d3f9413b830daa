/**
 * Bounds on what a statistics source may send: the body is read chunk by chunk and the read
 * stops as soon as it passes the limit (a Content-Length above it is refused before reading),
 * and JSON is checked for its nesting depth before it is parsed, so neither a huge nor a
 * deeply nested answer can exhaust memory or the stack of the code that walks it.
 */

/** The largest answer read from a source: Kolada pages and SCB tables are a few MB at most. */
export const MAX_SOURCE_RESPONSE_BYTES = 50 * 1024 * 1024;
/** Deeper than any Kolada or JSON-stat document (they nest five or six levels). */
export const MAX_SOURCE_JSON_DEPTH = 64;

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The response is larger than ${maxBytes} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

export class JsonTooDeepError extends Error {
  constructor(readonly maxDepth: number) {
    super(`The JSON nests deeper than ${maxDepth} levels.`);
    this.name = 'JsonTooDeepError';
  }
}

/** The body as UTF-8 text, read at most to `maxBytes`; beyond it the stream is cancelled. */
export async function readBodyWithin(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The deepest nesting of arrays and objects in JSON text, stopping once past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** JSON.parse, refusing text that nests deeper than `maxDepth`. */
export function parseJsonWithin(text: string, maxDepth: number): unknown {
  if (jsonDepthExceeds(text, maxDepth)) throw new JsonTooDeepError(maxDepth);
  return JSON.parse(text) as unknown;
}
