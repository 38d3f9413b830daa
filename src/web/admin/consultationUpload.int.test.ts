import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { consultationResponses, documents } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import {
  createConsultation,
  setConsultationOpen,
} from '../../domain/consultation/consultations.js';
import { inviteOrganisations } from '../../domain/consultation/invitations.js';
import { swedishDate } from '../../domain/consultation/policies.js';
import { startDraftStrategy } from '../../domain/drafting/startDraftStrategy.js';
import { currentStrategy } from '../../domain/strategy/queries.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';

let database: Database;
let app: FastifyInstance;
let origin: string;
const session: Record<'kalmar' | 'nybro' | 'analyst', string | null> = {
  kalmar: null,
  nybro: null,
  analyst: null,
};
let attachmentUrl: string;

const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));
const boundary = '----riktning-bilaga';
const multipartHead = [
  `--${boundary}`,
  'Content-Disposition: form-data; name="_csrf"',
  '',
  CSRF,
  `--${boundary}`,
  'Content-Disposition: form-data; name="file"; filename="remissvar.pdf"',
  'Content-Type: application/pdf',
  '',
  '',
].join('\r\n');
const multipart = (content: string) => `${multipartHead}${content}\r\n--${boundary}--\r\n`;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const system = context(database.db, systemActor('test'));
  const draft = await startDraftStrategy(system, {
    fromStrategyId: (await currentStrategy(database.db)).id,
    slug: 'rus-2040-bilaga',
    nameSv: 'Regional utvecklingsstrategi 2040',
    nameEn: 'Regional development strategy 2040',
    periodStart: 2027,
    periodEnd: 2040,
  });
  if (!draft.ok) throw new Error('draft');
  const k = await createOrganisation(system, { slug: 'kalmar-b', name: 'Kalmar', kind: 'kommun' });
  const n = await createOrganisation(system, { slug: 'nybro-b', name: 'Nybro', kind: 'kommun' });
  if (!k.ok || !n.ok) throw new Error('organisations');
  const c = await createConsultation(system, {
    strategyId: draft.value.id,
    titleSv: 'Samråd om bilagor',
    introductionSv: 'Vi vill veta vad ni tycker om utkastet.',
    opensOn: day(1),
    closesOn: day(30),
  });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const invited = await inviteOrganisations(system, {
    consultationId: c.value.id,
    organisationIds: [k.value.id, n.value.id],
  });
  if (!invited.ok) throw new Error(JSON.stringify(invited.issues));
  await setConsultationOpen(system, { id: c.value.id, open: true });
  await makeUser(database.db, 'kalmar@example.se', 'aktor', [k.value.id]);
  await makeUser(database.db, 'nybro@example.se', 'aktor', [n.value.id]);
  await makeUser(database.db, 'analytiker@example.se', 'analytiker', [k.value.id]);
  session.kalmar = (await signIn(app, 'kalmar@example.se')).session;
  session.nybro = (await signIn(app, 'nybro@example.se')).session;
  session.analyst = (await signIn(app, 'analytiker@example.se')).session;
  attachmentUrl = `/admin/samrad/${c.value.id}/svar/${k.value.id}/bilaga`;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const documentCount = async () => (await database.db.select().from(documents)).length;

/**
 * Sends the start of a large multipart upload over a real connection and never the rest; the
 * answer is the status the server gives before reading the body, or 'no answer' if it waits.
 */
function answerBeforeBody(who: keyof typeof session): Promise<number | 'no answer'> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${attachmentUrl}`, {
      method: 'POST',
      headers: {
        ...as(session[who]),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(10 * 1024 * 1024),
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('no answer');
    }, 3000);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.write(`${multipartHead}%PDF-1.4\n${'x'.repeat(64 * 1024)}`);
  });
}

describe('the attachment of a consultation response', () => {
  it('refuses someone outside the organisation before the file is read', async () => {
    expect(await answerBeforeBody('nybro')).toBe(403);
    expect(await answerBeforeBody('analyst')).toBe(403);
    const refused = await app.inject({
      method: 'POST',
      url: attachmentUrl,
      headers: {
        ...as(session.nybro),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: multipart('%PDF-1.4\n%%EOF'),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Bara medlemmar i den inbjudna organisationen');
    expect(await documentCount()).toBe(0);
    expect(await database.db.select().from(consultationResponses)).toEqual([]);
  });

  it('answers a request that is not multipart with a page that says how to send the file', async () => {
    const plainForm = await app.inject({
      method: 'POST',
      url: attachmentUrl,
      headers: { ...as(session.kalmar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: CSRF, file: 'remissvar.pdf' }),
    });
    expect(plainForm.statusCode).toBe(415);
    expect(plainForm.headers['content-type']).toMatch(/^text\/html/);
    expect(plainForm.body).toContain('id="file-error"');
    expect(plainForm.body).toContain('skicka den med formuläret på den här sidan');
    for (const type of ['application/octet-stream', 'text/plain', 'application/json']) {
      const other = await app.inject({
        method: 'POST',
        url: attachmentUrl,
        headers: { ...as(session.kalmar), 'content-type': type },
        payload: type === 'application/json' ? '{"file":1}' : '%PDF-1.4\n%%EOF',
      });
      expect(other.statusCode, type).toBe(415);
      expect(other.body, type).toContain('id="file-error"');
    }
    const none = await app.inject({
      method: 'POST',
      url: attachmentUrl,
      headers: as(session.kalmar),
    });
    expect(none.statusCode).toBe(415);
    const english = await app.inject({
      method: 'POST',
      url: attachmentUrl,
      headers: {
        cookie: `${as(session.kalmar).cookie}; riktning_sprak=en`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form({ _csrf: CSRF }),
    });
    expect(english.statusCode).toBe(415);
    expect(english.body).toContain('send it with the form on this page');
    // Outside the organisation it is still a refusal, whatever the body.
    const outsider = await app.inject({
      method: 'POST',
      url: attachmentUrl,
      headers: { ...as(session.nybro), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: CSRF }),
    });
    expect(outsider.statusCode).toBe(403);
    expect(await documentCount()).toBe(0);
  });

  it('still takes the file from a member, with the CSRF check', async () => {
    const noCsrf = await app.inject({
      method: 'POST',
      url: attachmentUrl,
      headers: {
        cookie: as(session.kalmar).cookie.replace(CSRF, 'another-token-0123456789abcdef0000'),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: multipart('%PDF-1.4\n%%EOF'),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await documentCount()).toBe(0);
    const sent = await app.inject({
      method: 'POST',
      url: attachmentUrl,
      headers: {
        ...as(session.kalmar),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: multipart('%PDF-1.4\n%%EOF'),
    });
    expect(sent.statusCode).toBe(303);
    expect(await documentCount()).toBe(1);
    const [response] = await database.db
      .select()
      .from(consultationResponses)
      .where(eq(consultationResponses.status, 'utkast'));
    expect(response?.attachmentDocumentId).not.toBeNull();
  });
});
