import { systemActor } from '../auth/roles.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import type { CaseStep, StepContext } from '../tickets/case-pipeline.js';
import type { MessageRow, TicketRow } from '../tickets/ticket-repo.js';
import { casesWithPerson, findSettings, insertLogs, type NewLog } from './assistant-repo.js';
import { decide } from './decide.js';
import { type AssistantSettings, DEFAULT_SETTINGS } from './settings.js';
import { orderRecordLookup, type TrackingLookup } from './tracking.js';

export const ASSISTANT_NAME = '智能助手';
const AUTO_MARK = { 'zh-CN': '【自动回复】', en: '[Automatic answer] ' } as const;
const HUMAN_HINT = {
  'zh-CN': '\n需要人工客服请回复“人工”。',
  en: '\nReply "agent" to reach a person.',
} as const;

export async function settingsOf(scope: TenantScope): Promise<AssistantSettings> {
  const row = await findSettings(scope);
  if (!row) return DEFAULT_SETTINGS;
  return {
    enabled: row.enabled,
    threshold: row.threshold,
    channels: row.channels as AssistantSettings['channels'],
    intents: row.intents as AssistantSettings['intents'],
    shipWithinHours: row.shipWithinHours,
    publicBaseUrl: row.publicBaseUrl,
  };
}

/**
 * The answering assistant, on every buyer message of a private channel it is switched on for: a
 * clear basic question is answered from the order and the knowledge base, marked automatic, with the
 * way to a person; anything else is handed over with a draft in an internal note. Once a person has
 * replied or the buyer asked for one, it stays quiet on that case.
 */
export function createAssistantStep(deps: {
  clock: Clock;
  tracking?: TrackingLookup;
  timezone?: string;
}): CaseStep {
  const tracking = deps.tracking ?? orderRecordLookup;
  const timezone = deps.timezone ?? 'Asia/Shanghai';

  async function handle(ctx: StepContext, items: { ticket: TicketRow; message: MessageRow }[]) {
    const inbound = items.filter((i) => i.message.direction === 'inbound' && i.message.body.trim());
    if (!inbound.length) return undefined;
    const settings = await settingsOf(ctx.scope);
    if (!settings.enabled) return undefined;
    const mine = inbound.filter((i) => (settings.channels as string[]).includes(i.ticket.channel));
    if (!mine.length) return undefined;
    const quiet = await casesWithPerson(ctx.scope, [...new Set(mine.map((i) => i.ticket.id))]);
    const logs: NewLog[] = [];
    const answers: { id: string; body: string; log: NewLog }[] = [];
    const notes: { id: string; body: string }[] = [];
    for (const { ticket, message } of mine) {
      if (quiet.has(ticket.id)) continue;
      const locale = ticket.language === 'en' ? 'en' : 'zh-CN';
      const d = await decide(
        ctx.scope,
        { clock: deps.clock, tracking, timezone },
        settings,
        { shopId: ticket.shopId, orderId: ticket.orderId, customerId: ticket.customerId, locale },
        message.body,
      );
      const log: NewLog = {
        ticketId: ticket.id,
        messageId: message.id,
        intent: d.recognised.intent,
        confidence: d.recognised.confidence,
        outcome: d.outcome,
        reason: d.reason,
        cues: d.recognised.cues,
        answerMessageId: null,
        draft: d.draft,
      };
      if (d.answer) {
        answers.push({ id: ticket.id, body: `${AUTO_MARK[locale]}${d.answer}${HUMAN_HINT[locale]}`, log });
      } else {
        logs.push(log);
        if (d.draft)
          notes.push({ id: ticket.id, body: `${ASSISTANT_NAME}草稿（${d.reason}）：\n${d.draft}` });
      }
    }
    const actor = systemActor(ctx.scope.tenantId, ASSISTANT_NAME);
    const changed = new Map<string, TicketRow>();
    if (answers.length) {
      const written = await ctx.cases.addMessages(
        actor,
        answers.map((a) => ({
          id: a.id,
          msg: {
            direction: 'outbound' as const,
            body: a.body,
            automatic: true,
            purpose: 'assistant_answer',
            authorName: ASSISTANT_NAME,
          },
        })),
      );
      answers.forEach((a, i) => {
        logs.push({ ...a.log, answerMessageId: written[i]!.message.id });
      });
      for (const w of written) changed.set(w.ticket.id, w.ticket);
    }
    if (notes.length) {
      const written = await ctx.cases.addMessages(
        actor,
        notes.map((n) => ({
          id: n.id,
          msg: {
            direction: 'note' as const,
            body: n.body,
            automatic: true,
            purpose: 'assistant_draft',
            authorName: ASSISTANT_NAME,
          },
        })),
      );
      for (const w of written) changed.set(w.ticket.id, w.ticket);
    }
    await insertLogs(ctx.scope, logs);
    // The messages written above went through the pipeline themselves; their cases come back as they stand.
    return changed.size ? { tickets: [...changed.values()] } : undefined;
  }

  return {
    name: 'assistant',
    afterCreate: (ctx, created) =>
      handle(
        ctx,
        created.flatMap((c) => (c.first ? [{ ticket: c.ticket, message: c.first }] : [])),
      ),
    afterMessage: (ctx, written) =>
      handle(
        ctx,
        written.filter((w) => !w.automatic),
      ),
  };
}
