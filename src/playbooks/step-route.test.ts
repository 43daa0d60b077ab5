import { expect, test } from 'vitest';
import type { PlannedStep } from './execution-plan.js';
import { routeStep, type StepRoute } from './step-route.js';

type Case = [PlannedStep['kind'], PlannedStep['via'], string | null, string | null, StepRoute];

test.each<Case>([
  // A refund on a platform after-sale goes through the platform's API.
  ['refund', 'outbox', 'taobao', 'aftersale:1661', { via: 'outbox', outboxKind: 'agree_refund' }],
  ['refund', 'outbox', 'pinduoduo', 'aftersale:9', { via: 'outbox', outboxKind: 'agree_refund' }],
  ['refund', 'outbox', 'douyin', 'aftersale:7', { via: 'outbox', outboxKind: 'agree_refund' }],
  [
    'return_instruction',
    'outbox',
    'tiktok',
    'aftersale:5',
    { via: 'outbox', outboxKind: 'return_instruction' },
  ],
  // No after-sale to act on (a recall case, a chat, a service request): a person does it, never a failing row.
  ['refund', 'outbox', 'taobao', null, { via: 'manual', why: 'no_target' }],
  ['refund', 'outbox', 'pinduoduo', null, { via: 'manual', why: 'no_target' }],
  ['return_instruction', 'outbox', 'douyin', 'service:3', { via: 'manual', why: 'no_target' }],
  ['refund', 'outbox', 'tiktok', 'chat:conv-1', { via: 'manual', why: 'no_target' }],
  // A shop without a platform (hotline, offline store) or no shop at all.
  ['refund', 'outbox', 'manual', null, { via: 'manual', why: 'no_platform' }],
  ['return_instruction', 'outbox', null, null, { via: 'manual', why: 'no_platform' }],
  // Steps that were always a person's stay plain tasks, whatever the platform can do.
  ['watch_parcel', 'task', 'taobao', 'aftersale:1', { via: 'task' }],
  ['refund', 'task', 'taobao', 'aftersale:1', { via: 'task' }],
  ['ship_replacement', 'outbox', 'taobao', 'aftersale:1', { via: 'task' }],
])('%s via %s on %s (case %s) → %o', (kind, via, platform, caseRef, expected) => {
  expect(routeStep({ kind, via }, platform, caseRef)).toEqual(expected);
});
