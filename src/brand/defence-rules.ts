import type { EvidenceKind } from '../db/schema/evidence.js';

const DAY_MS = 86_400_000;

/**
 * Days the platform gives a shop to answer an IP complaint before the listing is taken down.
 * UNCERTAIN: each notice states its own period (commonly 3 days on Pinduoduo and Taobao, Douyin's
 * appeal window is 7 days); a date given with the notice always wins.
 */
export const DEFENCE_RESPONSE_DAYS: Record<string, number> = {
  pinduoduo: 3,
  taobao: 3,
  douyin: 7,
  tiktok: 7,
  other: 3,
};

export const defenceDueAt = (platform: string, receivedAt: Date, given?: Date | null) =>
  given ?? new Date(receivedAt.getTime() + (DEFENCE_RESPONSE_DAYS[platform] ?? 3) * DAY_MS);

/** What proves the goods genuine: the authorisation chain, purchase invoices, inspection reports. */
export const DEFENCE_EVIDENCE: EvidenceKind[] = ['authorisation_letter', 'invoice', 'inspection_report'];

export function defenceChecklist(have: EvidenceKind[]) {
  const items = DEFENCE_EVIDENCE.map((kind) => ({ kind, have: have.filter((k) => k === kind).length }));
  const missing = items.filter((i) => i.have === 0).map((i) => i.kind);
  return { items, missing, complete: missing.length === 0 };
}

export type DefenceStatus = 'open' | 'responded' | 'dismissed' | 'upheld' | 'withdrawn';

/**
 * open → responded (our answer went in) → dismissed (the platform rejected the complaint: our
 * listing stays) or upheld (the listing came down / a penalty); the complainant may withdraw at any
 * time before a decision, and a complaint can be upheld without an answer (the deadline passed).
 */
export const DEFENCE_MOVES: Record<DefenceStatus, DefenceStatus[]> = {
  open: ['responded', 'upheld', 'withdrawn'],
  responded: ['dismissed', 'upheld', 'withdrawn'],
  dismissed: [],
  upheld: [],
  withdrawn: [],
};

export type DefenceMove =
  | { ok: true; set: { status: DefenceStatus; respondedAt?: Date; decidedAt?: Date } }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'VALIDATION_FAILED'; message: string };

/** The next state of a defence, or why the move cannot happen. */
export function moveDefence(
  d: { status: DefenceStatus; response: string },
  to: DefenceStatus,
  now: Date,
  response?: string,
): DefenceMove {
  if (!DEFENCE_MOVES[d.status].includes(to)) {
    return { ok: false, code: 'ILLEGAL_TRANSITION', message: `a ${d.status} defence cannot become ${to}` };
  }
  if (to === 'responded' && !(response ?? d.response).trim()) {
    return {
      ok: false,
      code: 'VALIDATION_FAILED',
      message: 'write (or draft) the answer you submitted before marking the complaint responded',
    };
  }
  if (to === 'responded') return { ok: true, set: { status: to, respondedAt: now } };
  return { ok: true, set: { status: to, decidedAt: now } };
}

export type DueState = { state: 'done' | 'overdue' | 'due_soon' | 'pending'; hoursLeft: number };

/** Where the answer deadline stands: due soon inside 24 hours; done once answered or decided. */
export function defenceDue(d: { status: DefenceStatus; responseDueAt: Date }, now: Date): DueState {
  const hoursLeft = Math.floor((d.responseDueAt.getTime() - now.getTime()) / 3_600_000);
  if (d.status !== 'open') return { state: 'done', hoursLeft };
  if (hoursLeft < 0) return { state: 'overdue', hoursLeft };
  return { state: hoursLeft < 24 ? 'due_soon' : 'pending', hoursLeft };
}
