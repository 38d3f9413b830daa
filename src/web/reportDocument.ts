import { readFile } from 'node:fs/promises';
import type { AnnualReportData } from '../domain/evaluation/annualReport.js';
import type { Locale } from './i18n/index.js';
import { annualReportDocument } from './public/annualReportView.js';

let css: string | undefined;

/**
 * The standalone report document, for print and PDF. For the PDF the stylesheet is inlined (the
 * printer fetches nothing); served on the web it is linked, as the CSP allows no inline style.
 */
export async function reportDocument(
  locale: Locale,
  data: AnnualReportData,
  baseUrl: string,
  options: { inlineCss: boolean } = { inlineCss: true },
): Promise<string> {
  if (!options.inlineCss) return annualReportDocument(locale, data, null, baseUrl);
  return annualReportDocument(locale, data, await stylesheet(), baseUrl);
}

/** The portal's stylesheet, read once, to inline in a document printed to PDF. */
export async function stylesheet(): Promise<string> {
  css ??= await readFile(new URL('../../src/web/static/app.css', import.meta.url), 'utf8');
  return css;
}
