import { describe, expect, it } from 'vitest';
import { checkPdf, cleanFilename, MAX_DOCUMENT_BYTES } from './evaluationDocuments.js';

const pdf = Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1');
const codes = (file: { contentType: string; content: Buffer }) => checkPdf(file).map((i) => i.code);

describe('checkPdf', () => {
  it('accepts a PDF by declared type and magic bytes', () => {
    expect(codes({ contentType: 'application/pdf', content: pdf })).toEqual([]);
    expect(codes({ contentType: 'Application/PDF; charset=binary', content: pdf })).toEqual([]);
  });

  it('refuses an empty file, a file past 20 MB, a wrong type and wrong contents', () => {
    expect(codes({ contentType: 'application/pdf', content: Buffer.alloc(0) })).toEqual([
      'missing',
    ]);
    const big = Buffer.concat([pdf, Buffer.alloc(MAX_DOCUMENT_BYTES)]);
    expect(codes({ contentType: 'application/pdf', content: big })).toEqual(['too_big']);
    expect(codes({ contentType: 'text/html', content: pdf })).toEqual(['not_pdf']);
    expect(codes({ contentType: 'application/pdf', content: Buffer.from('<html>%PDF-') })).toEqual([
      'not_pdf',
    ]);
  });
});

describe('cleanFilename', () => {
  it('keeps the base name without control characters or quotes', () => {
    expect(cleanFilename('C:\\Users\\a\\rapport "slut".pdf')).toBe('rapport slut.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b\u001fc.pdf')).toBe('abc.pdf');
    expect(cleanFilename('')).toBe('dokument.pdf');
  });
});
