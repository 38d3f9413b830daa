import type { OpenInitiative, OpenOrganisationRef } from './initiativeQueries.js';
import { publisher } from './publisher.js';
import { el, text } from './xml.js';

/**
 * IATI Activity Standard 2.03: every published initiative as an iati-activity. The mapping is
 * documented in docs/decisions/006-open-data.md; codes are from the IATI codelists.
 */
export const fundingSourceNames: Record<string, string> = {
  'regionala-utvecklingsmedel': 'Regionala utvecklingsmedel',
  eruf: 'Europeiska regionala utvecklingsfonden (Eruf)',
  'esf-plus': 'Europeiska socialfonden+ (ESF+)',
  interreg: 'Interreg',
  tillvaxtverket: 'Tillväxtverket',
  kommun: 'Kommunal finansiering',
  region: 'Regional finansiering',
  privat: 'Privat finansiering',
  statlig: 'Statlig finansiering',
  ovrig: 'Övrig finansiering',
};

/** IATI OrganisationType by organisation kind. */
const organisationType: Record<string, string> = {
  kommun: '11',
  region: '11',
  'statlig-myndighet': '10',
  larosate: '80',
  foretag: '70',
  'ideell-forening': '22',
  ovrig: '90',
};

/** IATI OrganisationRole by partner role: 1 funding, 2 accountable, 3 extending, 4 implementing. */
export const partnerRoleCode: Record<string, string> = {
  funder: '1',
  lead: '2',
  implementer: '4',
  partner: '4',
};

/** IATI ActivityStatus by initiative status. */
export const activityStatusCode: Record<string, string> = {
  planerad: '1',
  pagaende: '2',
  avslutad: '4',
  avbruten: '5',
};

const sv = (value: string) => text('narrative', { 'xml:lang': 'sv' }, value);
const en = (value: string | null | undefined) =>
  value ? text('narrative', { 'xml:lang': 'en' }, value) : null;
const orgRef = (o: OpenOrganisationRef) => (o.orgNumber ? `SE-ON-${o.orgNumber}` : null);

export function iatiIdentifier(id: number): string {
  return `${publisher.iatiRef}-riktning-${id}`;
}

