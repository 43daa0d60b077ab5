import type { DisputeForum, DisputeOutcome, DisputeType } from '../db/schema/disputes.js';
import type { EvidenceKind } from '../db/schema/evidence.js';
import { type BusinessCalendar, compileCalendar, defaultCalendarSpec } from '../sla/calendar.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Mainland working days (09:00–18:00, public holidays and 调休 from sla/holidays-cn.ts). */
export const CN_WORKING_DAYS: BusinessCalendar = compileCalendar(defaultCalendarSpec('Asia/Shanghai'));

/**
 * The end of the n-th working day after the day of `fromMs` (the day itself does not count, as
 * authorities count periods: "within 7 working days of receipt").
 */
export function addWorkingDays(cal: BusinessCalendar, fromMs: number, n: number): number {
  let day = cal.localDayOf(fromMs);
  let counted = 0;
  for (let scanned = 0; scanned < 800; scanned++) {
    day++;
    const iv = cal.day(day).iv;
    if (iv.length && ++counted === n) return iv[iv.length - 1]!;
  }
  throw new RangeError('no working days found in the calendar');
}

export type Deadlines = {
  evidenceDueAt: Date | null;
  responseDueAt: Date | null;
  acceptanceDueAt: Date | null;
  mediationEndsAt: Date | null;
};

/**
 * Default periods per forum when a notice names no date of its own. UNCERTAIN: platforms set the
 * evidence window in each intervention notice (Douyin tag 213 carries it); these defaults are the
 * commonly reported 48 h / 72 h and are overridden by any date the caller passes.
 */
export const PLATFORM_WINDOWS: Record<string, { evidenceHours: number; responseHours: number }> = {
  pinduoduo: { evidenceHours: 48, responseHours: 72 },
  douyin: { evidenceHours: 48, responseHours: 72 },
  taobao: { evidenceHours: 72, responseHours: 120 },
  tiktok: { evidenceHours: 48, responseHours: 96 },
  // UNCERTAIN: card networks give the acquirer about 20–30 days; merchants get about 7 from the acquirer.
  card_network: { evidenceHours: 7 * 24, responseHours: 10 * 24 },
  other: { evidenceHours: 72, responseHours: 120 },
};

/**
 * A dispute's deadlines: 12315 and consumer-association complaints follow the regulator's working-day
 * periods (acceptance decided within 7 working days, mediation ends after 45 working days —
 * platforms.md, Rules); platform interventions use the forum's window. Dates given win.
 */
export function disputeDeadlines(
  input: { type: DisputeType; platform: DisputeForum; openedAt: Date },
  given: Partial<Deadlines> = {},
  cal: BusinessCalendar = CN_WORKING_DAYS,
): Deadlines {
  const at = input.openedAt.getTime();
  const regulator =
    input.type === 'regulator_12315' ||
    input.platform === 'regulator_12315' ||
    input.platform === 'consumer_association';
  if (regulator) {
    const acceptance = addWorkingDays(cal, at, 7);
    return {
      evidenceDueAt: given.evidenceDueAt ?? null,
      // The merchant answers before the authority decides on acceptance.
      responseDueAt: given.responseDueAt ?? new Date(acceptance),
      acceptanceDueAt: given.acceptanceDueAt ?? new Date(acceptance),
      mediationEndsAt: given.mediationEndsAt ?? new Date(addWorkingDays(cal, at, 45)),
    };
  }
  const window = PLATFORM_WINDOWS[input.platform] ?? PLATFORM_WINDOWS.other!;
  return {
    evidenceDueAt: given.evidenceDueAt ?? new Date(at + window.evidenceHours * HOUR),
    responseDueAt: given.responseDueAt ?? new Date(at + window.responseHours * HOUR),
    acceptanceDueAt: given.acceptanceDueAt ?? null,
    mediationEndsAt: given.mediationEndsAt ?? null,
  };
}

/** The nearest deadline the merchant still has to meet: evidence until submitted, then the response. */
export function nextDue(
  d: Deadlines & { status: string; submittedAt?: Date | null | undefined },
): Date | null {
  if (d.status === 'closed') return null;
  const pending = [
    d.status === 'open' ? d.evidenceDueAt : null,
    d.status === 'open' ? d.responseDueAt : null,
    d.acceptanceDueAt,
    d.mediationEndsAt,
  ].filter((x): x is Date => x !== null);
  if (!pending.length) return null;
  return new Date(Math.min(...pending.map((x) => x.getTime())));
}

