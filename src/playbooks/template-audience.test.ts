import { expect, test } from 'vitest';
import { personalVariables, type TemplateAudience, templateFit } from './template-audience.js';

test.each([
  ['您好，感谢评价', []],
  ['订单 {order_id} 已退款', ['order_id']],
  ['{customer_name} 您好，单号 {tracking_no}', ['customer_name', 'tracking_no']],
  ['{shop_name} 感谢您的反馈，{agent_name}', []],
])('personal variables of %s', (body, expected) => {
  expect(personalVariables(body)).toEqual(expected);
});

test.each<[TemplateAudience, string, string, boolean, string | null]>([
  // private chats take any template
  ['private', '订单 {order_id}', 'live_chat', true, null],
  ['public', '感谢评价', 'after_sales', true, null],
  // a public reply: only templates declared for it, and never with personal data
  ['private', '感谢评价', 'review', false, 'private_only'],
  ['public', '感谢评价，{shop_name}', 'review', true, null],
  ['both', '感谢评价', 'weibo', true, null],
  ['public', '订单 {order_id} 已处理', 'review', false, 'personal_data'],
  ['private', '{customer_name} 您好', 'review', false, 'personal_data'],
])('a %s template "%s" on a %s case: usable %s (%s)', (audience, body, channel, usable, warning) => {
  const fit = templateFit(audience, body, channel as never);
  expect(fit.usable).toBe(usable);
  expect(fit.warning).toBe(warning);
});
