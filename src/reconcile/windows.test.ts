import { describe, expect, test } from 'vitest';
import { lagMs, nextWindow, retryDelayMs } from './windows.js';

const rule = { settleMs: 60_000, maxWindowMs: 30 * 60_000, firstLookbackMs: 24 * 3600_000 };
const now = new Date('2026-12-05T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('nextWindow', () => {
  test.each([
    ['first run starts a day back', null, '2026-12-04T11:59:00Z', '2026-12-04T12:29:00Z'],
    [
      'a window is no wider than the platform allows',
      at('2026-12-05T10:00:00Z'),
      '2026-12-05T10:00:00Z',
      '2026-12-05T10:30:00Z',
    ],
    [
      'the last window stops short of now by the settle time',
      at('2026-12-05T11:50:00Z'),
      '2026-12-05T11:50:00Z',
      '2026-12-05T11:59:00Z',
    ],
  ])('%s', (_name, watermark, from, to) => {
    expect(nextWindow(watermark, now, rule)).toEqual({ from: at(from), to: at(to) });
  });

  test('nothing to pull once caught up', () => {
    expect(nextWindow(at('2026-12-05T11:59:00Z'), now, rule)).toBeNull();
    expect(nextWindow(at('2026-12-05T11:59:30Z'), now, rule)).toBeNull();
  });
});

describe('lagMs', () => {
  test('from the oldest watermark', () => {
    expect(lagMs([at('2026-12-05T11:58:00Z'), at('2026-12-05T11:50:00Z')], now)).toBe(600_000);
  });
  test('unknown while a feed was never pulled', () => {
    expect(lagMs([at('2026-12-05T11:58:00Z'), null], now)).toBeNull();
    expect(lagMs([], now)).toBeNull();
  });
});

describe('retryDelayMs', () => {
  test.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [20, 600_000],
  ])('after %i failures: %i ms', (failures, ms) => {
    expect(retryDelayMs(failures, 600_000)).toBe(ms);
  });
});
