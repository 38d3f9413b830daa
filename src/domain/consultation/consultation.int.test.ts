import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import {
  auditEvents,
  consultationComments,
  consultationResponses,
  consultations,
} from '../../db/schema/index.js';
import { createTestDatabase, withRollback } from '../../test/database.js';
import { makeUser } from '../../web/auth/testSupport.js';
import { createOrganisation } from '../actors/createOrganisation.js';
import { hashToken } from '../actors/tokens.js';
import { context, systemActor, type Actor } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { startDraftStrategy } from '../drafting/startDraftStrategy.js';
import { currentStrategy } from '../strategy/queries.js';
import {
  answerFeedback,
  compilationData,
  publishCompilation,
  publishedCompilation,
} from './compilation.js';
import {
  commentsForModeration,
  COMMENT_LIMITS,
  hashIp,
  moderateComment,
  publishedComments,
  submitComment,
  verifyComment,
} from './comments.js';
import { createConsultation, setConsultationOpen } from './consultations.js';
import { inviteOrganisations } from './invitations.js';
import { listDialogueMeetings, recordDialogueMeeting } from './meetings.js';
import { effectiveStatus } from './policies.js';
import { draftOutline, invitationsFor, publicConsultation } from './queries.js';
import {
  attachResponseDocument,
  ownResponse,
  saveResponse,
  submitResponse,
  submittedResponses,
} from './responses.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Days of the test: planned before June, open in June, closed from July. */
const at = (iso: string) => () => new Date(`${iso}T10:00:00Z`);
const JUNE = at('2026-06-10');
const MAY = at('2026-05-20');
const JULY = at('2026-07-05');

