/** What one closed case tells about how its agent handled it. */
export type CaseFacts = {
  /** When the first human reply reached the buyer, and when it was due (null: none / no target). */
  firstRespondedAt: Date | null;
  firstResponseDueAt: Date | null;
  createdAt: Date;
  /** The agent's replies on the case, and the reply-check findings they raised (warnings). */
  replies: number;
  findings: number;
  /** Playbook steps done of those the case's playbook has (null: no playbook applied). */
  playbook: { done: number; total: number } | null;
  reopened: boolean;
  /** The buyer's satisfaction answer, 1–5 (null: none). */
  csat: number | null;
};

export type ScoreParts = {
  response: number | null;
  checks: number | null;
  playbook: number | null;
  outcome: number;
  satisfaction: number | null;
};

// Weights of the parts in the total; a part with no data drops out and the rest are re-weighted.
const WEIGHTS: Record<keyof ScoreParts, number> = {
  response: 25,
  checks: 20,
  playbook: 15,
  outcome: 20,
  satisfaction: 20,
};

/**
 * A closed case's coaching score, 0–100, from five parts: first response on time (a late one loses
 * up to 60 points as it grows to twice the allowed time; none at all is 0), reply checks (25 points
 * off per finding), the playbook's steps done, the outcome (reopened: 40) and the buyer's answer.
 */
export function scoreCase(f: CaseFacts): { parts: ScoreParts; total: number } {
  let response: number | null = null;
  if (f.firstRespondedAt === null) response = f.replies > 0 ? 0 : null;
  else if (f.firstResponseDueAt === null || f.firstRespondedAt <= f.firstResponseDueAt) response = 100;
  else {
    const allowed = Math.max(f.firstResponseDueAt.getTime() - f.createdAt.getTime(), 60_000);
    const late = (f.firstRespondedAt.getTime() - f.firstResponseDueAt.getTime()) / allowed;
    response = Math.round(Math.max(40, 100 - 60 * Math.min(late, 1)) - (late > 1 ? 40 : 0));
  }
  const parts: ScoreParts = {
    response,
    checks: f.replies > 0 ? Math.max(0, 100 - 25 * f.findings) : null,
    playbook:
      f.playbook && f.playbook.total > 0
        ? Math.round((100 * Math.min(f.playbook.done, f.playbook.total)) / f.playbook.total)
        : null,
    outcome: f.reopened ? 40 : 100,
    satisfaction: f.csat === null ? null : Math.round(((f.csat - 1) / 4) * 100),
  };
  let sum = 0;
  let weight = 0;
  for (const key of Object.keys(WEIGHTS) as (keyof ScoreParts)[]) {
    const v = parts[key];
    if (v === null) continue;
    sum += v * WEIGHTS[key];
    weight += WEIGHTS[key];
  }
  return { parts, total: Math.round(sum / weight) };
}

/** Monday of the week a time falls in (UTC+8, the shops' zone), as YYYY-MM-DD. */
export function weekOf(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const day = (local.getUTCDay() + 6) % 7;
  const monday = new Date(local.getTime() - day * 86_400_000);
  return monday.toISOString().slice(0, 10);
}
