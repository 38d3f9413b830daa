import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import { calendarDate } from '../calendarDate.js';
import type { Db } from '../../db/client.js';
import { dialogueMeetings, places } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { loadConsultation } from './consultations.js';
import { consultationPolicy, manageForbidden } from './policies.js';

const participants = z.coerce
  .number({ message: 'Ange ett antal (0 eller fler).' })
  .int('Ange ett helt antal.')
  .min(0, 'Antalet kan inte vara negativt.')
  .max(100_000, 'Antalet verkar för stort.');

export const meetingSchema = z
  .object({
    heldOn: calendarDate('Ange datumet som ÅÅÅÅ-MM-DD, en dag som finns i kalendern.'),
    venue: singleLineText().trim().min(2, 'Ange var mötet hölls.').max(300, 'Högst 300 tecken.'),
    placeCode: z
      .string()
      .trim()
      .default('')
      .transform((v) => (v === '' ? null : v)),
    participantsWomen: participants,
    participantsMen: participants,
    participantsOther: participants,
    notes: multiLineText().trim().max(10_000, 'Högst 10 000 tecken.').default(''),
  })
  .refine((m) => m.participantsWomen + m.participantsMen + m.participantsOther > 0, {
    path: ['participantsWomen'],
    message: 'Ange hur många som deltog.',
  });

export type MeetingInput = z.input<typeof meetingSchema>;

/** Records a dialogue meeting held as part of the consultation, with participants by gender. */
export async function recordDialogueMeeting(
  ctx: Ctx,
  input: { consultationId: number } & MeetingInput,
): Promise<Result<{ id: number }>> {
  if (!consultationPolicy.manage(ctx.actor)) throw new ForbiddenError(manageForbidden);
  const parsed = parseInput(meetingSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const c = await loadConsultation(tx, input.consultationId);
    if (v.placeCode !== null) {
      const [place] = await tx.db
        .select({ kind: places.kind, comparison: places.comparison })
        .from(places)
        .where(eq(places.code, v.placeCode));
      if (place?.kind !== 'kommun' || place.comparison) {
        return fail([issue('placeCode', 'Välj en av länets kommuner.', 'unknown_place')]);
      }
    }
    const [row] = await tx.db
      .insert(dialogueMeetings)
      .values({ consultationId: c.id, ...v, createdAt: ctx.now() })
      .returning({ id: dialogueMeetings.id });
    await recordAuditEvent(tx, {
      action: 'dialogue_meeting.recorded',
      entityType: 'dialogue_meeting',
      entityId: row!.id,
      after: { consultationId: c.id, ...v },
    });
    return ok({ id: row!.id });
  });
}

export interface MeetingView {
  id: number;
  heldOn: string;
  venue: string;
  placeCode: string | null;
  municipality: string | null;
  participantsWomen: number;
  participantsMen: number;
  participantsOther: number;
  notes: string;
}

export async function listDialogueMeetings(db: Db, consultationId: number): Promise<MeetingView[]> {
  return db
    .select({
      id: dialogueMeetings.id,
      heldOn: dialogueMeetings.heldOn,
      venue: dialogueMeetings.venue,
      placeCode: dialogueMeetings.placeCode,
      municipality: places.nameSv,
      participantsWomen: dialogueMeetings.participantsWomen,
      participantsMen: dialogueMeetings.participantsMen,
      participantsOther: dialogueMeetings.participantsOther,
      notes: dialogueMeetings.notes,
    })
    .from(dialogueMeetings)
    .leftJoin(places, eq(places.code, dialogueMeetings.placeCode))
    .where(eq(dialogueMeetings.consultationId, consultationId))
    .orderBy(asc(dialogueMeetings.heldOn), asc(dialogueMeetings.id));
}