async function setUp(db: Db) {
  const system = context(db, systemActor('test'), JUNE);
  const current = await currentStrategy(db);
  const draft = await startDraftStrategy(system, {
    fromStrategyId: current.id,
    slug: 'rus-2040-test',
    nameSv: 'Regional utvecklingsstrategi 2040',
    nameEn: 'Regional development strategy 2040',
    periodStart: 2027,
    periodEnd: 2040,
  });
  if (!draft.ok) throw new Error(JSON.stringify(draft.issues));
  const org = async (slug: string, name: string) => {
    const r = await createOrganisation(system, { slug, name, kind: 'kommun' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value.id;
  };
  const kalmar = await org('kalmar-kommun-t', 'Kalmar kommun');
  const nybro = await org('nybro-kommun-t', 'Nybro kommun');
  const editorId = await makeUser(db, 'redaktor@example.se', 'samordnare');
  const kalmarUser = await makeUser(db, 'kalmar@example.se', 'aktor', [kalmar]);
  const nybroUser = await makeUser(db, 'nybro@example.se', 'aktor', [nybro]);
  const user = (userId: number, role: 'samordnare' | 'aktor', orgs: number[]): Actor => ({
    kind: 'user',
    userId,
    role,
    organisationIds: orgs,
    label: `user:${userId}`,
  });
  const editor = user(editorId, 'samordnare', []);
  const kalmarMember = user(kalmarUser, 'aktor', [kalmar]);
  const nybroMember = user(nybroUser, 'aktor', [nybro]);
  const outline = await draftOutline(db, draft.value.id);
  const goalId = outline[0]!.goals[0]!.id;
  const created = await createConsultation(context(db, editor, MAY), {
    strategyId: draft.value.id,
    titleSv: 'Samråd om RUS 2040',
    titleEn: 'Consultation on the strategy 2040',
    introductionSv: 'Vi vill veta vad ni tycker om utkastet till ny strategi.',
    introductionEn: 'We want to know what you think of the draft strategy.',
    questions: [{ textSv: 'Saknas något mål?', textEn: 'Is a goal missing?' }],
    opensOn: '2026-06-01',
    closesOn: '2026-06-30',
  });
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  const id = created.value.id;
  return {
    id,
    draftId: draft.value.id,
    goalId,
    kalmar,
    nybro,
    editor,
    kalmarMember,
    nybroMember,
    as: (actor: Actor, now = JUNE) => context(db, actor, now),
  };
}

describe('consultations', () => {
  it('is planned on a draft only, by editors, with field errors for bad input', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setUp(db);
      const current = await currentStrategy(db);
      const bad = await createConsultation(s.as(s.editor), {
        strategyId: current.id,
        titleSv: 'Samråd',
        introductionSv: 'För kort',
        opensOn: '2026-06-30',
        closesOn: '2026-06-01',
      });
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.issues.map((i) => i.field).sort()).toEqual(['closesOn', 'introductionSv']);
      }
      const notDraft = await createConsultation(s.as(s.editor), {
        strategyId: current.id,
        titleSv: 'Samråd om den antagna',
        introductionSv: 'En inledning som är lång nog.',
        opensOn: '2026-06-01',
        closesOn: '2026-06-30',
      });
      expect(!notDraft.ok && notDraft.issues[0]!.code).toBe('not_draft');
      await expect(
        createConsultation(s.as(s.kalmarMember), {
          strategyId: s.draftId,
          titleSv: 'Samråd',
          introductionSv: 'En inledning som är lång nog.',
          opensOn: '2026-06-01',
          closesOn: '2026-06-30',
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const events = await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'consultation.created'));
      expect(events).toHaveLength(1);
    });
  });

  it('shows nothing of the draft publicly before it opens, by date or by hand', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setUp(db);
      await expect(publicConsultation(db, s.id, MAY())).rejects.toBeInstanceOf(NotFoundError);
      const opened = await publicConsultation(db, s.id, JUNE());
      expect(opened.status).toBe('oppen');
      expect(opened.outline.length).toBeGreaterThan(0);
      expect((await publicConsultation(db, s.id, JULY())).status).toBe('stangd');

      // Opened by hand in May: public from then on, and the first day moves to that day.
      await setConsultationOpen(s.as(s.editor, MAY), { id: s.id, open: true });
      expect((await publicConsultation(db, s.id, MAY())).status).toBe('oppen');
      await expect(
        setConsultationOpen(s.as(s.editor, MAY), { id: s.id, open: true }),
      ).rejects.toBeInstanceOf(ConflictError);
      await setConsultationOpen(s.as(s.editor, JUNE), { id: s.id, open: false });
      const [row] = await db.select().from(consultations).where(eq(consultations.id, s.id));
      expect(row!.status).toBe('stangd');
      expect(row!.closesOn).toBe('2026-06-09');
      expect(effectiveStatus(row!, JUNE())).toBe('stangd');
      await expect(
        setConsultationOpen(s.as(s.kalmarMember), { id: s.id, open: true }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  it('invites organisations once and lists their members to email', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setUp(db);
      const none = await inviteOrganisations(s.as(s.editor), {
        consultationId: s.id,
        organisationIds: [],
      });
      expect(!none.ok && none.issues[0]!.field).toBe('organisationIds');
      const r = await inviteOrganisations(s.as(s.editor), {
        consultationId: s.id,
        organisationIds: [s.kalmar, s.nybro],
      });
      expect(r.ok && r.value.recipients.map((x) => x.email).sort()).toEqual([
        'kalmar@example.se',
        'nybro@example.se',
      ]);
      const again = await inviteOrganisations(s.as(s.editor), {
        consultationId: s.id,
        organisationIds: [s.kalmar],
      });
      expect(again.ok && again.value.invited).toBe(0);
      const mine = await invitationsFor(db, s.kalmarMember, JUNE());
      expect(mine.map((i) => i.organisationName)).toEqual(['Kalmar kommun']);
      await expect(
        inviteOrganisations(s.as(s.kalmarMember), {
          consultationId: s.id,
          organisationIds: [s.kalmar],
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
});

describe('remissvar', () => {
  it('is written and read only by its organisation until submitted, then public and final', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setUp(db);
      await inviteOrganisations(s.as(s.editor), {
        consultationId: s.id,
        organisationIds: [s.kalmar],
      });
      const input = {
        consultationId: s.id,
        organisationId: s.kalmar,
        summary: 'Kalmar kommun ställer sig bakom utkastet.',
        items: [
          { goalId: s.goalId, body: 'Målet behöver ett tydligare mått.' },
          { questionKey: 'q1', body: 'Ett mål om vatten saknas.' },
        ],
      };
      // Another organisation, an editor and an uninvited organisation cannot write it.
      await expect(saveResponse(s.as(s.nybroMember), input)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(saveResponse(s.as(s.editor), input)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        saveResponse(s.as(s.nybroMember), { ...input, organisationId: s.nybro }),
      ).rejects.toBeInstanceOf(NotFoundError);

      const saved = await saveResponse(s.as(s.kalmarMember), input);
      expect(saved.ok).toBe(true);
      // The draft is private: not among the public responses, not for the editor, not for Nybro.
      expect(await submittedResponses(db, s.id)).toEqual([]);
      await expect(ownResponse(s.as(s.editor), s.id, s.kalmar)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(ownResponse(s.as(s.nybroMember), s.id, s.kalmar)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      // A read-only analyst of the organisation reads the draft but cannot change it.
      const analyst: Actor = { ...s.kalmarMember, role: 'analytiker' } as Actor;
      expect(await ownResponse(s.as(analyst), s.id, s.kalmar)).not.toBeNull();
      await expect(saveResponse(s.as(analyst), input)).rejects.toBeInstanceOf(ForbiddenError);
      const own = await ownResponse(s.as(s.kalmarMember), s.id, s.kalmar);
      expect(own!.items.map((i) => i.body)).toEqual([
        'Målet behöver ett tydligare mått.',
        'Ett mål om vatten saknas.',
      ]);

      // A save based on an old version is refused without losing anything.
      const stale = await saveResponse(s.as(s.kalmarMember), { ...input, version: 99 });
      expect(!stale.ok && stale.issues[0]!.code).toBe('stale');
      const unknownGoal = await saveResponse(s.as(s.kalmarMember), {
        ...input,
        items: [{ goalId: 2_000_000, body: 'x' }],
      });
      expect(!unknownGoal.ok && unknownGoal.issues[0]!.code).toBe('unknown_goal');

      const notPdf = await attachResponseDocument(s.as(s.kalmarMember), {
        consultationId: s.id,
        organisationId: s.kalmar,
        filename: 'svar.pdf',
        contentType: 'application/pdf',
        content: Buffer.from('<html>not a pdf</html>'),
      });
      expect(!notPdf.ok && notPdf.issues[0]!.code).toBe('not_pdf');
      const pdf = await attachResponseDocument(s.as(s.kalmarMember), {
        consultationId: s.id,
        organisationId: s.kalmar,
        filename: '../../svar från Kalmar.pdf',
        contentType: 'application/pdf',
        content: Buffer.from('%PDF-1.7\n%%EOF\n'),
      });
      expect(pdf.ok).toBe(true);

      const submitted = await submitResponse(s.as(s.kalmarMember), {
        consultationId: s.id,
        organisationId: s.kalmar,
      });
      expect(submitted.ok).toBe(true);
      const published = await submittedResponses(db, s.id);
      expect(published).toHaveLength(1);
      expect(published[0]!.attachment?.filename).toBe('svar från Kalmar.pdf');
      await expect(
        submitResponse(s.as(s.kalmarMember), { consultationId: s.id, organisationId: s.kalmar }),
      ).rejects.toBeInstanceOf(ConflictError);
      await expect(saveResponse(s.as(s.kalmarMember), input)).rejects.toBeInstanceOf(ConflictError);
    });
  });

  it('refuses an empty response, one before opening and one after the deadline', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setUp(db);
      await inviteOrganisations(s.as(s.editor), {
        consultationId: s.id,
        organisationIds: [s.kalmar, s.nybro],
      });
      const key = { consultationId: s.id, organisationId: s.kalmar };
      const empty = await submitResponse(s.as(s.kalmarMember), key);
      expect(!empty.ok && empty.issues[0]!.code).toBe('empty');
      await saveResponse(s.as(s.kalmarMember, MAY), { ...key, summary: 'Ett svar i god tid.' });
      const early = await submitResponse(s.as(s.kalmarMember, MAY), key);
      expect(!early.ok && early.issues[0]!.code).toBe('not_open');
      const late = await submitResponse(s.as(s.kalmarMember, JULY), key);
      expect(!late.ok && late.issues[0]!.code).toBe('deadline_passed');
      expect(!late.ok && late.issues[0]!.message).toContain('2026-06-30');
      const lateSave = await saveResponse(s.as(s.nybroMember, JULY), {
        consultationId: s.id,
        organisationId: s.nybro,
        summary: 'För sent.',
      });
      expect(!lateSave.ok && lateSave.issues[0]!.code).toBe('deadline_passed');
      const [row] = await db
        .select()
        .from(consultationResponses)
        .where(eq(consultationResponses.organisationId, s.kalmar));
      expect(row!.status).toBe('utkast');
    });
  });
});

describe('open dialogue', () => {
  it('verifies the email, holds for moderation, hides without deleting', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setUp(db);
      const ipHash = hashIp('192.0.2.1', JUNE());
      const base = {
        consultationId: s.id,
        goalId: s.goalId,
        displayName: 'Anna i Nybro',
        body: 'Bra mål, men glöm inte landsbygden.',
        ipHash,
      };
      const noEmail = await submitComment(s.as(systemActor('web')), base);
      expect(!noEmail.ok && noEmail.issues[0]!.field).toBe('email');
      const beforeOpen = await submitComment(s.as(systemActor('web'), MAY), {
        ...base,
        email: 'anna@example.se',
      });
      expect(!beforeOpen.ok && beforeOpen.issues[0]!.code).toBe('not_open');

      const r = await submitComment(s.as(systemActor('web')), {
        ...base,
        email: 'Anna@Example.se',
      });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(r.value.email).toBe('anna@example.se');
      const [stored] = await db
        .select()
        .from(consultationComments)
        .where(eq(consultationComments.id, r.value.id));
      expect(stored!.status).toBe('vantar-verifiering');
      expect(stored!.verificationTokenHash).toBe(hashToken(r.value.token!));
      expect(stored!.verificationTokenHash).not.toContain(r.value.token!);
      // Not verified: the editor cannot publish it yet.
      await expect(
        moderateComment(s.as(s.editor), { commentId: r.value.id, decision: 'publicera' }),
      ).rejects.toBeInstanceOf(ConflictError);

      const v = await verifyComment(s.as(systemActor('web')), r.value.token!);
      expect(v.alreadyVerified).toBe(false);
      expect((await verifyComment(s.as(systemActor('web')), r.value.token!)).alreadyVerified).toBe(
        true,
      );
      await expect(verifyComment(s.as(systemActor('web')), 'x'.repeat(43))).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await publishedComments(db, s.id)).toEqual([]);

      await expect(
        moderateComment(s.as(s.kalmarMember), { commentId: r.value.id, decision: 'publicera' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const published = await moderateComment(s.as(s.editor), {
        commentId: r.value.id,
        decision: 'publicera',
      });
      expect(published.ok).toBe(true);
      const shown = await publishedComments(db, s.id);
      expect(shown).toHaveLength(1);
      expect(Object.keys(shown[0]!).sort()).toEqual([
        'body',
        'createdAt',
        'displayName',
        'goalId',
        'id',
      ]);

      const noReason = await moderateComment(s.as(s.editor), {
        commentId: r.value.id,
        decision: 'dolj',
      });
      expect(!noReason.ok && noReason.issues[0]!.field).toBe('reason');
      await moderateComment(s.as(s.editor), {
        commentId: r.value.id,
        decision: 'dolj',
        reason: 'Innehåller personuppgifter om en annan person.',
      });
      expect(await publishedComments(db, s.id)).toEqual([]);
      const all = await commentsForModeration(s.as(s.editor), s.id);
      expect(all).toHaveLength(1);
      expect(all[0]!.status).toBe('dold');
      expect(all[0]!.moderationReason).toContain('personuppgifter');
      expect(all[0]!.body).toBe(base.body);
    });
  });

  it('goes straight to moderation for a signed-in visitor', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setUp(db);
      const r = await submitComment(s.as(systemActor('web')), {
        consultationId: s.id,
        goalId: s.goalId,
        displayName: 'Kalle',
        body: 'En kommentar från ett konto.',
        ipHash: 'h',
        userId: s.kalmarMember.kind === 'user' ? s.kalmarMember.userId : null,
      });
      expect(r.ok && r.value.token).toBeNull();
      const [row] = await db.select().from(consultationComments);
      expect(row!.status).toBe('vantar-moderering');
      expect(row!.email).toBeNull();
    });
  });

  it('limits comments per address and per email within an hour', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setUp(db);
      const send = (ip: string, email: string) =>
        submitComment(s.as(systemActor('web')), {
          consultationId: s.id,
          goalId: s.goalId,
          displayName: 'Besökare',
          body: 'En kommentar om målet i utkastet.',
          email,
          ipHash: hashIp(ip, JUNE()),
        });
      for (let n = 0; n < COMMENT_LIMITS.perEmailPerHour; n++) {
        expect((await send('192.0.2.2', 'samma@example.se')).ok).toBe(true);
      }
      const byEmail = await send('192.0.2.3', 'samma@example.se');
      expect(!byEmail.ok && byEmail.issues[0]).toMatchObject({
        field: 'email',
        code: 'rate_limited',
      });
      for (let n = COMMENT_LIMITS.perEmailPerHour; n < COMMENT_LIMITS.perIpPerHour; n++) {
        expect((await send('192.0.2.2', `ny${n}@example.se`)).ok).toBe(true);
      }
      const byIp = await send('192.0.2.2', 'annan@example.se');
      expect(!byIp.ok && byIp.issues[0]!.code).toBe('rate_limited');
      expect(hashIp('192.0.2.2', JUNE())).not.toContain('192.0.2.2');
    });
  });
});

