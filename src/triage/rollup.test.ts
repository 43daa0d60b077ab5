import { describe, expect, test } from 'vitest';
import { analyze } from './analyze.js';
import { correctionReport } from './report.js';
import { rollUp } from './rollup.js';

const fresh = { severity: 'normal' as const, categories: [] as string[], triage: null };

describe('roll-up of message analyses onto the ticket', () => {
  test('categories add up, "other" drops out once a real category is known, severity only rises', () => {
    const first = rollUp(fresh, analyze('不满意，下次不买了'), 'm1');
    expect(first.set.categories).toEqual(['other']);
    const ticket1 = { ...fresh, ...first.set, triage: first.triage as never };
    const second = rollUp(ticket1, analyze('充电器起火了'), 'm2');
    expect(second.set).toMatchObject({ severity: 'critical' });
    expect(second.set.categories).toContain('safety_hazard');
    expect(second.set.categories).not.toContain('other');
    const ticket2 = { ...ticket1, ...second.set, triage: second.triage as never };
    const third = rollUp(ticket2, analyze('好的谢谢，非常满意'), 'm3');
    expect(third.set).toMatchObject({ severity: 'critical', sentiment: 'positive' });
    expect(third.triage.messages).toBe(3);
    expect(third.triage.lastMessageId).toBe('m3');
  });

  test('a message without text keeps the previous language and sentiment', () => {
    const first = rollUp(fresh, analyze('质量太差了'), 'm1');
    const ticket = { ...fresh, ...first.set, triage: first.triage as never };
    const next = rollUp(ticket, analyze('😀'), 'm2');
    expect(next.set).toMatchObject({ language: 'zh', sentiment: 'negative' });
  });

  test('categories given at creation and values an agent changed are kept and locked', () => {
    const atCreate = rollUp({ ...fresh, categories: ['other'] }, analyze('杯子有裂缝'), 'm1');
    expect(atCreate.set.categories).toEqual(['other']);
    expect(atCreate.triage.locked.categories).toBe(true);

    const auto = rollUp(fresh, analyze('杯子有裂缝'), 'm1');
    const edited = { ...fresh, ...auto.set, severity: 'low' as const, triage: auto.triage as never };
    const after = rollUp(edited, analyze('漏电了，被电了一下'), 'm2');
    expect(after.set.severity).toBe('low');
    expect(after.triage.locked).toEqual({ categories: false, severity: true });
    expect(after.triage.auto.severity).toBe('critical');
  });
});

describe('corrections report', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  test('latest row per ticket and field; per-category 2×2, category and severity matrices', () => {
    const report = correctionReport([
      {
        ticketId: 't1',
        field: 'categories',
        autoValue: ['quality_defect'],
        agentValue: ['damaged_in_transit'],
        createdAt: at,
      },
      {
        ticketId: 't1',
        field: 'categories',
        autoValue: ['quality_defect'],
        agentValue: ['quality_defect'],
        createdAt: at,
      },
      {
        ticketId: 't2',
        field: 'categories',
        autoValue: ['logistics_delay'],
        agentValue: ['logistics_delay', 'slow_response'],
        createdAt: at,
      },
      { ticketId: 't2', field: 'severity', autoValue: 'normal', agentValue: 'high', createdAt: at },
      { ticketId: 't3', field: 'severity', autoValue: 'critical', agentValue: 'critical', createdAt: at },
    ]);
    expect(report.reviewedTickets).toBe(3);
    const row = (c: string) => report.categories.perCategory.find((x) => x.category === c)!;
    expect(row('quality_defect')).toMatchObject({ tp: 0, fp: 1, fn: 0, tn: 1 });
    expect(row('damaged_in_transit')).toMatchObject({ tp: 0, fp: 0, fn: 1, tn: 1 });
    expect(row('slow_response')).toMatchObject({ fn: 1, recall: 0 });
    expect(report.categories.matrix.quality_defect!.damaged_in_transit).toBe(1);
    expect(report.categories.matrix['(none)']!.slow_response).toBe(1);
    expect(report.categories.matrix.logistics_delay!.logistics_delay).toBe(1);
    expect(report.categories.exactMatch).toBe(0);
    expect(report.severity).toMatchObject({ tickets: 2, accuracy: 0.5 });
    expect(report.severity.matrix.normal!.high).toBe(1);
  });

  test('no rows: nulls, not NaN', () => {
    const report = correctionReport([]);
    expect(report.categories).toMatchObject({ tickets: 0, exactMatch: null, microPrecision: null });
    expect(report.severity.accuracy).toBeNull();
  });
});

test('the primary category is the most urgent one', async () => {
  const { primaryCategory } = await import('./rollup.js');
  expect(primaryCategory(['quality_defect', 'safety_hazard'])).toBe('safety_hazard');
  expect(primaryCategory(['price_dispute', 'logistics_delay'])).toBe('logistics_delay');
  expect(primaryCategory([])).toBeNull();
});
