import { describe, expect, test } from 'vitest';
import { fraudCompensationFen, unsafeFoodCompensationFen } from './compensation.js';

describe('Consumer Protection Law art. 55 (fraud)', () => {
  test.each([
    [10_00, 500_00], // a cheap item: the ¥500 floor applies
    [166_66, 500_00], // 3× = 499.98: still the floor
    [166_67, 500_01], // 3× crosses the floor
    [300_00, 900_00], // three times the price
    [0, 0], // nothing paid, nothing owed
  ])('fraud compensation for %i fen is %i fen', (price, expected) => {
    expect(fraudCompensationFen(price)).toBe(expected);
  });
});

describe('Food Safety Law art. 148 (unsafe food)', () => {
  test.each([
    [20_00, 0, false, 1_000_00], // ten times is ¥200: the ¥1,000 floor applies
    [150_00, 0, false, 1_500_00], // ten times the price
    [50_00, 800_00, false, 2_400_00], // three times the loss beats ten times the price
    [150_00, 0, true, 0], // a label flaw that misleads nobody owes nothing
    [0, 0, false, 0],
  ])('price %i fen, loss %i fen, label flaw only %s → %i fen', (price, loss, labelOnly, expected) => {
    expect(unsafeFoodCompensationFen(price, loss, labelOnly)).toBe(expected);
  });
});
