import { expect, test } from 'vitest';
import type { PlaybookStep } from '../db/schema/playbooks.js';
import { DEFAULT_PLAYBOOKS } from './default-playbooks.js';
import { pickCategory, suggestNextStep } from './next-step.js';

const quality = DEFAULT_PLAYBOOKS.find((p) => p.category === 'quality_defect')!.steps;
const keyOf = (s: PlaybookStep | null) => s?.key ?? null;

test.each<[string[], string, string | null]>([
  [[], 'new', 'apologise'],
  [['apologise'], 'acknowledged', 'ask_evidence'],
  [['apologise', 'ask_evidence'], 'investigating', 'offer'],
  // The satisfaction check is suggested once the remedy is under way, not before.
  [['apologise', 'ask_evidence', 'offer'], 'resolving', 'satisfaction'],
  // A step out of its statuses is still suggested when nothing else is left.
  [['apologise', 'ask_evidence', 'offer'], 'investigating', 'satisfaction'],
  [['apologise', 'ask_evidence', 'offer', 'satisfaction'], 'follow_up', null],
  [[], 'closed', null],
  // Skipping ahead: a case already resolving gets the first step that fits resolving.
  [[], 'resolving', 'offer'],
])('quality defect, done %j, status %s → %s', (done, status, expected) => {
  expect(keyOf(suggestNextStep(quality, new Set(done), status))).toBe(expected);
});

test('every complaint category has a default playbook that starts with an apology', () => {
  for (const p of DEFAULT_PLAYBOOKS) expect(p.steps[0]?.action).toBe('reply');
  expect(new Set(DEFAULT_PLAYBOOKS.map((p) => p.category)).size).toBe(13);
});

test.each([
  [['quality_defect', 'logistics_delay'], 'quality_defect'],
  [['unknown_thing', 'logistics_delay'], 'logistics_delay'],
  [[], 'other'],
])('categories %j use the %s playbook', (cats, expected) => {
  expect(pickCategory(cats, new Set(['quality_defect', 'logistics_delay', 'other']))).toBe(expected);
});
