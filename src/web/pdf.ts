import { existsSync } from 'node:fs';

export class PdfUnavailableError extends Error {}

/**
 * Prints an HTML document to a tagged PDF (with title, language and outline) in Debian's
 * Chromium, driven by playwright-core. Chromium is the configured one (CHROMIUM_PATH, by default
 * /usr/bin/chromium).
 */
export async function renderPdf(documentHtml: string, executablePath: string): Promise<Buffer> {
  if (!existsSync(executablePath)) {
    throw new PdfUnavailableError(
      `PDF kräver Chromium, som inte finns på ${executablePath}. Installera med "apt-get install -y chromium" eller ange CHROMIUM_PATH.`,
    );
  }
  // Loaded when a PDF is asked for: the driver takes about a second to load, not worth paying at start.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    // Nothing outside the document is fetched: the report must not depend on the network.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(documentHtml, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      // Every page is numbered "n / total" at its foot.
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:9pt;width:100%;text-align:center;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' },
    });
  } finally {
    await browser.close();
  }
}
