import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { organisations, places, users } from './actors.js';
import {
  frameworkCategories,
  goals,
  measures,
  perspectives,
  sdgTargets,
  strategies,
} from './strategy.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const initiativeStatus = pgEnum('initiative_status', [
  'planerad',
  'pagaende',
  'avslutad',
  'avbruten',
]);

/** Where an initiative is in the registry's approval workflow. */
export const workflowState = pgEnum('workflow_state', [
  'utkast',
  'inskickad',
  'publicerad',
  'returnerad',
  'arkiverad',
]);

export const initiatives = pgTable(
  'initiatives',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    title: text().notNull(),
    summary: text().notNull(),
    description: text().notNull().default(''),
    /** English texts; where missing the portal shows the Swedish text marked lang="sv". */
    titleEn: text(),
    summaryEn: text(),
    descriptionEn: text(),
    /** Empty while a draft is being written; required when it is submitted. */
    status: initiativeStatus(),
    workflowState: workflowState().notNull().default('utkast'),
    /** Empty while a draft is being written; required when it is submitted. */
    startDate: date(),
    endDate: date(),
    ownerOrganisationId: integer()
      .notNull()
      .references(() => organisations.id),
    diarienummer: text(),
    contactEmail: text(),
    exampleOfYear: integer(),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    /**
     * A change to a published initiative waiting for approval: the proposed snapshot, its state
     * (utkast, inskickad, returnerad) and the reviewer's comment. The published row stays as it is
     * until the change is approved.
     */
    pendingChanges: jsonb(),
    pendingState: workflowState(),
    pendingComment: text(),
    /**
     * The published values the open proposal was made from (its merge base): approving a
     * proposal made on an older version applies only what the proposal changed relative to it.
     */
    pendingBase: jsonb(),
    /** When a curator's edit moved the open proposal onto a newer version; shown to its author. */
    pendingRebasedAt: timestamp({ withTimezone: true }),
    /** A member's request to archive the published initiative: reason, who and when. */
    archiveRequest: jsonb(),
    /** The workflow state before archiving; restoring returns to it. */
    archivedFromState: workflowState(),
    /** The comment of the latest return, shown to the owner. */
    returnComment: text(),
    /**
     * Facet keys of the initiative ('area:3', 'goal:12', 'persp:2', 'sdg:8', 'place:0880',
     * 'src:eruf', 'org:5'), maintained by the commands that change its relations, so facet counts
     * are one unnest over the matches (see domain/initiatives/facetKeys.ts).
     */
    facetKeys: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The sum of the funding lines, kept with the facet keys so the search can sort by it. */
    fundingSek: bigint({ mode: 'number' }).notNull().default(0),
    /**
     * The Swedish and English names of the initiative's places, kept with the facet keys, so a
     * text search for a place finds what the place facet finds (lowest weight in `search`).
     */
    placeNames: text().notNull().default(''),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The search document: the Swedish texts and their English versions where written (both
     * with the Swedish configuration the queries use, so an English word finds its own form),
     * then the place names.
     */
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector('swedish', coalesce(${initiatives.title}, '') || ' ' || coalesce(${initiatives.titleEn}, '')), 'A') || setweight(to_tsvector('swedish', coalesce(${initiatives.summary}, '') || ' ' || coalesce(${initiatives.summaryEn}, '')), 'B') || setweight(to_tsvector('swedish', coalesce(${initiatives.description}, '') || ' ' || coalesce(${initiatives.descriptionEn}, '')), 'C') || setweight(to_tsvector('swedish', ${initiatives.placeNames}), 'D')`,
      ),
  },
  (t) => [
    index('initiatives_search_idx').using('gin', t.search),
    index('initiatives_owner_idx').on(t.ownerOrganisationId),
    index('initiatives_workflow_idx').on(t.workflowState, t.startDate),
    index('initiatives_facet_keys_idx').using('gin', t.facetKeys),
    // The portal's sort orders over published initiatives, walked in order when a search has
    // many matches (searchInitiatives.ts).
    index('initiatives_published_order_idx')
      .on(t.publishedAt.desc().nullsLast(), t.id.desc())
      .where(sql`workflow_state = 'publicerad'`),
    index('initiatives_start_order_idx')
      .on(t.startDate.desc(), t.id.desc())
      .where(sql`workflow_state = 'publicerad'`),
    index('initiatives_funding_order_idx')
      .on(t.fundingSek.desc(), t.id.desc())
      .where(sql`workflow_state = 'publicerad'`),
    // Pairs of adjacent words ('regional utveckl'), so a quoted phrase finds its few candidates
    // in the index instead of checking word positions in every row that has both words. The
    // function is defined in migration 0007.
    index('initiatives_word_pairs_idx').using('gin', sql`riktning_word_pairs(${t.search})`),
  ],
);

/**
 * Every word that has appeared in a published initiative's texts, lower-cased and unstemmed:
 * the vocabulary a misspelt search is corrected against. Kept by a trigger on initiatives
 * (migration 0007); words of drafts never enter it.
 */
export const searchWords = pgTable('search_words', { word: text().primaryKey() }, (t) => [
  index('search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);

export const partnerRole = pgEnum('partner_role', ['lead', 'partner', 'funder', 'implementer']);

export const initiativePartners = pgTable(
  'initiative_partners',
  {
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    role: partnerRole().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.initiativeId, t.organisationId, t.role] }),
    index('initiative_partners_org_idx').on(t.organisationId),
  ],
);

export const fundingSource = pgEnum('funding_source', [
  'regionala-utvecklingsmedel',
  'eruf',
  'esf-plus',
  'interreg',
  'tillvaxtverket',
  'kommun',
  'region',
  'privat',
  'statlig',
  'ovrig',
]);

export const fundingLines = pgTable(
  'funding_lines',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    source: fundingSource().notNull(),
    funderOrganisationId: integer().references(() => organisations.id),
    amountSek: bigint({ mode: 'number' }).notNull(),
    year: integer().notNull(),
  },
  (t) => [index('funding_lines_initiative_idx').on(t.initiativeId)],
);

export const initiativePlaces = pgTable(
  'initiative_places',
  {
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    placeCode: text()
      .notNull()
      .references(() => places.code),
  },
  (t) => [
    primaryKey({ columns: [t.initiativeId, t.placeCode] }),
    index('initiative_places_place_idx').on(t.placeCode),
  ],
);

export const initiativeGoals = pgTable(
  'initiative_goals',
  {
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    goalId: integer()
      .notNull()
      .references(() => goals.id),
  },
  (t) => [
    primaryKey({ columns: [t.initiativeId, t.goalId] }),
    index('initiative_goals_goal_idx').on(t.goalId),
  ],
);

export const initiativePerspectives = pgTable(
  'initiative_perspectives',
  {
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    perspectiveId: integer()
      .notNull()
      .references(() => perspectives.id),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.perspectiveId] })],
);

export const initiativeSdgTargets = pgTable(
  'initiative_sdg_targets',
  {
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    sdgTargetCode: text()
      .notNull()
      .references(() => sdgTargets.code),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.sdgTargetCode] })],
);

export const initiativeMeasures = pgTable(
  'initiative_measures',
  {
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    measureId: integer()
      .notNull()
      .references(() => measures.id),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.measureId] })],
);

export const initiativeFrameworkCategories = pgTable(
  'initiative_framework_categories',
  {
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    categoryId: integer()
      .notNull()
      .references(() => frameworkCategories.id),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.categoryId] })],
);

/** Every saved state of an initiative, so nothing is lost and a restore is a new version. */
export const initiativeVersions = pgTable(
  'initiative_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    version: integer().notNull(),
    snapshot: jsonb().notNull(),
    createdByUserId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('initiative_versions_initiative_idx').on(t.initiativeId, t.version)],
);

/**
 * The links between initiatives and the goals of a strategy version as they stood when the
 * version was archived at the adoption of its successor, so the archive shows them unchanged.
 */
export const archivedInitiativeGoals = pgTable(
  'archived_initiative_goals',
  {
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    goalId: integer()
      .notNull()
      .references(() => goals.id),
  },
  (t) => [
    primaryKey({ columns: [t.initiativeId, t.goalId] }),
    index('archived_initiative_goals_goal_idx').on(t.goalId),
  ],
);
