// Cached public pages under load (autocannon, in this process) against the same bytes served
// as files by a static server; both servers run in processes of their own.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { startStatic, stop } from './servers.mjs';

function cannon(url, seconds, connections) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, pipelining: 1 }, (err, result) => {
      if (err) reject(err);
      else if (result.non2xx > 0)
        reject(new Error(`${url}: ${result.non2xx} answers were not 2xx`));
      else
        resolve({ rps: result.requests.average, p99: result.latency.p99, errors: result.errors });
    });
  });
}

/** Finds a goal-area page and an initiative page by following the portal's own links. */
export async function portalPages(base) {
  const home = await (await fetch(`${base}/`)).text();
  const area = /href="(\/malomraden\/[a-z0-9-]+)"/.exec(home)?.[1];
  const list = await (await fetch(`${base}/insatser`)).text();
  const initiative = /href="(\/insatser\/\d+)"/.exec(list)?.[1];
  if (!area || !initiative) throw new Error('could not find a goal-area or an initiative link');
  return ['/', area, initiative, `/insatser?q=${encodeURIComponent('företag')}`];
}

export async function benchPages(base, paths, workDir, { seconds, connections }) {
  const www = path.join(workDir, 'www');
  await mkdir(www, { recursive: true });
  for (const [i, p] of paths.entries()) {
    const res = await fetch(`${base}${p}`);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    await writeFile(path.join(www, `p${i}.html`), Buffer.from(await res.arrayBuffer()));
  }
  const staticServer = await startStatic(www);
  const results = [];
  try {
    for (const [i, p] of paths.entries()) {
      await cannon(`${base}${p}`, 1, connections); // warm up: render once, JIT
      await cannon(`${staticServer.base}/p${i}.html`, 1, connections);
      const app = await cannon(`${base}${p}`, seconds, connections);
      const ref = await cannon(`${staticServer.base}/p${i}.html`, seconds, connections);
      results.push({ path: p, app, static: ref });
    }
  } finally {
    await stop(staticServer.child);
  }
  return { staticServer: staticServer.name, results };
}
