import { describe, expect, test } from 'vitest';
import { type CaseFacts, scoreCase, weekOf } from './score.js';

const at = (h: number) => new Date(Date.UTC(2026, 11, 1, h));
const base: CaseFacts = {
  createdAt: at(0),
  firstRespondedAt: at(1),
  firstResponseDueAt: at(2),
  replies: 2,
  findings: 0,
  playbook: { done: 3, total: 3 },
  reopened: false,
  csat: 5,
};

describe('scoreCase', () => {
  test.each([
    [
      'everything right',
      {},
      { response: 100, checks: 100, playbook: 100, outcome: 100, satisfaction: 100 },
      100,
    ],
    ['answered late by half the allowed time', { firstRespondedAt: at(3) }, { response: 70 }, 93],
    ['answered late by more than twice the allowed time', { firstRespondedAt: at(8) }, { response: 0 }, 75],
    ['replied but never delivered', { firstRespondedAt: null }, { response: 0 }, 75],
    ['two reply-check findings', { findings: 2 }, { checks: 50 }, 90],
    ['one playbook step of three', { playbook: { done: 1, total: 3 } }, { playbook: 33 }, 90],
    ['reopened', { reopened: true }, { outcome: 40 }, 88],
    ['buyer unhappy (1 of 5)', { csat: 1 }, { satisfaction: 0 }, 80],
    // No playbook and no answer from the buyer: the other three parts carry the score.
    ['no playbook, no survey', { playbook: null, csat: null }, { playbook: null, satisfaction: null }, 100],
  ] as const)('%s', (_name, over, parts, total) => {
    const r = scoreCase({ ...base, ...over });
    expect(r.parts).toMatchObject(parts);
    expect(r.total).toBe(total);
  });
});

test.each([
  ['2026-12-07T00:00:00Z', '2026-12-07'], // a Monday
  ['2026-12-06T17:00:00Z', '2026-12-07'], // Monday 01:00 in Shanghai
  ['2026-12-13T15:00:00Z', '2026-12-07'], // Sunday 23:00 in Shanghai
])('%s falls in the week of %s', (iso, monday) => {
  expect(weekOf(new Date(iso))).toBe(monday);
});
