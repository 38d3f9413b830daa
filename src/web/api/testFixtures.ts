import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { goals, organisations } from '../../db/schema/index.js';
import { addUser } from '../../domain/actors/addUser.js';
import type { Ctx } from '../../domain/context.js';
import { submitProgressReport } from '../../domain/followup/submitProgressReport.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { seedDemo } from '../../seed/seedDemo.js';
import { testCtx } from '../../test/database.js';

/** A user whose traces must never appear in open data. */
export const person = {
  email: 'anna.andersson.privat@kalmar.example',
  name: 'Anna Testperson Andersson',
};

export const hostileTitle = '=HYPERLINK("http://evil.example")&<b>';

/**
 * Demo data plus what the open-data tests need: a user who submits a progress report, a
 * published initiative whose texts look like spreadsheet formulas and markup, and a draft.
 */
export async function seedOpenDataFixtures(db: Db) {
  const ctx = testCtx(db);
  await seedDemo(ctx);
  const user = await addUser(ctx, { ...person, role: 'samordnare' });
  if (!user.ok) throw new Error('fixture user');
  const [org] = await db.select().from(organisations).orderBy(asc(organisations.id)).limit(1);
  const [goal] = await db.select().from(goals).orderBy(asc(goals.id)).limit(1);
  const base = {
    status: 'pagaende' as const,
    startDate: '2024-01-01',
    endDate: '2027-12-31',
    ownerOrganisationId: org!.id,
    placeCodes: ['0880'],
    goalIds: [goal!.id],
    funding: [{ source: 'eruf' as const, amountSek: 1000, year: 2024 }],
  };
  const hostile = await createInitiative(ctx, {
    ...base,
    title: hostileTitle,
    summary: '+46 ringer "citat" & <i>kursiv</i> \'apostrof\'',
    description: '@SUM(A1) och ett styrtecken\u0007 som XML inte kan bära.',
    contactEmail: 'insatser@kalmar.example',
  });
  if (!hostile.ok) throw new Error(JSON.stringify(hostile.issues));
  await transitionInitiative(ctx, { initiativeId: hostile.value.id, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId: hostile.value.id, action: 'approve' });
  const userCtx: Ctx = {
    ...ctx,
    actor: {
      kind: 'user',
      userId: user.value.id,
      role: 'samordnare',
      organisationIds: [],
      label: `user:${user.value.id}`,
    },
  };
  const report = await submitProgressReport(userCtx, {
    initiativeId: hostile.value.id,
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    trafficLight: 'risk',
    narrative: 'Arbetet är försenat men en ny tidplan finns.',
    deviationExplanation: 'Leveransen av utrustning drog ut på tiden; ny tidplan är klar.',
    outputs: { participantsK: 3, participantsM: 4 },
  });
  if (!report.ok) throw new Error('fixture report');
  const draft = await createInitiative(ctx, {
    ...base,
    title: 'Hemligt utkast',
    summary: 'Ett utkast som inte får synas.',
  });
  if (!draft.ok) throw new Error('fixture draft');
  return { userId: user.value.id, hostileId: hostile.value.id, draftId: draft.value.id };
}
