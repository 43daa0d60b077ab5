import { expect, test } from 'vitest';
import { webhookAddress } from './webhook-address.js';

test.each([
  ['https://desk.example.com', 'https://desk.example.com/hooks/douyin/s1', true, true],
  ['https://desk.example.com/aftercare/', 'https://desk.example.com/aftercare/hooks/douyin/s1', true, true],
  ['http://10.0.0.5:3000', 'http://10.0.0.5:3000/hooks/douyin/s1', false, true],
  [undefined, 'http://127.0.0.1:5200/hooks/douyin/s1', false, false],
])('base %s gives %s (https %s, configured %s)', (configured, url, https, isConfigured) => {
  expect(webhookAddress({ configured, requestOrigin: 'http://127.0.0.1:5200' }, 'douyin', 's1')).toEqual({
    url,
    https,
    configured: isConfigured,
  });
});
