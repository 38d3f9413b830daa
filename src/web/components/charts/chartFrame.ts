import { html, type SafeHtml } from '../../html.js';

export interface ChartTable {
  caption: string;
  head: string[];
  /** Cells are text, or markup for a link (a place name linking to its page). */
  rows: (string | number | SafeHtml)[][];
}

/** Where a chart shows the same figures as another chart's table: a link to that table. */
export interface SharedTable {
  sameAs: { href: string; label: string };
}

export interface ChartFrameParams {
  /** A unique id prefix for the title and description. */
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two. */
  desc: string;
  width: number;
  height: number;
  content: SafeHtml;
  /** The data table, or a link to the table of another chart with the same figures. */
  table: ChartTable | SharedTable;
  csv: { href: string; label: string };
  /** The same data as a spreadsheet, linked beside the CSV. */
  xlsx?: { href: string; label: string };
  className?: string;
}

/** A number rounded for a chart coordinate; never NaN in the markup. */
export const coord = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '0');

/**
 * Every chart: an SVG image with title and desc, the data table behind it and a CSV download
 * (and an XLSX download when given).
 */
export function chartFrame(p: ChartFrameParams): SafeHtml {
  const titleId = `${p.id}-title`;
  const descId = `${p.id}-desc`;
  return html`<figure class="chart ${p.className ?? ''}">
    <figcaption>${p.title}</figcaption>
    <svg
      class="chart-svg"
      viewBox="0 0 ${p.width} ${p.height}"
      role="img"
      aria-labelledby="${titleId} ${descId}"
    >
      <title id="${titleId}">${p.title}</title>
      <desc id="${descId}">${p.desc}</desc>
      ${p.content}
    </svg>
    ${'sameAs' in p.table ? html`<p class="chart-table-link"><a href="${p.table.sameAs.href}">${p.table.sameAs.label}</a></p>` : dataTable(`${p.id}-table`, p.table)}
    <p class="chart-download">
      <a href="${p.csv.href}" download>${p.csv.label}</a>${
        p.xlsx ? html` · <a href="${p.xlsx.href}" download>${p.xlsx.label}</a>` : ''
      }
    </p>
  </figure>`;
}

function dataTable(id: string, table: ChartTable): SafeHtml {
  return html`<div class="chart-table" id="${id}">
      <table>
        <caption>
          ${table.caption}
        </caption>
        <thead>
          <tr>
            ${table.head.map((h, i) => html`<th scope="col"${i > 0 ? html` class="num"` : ''}>${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${table.rows.map(
            (r) =>
              html`<tr>
                ${r.map((c, i) =>
                  i === 0 ? html`<th scope="row">${c}</th>` : html`<td class="num">${c}</td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}
