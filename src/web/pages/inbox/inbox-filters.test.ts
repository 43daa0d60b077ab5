import { describe, expect, test } from 'vitest';
import { applyFilters, exclusiveOpen, parseFilters, toApiQuery } from './inbox-filters.js';

const url = (qs: string) => new URLSearchParams(qs);

describe('inbox filters in the URL', () => {
  test('a bare inbox shows every open case by SLA due time', () => {
    const f = parseFilters(url(''));
    expect(f.status).toEqual(['open']);
    expect(f.sort).toBe('due');
    expect(toApiQuery(f)).toMatchObject({ status: 'open', sort: 'due' });
  });

  test('status=all asks the API for every status', () => {
    expect(toApiQuery(parseFilters(url('status=all'))).status).toBeUndefined();
  });

  test('lists travel as comma-separated values and unknown sorts fall back to due', () => {
    const f = parseFilters(
      url('severity=high,critical&shopId=a,b&assigneeId=me&category=safety_hazard&tag=加急&sort=bogus'),
    );
    expect(toApiQuery(f)).toMatchObject({
      category: 'safety_hazard',
      severity: 'high,critical',
      shopId: 'a,b',
      assigneeId: 'me',
      tag: '加急',
      sort: 'due',
    });
  });

  test('words to find travel as q, trimmed; blank words are no filter', () => {
    expect(toApiQuery(parseFilters(url('q=%20包装%20破损%20'))).q).toBe('包装 破损');
    expect(toApiQuery(parseFilters(url('q=%20%20'))).q).toBeUndefined();
    expect(applyFilters(url('q=包装'), { q: undefined }).has('q')).toBe(false);
  });

  test('defaults leave no trace in the URL, choices do', () => {
    const next = applyFilters(url('kind=complaint&sort=created'), {
      status: ['open'],
      kind: [],
      sort: 'due',
      severity: ['critical'],
      tag: '',
    });
    expect(next.toString()).toBe('severity=critical');
    expect(applyFilters(url(''), { status: [] }).get('status')).toBe('all');
  });

  test.each([
    [['open'], ['open', 'closed'], ['closed']],
    [['new', 'closed'], ['new', 'closed', 'open'], ['open']],
    [['new', 'closed'], ['closed'], ['closed']],
  ])('status %j + pick → %j gives %j', (before, after, expected) => {
    expect(exclusiveOpen(before, after)).toEqual(expected);
  });
});
