/**
 * The money rule: an initiative's funding of a year is split in equal shares over the things it
 * is linked to (goals, places, SDG goals, perspectives), so totals are never counted twice.
 * Money of an initiative linked to none lands in the "unassigned" bucket.
 */
export interface FundedInitiative {
  id: number;
  status: string;
  startYear: number;
  endYear: number | null;
  funding: { year: number; source: string; amountSek: number }[];
  goals: { code: string; areaSlug: string }[];
  places: string[];
  sdgGoals: number[];
  perspectives: string[];
}

export const UNASSIGNED = '';

export type Buckets = Map<string, number>;

function add(b: Buckets, key: string, amount: number) {
  b.set(key, (b.get(key) ?? 0) + amount);
}

export function shareBy(
  initiatives: FundedInitiative[],
  keys: (i: FundedInitiative) => string[],
  year?: number,
): Buckets {
  const buckets: Buckets = new Map();
  for (const i of initiatives) {
    const amount = i.funding
      .filter((f) => year === undefined || f.year === year)
      .reduce((s, f) => s + f.amountSek, 0);
    if (amount === 0) continue;
    const k = [...new Set(keys(i))];
    if (k.length === 0) add(buckets, UNASSIGNED, amount);
    else for (const key of k) add(buckets, key, amount / k.length);
  }
  return buckets;
}

/** Goal areas get the shares of their goals, so an initiative under two goals of one area counts once there. */
export const byGoalArea = (i: FundedInitiative) => i.goals.map((g) => g.areaSlug);
export const byGoal = (i: FundedInitiative) => i.goals.map((g) => g.code);
export const byPlace = (i: FundedInitiative) => i.places;
export const bySdg = (i: FundedInitiative) => i.sdgGoals.map(String);
export const byPerspective = (i: FundedInitiative) => i.perspectives;

export function total(initiatives: FundedInitiative[], year?: number): number {
  return initiatives.reduce(
    (s, i) =>
      s +
      i.funding
        .filter((f) => year === undefined || f.year === year)
        .reduce((t, f) => t + f.amountSek, 0),
    0,
  );
}

/**
 * Whole kronor for each bucket that add up to the rounded sum of the buckets (largest remainder),
 * so a table of shares totals exactly what the money is, not a krona more or less.
 */
export function roundShares(b: Buckets): { key: string; amount: number }[] {
  const entries = [...b.entries()].map(([key, value]) => ({
    key,
    amount: Math.floor(value),
    rest: value - Math.floor(value),
  }));
  let missing =
    Math.round([...b.values()].reduce((s, v) => s + v, 0)) -
    entries.reduce((s, e) => s + e.amount, 0);
  for (const e of [...entries].sort((a, z) => z.rest - a.rest || a.key.localeCompare(z.key))) {
    if (missing <= 0) break;
    e.amount += 1;
    missing -= 1;
  }
  return entries.map(({ key, amount }) => ({ key, amount }));
}

/**
 * Funding by goal area and source: each funding line shared equally over the initiative's goal
 * areas (keys `area\u0000source`), so a row adds up to its area and a column to its source.
 */
export function byGoalAreaAndSource(initiatives: FundedInitiative[], year?: number): Buckets {
  const b: Buckets = new Map();
  for (const i of initiatives) {
    const areas = [...new Set(byGoalArea(i))];
    for (const f of i.funding) {
      if (year !== undefined && f.year !== year) continue;
      if (areas.length === 0) add(b, `${UNASSIGNED}\u0000${f.source}`, f.amountSek);
      else for (const a of areas) add(b, `${a}\u0000${f.source}`, f.amountSek / areas.length);
    }
  }
  return b;
}

/** Funding by source is exact (each line has one source), not shared. */
export function bySourceExact(initiatives: FundedInitiative[], year?: number): Buckets {
  const b: Buckets = new Map();
  for (const i of initiatives)
    for (const f of i.funding)
      if (year === undefined || f.year === year) add(b, f.source, f.amountSek);
  return b;
}
