// The fallback static server when nginx is absent: every file of a directory held in memory and
// sent as it is, with a length and an ETag. Usage: node staticServer.mjs <dir> <port>
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const [dir, port] = process.argv.slice(2);
const files = new Map();
for (const name of readdirSync(dir)) {
  const body = readFileSync(path.join(dir, name));
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  files.set(`/${name}`, { body, etag });
}
const server = createServer((req, res) => {
  const file = files.get(req.url);
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': file.body.length,
    etag: file.etag,
  });
  res.end(file.body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1');
