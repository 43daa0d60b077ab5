import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { findTicket } from '../tickets/ticket-repo.js';
import * as repo from './assistant-repo.js';
import { settingsOf } from './assistant-step.js';
import { decide } from './decide.js';
import type { AssistantSettings } from './settings.js';
import { orderRecordLookup } from './tracking.js';

export type AssistantService = ReturnType<typeof createAssistantService>;

export function createAssistantService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);
  return {
    settings: (actor: Actor) => settingsOf(scopeOf(actor)),

    async saveSettings(actor: Actor, next: AssistantSettings) {
      if (next.threshold < 0 || next.threshold > 1)
        throw new AppError('VALIDATION_FAILED', 'threshold: between 0 and 1');
      await repo.upsertSettings(scopeOf(actor), { ...next, updatedBy: actor.id });
      return settingsOf(scopeOf(actor));
    },

    stats: (actor: Actor, from: Date, to: Date) => repo.logStats(scopeOf(actor), from, to),

    async log(
      actor: Actor,
      filter: { from: Date; to: Date; outcome?: 'answered' | 'handed_over' | undefined },
      limit: number,
      cursor: { createdAt: Date; id: string } | null,
    ) {
      const rows = await repo.listLog(scopeOf(actor), filter, limit, cursor);
      return { items: rows.slice(0, limit), more: rows.length > limit };
    },

    /** What the assistant would do with a text on a case (or with no case): nothing is sent or logged. */
    async preview(actor: Actor, text: string, ticketId: string | undefined) {
      const scope = scopeOf(actor);
      const ticket = ticketId ? await findTicket(scope, ticketId) : undefined;
      if (ticketId && !ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
      const settings = await settingsOf(scope);
      return decide(
        scope,
        { clock, tracking: orderRecordLookup, timezone: 'Asia/Shanghai' },
        { ...settings, enabled: true },
        {
          shopId: ticket?.shopId ?? null,
          orderId: ticket?.orderId ?? null,
          customerId: ticket?.customerId ?? null,
          locale: ticket?.language === 'en' ? 'en' : 'zh-CN',
        },
        text,
      );
    },
  };
}
