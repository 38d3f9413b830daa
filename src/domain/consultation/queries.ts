import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  consultationInvitees,
  consultationResponses,
  consultations,
  goalAreas,
  goals,
  organisations,
  places,
  strategies,
} from '../../db/schema/index.js';
import type { Actor } from '../context.js';
import { NotFoundError } from '../errors.js';
import type { ConsultationQuestion, ConsultationRow } from './consultations.js';
import { effectiveStatus, isPublic, type ConsultationStatus } from './policies.js';

export interface DraftGoal {
  id: number;
  code: string;
  nameSv: string;
  nameEn: string;
  descriptionSv: string;
  descriptionEn: string;
}

export interface DraftArea {
  id: number;
  nameSv: string;
  nameEn: string;
  descriptionSv: string;
  descriptionEn: string;
  goals: DraftGoal[];
}

/** The goal areas and goals of a strategy version, in order. */
export async function draftOutline(db: Db, strategyId: number): Promise<DraftArea[]> {
  const areas = await db
    .select({
      id: goalAreas.id,
      nameSv: goalAreas.nameSv,
      nameEn: goalAreas.nameEn,
      descriptionSv: goalAreas.descriptionSv,
      descriptionEn: goalAreas.descriptionEn,
    })
    .from(goalAreas)
    .where(eq(goalAreas.strategyId, strategyId))
    .orderBy(asc(goalAreas.position), asc(goalAreas.id));
  if (areas.length === 0) return [];
  const goalRows = await db
    .select({
      id: goals.id,
      areaId: goals.goalAreaId,
      code: goals.code,
      nameSv: goals.nameSv,
      nameEn: goals.nameEn,
      descriptionSv: goals.descriptionSv,
      descriptionEn: goals.descriptionEn,
    })
    .from(goals)
    .where(
      inArray(
        goals.goalAreaId,
        areas.map((a) => a.id),
      ),
    )
    .orderBy(asc(goals.position), asc(goals.id));
  return areas.map((a) => ({
    ...a,
    goals: goalRows.filter((g) => g.areaId === a.id).map(({ areaId: _a, ...g }) => g),
  }));
}

export interface ConsultationSummary {
  id: number;
  titleSv: string;
  titleEn: string;
  strategyName: string;
  opensOn: string;
  closesOn: string;
  status: ConsultationStatus;
  invited: number;
  submitted: number;
}

/** Every consultation for the editors, newest first, with the status its dates give. */
export async function listConsultations(db: Db, now: Date): Promise<ConsultationSummary[]> {
  const rows = await db
    .select({
      c: consultations,
      strategyName: strategies.nameSv,
      invited: sql<number>`(select count(*)::int from consultation_invitees i where i.consultation_id = ${consultations.id})`,
      submitted: sql<number>`(select count(*)::int from consultation_responses r where r.consultation_id = ${consultations.id} and r.status = 'inskickad')`,
    })
    .from(consultations)
    .innerJoin(strategies, eq(strategies.id, consultations.strategyId))
    .orderBy(desc(consultations.opensOn), desc(consultations.id));
  return rows.map((r) => ({
    id: r.c.id,
    titleSv: r.c.titleSv,
    titleEn: r.c.titleEn,
    strategyName: r.strategyName,
    opensOn: r.c.opensOn,
    closesOn: r.c.closesOn,
    status: effectiveStatus(r.c, now),
    invited: Number(r.invited),
    submitted: Number(r.submitted),
  }));
}

/** Draft strategy versions an editor can open a consultation on. */
export async function draftStrategies(db: Db) {
  return db
    .select({ id: strategies.id, nameSv: strategies.nameSv, nameEn: strategies.nameEn })
    .from(strategies)
    .where(eq(strategies.status, 'draft'))
    .orderBy(desc(strategies.id));
}

/** Organisations that can be invited, by name. */
export async function invitableOrganisations(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .orderBy(asc(organisations.name));
}

/** The response of an invited organisation, joined to its invitation. */
const inviteeResponse = and(
  eq(consultationResponses.consultationId, consultationInvitees.consultationId),
  eq(consultationResponses.organisationId, consultationInvitees.organisationId),
);

export interface InviteeRow {
  organisationId: number;
  name: string;
  invitedAt: Date;
  emailedAt: Date | null;
  responseStatus: 'utkast' | 'inskickad' | null;
  submittedAt: Date | null;
}

/**
 * The invited organisations and whether each has submitted. A draft shows only as "not
 * submitted": its text is the organisation's own.
 */
