import { koladaAttribution, licence, publisher } from './publisher.js';
import { iri, lit, typed, type RdfNode } from './rdf.js';

/** What the catalogue says about the data, read from the database (see catalogueFacts). */
export interface CatalogueFacts {
  initiatives: { count: number; from: string | null; to: string | null; modified: Date | null };
  indicators: {
    slugs: { slug: string; nameSv: string; source: string }[];
    from: number | null;
    to: number | null;
    modified: Date | null;
  };
}

const EU = 'http://publications.europa.eu/resource/authority';
const IANA = 'http://www.iana.org/assignments/media-types';

/**
 * DCAT-AP-SE 3.0: the catalogue, its publisher and contact point, one dataset per published
 * collection and a distribution per format. Node addresses are fragments of /dcat.
 */
export function dcatCatalogue(facts: CatalogueFacts, baseUrl: string): RdfNode[] {
  const at = (fragment: string) => `${baseUrl}/dcat#${fragment}`;
  const api = `${baseUrl}/api/v1`;
  const now = (d: Date | null) => typed((d ?? new Date(0)).toISOString(), 'dateTime');
  const common: RdfNode['props'] = [
    ['dct:publisher', iri(at('publisher'))],
    ['dcat:contactPoint', iri(at('contact'))],
    ['dct:spatial', iri(at('lan'))],
    ['dct:spatial', iri(publisher.countryUri)],
    ['dct:accessRights', iri(`${EU}/access-right/PUBLIC`)],
    ['dct:language', iri(`${EU}/language/SWE`)],
  ];
  const distribution = (
    id: string,
    title: string,
    url: string,
    format: 'JSON' | 'CSV' | 'XML',
    mediaType: string,
    extra: RdfNode['props'] = [],
  ): RdfNode => ({
    iri: at(id),
    types: ['dcat:Distribution'],
    props: [
      ['dct:title', lit(title, 'sv')],
      ['dcat:accessURL', iri(url)],
      ['dcat:downloadURL', iri(url)],
      ['dct:format', iri(`${EU}/file-type/${format}`)],
      ['dcat:mediaType', iri(`${IANA}/${mediaType}`)],
      ['dct:license', iri(licence.uri)],
      ...extra,
    ],
  });
  const period = (id: string, start: string | null, end: string | null): RdfNode[] =>
    start && end
      ? [
          {
            iri: at(id),
            types: ['dct:PeriodOfTime'],
            props: [
              ['dcat:startDate', typed(start, 'date')],
              ['dcat:endDate', typed(end, 'date')],
            ],
          },
        ]
      : [];
  const temporal = (id: string, from: unknown): RdfNode['props'] =>
    from === null ? [] : [['dct:temporal', iri(at(id))]];
  const ini = facts.initiatives;
  const ind = facts.indicators;
  const koladaRights: RdfNode['props'] = ind.slugs.some((s) => s.source === 'kolada')
    ? [['dct:rights', iri(at('kolada-rights'))]]
    : [];
  const csvDistributions = ind.slugs.map((s) =>
    distribution(
      `observations-${s.slug}-csv`,
      `Utfall för ${s.nameSv} (CSV)`,
      `${api}/indicators/${encodeURIComponent(s.slug)}/observations.csv`,
      'CSV',
      'text/csv',
      s.source === 'kolada' ? [['dct:rights', iri(at('kolada-rights'))]] : [],
    ),
  );
  return [
    {
      iri: at('catalog'),
      types: ['dcat:Catalog'],
      props: [
        ['dct:title', lit('Riktning – öppna data om den regionala utvecklingsstrategin', 'sv')],
        ['dct:title', lit('Riktning – open data on the regional development strategy', 'en')],
        [
          'dct:description',
          lit(
            `Insatser, mål och indikatorer i den regionala utvecklingsstrategin för ${publisher.countySv}.`,
            'sv',
          ),
        ],
        [
          'dct:description',
          lit(
            `Initiatives, goals and indicators of the regional development strategy for ${publisher.countyEn}.`,
            'en',
          ),
        ],
        ['dct:publisher', iri(at('publisher'))],
        ['foaf:homepage', iri(`${baseUrl}/`)],
        ['dct:license', iri(licence.uri)],
        ['dct:language', iri(`${EU}/language/SWE`)],
        ['dct:language', iri(`${EU}/language/ENG`)],
        ['dct:spatial', iri(at('lan'))],
        ['dcat:themeTaxonomy', iri(`${EU}/data-theme`)],
        ['dct:modified', now(ini.modified ?? ind.modified)],
        ['dcat:dataset', iri(at('initiatives'))],
        ['dcat:dataset', iri(at('indicators'))],
      ],
    },
    {
      iri: at('publisher'),
      types: ['foaf:Agent'],
      props: [
        ['foaf:name', lit(publisher.name, 'sv')],
        ['foaf:name', lit(publisher.nameEn, 'en')],
        ['dct:type', iri('http://purl.org/adms/publishertype/RegionalAuthority')],
        ['foaf:homepage', iri(publisher.homepage)],
        ['foaf:mbox', iri(`mailto:${publisher.contactEmail}`)],
      ],
    },
    {
      iri: at('lan'),
      types: ['dct:Location'],
      props: [
        ['rdfs:label', lit(publisher.countySv, 'sv')],
        ['rdfs:label', lit(publisher.countyEn, 'en')],
        ['dct:identifier', lit(publisher.iso3166_2)],
        ['rdfs:seeAlso', iri(`${api}/places`)],
      ],
    },
    {
      iri: at('contact'),
      types: ['vcard:Organization'],
      props: [
        ['vcard:fn', lit(publisher.name)],
        ['vcard:hasEmail', iri(`mailto:${publisher.contactEmail}`)],
      ],
    },
    {
      iri: at('initiatives'),
      types: ['dcat:Dataset'],
      props: [
        ['dct:title', lit('Insatser i den regionala utvecklingsstrategin', 'sv')],
        ['dct:title', lit('Initiatives of the regional development strategy', 'en')],
        [
          'dct:description',
          lit(
            `Publicerade insatser (${ini.count}) med ägare, parter, finansiering, platser och kopplingar till strategins mål och Agenda 2030.`,
            'sv',
          ),
        ],
        [
          'dct:description',
          lit(
            `Published initiatives (${ini.count}) with owner, partners, funding, places and links to the strategy's goals and Agenda 2030.`,
            'en',
          ),
        ],
        ...common,
        ['dcat:theme', iri(`${EU}/data-theme/REGI`)],
        ['dcat:theme', iri(`${EU}/data-theme/GOVE`)],
        ...temporal('initiatives-period', ini.from),
        ['dct:modified', now(ini.modified)],
        ['dcat:keyword', lit('regional utveckling', 'sv')],
        ['dcat:keyword', lit('insatser', 'sv')],
        ['dcat:keyword', lit('Agenda 2030', 'sv')],
        ['dcat:keyword', lit('regional development', 'en')],
        ['dcat:landingPage', iri(`${baseUrl}/`)],
        ['dcat:distribution', iri(at('initiatives-json'))],
        ['dcat:distribution', iri(at('initiatives-csv'))],
        ['dcat:distribution', iri(at('initiatives-iati'))],
      ],
    },
    ...period('initiatives-period', ini.from, ini.to),
    distribution(
      'initiatives-json',
      'Insatser (JSON)',
      `${api}/initiatives`,
      'JSON',
      'application/json',
    ),
    distribution('initiatives-csv', 'Insatser (CSV)', `${api}/initiatives.csv`, 'CSV', 'text/csv'),
    distribution(
      'initiatives-iati',
      'Insatser enligt IATI 2.03 (XML)',
      `${api}/iati/activities.xml`,
      'XML',
      'application/xml',
    ),
    {
      iri: at('indicators'),
      types: ['dcat:Dataset'],
      props: [
        ['dct:title', lit('Indikatorer och utfall', 'sv')],
        ['dct:title', lit('Indicators and observations', 'en')],
        [
          'dct:description',
          lit(
            'Strategins indikatorer med utfall per kommun, län och riket, uppdelat på kvinnor och män där källan har det. Målvärden markerade som exempel är inte beslutade.',
            'sv',
          ),
        ],
        [
          'dct:description',
          lit(
            'The strategy’s indicators with values by municipality, county and country, split by women and men where the source has it. Targets marked as examples are not adopted.',
            'en',
          ),
        ],
        ...common,
        ['dcat:theme', iri(`${EU}/data-theme/REGI`)],
        ['dcat:theme', iri(`${EU}/data-theme/SOCI`)],
        ...temporal('indicators-period', ind.from),
        ['dct:modified', now(ind.modified)],
        ['dcat:keyword', lit('indikatorer', 'sv')],
        ['dcat:keyword', lit('statistik', 'sv')],
        ['dcat:keyword', lit('Kolada', 'sv')],
        ['dcat:keyword', lit('indicators', 'en')],
        ...koladaRights,
        ['dcat:distribution', iri(at('indicators-json'))],
        ...csvDistributions.map((d): RdfNode['props'][number] => ['dcat:distribution', iri(d.iri)]),
      ],
    },
    ...period(
      'indicators-period',
      ind.from === null ? null : `${ind.from}-01-01`,
      ind.to === null ? null : `${ind.to}-12-31`,
    ),
    distribution(
      'indicators-json',
      'Indikatorer (JSON)',
      `${api}/indicators`,
      'JSON',
      'application/json',
      koladaRights,
    ),
    ...csvDistributions,
    ...(koladaRights.length > 0
      ? [
          {
            iri: at('kolada-rights'),
            types: ['dct:RightsStatement'],
            props: [
              [
                'rdfs:label',
                lit(
                  `Värden hämtade från Kolada får användas fritt; ange "${koladaAttribution}".`,
                  'sv',
                ),
              ],
            ] as RdfNode['props'],
          },
        ]
      : []),
  ];
}
