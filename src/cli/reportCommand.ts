import { writeFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import type { Database } from '../db/client.js';
import { buildAnnualReport } from '../domain/evaluation/annualReport.js';
import {
  publishFollowUpReport,
  publishedReport,
} from '../domain/evaluation/publishFollowUpReport.js';
import { context, systemActor } from '../domain/context.js';
import { renderPdf } from '../web/pdf.js';
import { loadConfig } from '../config.js';
import { reportDocument } from '../web/reportDocument.js';

export const reportUsage = `riktning report <år> [--pdf <fil>] [--html <fil>] [--publish] [--lang sv|en] [--base-url <url>]

Sammanställer "Regionala utvecklingsåret <år>" ur data. Utan --publish är det en förhandsvisning.
Med --publish fryses rapporten som en ögonblicksbild som aldrig ändras; en publicerad rapport
skrivs därefter ut från ögonblicksbilden. --pdf skriver en taggad PDF (kräver Debians chromium).`;

export const reportOptions: NonNullable<ParseArgsConfig['options']> = {
  help: { type: 'boolean', short: 'h' },
  pdf: { type: 'string' },
  html: { type: 'string' },
  publish: { type: 'boolean' },
  lang: { type: 'string' },
  'base-url': { type: 'string' },
  introduction: { type: 'string' },
};

export class ReportUsageError extends Error {}

export async function runReport(
  database: Database,
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
): Promise<void> {
  const year = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new ReportUsageError('Ange ett år, till exempel: riktning report 2025');
  }
  const locale = values.lang === 'en' ? 'en' : 'sv';
  if (values.lang !== undefined && values.lang !== 'sv' && values.lang !== 'en') {
    throw new ReportUsageError('--lang ska vara sv eller en.');
  }
  const baseUrl =
    typeof values['base-url'] === 'string' ? values['base-url'].replace(/\/+$/, '') : '';
  const ctx = context(database.db, systemActor('cli'));
  if (values.publish) {
    await publishFollowUpReport(ctx, {
      year,
      ...(typeof values.introduction === 'string' ? { introduction: values.introduction } : {}),
    });
    console.log(`Rapporten för ${year} är publicerad och fryst.`);
  }
  const data = await publishedReport(database.db, year)
    .then((r) => r.data)
    .catch(() => buildAnnualReport(database.db, year));
  console.log(
    `Regionala utvecklingsåret ${year}: ${data.totals.started} nya, ${data.totals.finished} avslutade, ${data.totals.active} pågående insatser.`,
  );
  const doc = await reportDocument(locale, data, baseUrl);
  if (typeof values.html === 'string') {
    await writeFile(values.html, doc);
    console.log(`HTML skriven till ${values.html}.`);
  }
  if (typeof values.pdf === 'string') {
    const started = Date.now();
    await writeFile(values.pdf, await renderPdf(doc, loadConfig().chromiumPath));
    console.log(`PDF skriven till ${values.pdf} (${Date.now() - started} ms).`);
  }
}
