import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { goals, organisations } from '../../src/db/schema/index.js';
import { context, systemActor } from '../../src/domain/context.js';
import { MAX_DOCUMENT_BYTES } from '../../src/domain/evaluation/evaluationDocuments.js';
import { recordEvaluation } from '../../src/domain/evaluation/recordEvaluation.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { CSRF, makeUser, signIn } from '../../src/web/auth/testSupport.js';

/** Upload type and size checks on the evaluation documents (multipart), with hostile files. */
let database: Database;
let app: FastifyInstance;
let evaluationId: number;
const session: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const system = context(database.db, systemActor('test'));
  const [goal] = await database.db.select({ id: goals.id }).from(goals).limit(1);
  // Recorded as published, so its documents are public at /dokument/:id.
  const r = await recordEvaluation(system, {
    subjectType: 'goal',
    subjectId: goal!.id,
    title: 'Utvärdering för uppladdningsprov',
    method: 'Dokumentstudie och intervjuer',
    evaluator: 'Extern utvärderare',
    findings: 'Insatserna bidrar till målet enligt plan.',
    evaluatedOn: '2026-03-01',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  evaluationId = r.value.id;
  const [org] = await database.db.select({ id: organisations.id }).from(organisations).limit(1);
  await makeUser(database.db, 'ladda.admin@example.se', 'admin');
  await makeUser(database.db, 'ladda.aktor@example.se', 'aktor', org ? [org.id] : []);
  session.admin = (await signIn(app, 'ladda.admin@example.se')).session!;
  session.aktor = (await signIn(app, 'ladda.aktor@example.se')).session!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const BOUNDARY = '----riktningprov';
function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; content: Buffer } | null,
): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

const upload = (
  who: 'admin' | 'aktor',
  file: { name: string; type: string; content: Buffer } | null,
  fields: Record<string, string> = { _csrf: CSRF, documentTitle: 'Slutrapport' },
) =>
  app.inject({
    method: 'POST',
    url: `/admin/utvarderingar/${evaluationId}/dokument`,
    headers: {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      cookie: `riktning_csrf=${CSRF}; riktning_session=${session[who]}`,
    },
    payload: multipart(fields, file),
  });

const pdf = (extra = '') => Buffer.from(`%PDF-1.7\n% prov\n${extra}\n%%EOF\n`, 'latin1');

describe('evaluation document uploads', () => {
  it('refuses a file that is not a PDF, by declared type or by content, next to the field', async () => {
    for (const file of [
      { name: 'rapport.txt', type: 'text/plain', content: Buffer.from('bara text') },
      {
        name: 'rapport.pdf',
        type: 'application/pdf',
        content: Buffer.from('<html><script>alert(1)</script>'),
      },
      { name: 'rapport.html', type: 'text/html', content: pdf('<script>alert(1)</script>') },
      { name: 'rapport.pdf', type: 'application/pdf', content: Buffer.alloc(0) },
    ]) {
      const res = await upload('admin', file);
      expect(res.statusCode, file.name).toBe(400);
      expect(res.body).toMatch(/id="file-error"|field-error/);
      expect(res.body).not.toContain('<script>alert(1)</script>');
    }
  });

  it('refuses a file over 20 MB with a clear message, without storing it', async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(MAX_DOCUMENT_BYTES + 1024, 0x20)]);
    const res = await upload('admin', { name: 'stor.pdf', type: 'application/pdf', content: big });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('20 MB');
  }, 120_000);

  it('refuses an upload without the CSRF token, and from someone who may not manage evaluations', async () => {
    const file = { name: 'rapport.pdf', type: 'application/pdf', content: pdf() };
    expect((await upload('admin', file, { documentTitle: 'Utan token' })).statusCode).toBe(403);
    expect((await upload('aktor', file)).statusCode).toBe(403);
  });

  it('answers a body that is not multipart with the form page and 415, in either language', async () => {
    for (const [lang, message] of [
      ['sv', 'Filen kom inte fram'],
      ['en', 'The file did not arrive'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: `/admin/utvarderingar/${evaluationId}/dokument`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `riktning_csrf=${CSRF}; riktning_session=${session.admin}; riktning_sprak=${lang}`,
        },
        payload: `_csrf=${CSRF}&documentTitle=Slutrapport`,
      });
      expect(res.statusCode, lang).toBe(415);
      expect(res.body, lang).toContain(message);
    }
  });

  it('refuses someone who may not manage evaluations before reading the body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/admin/utvarderingar/${evaluationId}/dokument`,
      headers: {
        'content-type': 'application/json',
        cookie: `riktning_csrf=${CSRF}; riktning_session=${session.aktor}`,
      },
      payload: '{"not": "read"',
    });
    expect(res.statusCode).toBe(403);
  });

  it('stores a PDF under a cleaned name and serves it only as an inert attachment', async () => {
    const res = await upload('admin', {
      name: '..\\..\\etc\\passwd\r\nX-Injected: 1<script>.pdf',
      type: 'application/pdf',
      content: pdf('<script>alert(1)</script>'),
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const page = await app.inject({
      url: `/admin/utvarderingar/${evaluationId}`,
      headers: { cookie: `riktning_session=${session.admin}` },
    });
    const id = /\/dokument\/(\d+)/.exec(page.body)?.[1];
    expect(id, 'a link to the stored document').toBeDefined();
    const doc = await app.inject({ url: `/dokument/${id}` });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(String(doc.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(String(doc.headers['content-disposition'])).not.toMatch(/[\r\n]|passwd\\|\.\.\\/);
    expect(doc.headers['x-injected']).toBeUndefined();
    expect(doc.headers['x-content-type-options']).toBe('nosniff');
    expect(String(doc.headers['content-security-policy'])).toContain('sandbox');
  });
});
