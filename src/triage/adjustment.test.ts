import { describe, expect, test } from 'vitest';
import {
  type AdjustmentExample,
  applyAdjustment,
  beforeAfter,
  MIN_EXAMPLES,
  shippedMargin,
  trainAdjustment,
} from './adjustment.js';
import { analyze } from './analyze.js';
import { decideCategories } from './categories.js';
import { prepare } from './prepare.js';
import type { Category } from './taxonomy.js';

function example(text: string, gold: Category[]): AdjustmentExample {
  const p = prepare(text);
  const d = decideCategories(p);
  return { ids: p.ids, margins: d.margins!, auto: d.categories, gold };
}

// A merchant whose agents file every "customer service does not answer" complaint as slow_response
// alone (the shipped model adds wrong_or_missing_item or service_attitude to some of them).
const SLOW = [
  '客服回复太慢了，等了一天才回',
  '问了客服半天没人回复',
  '客服一直不回消息',
  '联系客服没人理',
  '等客服回复等到天黑',
  '找客服三次都没人回',
  '客服不回复，留言也没人看',
  '发消息给客服，两天了还没回',
  '客服电话打不通，在线也不回',
  '咨询客服一上午没人搭理',
  '客服回得好慢',
  '问客服什么时候发货，没人回',
];

describe('the tenant adjustment layer', () => {
  test('a zero layer keeps the shipped verdict, whatever made it', () => {
    expect(shippedMargin(0.9, 0.5, true)).toBeGreaterThan(0);
    // Chosen by the lexicon below the model's threshold: still a yes.
    expect(shippedMargin(0.1, 0.5, true)).toBe(0.5);
    expect(shippedMargin(0.9, 0.5, false)).toBe(-0.5);
    const e = example('问了客服半天没人回复', []);
    const zero = trainAdjustment([]);
    expect(applyAdjustment(zero, e)).toEqual(e.auto);
  });

  test('learns what this merchant’s agents corrected, and says so on new text', () => {
    const examples = SLOW.map((t) => example(t, ['slow_response']));
    const layer = trainAdjustment(examples);
    // A text the shipped model tags with more than slow_response (which one depends on the model).
    const fresh = example('客服电话打不通，消息也不回', ['slow_response']);
    expect(fresh.auto.length).toBeGreaterThan(1);
    expect(applyAdjustment(layer, fresh)).toEqual(['slow_response']);
    // …through the whole analysis too; without the layer nothing changes.
    const text = '客服电话一直打不通，消息也不回';
    expect(analyze(text, { layer }).categories).toEqual(['slow_response']);
    expect(analyze(text).categories).not.toEqual(['slow_response']);
  });

  test('never teaches the safety detector to stay quiet', () => {
    const examples = SLOW.map((t) => example(t, ['other']));
    examples.push(example('充电器冒烟了', ['other']));
    const layer = trainAdjustment(examples);
    expect(analyze('充电器起火冒烟，孩子被烫伤', { layer })).toMatchObject({ severity: 'critical' });
    expect(analyze('充电器起火冒烟，孩子被烫伤', { layer }).categories).toContain('safety_hazard');
  });

  test('the before/after figure is cross-validated, and needs enough corrected cases', () => {
    const examples = SLOW.map((t) => example(t, ['slow_response']));
    expect(beforeAfter(examples.slice(0, MIN_EXAMPLES - 1))).toBeNull();
    const figure = beforeAfter(examples)!;
    expect(figure.before.examples).toBe(SLOW.length);
    expect(figure.after.exactMatch).toBeGreaterThan(figure.before.exactMatch);
  });
});
