import { regionIdentity } from '../../region/activeRegion.js';
import { county } from '../../region/referenceGeo.js';

/**
 * Who publishes the open data and under which terms: the region of the active region pack
 * (region.json). The IATI organisation identifier is the org-id.guide list `SE-ON` (Bolagsverket,
 * Swedish organisationsnummer, the ten digits without the hyphen) + the region's number, so
 * reporting-org and participating-org refs agree with an organisation stored with that number.
 */
export const publisher = {
  get name(): string {
    return regionIdentity().nameSv;
  },
  get nameEn(): string {
    return regionIdentity().nameEn;
  },
  get iatiRef(): string {
    return `SE-ON-${regionIdentity().organisationNumber.replace('-', '')}`;
  },
  /** IATI OrganisationType 11: local (here: regional) government. */
  iatiType: '11',
  get homepage(): string {
    return regionIdentity().homepage;
  },
  /** A functional mailbox, not a person (region.json `contactEmail`). */
  get contactEmail(): string {
    return regionIdentity().contactEmail;
  },
  /** The country in the EU authority table; the county itself is described in the catalogue. */
  countryUri: 'http://publications.europa.eu/resource/authority/country/SWE',
  get koladaCode(): string {
    return regionIdentity().koladaId;
  },
  get iso3166_2(): string {
    return county(regionIdentity().lanCode)?.iso ?? 'SE';
  },
  /** The county as a place: "Uppsala län" / "Uppsala County". */
  get countySv(): string {
    return regionIdentity().countySv;
  },
  get countyEn(): string {
    return regionIdentity().countyEn;
  },
};

export const licence = {
  uri: 'http://creativecommons.org/publicdomain/zero/1.0/',
  nameSv: 'CC0 1.0 Universell (allmän egendom)',
} as const;

/** Attribution Kolada requires where its values appear. */
export const koladaAttribution = 'Källa: Kolada';
