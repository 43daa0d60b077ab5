import { describe, expect, test } from 'vitest';
import {
  type BaseWeights,
  decodeDelta,
  deltaLogit,
  deltaWeight,
  encodeDelta,
  pseudoLabel,
  tailIds,
  trainSentimentDelta,
  trainSentimentDeltaInSlices,
} from './sentiment-delta.js';

// A toy shipped model: feature 1 is positive, 2 negative, 3..9 unknown to it.
const base: BaseWeights = { weight: (id) => (id === 1 ? 3 : id === 2 ? -3 : 0), bias: 0 };

describe('pseudo-labels', () => {
  test.each([
    [0.95, 0.3, 1],
    [0.05, 0.3, 0],
    [0.7, 0.3, null], // unsure: left out
    [0.8, 0.3, 1],
  ] as const)('p %f at confidence %f is %s', (p, c, y) => {
    expect(pseudoLabel(p, c)).toBe(y);
  });
});

describe('the sentiment delta', () => {
  // The shop's texts: its own word 5 always comes with the positive 1, word 6 with the negative 2.
  const texts = [
    ...Array.from({ length: 40 }, () => ({ ids: [1, 5] })),
    ...Array.from({ length: 40 }, () => ({ ids: [2, 6] })),
  ];

  test('learns the shop’s own words from the texts the shipped model is sure of', () => {
    const d = trainSentimentDelta(base, texts);
    expect(d.pseudoLabelled).toBe(80);
    expect(d.entries.get(5)).toBeGreaterThan(0);
    expect(d.entries.get(6)).toBeLessThan(0);
  });

  test('texts the shipped model is unsure of teach nothing', () => {
    const d = trainSentimentDelta(base, [{ ids: [7, 8] }, { ids: [9] }]);
    expect(d.pseudoLabelled).toBe(0);
    expect(d.entries.size).toBe(0);
    expect(d.bias).toBe(0);
  });

  test('a continued round goes on from the last delta; a fresh one starts again from the shipped weights', () => {
    const once = trainSentimentDelta(base, texts, { rounds: 1 });
    const fresh = trainSentimentDelta(base, texts, { rounds: 2, continued: false });
    const continued = trainSentimentDelta(base, texts, { rounds: 2, continued: true });
    // The labels do not change here, so a fresh second round learns what the first did.
    expect(fresh.entries.get(5)).toBeCloseTo(once.entries.get(5)!, 10);
    expect(continued.entries.get(5)!).toBeGreaterThan(once.entries.get(5)!);
    expect(continued.entries.get(6)!).toBeLessThan(once.entries.get(6)!);
  });

  test('keeps at most maxEntries weights, the largest', () => {
    const d = trainSentimentDelta(base, texts, { maxEntries: 2 });
    expect(d.entries.size).toBe(2);
  });

  test('is the same after storing and reading back (int8, one scale)', () => {
    const d = trainSentimentDelta(base, texts);
    const table = decodeDelta(JSON.parse(JSON.stringify(encodeDelta(d, false))))!;
    expect(table.size).toBe(d.entries.size);
    for (const [id, w] of d.entries) expect(Math.abs(deltaWeight(table, id) - w)).toBeLessThan(0.02);
    expect(deltaWeight(table, 424_242)).toBe(0);
    expect(deltaLogit(table, [5], [])).toBeCloseTo(d.bias + d.entries.get(5)!, 1);
  });

  test('trained in slices, it pauses between them and learns the same delta', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => texts[i % texts.length]!);
    let pauses = 0;
    const sliced = await trainSentimentDeltaInSlices(base, many, async () => {
      pauses++;
    });
    expect(pauses).toBeGreaterThan(2);
    expect(sliced).toEqual(trainSentimentDelta(base, many));
  });

  test('an unknown format is no delta', () => {
    expect(decodeDelta({ format: 'other' } as never)).toBeUndefined();
  });
});

describe('the tail clause', () => {
  test('holds the words after the last contrast word, above the shipped ids', () => {
    expect(tailIds(['质量', '不错'])).toEqual([]);
    const ids = tailIds(['质量', '不错', '但是', '物流', '慢']);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toBeGreaterThanOrEqual(1 << 19);
    expect(tailIds(['好', '但', '不过', '慢'])).toHaveLength(1);
  });
});
