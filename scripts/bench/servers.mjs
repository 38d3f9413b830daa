// Child processes for the bench: the Riktning server, and the static server it is compared with.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, child, timeoutMs) {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer in time`);
    await sleep(10);
  }
}

/** Starts `node bin/riktning.js serve` and returns ms from spawn to the first 200 on `/`. */
export async function startRiktning(env) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/riktning.js'), 'serve'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/`, child, 600_000);
  return { child, base, firstPageMs: performance.now() - t0 };
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Peak resident set size (VmHWM) of a Linux process, in MiB; null elsewhere. */
export async function peakRssMiB(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return kb ? kb / 1024 : null;
  } catch {
    return null;
  }
}

const nginxBinary = () =>
  ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/**
 * Serves the files of `dir` with nginx when it is installed, else with a minimal node:http
 * static server in a child process (files read once into memory). Says which one it used.
 */
export async function startStatic(dir) {
  const port = await freePort();
  const nginx = nginxBinary();
  if (nginx) {
    const conf = path.join(dir, '..', 'nginx.conf');
    await writeFile(
      conf,
      `worker_processes auto;
daemon off;
user root;
pid ${path.join(dir, '..', 'nginx.pid')};
error_log ${path.join(dir, '..', 'nginx-error.log')};
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${path.join(dir, '..')};
  proxy_temp_path ${path.join(dir, '..')};
  fastcgi_temp_path ${path.join(dir, '..')};
  uwsgi_temp_path ${path.join(dir, '..')};
  scgi_temp_path ${path.join(dir, '..')};
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:${port};
    root ${dir};
    default_type text/html;
    etag on;
  }
}
`,
    );
    const version = spawnSync(nginx, ['-v'], { encoding: 'utf8' }).stderr.trim();
    const child = spawn(nginx, ['-c', conf, '-e', path.join(dir, '..', 'nginx-error.log')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(`http://127.0.0.1:${port}/p0.html`, child, 10_000);
    return {
      child,
      base: `http://127.0.0.1:${port}`,
      name: version.replace('nginx version: ', ''),
    };
  }
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./staticServer.mjs', import.meta.url)), dir, String(port)],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitFor(`http://127.0.0.1:${port}/p0.html`, child, 10_000);
  return { child, base: `http://127.0.0.1:${port}`, name: `node:http static (${process.version})` };
}
