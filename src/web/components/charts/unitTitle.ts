/**
 * A chart's title with its unit in brackets, unless the name already ends with it: Kolada's
 * titles often do ("…, andel (%)"), and "andel (%) (%)" says the unit twice.
 */
export function withUnit(name: string, unit: string): string {
  const u = unit.trim();
  if (!u) return name;
  return name.trimEnd().endsWith(`(${u})`) ? name : `${name} (${u})`;
}