describe('dialogue meetings and compilation', () => {
  it('records meetings and publishes a frozen compilation once every view is answered', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setUp(db);
      const badMeeting = await recordDialogueMeeting(s.as(s.editor), {
        consultationId: s.id,
        heldOn: '2026-06-12',
        venue: 'Folkets hus',
        placeCode: '9999',
        participantsWomen: 0,
        participantsMen: 0,
        participantsOther: 0,
      });
      expect(!badMeeting.ok && badMeeting.issues.map((i) => i.field).sort()).toEqual([
        'participantsWomen',
      ]);
      const badPlace = await recordDialogueMeeting(s.as(s.editor), {
        consultationId: s.id,
        heldOn: '2026-06-12',
        venue: 'Folkets hus',
        placeCode: '9999',
        participantsWomen: 3,
        participantsMen: 2,
        participantsOther: 0,
      });
      expect(!badPlace.ok && badPlace.issues[0]!.field).toBe('placeCode');
      const meeting = await recordDialogueMeeting(s.as(s.editor), {
        consultationId: s.id,
        heldOn: '2026-06-12',
        venue: 'Folkets hus',
        placeCode: '0881',
        participantsWomen: 12,
        participantsMen: 9,
        participantsOther: 1,
        notes: 'Kollektivtrafiken var det stora ämnet.',
      });
      expect(meeting.ok).toBe(true);
      expect((await listDialogueMeetings(db, s.id))[0]!.municipality).toBe('Nybro');

      await inviteOrganisations(s.as(s.editor), {
        consultationId: s.id,
        organisationIds: [s.kalmar],
      });
      const key = { consultationId: s.id, organisationId: s.kalmar };
      await saveResponse(s.as(s.kalmarMember), {
        ...key,
        summary: 'Vi stöder utkastet.',
        items: [{ goalId: s.goalId, body: 'Lägg till ett mått på pendling.' }],
      });
      await submitResponse(s.as(s.kalmarMember), key);
      const c = await submitComment(s.as(systemActor('web')), {
        consultationId: s.id,
        goalId: s.goalId,
        displayName: 'Erik',
        body: 'Tänk på cykelvägarna mellan orterna.',
        email: 'erik@example.se',
        ipHash: 'h2',
      });
      if (!c.ok) throw new Error('comment');
      await verifyComment(s.as(systemActor('web')), c.value.token!);
      await moderateComment(s.as(s.editor), { commentId: c.value.id, decision: 'publicera' });

      // Not while the period runs.
      await expect(
        answerFeedback(s.as(s.editor), { consultationId: s.id, answers: [] }),
      ).rejects.toBeInstanceOf(ConflictError);
      const closed = s.as(s.editor, JULY);
      const data = await compilationData(closed, s.id);
      const goalGroup = data.areas[0]!.goals[0]!;
      expect(goalGroup.entries.map((e) => [e.kind, e.from])).toEqual([
        ['item', 'Kalmar kommun'],
        ['comment', 'Erik'],
      ]);
      const untagged = await publishCompilation(closed, {
        consultationId: s.id,
        introductionSv: 'Så här har Regionen tagit emot synpunkterna.',
      });
      expect(!untagged.ok && untagged.issues.map((i) => i.code)).toEqual(['untagged', 'untagged']);
      await expect(
        answerFeedback(s.as(s.kalmarMember, JULY), { consultationId: s.id, answers: [] }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const answered = await answerFeedback(closed, {
        consultationId: s.id,
        answers: goalGroup.entries.map((e, i) => ({
          kind: e.kind,
          id: e.id,
          tag: i === 0 ? 'tillgodosedd' : 'delvis',
          regionAnswer:
            i === 0 ? 'Ett mått på pendling läggs till.' : 'Cykelvägar tas upp i planen.',
        })),
      });
      expect(answered.ok && answered.value.saved).toBe(2);
      const published = await publishCompilation(closed, {
        consultationId: s.id,
        introductionSv: 'Så här har Regionen tagit emot synpunkterna.',
      });
      expect(published.ok).toBe(true);
      const snapshot = await publishedCompilation(closed, s.id);
      expect(snapshot.counts).toEqual({ responses: 1, comments: 1, meetings: 1, participants: 22 });
      expect(snapshot.areas[0]!.goals[0]!.entries.map((e) => e.tag)).toEqual([
        'tillgodosedd',
        'delvis',
      ]);
      // Emails have served their purpose; the comment itself is kept.
      const [comment] = await db
        .select()
        .from(consultationComments)
        .where(eq(consultationComments.id, c.value.id));
      expect(comment!.email).toBeNull();
      expect(comment!.status).toBe('publicerad');
      await expect(
        publishCompilation(closed, { consultationId: s.id, introductionSv: 'En gång till, tack.' }),
      ).rejects.toBeInstanceOf(ConflictError);
      await expect(
        moderateComment(closed, { commentId: c.value.id, decision: 'dolj', reason: 'Sent' }),
      ).rejects.toBeInstanceOf(ConflictError);
    });
  });
});
