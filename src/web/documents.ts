import type { FastifyReply, FastifyRequest } from 'fastify';
import { issue, type Issue } from '../domain/result.js';

/** A file read from a multipart form, with the form's other fields. */
export interface UploadedForm {
  fields: Record<string, string>;
  file: { filename: string; contentType: string; content: Buffer } | null;
  /** The file was larger than the multipart limit and arrived cut at it. */
  tooBig: boolean;
}

/**
 * Reads a multipart form with at most one file (the scope registers @fastify/multipart with
 * its limits). The fields become `req.body`, so the CSRF check that follows reads them as it
 * does for plain forms.
 */
export async function readUploadForm(req: FastifyRequest): Promise<UploadedForm> {
  const form: UploadedForm = { fields: {}, file: null, tooBig: false };
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      form.fields[part.fieldname] = typeof part.value === 'string' ? part.value : '';
    } else {
      const content = await part.toBuffer();
      // A file past the limit arrives cut at it, marked truncated.
      form.tooBig = part.file.truncated;
      form.file = { filename: part.filename, contentType: part.mimetype, content };
    }
  }
  req.body = form.fields;
  return form;
}

/** The message beside the file field when a file is over the 20 MB limit. */
export function fileTooBigIssue(): Issue {
  return issue('file', 'Filen är större än 20 MB. Komprimera den eller dela upp den.', 'too_big');
}

/**
 * The message beside the file field when a form arrives without its file: the request was not
 * multipart/form-data (sent by something other than the page's form).
 */
export function notMultipartIssue(locale: 'sv' | 'en' = 'sv'): Issue {
  return issue(
    'file',
    locale === 'en'
      ? 'The file did not arrive: send it with the form on this page (as multipart/form-data).'
      : 'Filen kom inte fram: skicka den med formuläret på den här sidan (som multipart/form-data).',
    'not_multipart',
  );
}

/**
 * Sends a stored document as a download: its own type, a safe file name (ASCII fallback plus
 * the UTF-8 name), never sniffed, sandboxed if a browser opens it anyway.
 */
export function sendDocument(
  reply: FastifyReply,
  doc: { filename: string; contentType: string; sha256: string; content: Buffer },
) {
  const ascii = doc.filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return reply
    .type(doc.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'public, max-age=300')
    .header('etag', `"${doc.sha256}"`)
    .send(doc.content);
}
