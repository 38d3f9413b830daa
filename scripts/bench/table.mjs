// The bench's table: every figure beside its reference and its target.
const f0 = (x) => (x == null ? '–' : Math.round(x).toLocaleString('en-US'));
const f1 = (x) => (x == null ? '–' : x.toFixed(1));
const mark = (ok) => (ok == null ? '' : ok ? 'ok' : 'MISSED');

export function printTable(out) {
  const rows = [];
  const add = (figure, value, reference, target, ok) =>
    rows.push([figure, value, reference, target, mark(ok)]);
  add('first start → first page', `${f0(out.firstStartMs)} ms`, '', '(none)', null);
  add('restart → first page', `${f0(out.restartMs)} ms`, '', '≤ 2000 ms', out.restartMs <= 2000);
  for (const p of out.pages.results) {
    const ratio = p.app.rps / p.static.rps;
    add(
      `GET ${p.path} req/s`,
      f0(p.app.rps),
      `${f0(p.static.rps)} static`,
      `≥ 0.5× (${ratio.toFixed(2)}×)`,
      ratio >= 0.5,
    );
    add(
      `GET ${p.path} p99`,
      `${f1(p.app.p99)} ms`,
      `${f1(p.static.p99)} ms static`,
      '≤ 20 ms',
      p.app.p99 <= 20,
    );
  }
  add('server peak RSS (VmHWM)', `${f0(out.serverPeakRssMiB)} MiB`, '', '(none)', null);
  const s = out.search;
  const target = out.searchBackend === 'postgres' ? 50 : 100;
  add(
    `search p50 (${f0(out.syntheticLoad.n)}, ${out.searchBackend})`,
    `${f1(s.p50)} ms`,
    `${s.samples} samples`,
    '',
    null,
  );
  add(
    `search p95 (${f0(out.syntheticLoad.n)}, ${out.searchBackend})`,
    `${f1(s.p95)} ms`,
    '',
    `≤ ${target} ms`,
    s.p95 <= target,
  );
  if (out.syntheticLoad.loaded)
    add(
      'synthetic load',
      `${f0(out.syntheticLoad.perSecond)} initiatives/s`,
      `${f0(out.syntheticLoad.loaded)} in ${f1(out.syntheticLoad.ms / 1000)} s`,
      '',
      null,
    );
  const ir = out.import.writerPerSecond / out.import.rawPerSecond;
  add(
    `observation import (${f0(out.import.rows)} rows)`,
    `${f0(out.import.writerPerSecond)} rows/s`,
    `${f0(out.import.rawPerSecond)} raw INSERT`,
    `≥ 0.5× (${ir.toFixed(2)}×)`,
    ir >= 0.5,
  );
  if (out.report) {
    add(
      `annual report ${out.report.year} HTML`,
      `${f0(out.report.htmlMedianMs)} ms`,
      '',
      '(none)',
      null,
    );
    add(
      `annual report ${out.report.year} PDF`,
      out.report.pdfMedianMs == null ? 'no Chromium' : `${f0(out.report.pdfMedianMs)} ms`,
      out.report.pdfMedianMs == null ? '' : 'Chromium start included',
      '(none)',
      null,
    );
  }

  const head = ['figure', 'measured', 'reference', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(
    `\nRiktning bench – ${out.machine.cores} cores (${out.machine.cpu}), Node ${out.machine.node}`,
  );
  console.log(
    `static reference: ${out.pages.staticServer}; search on ${out.searchBackend} at N = ${out.syntheticLoad.n}; ${out.settings.connections} connections × ${out.settings.seconds} s per page\n`,
  );
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log('\nper search query (p50 ms, matches):');
  for (const q of s.perQuery)
    console.log(
      `  ${f1(q.p50).padStart(7)}  ${String(q.total).padStart(8)}  ${q.query || '(no query)'}`,
    );
}
