import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import { queryRows } from '../../db/rows.js';
import { NotFoundError } from '../errors.js';

export interface OrganisationSummary {
  slug: string;
  name: string;
  kind:
    | 'kommun'
    | 'region'
    | 'statlig-myndighet'
    | 'larosate'
    | 'foretag'
    | 'ideell-forening'
    | 'ovrig';
  isDemo: boolean;
  ownedCount: number;
  partnerCount: number;
}

/** Organisations taking part in published initiatives, with how many they own and join. */
export async function organisationSummaries(db: Db): Promise<OrganisationSummary[]> {
  return queryRows<OrganisationSummary>(
    db,
    sql`select o.slug, o.name, o.kind::text as kind, o.is_demo as "isDemo",
      count(distinct i.id) filter (where i.owner_organisation_id = o.id)::int as "ownedCount",
      count(distinct i.id) filter (where i.owner_organisation_id <> o.id)::int as "partnerCount"
    from organisations o
    join initiative_partners pa on pa.organisation_id = o.id
    join initiatives i on i.id = pa.initiative_id and i.workflow_state = 'publicerad'
    where o.archived_at is null
    group by o.id order by o.name`,
  );
}

/** The public face of an organisation: never its users or members. */
export async function getOrganisationBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      orgNumber: organisations.orgNumber,
      municipalityCode: organisations.municipalityCode,
      website: organisations.website,
      isDemo: organisations.isDemo,
    })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  if (!row) throw new NotFoundError('Organisationen finns inte.');
  return row;
}
