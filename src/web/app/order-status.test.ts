import { expect, test } from 'vitest';
import { orderStatusCode } from './order-status.js';

test.each([
  ['delivered', 'delivered'],
  ['已完成', 'completed'],
  ['已签收', 'delivered'],
  ['交易成功', 'completed'],
  ['卖家已发货', 'shipped'],
  ['待发货', 'paid'],
  ['部分发货', null],
])('an order whose status is %s reads as %s', (status, code) => {
  expect(orderStatusCode(status)).toBe(code);
});
