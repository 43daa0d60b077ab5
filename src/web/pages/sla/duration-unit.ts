/**
 * The unit a chart of durations reads best in, from its largest value: a week-long backlog drawn in
 * minutes tops out at "10,080", which nobody reads as a week.
 */
export function durationUnit(maxSec: number): { key: 'min' | 'hour' | 'day'; perSec: number } {
  if (maxSec >= 3 * 86_400) return { key: 'day', perSec: 1 / 86_400 };
  if (maxSec >= 3 * 3_600) return { key: 'hour', perSec: 1 / 3_600 };
  return { key: 'min', perSec: 1 / 60 };
}