export type ChecklistItem = { kind: EvidenceKind; required: boolean; have: number };

/** What each dispute type must show (issue 13; Pinduoduo decides on "pictures and the truth"). */
export const REQUIRED_EXHIBITS: Record<DisputeType, EvidenceKind[]> = {
  quality: ['photo', 'inspection_report'],
  not_received: ['logistics_proof'],
  not_as_described: ['listing_snapshot'],
  counterfeit: ['authorisation_letter', 'invoice'],
  refund: ['order_record'],
  regulator_12315: ['order_record', 'chat_record'],
  chargeback: ['order_record', 'logistics_proof'],
  other: [],
};
/** Worth adding to every dispute: the frozen chat shows what was said, when, by whom. */
export const RECOMMENDED_EXHIBITS: EvidenceKind[] = ['chat_record'];

export function checklist(type: DisputeType, kinds: EvidenceKind[]) {
  const count = (k: EvidenceKind) => kinds.filter((x) => x === k).length;
  const required = REQUIRED_EXHIBITS[type];
  const items: ChecklistItem[] = [
    ...required.map((kind) => ({ kind, required: true, have: count(kind) })),
    ...RECOMMENDED_EXHIBITS.filter((k) => !required.includes(k)).map((kind) => ({
      kind,
      required: false,
      have: count(kind),
    })),
  ];
  const missing = items.filter((i) => i.required && i.have === 0).map((i) => i.kind);
  return { items, missing, complete: missing.length === 0 };
}

export type Reminder = { deadline: keyof Deadlines; dueAt: Date; state: 'upcoming' | 'due_soon' | 'overdue' };

/** A reminder a day before each open deadline, and an overdue mark after it. */
export function reminders(d: Deadlines & { status: string }, now: Date, leadMs = DAY): Reminder[] {
  if (d.status === 'closed') return [];
  const keys: (keyof Deadlines)[] =
    d.status === 'open'
      ? ['evidenceDueAt', 'responseDueAt', 'acceptanceDueAt', 'mediationEndsAt']
      : ['acceptanceDueAt', 'mediationEndsAt'];
  return keys
    .flatMap((deadline) => {
      const dueAt = d[deadline];
      if (!dueAt) return [];
      const left = dueAt.getTime() - now.getTime();
      const state: Reminder['state'] = left < 0 ? 'overdue' : left <= leadMs ? 'due_soon' : 'upcoming';
      return [{ deadline, dueAt, state }];
    })
    .sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime());
}

export type DecidedDispute = {
  type: string;
  platform: string;
  reason: string;
  outcome: DisputeOutcome | null;
  amountAtStakeFen: number;
  amountLostFen: number | null;
};

export type WinRateRow = {
  key: string;
  decided: number;
  won: number;
  lost: number;
  partial: number;
  winRate: number | null;
  atStakeFen: number;
  lostFen: number;
};

/** Win rate per group: won / (won + lost + partial); withdrawn disputes count nowhere. */
export function winRates(list: DecidedDispute[], by: 'type' | 'platform' | 'reason'): WinRateRow[] {
  const groups = new Map<string, WinRateRow>();
  for (const d of list) {
    const key = d[by] || '—';
    const row = groups.get(key) ?? {
      key,
      decided: 0,
      won: 0,
      lost: 0,
      partial: 0,
      winRate: null,
      atStakeFen: 0,
      lostFen: 0,
    };
    row.atStakeFen += d.amountAtStakeFen;
    row.lostFen += d.amountLostFen ?? 0;
    if (d.outcome === 'won' || d.outcome === 'lost' || d.outcome === 'partial') {
      row.decided++;
      row[d.outcome]++;
    }
    groups.set(key, row);
  }
  return [...groups.values()]
    .map((r) => ({ ...r, winRate: r.decided ? r.won / r.decided : null }))
    .sort((a, b) => b.decided - a.decided || a.key.localeCompare(b.key));
}

export const DAY_MS = DAY;
