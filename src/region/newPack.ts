import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { county, koladaCountyId, municipalitiesOf } from './referenceGeo.js';

/** The mark of every text of a new pack that the region still has to write. */
export const PLACEHOLDER_SV = '[Att fylla i]';
export const PLACEHOLDER_EN = '[To be filled in]';

/** The published JSON Schema, found from this module so it works wherever the product is. */
const schemaFile = fileURLToPath(new URL('../../docs/region-pack.schema.json', import.meta.url));

export class NewPackError extends Error {
  override name = 'NewPackError';
}

const placeholder = (sv: string, en: string) => ({
  sv: `${PLACEHOLDER_SV} ${sv}`,
  en: `${PLACEHOLDER_EN} ${en}`,
});

/**
 * Writes a starting pack for a län from the reference data: the identity with the county's
 * real name and codes, and a strategy whose texts are all marked as to be filled in, so that the
 * pack starts as it is and shows its placeholders on the pages. The municipalities and
 * boundaries come from reference/geo at seed time. Refuses a directory that already has files.
 */
export function writeNewPack(lanCode: string, outDir: string): { dir: string; files: string[] } {
  const c = county(lanCode);
  if (!c) throw new NewPackError(`"${lanCode}" är inte koden för ett län (01–25, t.ex. 03).`);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new NewPackError(`Katalogen ${outDir} finns redan och är inte tom.`);
  }
  mkdirSync(outDir, { recursive: true });
  const schema = (file: string) =>
    `${path.relative(path.resolve(outDir), schemaFile).split(path.sep).join('/')}#/properties/${file}`;
  const regionName = `Region ${c.name}`;
  const countyEn = `${c.shortName} County`;
  const vision = placeholder(
    `Målbilden för ${c.name}: skriv strategins vision här.`,
    `The vision for ${countyEn}: write the strategy's vision here.`,
  );
  const area = (n: number, colour: string) => ({
    slug: `malomrade-${n}`,
    nameSv: `${PLACEHOLDER_SV} Målområde ${n}`,
    nameEn: `${PLACEHOLDER_EN} Goal area ${n}`,
    descriptionSv: `${PLACEHOLDER_SV} Beskriv målområdet.`,
    descriptionEn: `${PLACEHOLDER_EN} Describe the goal area.`,
    colour,
  });
  const goal = (areaNo: number, goalNo: number) => ({
    code: `${areaNo}.${goalNo}`,
    area: `malomrade-${areaNo}`,
    nameSv: `${PLACEHOLDER_SV} Mål ${areaNo}.${goalNo}`,
    nameEn: `${PLACEHOLDER_EN} Goal ${areaNo}.${goalNo}`,
    sdgTargets: [],
  });
  const files: Record<string, unknown> = {
    'region.json': {
      $schema: schema('region.json'),
      lanCode: c.code,
      koladaId: koladaCountyId(c.code),
      nameSv: regionName,
      nameEn: `Region ${countyEn}`,
      countySv: c.name,
      countyEn,
      organisationNumber: '000000-0000',
      contactEmail: 'registrator@region.example',
      homepage: 'https://region.example/',
      siteName: 'Riktning',
      taglineSv: `Regional utvecklingsstrategi för ${c.name}`,
      taglineEn: `Regional development strategy for ${countyEn}`,
      demoData: false,
      placeholders: true,
    },
    'strategy.json': {
      $schema: schema('strategy.json'),
      slug: 'rus',
      nameSv: `${PLACEHOLDER_SV} Regional utvecklingsstrategi för ${c.name}`,
      nameEn: `${PLACEHOLDER_EN} Regional development strategy for ${countyEn}`,
      periodStart: 2025,
      periodEnd: 2035,
      decision: null,
      visionSv: vision.sv,
      visionEn: vision.en,
      introductionSv: '',
      introductionEn: '',
      chapters: [],
      goalAreas: [area(1, '#1F5C8C'), area(2, '#2E6B34'), area(3, '#7A2E5E')],
      goals: [goal(1, 1), goal(1, 2), goal(2, 1), goal(2, 2), goal(3, 1), goal(3, 2)],
      perspectives: [],
      programmes: [],
    },
    'indicators.json': { $schema: schema('indicators.json'), indicators: [] },
    'pages.json': {
      $schema: schema('pages.json'),
      accessibilityOwner: {
        sv: [
          `Riktning drivs av ${regionName}. Vi vill att så många som möjligt ska kunna använda webbplatsen. Den här redogörelsen beskriver hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service (DOS-lagen), kända brister och hur du kan rapportera problem så att vi kan åtgärda dem.`,
        ],
        en: [
          `Riktning is run by ${regionName}. We want as many people as possible to be able to use the website. This statement describes how the website meets the Swedish act on accessibility of digital public services (DOS-lagen), known shortcomings, and how to report problems so that we can fix them.`,
        ],
      },
      privacyController: {
        sv: [
          `Personuppgiftsansvarig är ${regionName}. Du har rätt att begära ett registerutdrag, rättelse och radering enligt dataskyddsförordningen (GDPR).`,
        ],
        en: [
          `The controller is ${regionName}. You have the right to request a copy of your data, correction and erasure under the GDPR.`,
        ],
      },
    },
  };
  const municipalities = municipalitiesOf(c.code);
  const readme = `# Regionpaket för ${c.name}

Skrivet av \`riktning region new --lan ${c.code}\`. Länet har ${municipalities.length} kommuner
(${municipalities.map((m) => `${m.name} ${m.code}`).join(', ')}); de, länets gräns och alla
jämförelseområden läses från referensdata (reference/geo) när databasen fylls.

Att fylla i (allt som är märkt "${PLACEHOLDER_SV}" / "${PLACEHOLDER_EN}" visas så på sidorna):

- region.json: organisationsnummer, kontaktbrevlåda, webbplats, organisationens namn
  (kontrollera "${regionName}").
- strategy.json: strategins namn, period, beslut, vision, målområden och mål.
- indicators.json: indikatorerna och deras källor (Kolada-KPI eller SCB-tabell).
- pages.json: ägarens texter i tillgänglighetsredogörelsen och integritetssidan.
- SOURCE.md: varifrån strategins text och indikatorernas id kommer.

Kontrollera paketet med \`riktning region check ${outDir}\` och starta med
\`RIKTNING_REGION=${outDir} npm start\`. Formatet: docs/region-pack.md.
`;
  for (const [file, value] of Object.entries(files)) {
    writeFileSync(path.join(outDir, file), `${JSON.stringify(value, null, 2)}\n`);
  }
  writeFileSync(path.join(outDir, 'README.md'), readme);
  writeFileSync(
    path.join(outDir, 'SOURCE.md'),
    `# Källor\n\n${PLACEHOLDER_SV} Ange varifrån strategin och indikatorerna kommer.\n\nLänets namn, koder, kommuner och gränser: reference/geo/SOURCE.md (SCB, CC0).\n`,
  );
  return { dir: outDir, files: [...Object.keys(files), 'README.md', 'SOURCE.md'] };
}
