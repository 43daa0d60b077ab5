/**
 * Reply checks: `npm run bench -- replycheck`.
 * - latency of checking one reply against the Douyin table (the longest default table), over 1,000
 *   polite and the rude agent-style replies, 20 rounds: p50/p95/max per reply — target under 5 ms;
 * - the cost of compiling a table (once per tenant and platform, then cached);
 * - the share of 1,000 polite agent-style replies flagged (target at most 1 in 100) and the share of
 *   the rude ones caught. The replies are composed (src/replycheck/eval/agent-replies.ts), not real.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_RULES } from '../src/replycheck/default-rules.js';
import { politeReplies, RUDE_REPLIES } from '../src/replycheck/eval/agent-replies.js';
import { checkReply, compileRules } from '../src/replycheck/reply-check.js';
import { percentile } from './_stats.js';

export default async function run(): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) compileRules(DEFAULT_RULES, 'douyin');
  const compileMs = (performance.now() - t0) / 20;
  const compiled = compileRules(DEFAULT_RULES, 'douyin');
  const chat = { platform: 'douyin' as const, publicChannel: false, locale: 'zh-CN' as const };
  const polite = politeReplies(1000);
  const flagged = polite.filter((r) => checkReply(compiled, r, chat).length > 0);
  const caught = RUDE_REPLIES.filter(
    (r) => checkReply(compiled, r, { ...chat, publicChannel: true }).length > 0,
  );
  const replies = [...polite, ...RUDE_REPLIES];
  // A long reply too: the worst case an agent pastes (a full after-sales explanation, ~2,000 characters).
  const long = polite.slice(0, 40).join('');
  const samples: number[] = [];
  for (let round = 0; round < 21; round++) {
    for (const r of [...replies, long]) {
      const start = performance.now();
      checkReply(compiled, r, chat);
      // The first round warms the JIT up and is not counted.
      if (round > 0) samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  const round3 = (n: number) => Math.round(n * 1000) / 1000;
  const figures = {
    replies: replies.length,
    checks: samples.length,
    perReplyMs: {
      p50: round3(percentile(samples, 50)),
      p95: round3(percentile(samples, 95)),
      max: round3(samples.at(-1)!),
    },
    longReplyChars: long.length,
    compileTableMs: round3(compileMs),
    polite: { total: polite.length, flagged: flagged.length, share: flagged.length / polite.length },
    rude: { total: RUDE_REPLIES.length, caught: caught.length, share: caught.length / RUDE_REPLIES.length },
    flaggedExamples: flagged.slice(0, 10),
    missed: RUDE_REPLIES.filter((r) => !caught.includes(r)),
  };
  console.log(JSON.stringify(figures, null, 2));
  return figures;
}
