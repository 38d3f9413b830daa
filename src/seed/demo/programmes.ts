import type { ActionProgrammeInput } from '../../domain/strategy/defineActionProgramme.js';

/**
 * Demo action programmes (handlingsprogram) with their measures. Invented for the demo, marked
 * as demo; the owner is given by organisation key.
 */
export const demoProgrammes: (Omit<ActionProgrammeInput, 'ownerOrganisationId' | 'isDemo'> & {
  ownerKey: string;
})[] = [
  {
    slug: 'kompetensforsorjning',
    nameSv: 'Handlingsprogram för kompetensförsörjning',
    nameEn: 'Action programme for skills supply',
    descriptionSv:
      'Hur länets aktörer tillsammans ska möta behovet av kompetens: från skola och vuxenutbildning till att locka och behålla arbetskraft.',
    descriptionEn:
      "How the county's actors together meet the need for skills: from school and adult education to attracting and keeping a workforce.",
    ownerKey: 'region-kalmar-lan',
    periodStart: 2020,
    periodEnd: 2026,
    goalAreaSlugs: ['god-miljo-for-barn-och-unga', 'starkt-konkurrenskraft'],
    measures: [
      {
        code: 'K1',
        nameSv: 'Samverkan mellan skola och arbetsliv',
        nameEn: 'Cooperation between school and working life',
      },
      {
        code: 'K2',
        nameSv: 'Validering och yrkesinriktad vuxenutbildning',
        nameEn: 'Validation and vocational adult education',
      },
      {
        code: 'K3',
        nameSv: 'Attrahera och behålla kompetens',
        nameEn: 'Attracting and keeping skills',
      },
    ],
  },
  {
    slug: 'smart-specialisering',
    nameSv: 'Regional innovationsstrategi för smart specialisering',
    nameEn: 'Regional innovation strategy for smart specialisation',
    descriptionSv:
      'Prioriterade styrkeområden där länet kan konkurrera internationellt, och stödet till innovation i små och medelstora företag.',
    descriptionEn:
      'Priority areas of strength where the county can compete internationally, and support for innovation in small and medium-sized companies.',
    ownerKey: 'region-kalmar-lan',
    periodStart: 2021,
    periodEnd: 2027,
    goalAreaSlugs: ['starkt-konkurrenskraft'],
    measures: [
      {
        code: 'S1',
        nameSv: 'Innovationsstöd till små och medelstora företag',
        nameEn: 'Innovation support to small and medium-sized enterprises',
      },
      {
        code: 'S2',
        nameSv: 'Samverkan mellan näringsliv och lärosäte',
        nameEn: 'Cooperation between business and university',
      },
      {
        code: 'S3',
        nameSv: 'Internationella innovationsprojekt',
        nameEn: 'International innovation projects',
      },
    ],
  },
  {
    slug: 'energi-och-klimat',
    nameSv: 'Energi- och klimatprogram för Kalmar län',
    nameEn: 'Energy and climate programme for Kalmar county',
    descriptionSv:
      'Vägen mot ett fossilbränslefritt län: förnybar energi, fossilfria transporter och ett samhälle som klarar ett förändrat klimat.',
    descriptionEn:
      'The road to a fossil-fuel-free county: renewable energy, fossil-free transport and a society that copes with a changing climate.',
    ownerKey: 'lansstyrelsen-kalmar-lan',
    periodStart: 2019,
    periodEnd: 2030,
    goalAreaSlugs: ['hallbar-samhallsplanering'],
    measures: [
      { code: 'E1', nameSv: 'Förnybar energiproduktion', nameEn: 'Renewable energy production' },
      { code: 'E2', nameSv: 'Fossilfria transporter', nameEn: 'Fossil-free transport' },
      { code: 'E3', nameSv: 'Klimatanpassning', nameEn: 'Climate adaptation' },
    ],
  },
  {
    slug: 'digital-agenda',
    nameSv: 'Digital agenda för Kalmar län',
    nameEn: 'Digital agenda for Kalmar county',
    descriptionSv:
      'Bredband i hela länet, digital kompetens och digitala tjänster som gör vardagen enklare.',
    descriptionEn:
      'Broadband throughout the county, digital skills and digital services that make everyday life easier.',
    ownerKey: 'region-kalmar-lan',
    periodStart: 2019,
    periodEnd: 2028,
    goalAreaSlugs: ['hallbar-samhallsplanering', 'starkt-konkurrenskraft'],
    measures: [
      { code: 'D1', nameSv: 'Bredbandsutbyggnad', nameEn: 'Broadband roll-out' },
      { code: 'D2', nameSv: 'Digital kompetens', nameEn: 'Digital skills' },
      { code: 'D3', nameSv: 'Digitala tjänster i välfärden', nameEn: 'Digital welfare services' },
    ],
  },
  {
    slug: 'halsa-och-delaktighet',
    nameSv: 'Program för hälsa och delaktighet',
    nameEn: 'Programme for health and participation',
    descriptionSv:
      'Förebyggande folkhälsoarbete, ett starkt civilsamhälle och särskilda insatser för barns och ungas psykiska hälsa.',
    descriptionEn:
      'Preventive public health work, a strong civil society and particular efforts for the mental health of children and young people.',
    ownerKey: 'region-kalmar-lan',
    periodStart: 2020,
    periodEnd: 2026,
    goalAreaSlugs: ['delaktighet-halsa-och-valbefinnande', 'god-miljo-for-barn-och-unga'],
    measures: [
      {
        code: 'H1',
        nameSv: 'Förebyggande folkhälsoarbete',
        nameEn: 'Preventive public health work',
      },
      {
        code: 'H2',
        nameSv: 'Civilsamhällets deltagande',
        nameEn: 'Participation of civil society',
      },
      {
        code: 'H3',
        nameSv: 'Psykisk hälsa bland barn och unga',
        nameEn: 'Mental health of children and young people',
      },
    ],
  },
];
