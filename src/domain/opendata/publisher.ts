/**
 * Who publishes the open data and under which terms. The installation's organisation is
 * configuration in spirit; these are the defaults for Region Kalmar län.
 */
export const publisher = {
  name: 'Region Kalmar län',
  nameEn: 'Region Kalmar County',
  /**
   * IATI organisation identifier: the org-id.guide list `SE-ON` (Bolagsverket, Swedish
   * organisationsnummer, the ten digits without the hyphen) + Region Kalmar län's number
   * 232100-0073. The number is the one Landstinget i Kalmar län had; Region Kalmar län took
   * it over at the merger on 1 January 2019 (regionkalmar.se, "Om Region Kalmar län"). It
   * passes the Luhn check, its third digit 1 marks a region (landsting), and the national HSA
   * directory builds the region's ids from it (`SE2321000073-…`). The demo data's "Region
   * Kalmar län" organisation has an invented number (src/seed/demo/organisations.ts); a real
   * installation stores this one, so reporting-org and participating-org refs agree.
   */
  iatiRef: 'SE-ON-2321000073',
  /** IATI OrganisationType 11: local (here: regional) government. */
  iatiType: '11',
  homepage: 'https://regionkalmar.se/',
  /**
   * A functional mailbox, not a person: the Region's general address (registrator) as given
   * under "Officiella kontaktuppgifter" on regionkalmar.se. It is not in the product brief;
   * confirm it there before registering with the IATI Registry or dataportal.se.
   */
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
