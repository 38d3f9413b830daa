/**
 * Types for the demo data set shipped with Riktning (the default region pack).
 *
 * Everything described by these types is demo data: the initiatives and companies are invented
 * and indicator targets are example targets; see organisations.ts for what is real.
 */

export type OrganisationKind =
  | 'kommun'
  | 'region'
  | 'statlig-myndighet'
  | 'larosate'
  | 'foretag'
  | 'ideell-forening'
  | 'ovrig';
export type InitiativeStatus = 'planerad' | 'pagaende' | 'avslutad' | 'avbruten';
export type PartnerRole = 'lead' | 'partner' | 'funder' | 'implementer';
export type FundingSource =
  | 'regionala-utvecklingsmedel'
  | 'eruf'
  | 'esf-plus'
  | 'interreg'
  | 'tillvaxtverket'
  | 'kommun'
  | 'region'
  | 'privat'
  | 'statlig'
  | 'ovrig';
export type PerspectiveSlug =
  | 'kompetensforsorjning'
  | 'digital-omstallning'
  | 'internationalisering';
/** Goal codes: '1.1','1.2' (Delaktighet, hälsa och välbefinnande), '2.1','2.2' (God miljö för barn och unga), '3.1','3.2','3.3' (Hållbar samhällsplanering), '4.1','4.2','4.3' (Stärkt konkurrenskraft), in the order of PRODUCT.md's table. */
export type GoalCode =
  | '1.1'
  | '1.2'
  | '2.1'
  | '2.2'
  | '3.1'
  | '3.2'
  | '3.3'
  | '4.1'
  | '4.2'
  | '4.3';
export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  /** The real organisationsnummer of a real body, checked against a source; otherwise null. */
  orgNumber: string | null;
  municipalityCode: string | null;
  website: string | null;
}
export interface DemoInitiative {
  key: string;
  title: string;
  summary: string;
  description: string;
  status: InitiativeStatus;
  startDate: string;
  endDate: string | null;
  ownerKey: string;
  partners: { orgKey: string; role: PartnerRole }[];
  funding: { source: FundingSource; amountSek: number; year: number }[];
  /** '0008' = whole county, else municipality codes */ placeCodes: string[];
  goalCodes: GoalCode[];
  perspectives: PerspectiveSlug[];
  sdgTargets: string[];
  exampleOfYear: number | null;
  diarienummer: string | null;
  /** Demo initiatives name no mailbox: a made-up one would look real, a real one would mislead. */
  contactEmail: null;
}
export interface DemoIndicator {
  key: string;
  goalCode: GoalCode;
  nameSv: string;
  nameEn: string;
  unit: string;
  source: 'kolada' | 'scb' | 'manual';
  sourceRef: string | null;
  direction: 'higher' | 'lower';
  genderSplit: boolean;
  baselineYear: number;
  baselineValue: number;
  targetYear: number;
  targetValue: number;
  /** county-level (0008) starting value in baselineYear, and yearly drift used to synthesise a series */ seriesStart: number;
  yearlyChange: number;
  /** relative spread across municipalities (e.g. 0.1 = ±10 %) and women-vs-men difference as a ratio of the total (e.g. 0.05) */ municipalSpread: number;
  genderGap: number;
  decimals: number;
}
