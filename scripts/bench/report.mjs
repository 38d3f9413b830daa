// The annual follow-up report on the demo data: time to generate its HTML document (read the
// year's data and render) and to print it to PDF in Chromium (issue 6).
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../dist/config.js';
import { migrateDatabase, openDatabase } from '../../dist/db/client.js';
import { context, systemActor } from '../../dist/domain/context.js';
import { buildAnnualReport } from '../../dist/domain/evaluation/annualReport.js';
import { seedDemo } from '../../dist/seed/seedDemo.js';
import { seedReference } from '../../dist/seed/seedReference.js';
import { PdfUnavailableError, renderPdf } from '../../dist/web/pdf.js';
import { reportDocument } from '../../dist/web/reportDocument.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchReport(dataDir, log, { year = 2025, rounds = 5, pdfRounds = 3 } = {}) {
  const database = await openDatabase(loadConfig({ RIKTNING_DATA_DIR: dataDir }).database);
  try {
    await migrateDatabase(database);
    const ctx = context(database.db, systemActor('bench'));
    await seedReference(ctx);
    await seedDemo(ctx);
    log(`annual report ${year} on the demo data: HTML ×${rounds}, PDF ×${pdfRounds} …`);
    const htmlMs = [];
    let doc = '';
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      doc = await reportDocument('sv', await buildAnnualReport(database.db, year), '');
      htmlMs.push(performance.now() - started);
    }
    const pdfMs = [];
    let pdfBytes = null;
    let pdfNote = null;
    for (let i = 0; i < pdfRounds && !pdfNote; i++) {
      const started = performance.now();
      try {
        pdfBytes = (await renderPdf(doc)).length;
        pdfMs.push(performance.now() - started);
      } catch (err) {
        if (!(err instanceof PdfUnavailableError)) throw err;
        pdfNote = err.message;
      }
    }
    const out = {
      year,
      htmlMedianMs: median(htmlMs),
      htmlBytes: Buffer.byteLength(doc),
      pdfMedianMs: pdfMs.length ? median(pdfMs) : null,
      pdfBytes,
      pdfNote,
    };
    console.log(
      `annual report ${year}: HTML ${out.htmlMedianMs.toFixed(0)} ms (median of ${rounds}, ${out.htmlBytes} bytes); ` +
        (out.pdfMedianMs === null
          ? `PDF not measured: ${pdfNote}`
          : `PDF ${out.pdfMedianMs.toFixed(0)} ms (median of ${pdfMs.length}, ${pdfBytes} bytes, Chromium start included)`),
    );
    return out;
  } finally {
    await database.close();
  }
}