export async function invitees(db: Db, consultationId: number): Promise<InviteeRow[]> {
  const rows = await db
    .select({
      organisationId: consultationInvitees.organisationId,
      name: organisations.name,
      invitedAt: consultationInvitees.invitedAt,
      emailedAt: consultationInvitees.emailedAt,
      responseStatus: consultationResponses.status,
      submittedAt: consultationResponses.submittedAt,
    })
    .from(consultationInvitees)
    .innerJoin(organisations, eq(organisations.id, consultationInvitees.organisationId))
    .leftJoin(consultationResponses, inviteeResponse)
    .where(eq(consultationInvitees.consultationId, consultationId))
    .orderBy(asc(organisations.name));
  return rows.map((r) => ({
    ...r,
    responseStatus: r.responseStatus === 'inskickad' ? 'inskickad' : r.responseStatus,
  }));
}

export interface Invitation {
  consultationId: number;
  titleSv: string;
  titleEn: string;
  organisationId: number;
  organisationName: string;
  opensOn: string;
  closesOn: string;
  status: ConsultationStatus;
  responseStatus: 'utkast' | 'inskickad' | null;
}

/** The consultations the actor's organisations are invited to answer. */
export async function invitationsFor(db: Db, actor: Actor, now: Date): Promise<Invitation[]> {
  if (actor.kind !== 'user' || actor.organisationIds.length === 0) return [];
  const rows = await db
    .select({
      c: consultations,
      organisationId: organisations.id,
      organisationName: organisations.name,
      responseStatus: consultationResponses.status,
    })
    .from(consultationInvitees)
    .innerJoin(consultations, eq(consultations.id, consultationInvitees.consultationId))
    .innerJoin(organisations, eq(organisations.id, consultationInvitees.organisationId))
    .leftJoin(consultationResponses, inviteeResponse)
    .where(inArray(consultationInvitees.organisationId, actor.organisationIds))
    .orderBy(desc(consultations.closesOn), asc(organisations.name));
  return rows.map((r) => ({
    consultationId: r.c.id,
    titleSv: r.c.titleSv,
    titleEn: r.c.titleEn,
    organisationId: r.organisationId,
    organisationName: r.organisationName,
    opensOn: r.c.opensOn,
    closesOn: r.c.closesOn,
    status: effectiveStatus(r.c, now),
    responseStatus: r.responseStatus,
  }));
}

export interface PublicConsultation {
  consultation: ConsultationRow;
  status: ConsultationStatus;
  questions: ConsultationQuestion[];
  strategy: { id: number; nameSv: string; nameEn: string; visionSv: string; visionEn: string };
  outline: DraftArea[];
}

/**
 * A consultation as the public may see it: only once it has opened. Before that it does not
 * exist for the public, and neither does anything of its draft.
 */
export async function publicConsultation(
  db: Db,
  id: number,
  now: Date,
): Promise<PublicConsultation> {
  const [row] = await db
    .select({ c: consultations, s: strategies })
    .from(consultations)
    .innerJoin(strategies, eq(strategies.id, consultations.strategyId))
    .where(eq(consultations.id, id));
  if (!row) throw new NotFoundError('Samrådet finns inte.');
  const status = effectiveStatus(row.c, now);
  if (!isPublic(status)) throw new NotFoundError('Samrådet finns inte.');
  return {
    consultation: row.c,
    status,
    questions: row.c.questions as ConsultationQuestion[],
    strategy: {
      id: row.s.id,
      nameSv: row.s.nameSv,
      nameEn: row.s.nameEn,
      visionSv: row.s.visionSv,
      visionEn: row.s.visionEn,
    },
    outline: await draftOutline(db, row.s.id),
  };
}

/** Consultations the public may see (opened), newest first: the first one is the page's subject. */
export async function publicConsultationList(db: Db, now: Date) {
  const rows = await db
    .select()
    .from(consultations)
    .orderBy(desc(consultations.opensOn), desc(consultations.id));
  return rows
    .map((c) => ({ ...c, status: effectiveStatus(c, now) }))
    .filter((c) => isPublic(c.status));
}

/** The county's municipalities, for the meeting form. */
export async function municipalityChoices(db: Db) {
  return db
    .select({ code: places.code, nameSv: places.nameSv })
    .from(places)
    .where(and(eq(places.kind, 'kommun'), eq(places.comparison, false)))
    .orderBy(asc(places.nameSv));
}

/** The name of a strategy version, for headings. */
export async function strategyName(db: Db, id: number): Promise<string> {
  const [row] = await db
    .select({ nameSv: strategies.nameSv })
    .from(strategies)
    .where(eq(strategies.id, id));
  return row?.nameSv ?? '';
}

/** An organisation's name, or not found. */
export async function organisationName(db: Db, id: number): Promise<string> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  if (!row) throw new NotFoundError('Organisationen finns inte.');
  return row.name;
}

/** Organisation names by id. */
export async function organisationNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  return new Map(rows.map((o) => [o.id, o.name]));
}
