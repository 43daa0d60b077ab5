import { isTrainee } from '../coaching/coaching-repo.js';
import { AppError } from '../shared/app-error.js';
import { findShops } from '../shops/shop-repo.js';
import { replyLimitsOf } from '../shops/shop-settings.js';
import type { CaseStep } from '../tickets/case-pipeline.js';
import { checkContextOf } from './check-context.js';
import { checkReply, isBlocking } from './reply-check.js';
import { replyLength, replyLimitFor } from './reply-limits.js';
import { findCaseFacts, insertCheckResults } from './replycheck-repo.js';
import { compiledRules } from './rule-cache.js';

/**
 * Every outbound reply a person (or an API token) writes is checked on the server before anything
 * queues it: a blocking finding refuses the whole write (the transaction rolls back, nothing is sent),
 * warnings are recorded with the message for coaching. Automatic messages (acknowledgements, the
 * assistant's answers, surveys) are the merchant's own texts and are not checked here.
 */
export const replyCheckStep: CaseStep = {
  name: 'replycheck',
  async afterMessage({ scope, actor }, written) {
    if (actor.type === 'system') return undefined;
    const replies = written.filter((w) => w.message.direction === 'outbound' && !w.automatic);
    if (!replies.length) return undefined;
    // An agent in training: replies wait for a supervisor (POST /coaching/approvals), never straight out.
    if (actor.type === 'user' && actor.id && (await isTrainee(scope, actor.id))) {
      throw new AppError(
        'APPROVAL_REQUIRED',
        '培训期间的回复需主管审核后发出 / replies in training wait for a supervisor: submit to /api/v1/coaching/approvals',
      );
    }
    const shopIds = [...new Set(replies.flatMap((w) => (w.ticket.shopId ? [w.ticket.shopId] : [])))];
    const shops = await findShops(scope, shopIds);
    const platforms = new Map(shops.map((s) => [s.id, s.platform]));
    const limits = new Map(shops.map((s) => [s.id, replyLimitsOf(s.settings)]));
    const results = [];
    // The case's own numbers and buyer, for the replies that go out in public.
    const publicCases = replies
      .filter((w) => checkContextOf(w.ticket.channel, null, 'zh-CN').ctx.publicChannel)
      .map((w) => w.ticket);
    const facts = publicCases.length ? await findCaseFacts(scope, publicCases) : new Map();
    for (const w of replies) {
      // Over the platform's limit: refused, never cut (a cut reply says something the agent did not write).
      const shopId = w.ticket.shopId;
      const { limit, medium } = replyLimitFor(
        w.ticket.channel,
        shopId ? platforms.get(shopId) : null,
        shopId ? limits.get(shopId) : undefined,
      );
      const length = replyLength(w.message.body);
      if (length > limit) {
        throw new AppError(
          'REPLY_TOO_LONG',
          `回复有 ${length} 字，超过该渠道上限 ${limit} 字，未发送 / reply not sent: ${length} characters, the ${medium} limit is ${limit}`,
        );
      }
      const { table, ctx } = checkContextOf(
        w.ticket.channel,
        w.ticket.shopId ? platforms.get(w.ticket.shopId) : null,
        'zh-CN',
      );
      const findings = checkReply(await compiledRules(scope, table), w.message.body, {
        ...ctx,
        caseFacts: facts.get(w.ticket.id),
      });
      if (isBlocking(findings)) {
        const reasons = findings
          .filter((f) => f.severity === 'block')
          .map((f) => `${f.message}（“${f.text}”）`)
          .join('；');
        throw new AppError('REPLY_BLOCKED', `回复未发送 / reply not sent: ${reasons}`);
      }
      if (findings.length) {
        // The message's author: an approved trainee reply is the trainee's, though the supervisor sent it.
        results.push({
          ticketId: w.ticket.id,
          messageId: w.message.id,
          authorId: w.message.authorId ?? actor.id,
          findings,
        });
      }
    }
    await insertCheckResults(scope, results);
    return undefined;
  },
};
