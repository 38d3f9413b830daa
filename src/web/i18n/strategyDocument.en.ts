import { strategyDocumentSv, type StrategyDocumentMessages } from './strategyDocument.sv.js';

/** Messages of the strategy document (/en/strategin), the goal pages and the main menu's additions. English. */
export const strategyDocumentEn: StrategyDocumentMessages = {
  navStrategy: 'The strategy',
  navFollowUp: 'How it is going',
  navOpenData: 'Open data',
  readStrategy: 'Read the regional development strategy',
  documentLabel: 'Regional development strategy',
  contents: 'Contents',
  introduction: 'Introduction',
  vision: 'Our vision',
  goalAreas: 'Priority development areas',
  goalsOfArea: 'Goals',
  goalPageLink: (code: string) => `Goal ${code}: indicators, initiatives and money`,
  perspectives: 'Horizontal perspectives',
  perspectivesLead: 'The perspectives apply in every development area and in every initiative.',
  agenda2030: 'The 2030 Agenda',
  agenda2030Link: 'Initiatives by Sustainable Development Goal',
  nationalStrategy: 'The national strategy',
  programmes: 'Action programmes',
  programmesLead: 'The action programmes take the strategy further and set out measures.',
  noProgrammes: 'No action programmes are registered.',
  programmePeriod: strategyDocumentSv.programmePeriod,
  followUp: 'Follow-up and evaluation',
  followUpLinks: 'Read more',
  decision: 'Decision',
  period: 'Strategy period',
  adoptedOn: 'Adopted',
  diarienummer: 'Registration number',
  decisionMissing:
    'The decision date and registration number are not registered for this version. They are registered when a version is adopted in Riktning.',
  archiveLink: 'Earlier versions of the strategy',
  pdf: 'The strategy as PDF',
  print: 'Printable version',
  onlySwedish: 'This text is only available in Swedish.',
  goalTitle: (code: string) => `Goal ${code}`,
  goalIndicators: 'Indicators',
  goalInitiatives: 'Initiatives contributing to the goal',
  goalMoney: 'Money',
  goalMoneyText: (amount: string, n: number) =>
    `${amount} for the goal from ${n} published ${n === 1 ? 'initiative' : 'initiatives'} contributing to it.`,
  goalStatus: 'Status',
  goalSearch: 'Search the initiatives of this goal',
  noGoalInitiatives: 'No published initiative contributes to the goal yet.',
  otherGoals: 'Other goals in the area',
  noExamplesOfYear: (year: number) =>
    `No initiatives are chosen as examples for ${year} in this area.`,
  consultationOpen: (title: string) => `Have your say: ${title}`,
};

export function strategyDocumentMessages(locale: 'sv' | 'en'): StrategyDocumentMessages {
  return locale === 'sv' ? strategyDocumentSv : strategyDocumentEn;
}
