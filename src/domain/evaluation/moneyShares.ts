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

/** Funding by source is exact (each line has one source), not shared. */
export function bySourceExact(initiatives: FundedInitiative[], year?: number): Buckets {
  const b: Buckets = new Map();
  for (const i of initiatives)
    for (const f of i.funding)
      if (year === undefined || f.year === year) add(b, f.source, f.amountSek);
  return b;
}
