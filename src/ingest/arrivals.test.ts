import { expect, test } from 'vitest';
import { createArrivalWatch } from './arrivals.js';

test.each([
  { case: 'nothing has arrived yet', arrivedAt: null, at: 0, arriving: false },
  { case: 'one arrived just now', arrivedAt: 100, at: 100, arriving: true },
  { case: 'the last one a second ago, to the millisecond', arrivedAt: 100, at: 1100, arriving: true },
  { case: 'quiet for longer than a second', arrivedAt: 100, at: 1101, arriving: false },
])('$case', ({ arrivedAt, at, arriving }) => {
  let clock = 0;
  const watch = createArrivalWatch(1000, () => clock);
  if (arrivedAt !== null) {
    clock = arrivedAt;
    watch.arrived();
  }
  clock = at;
  expect(watch.arriving()).toBe(arriving);
});
