import { expect, test } from 'vitest';
import { type ProgressFacts, stagesOf } from './progress.js';

const draft: ProgressFacts = {
  status: 'draft',
  startMet: null,
  frozen: false,
  stopSale: { done: 0, total: 0 },
  platforms: { done: 0, total: 0 },
  reports: { overdue: 0, unfiled: 1, total: 1 },
  statementSaved: false,
  notices: { queued: 0, sent: 0, failed: 0, unsendable: 0, firstSent: false },
  remedies: { remediedUnits: 0, inProgressUnits: 0, affectedUnits: 3 },
  inquiries: { total: 0, unanswered: 0 },
  investigation: { rootCause: false, actions: 0, verified: 0, findingsPublished: false },
  review: { done: 0, total: 6, trustSent: false },
};

test.each<[string, Partial<ProgressFacts>, Partial<Record<string, string>>]>([
  [
    'a fresh draft',
    {},
    { open: 'in_progress', scope: 'in_progress', statement: 'todo', notices: 'todo', close: 'todo' },
  ],
  ['a draft with a saved statement', { statementSaved: true }, { statement: 'in_progress' }],
  [
    'announced late, platforms not told',
    {
      status: 'announced',
      startMet: false,
      frozen: true,
      platforms: { done: 0, total: 2 },
      statementSaved: true,
    },
    { open: 'attention', platforms: 'attention', statement: 'done' },
  ],
  [
    'notices out, one failed',
    {
      status: 'active',
      frozen: true,
      notices: { queued: 0, sent: 9, failed: 1, unsendable: 0, firstSent: true },
    },
    { notices: 'attention' },
  ],
  [
    'every unit remedied',
    { status: 'active', frozen: true, remedies: { remediedUnits: 3, inProgressUnits: 0, affectedUnits: 3 } },
    { remedies: 'done' },
  ],
  ['a question still unanswered', { inquiries: { total: 2, unanswered: 1 } }, { inquiries: 'attention' }],
  [
    'CAPA verified and findings public',
    { investigation: { rootCause: true, actions: 2, verified: 2, findingsPublished: true } },
    { investigation: 'done' },
  ],
  ['closed', { status: 'closed', frozen: true }, { close: 'done', open: 'done' }],
  [
    'closed with platforms untold and a notice failed: unfinished, not “needs attention”',
    {
      status: 'closed',
      frozen: true,
      platforms: { done: 1, total: 2 },
      notices: { queued: 0, sent: 9, failed: 1, unsendable: 0, firstSent: true },
      inquiries: { total: 2, unanswered: 1 },
      remedies: { remediedUnits: 1, inProgressUnits: 1, affectedUnits: 3 },
    },
    {
      platforms: 'unfinished',
      notices: 'unfinished',
      inquiries: 'unfinished',
      remedies: 'unfinished',
      investigation: 'todo',
      close: 'done',
    },
  ],
  [
    'cancelled before announcement',
    { status: 'cancelled', statementSaved: true },
    { open: 'todo', statement: 'unfinished', scope: 'unfinished', close: 'todo' },
  ],
  [
    'a report to the regulator is late, even before announcement',
    { reports: { overdue: 1, unfiled: 1, total: 2 } },
    { platforms: 'attention' },
  ],
  [
    'a draft whose recall plan is filed',
    { reports: { overdue: 0, unfiled: 1, total: 2 } },
    { platforms: 'in_progress' },
  ],
])('%s', (_name, facts, expected) => {
  expect(stagesOf({ ...draft, ...facts })).toMatchObject(expected);
});
