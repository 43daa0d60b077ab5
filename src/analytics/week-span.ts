/**
 * The whole ISO weeks (Monday to Sunday) inside a range of local dates, both included: the first
 * and the last Monday, or null when no whole week fits. The summaries answer those weeks from their
 * week rows and the days around them from their day rows.
 */
export function wholeWeeks(from: string, to: string): { first: string; last: string } | null {
  const day = 86_400_000;
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  const first = a + ((8 - new Date(a).getUTCDay()) % 7) * day;
  // The Monday of the week that ends on or before `to`.
  const endSunday = b - (new Date(b).getUTCDay() % 7) * day;
  const last = endSunday - 6 * day;
  if (last < first) return null;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { first: iso(first), last: iso(last) };
}
