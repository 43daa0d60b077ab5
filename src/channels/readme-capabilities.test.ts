import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { PLATFORMS } from './channel.js';
import { CHANNELS } from './registry.js';

/** The README's table of automatic and manual actions says what the adapters do. */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const ROWS: [string, string[]][] = [
  ['reply, acknowledgement, notice', ['reply', 'acknowledgement', 'notice']],
  ['agree a refund', ['agree_refund']],
  ['agree a return', ['return_instruction']],
  ['refuse with reason and proof', ['refuse_refund']],
  ['send the exchange', ['exchange_shipped']],
  ['answer a review', ['review_reply']],
  ['approve / reject a buyer', ['approve_cancellation', 'reject_cancellation']],
  ['evidence upload', ['evidence']],
];
const REFS = ['aftersale:1', 'chat:1', 'review:1', 'cancel:1', 'service:1', null];

test.each(ROWS)('README: "%s" is automatic exactly where an adapter has the API', (label, kinds) => {
  const line = README.split('\n').find((l) => l.startsWith(`| ${label}`));
  expect(line, label).toBeDefined();
  const cells = line!
    .replace(/\\\|/g, '/')
    .split('|')
    .slice(2, 2 + PLATFORMS.length)
    .map((c) => c.trim());
  const columns = ['douyin', 'pinduoduo', 'tiktok', 'taobao'] as const;
  for (const [i, p] of columns.entries()) {
    const automatic = kinds.some((k) => REFS.some((r) => CHANNELS[p].capability(k, r).mode === 'api'));
    expect(cells[i]!.startsWith('automatic'), `${label} on ${p}: ${cells[i]}`).toBe(automatic);
  }
});