function participatingOrgs(d: OpenInitiative): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (org: OpenOrganisationRef, role: string) => {
    const key = `${org.name}|${role}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(
      el(
        'participating-org',
        { ref: orgRef(org), type: organisationType[org.kind] ?? '90', role },
        sv(org.name),
      ),
    );
  };
  add(d.owner, '2');
  for (const p of d.partners) add(p, partnerRoleCode[p.role] ?? '4');
  if (d.funding.some((f) => f.source === 'regionala-utvecklingsmedel')) {
    add({ name: publisher.name, kind: 'region', orgNumber: publisher.iatiRef.slice(6) }, '3');
  }
  return out;
}

function activityDates(d: OpenInitiative): string[] {
  const i = d.initiative;
  const started = i.status !== 'planerad';
  const ended = i.status === 'avslutad' || i.status === 'avbruten';
  const out = [el('activity-date', { type: started ? '2' : '1', 'iso-date': i.startDate })];
  if (i.endDate) out.push(el('activity-date', { type: ended ? '4' : '3', 'iso-date': i.endDate }));
  return out;
}

function locations(d: OpenInitiative): string[] {
  return d.places.map((p) =>
    el(
      'location',
      { ref: `kolada-${p.code}` },
      el('location-reach', { code: '1' }),
      el('name', {}, sv(p.nameSv), en(p.nameEn)),
      p.kind === 'riket'
        ? el('administrative', { vocabulary: 'A4', code: 'SE', level: 0 })
        : el('administrative', { vocabulary: 'A5', code: publisher.iso3166_2, level: 1 }),
      el('location-class', { code: '1' }),
      el('feature-designation', {
        code: p.kind === 'kommun' ? 'ADM2' : p.kind === 'region' ? 'ADM1' : 'PCLI',
      }),
    ),
  );
}

/** Goal areas as sectors of the reporting organisation's vocabulary, shares summing to 100. */
function sectors(d: OpenInitiative, baseUrl: string): string[] {
  const areas = [...new Map(d.goals.map((g) => [g.areaSlug, g])).values()];
  const share = Math.floor(100 / Math.max(areas.length, 1));
  return areas.map((a, i) =>
    el(
      'sector',
      {
        vocabulary: '99',
        'vocabulary-uri': `${baseUrl}/api/v1/goal-areas`,
        code: a.areaSlug,
        percentage: i === areas.length - 1 ? 100 - share * (areas.length - 1) : share,
      },
      sv(a.areaNameSv),
      en(a.areaNameEn),
    ),
  );
}

function tags(d: OpenInitiative, baseUrl: string): string[] {
  const sdgGoals = [...new Set(d.sdgTargets.map((t) => t.goalNumber))];
  return [
    ...sdgGoals.map((n) => el('tag', { vocabulary: '2', code: n })),
    ...d.sdgTargets.map((t) => el('tag', { vocabulary: '3', code: t.code }, en(t.titleEn))),
    ...d.goals.map((g) =>
      el(
        'tag',
        { vocabulary: '99', 'vocabulary-uri': `${baseUrl}/api/v1/goals`, code: g.code },
        sv(g.nameSv),
        en(g.nameEn),
      ),
    ),
  ];
}

function money(d: OpenInitiative): string[] {
  const years = new Map<number, number>();
  for (const f of d.funding) years.set(f.year, (years.get(f.year) ?? 0) + f.amountSek);
  const budgets = [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, amount]) =>
      el(
        'budget',
        { type: '1', status: '1' },
        el('period-start', { 'iso-date': `${year}-01-01` }),
        el('period-end', { 'iso-date': `${year}-12-31` }),
        text('value', { currency: 'SEK', 'value-date': `${year}-01-01` }, amount),
      ),
    );
  const transactions = d.funding.map((f) => {
    const name = fundingSourceNames[f.source] ?? f.source;
    return el(
      'transaction',
      {},
      el('transaction-type', { code: '11' }),
      el('transaction-date', { 'iso-date': `${f.year}-01-01` }),
      text('value', { currency: 'SEK', 'value-date': `${f.year}-01-01` }, f.amountSek),
      el('description', {}, sv(`Finansiering ${f.year}: ${name}`)),
      el('provider-org', {}, sv(name)),
    );
  });
  return [...budgets, ...transactions];
}

function activity(d: OpenInitiative, baseUrl: string): string {
  const i = d.initiative;
  const onlyOneMunicipality = d.places.length === 1 && d.places[0]!.kind === 'kommun';
  const descriptionSv = [i.summary, i.description].filter((s) => s.trim() !== '').join('\n\n');
  const descriptionEn = [i.summaryEn, i.descriptionEn].filter((s) => s?.trim()).join('\n\n');
  return el(
    'iati-activity',
    {
      'last-updated-datetime': i.updatedAt.toISOString(),
      'xml:lang': 'sv',
      'default-currency': 'SEK',
    },
    text('iati-identifier', {}, iatiIdentifier(i.id)),
    el(
      'reporting-org',
      { ref: publisher.iatiRef, type: publisher.iatiType },
      sv(publisher.name),
      en(publisher.nameEn),
    ),
    el('title', {}, sv(i.title), en(i.titleEn)),
    el('description', { type: '1' }, sv(descriptionSv), en(descriptionEn)),
    ...participatingOrgs(d),
    el('activity-status', { code: activityStatusCode[i.status ?? 'planerad'] ?? '2' }),
    ...activityDates(d),
    i.contactEmail
      ? el(
          'contact-info',
          { type: '1' },
          el('organisation', {}, sv(d.owner.name)),
          text('email', {}, i.contactEmail),
        )
      : null,
    el('activity-scope', { code: onlyOneMunicipality ? '7' : '6' }),
    el('recipient-country', { code: 'SE', percentage: 100 }),
    ...locations(d),
    ...sectors(d, baseUrl),
    ...tags(d, baseUrl),
    ...money(d),
    el(
      'document-link',
      { url: `${baseUrl}/insatser/${i.id}`, format: 'text/html' },
      el('title', {}, sv(`${i.title} – insatsens sida i Riktning`)),
      el('category', { code: 'A01' }),
      el('language', { code: 'sv' }),
    ),
  );
}

export function iatiActivities(
  list: OpenInitiative[],
  options: { baseUrl: string; generatedAt: Date },
): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    el(
      'iati-activities',
      { version: '2.03', 'generated-datetime': options.generatedAt.toISOString() },
      ...list.map((d) => '\n' + activity(d, options.baseUrl)),
      '\n',
    ) +
    '\n'
  );
}
