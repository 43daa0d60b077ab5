import type { EscalationRule, PolicyMatch } from '../db/schema/sla.js';
import type { SlaTargets } from './clock.js';

export type Policy = {
  id: string | null;
  name: string;
  priority: number;
  enabled: boolean;
  match: PolicyMatch;
  targets: SlaTargets;
  autoAck: boolean;
  escalation: EscalationRule[];
};

export type PeakEvent = {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  shopIds: string[];
  channels: string[];
  targets: SlaTargets;
};

export type CaseFacts = { channel: string; kind: string; severity: string; shopId: string | null };

const b = (minutes: number) => ({ minutes, clock: 'business' as const });
const h24 = (minutes: number) => ({ minutes, clock: '24x7' as const });
const escalateOnBreach: EscalationRule[] = [
  { on: 'breach', action: 'notify_supervisor' },
  { on: 'breach', target: 'firstResponse', action: 'raise_priority' },
];

/**
 * The defaults from the product brief: acknowledge at once; live chat 3 minutes; basic inquiries
 * 4 business hours; complaints and after-sales handled within 24 hours; negative reviews answered
 * within 24 hours; critical (safety) cases 1 hour around the clock.
 */
export const DEFAULT_POLICIES: Omit<Policy, 'id'>[] = [
  {
    name: '紧急（安全）案件 · Critical (safety), 24×7',
    priority: 10,
    enabled: true,
    match: { severities: ['critical'] },
    targets: { firstResponse: h24(60), nextResponse: h24(60), resolution: h24(24 * 60) },
    autoAck: true,
    escalation: [
      { on: 'warning', action: 'notify_supervisor' },
      { on: 'breach', action: 'notify_supervisor' },
    ],
  },
  {
    name: '在线客服 · Live chat',
    priority: 20,
    enabled: true,
    match: { channels: ['live_chat'] },
    targets: { firstResponse: b(3), nextResponse: b(3), resolution: b(24 * 60) },
    autoAck: true,
    escalation: escalateOnBreach,
  },
  {
    name: '差评 · Negative reviews',
    priority: 30,
    enabled: true,
    match: { kinds: ['negative_review'] },
    targets: { firstResponse: h24(24 * 60), nextResponse: h24(24 * 60), resolution: h24(72 * 60) },
    autoAck: false, // a public review is answered by a person, not a form letter
    escalation: escalateOnBreach,
  },
  {
    name: '投诉与售后 · Complaints and after-sales',
    priority: 40,
    enabled: true,
    match: { kinds: ['complaint', 'return_request', 'platform_dispute', 'recall_inquiry'] },
    targets: { firstResponse: b(4 * 60), nextResponse: b(4 * 60), resolution: h24(24 * 60) },
    autoAck: true,
    escalation: escalateOnBreach,
  },
  {
    name: '售后渠道 · After-sales channel',
    priority: 50,
    enabled: true,
    match: { channels: ['after_sales'] },
    targets: { firstResponse: b(4 * 60), nextResponse: b(4 * 60), resolution: h24(24 * 60) },
    autoAck: true,
    escalation: escalateOnBreach,
  },
  {
    name: '一般咨询 · Basic inquiries',
    priority: 100,
    enabled: true,
    match: {},
    targets: { firstResponse: b(4 * 60), nextResponse: b(4 * 60), resolution: b(24 * 60) },
    autoAck: true,
    escalation: [{ on: 'breach', action: 'notify_supervisor' }],
  },
];

const fits = (list: string[] | undefined, value: string | null) =>
  !list?.length || (value !== null && list.includes(value));

export function matchesPolicy(match: PolicyMatch, c: CaseFacts): boolean {
  return (
    fits(match.channels, c.channel) &&
    fits(match.kinds, c.kind) &&
    fits(match.severities, c.severity) &&
    fits(match.shopIds, c.shopId)
  );
}

/** The first enabled policy (by priority) that matches the case; critical cases never leave theirs. */
export function selectPolicy(policies: Policy[], c: CaseFacts): Policy | null {
  const sorted = [...policies].filter((p) => p.enabled).sort((x, y) => x.priority - y.priority);
  return sorted.find((p) => matchesPolicy(p.match, c)) ?? null;
}

/** A peak event running at `at` for this shop and channel overrides the targets it names. */
export function applyPeakEvent(
  targets: SlaTargets,
  events: PeakEvent[],
  c: CaseFacts,
  at: Date,
): { targets: SlaTargets; event: PeakEvent | null } {
  if (c.severity === 'critical') return { targets, event: null };
  const event = events.find(
    (e) =>
      e.startsAt <= at &&
      at < e.endsAt &&
      (!e.shopIds.length || (c.shopId !== null && e.shopIds.includes(c.shopId))) &&
      (!e.channels.length || e.channels.includes(c.channel)),
  );
  if (!event) return { targets, event: null };
  return { targets: { ...targets, ...stripNulls(event.targets) }, event };
}

const stripNulls = (t: SlaTargets): SlaTargets =>
  Object.fromEntries(Object.entries(t).filter(([, v]) => v)) as SlaTargets;
