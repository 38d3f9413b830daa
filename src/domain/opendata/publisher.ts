/**
 * Who publishes the open data and under which terms. The installation's organisation is
 * configuration in spirit; these are the defaults for Region Kalmar län.
 */
export const publisher = {
  name: 'Region Kalmar län',
  nameEn: 'Region Kalmar County',
  /** IATI organisation identifier: SE-ON (Bolagsverket) + organisationsnummer. */
  iatiRef: 'SE-ON-2321000073',
  /** IATI OrganisationType 11: local (here: regional) government. */
  iatiType: '11',
  homepage: 'https://regionkalmar.se/',
  /** A functional mailbox, not a person. */
  contactEmail: 'regionkalmar@regionkalmar.se',
  /** The country in the EU authority table; the county itself is described in the catalogue. */
  countryUri: 'http://publications.europa.eu/resource/authority/country/SWE',
  koladaCode: '0008',
  iso3166_2: 'SE-H',
} as const;

export const licence = {
  uri: 'http://creativecommons.org/publicdomain/zero/1.0/',
  nameSv: 'CC0 1.0 Universell (allmän egendom)',
} as const;

/** Attribution Kolada requires where its values appear. */
export const koladaAttribution = 'Källa: Kolada';
