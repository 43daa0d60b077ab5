import { recordAudit } from '../audit/audit-repo.js';
import { type Actor, systemActor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { NoticeWaveJson } from '../db/schema/recalls.js';
import { scopeTo } from '../db/tenant-scope.js';
import { notifyOutboxListeners } from '../ingest/ingest-repo.js';
import { wake } from '../ingest/signals.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { findTickets } from '../tickets/ticket-repo.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { listAffectedOrders } from './affected-repo.js';
import { listInquiries } from './inquiries-repo.js';
import { buyerNotice } from './notice-texts.js';
import * as notices from './notices-repo.js';
import * as repo from './recall-repo.js';
import type { RecallService } from './recall-service.js';
import { nextReminderAt, scheduleOf } from './reminder-schedule.js';
import { clearReminder, dueReminders } from './reminders-repo.js';

export type Wave = 'first' | 'reminder' | 'trust';

export type NoticeService = ReturnType<typeof createNoticeService>;

export function createNoticeService(deps: {
  db: Db;
  clock: Clock;
  tickets: TicketService;
  recalls: RecallService;
}) {
  const { db, clock, tickets, recalls } = deps;

  /** The cases already linked to the campaign (the source case, recall inquiries) on affected orders. */
  async function linkedCases(actor: Actor, r: repo.RecallRow) {
    const scope = scopeTo(db, actor.tenantId);
    const inquiries = await listInquiries(scope, r.id, 10_000);
    const ids = [
      ...new Set([...(r.sourceTicketId ? [r.sourceTicketId] : []), ...inquiries.map((i) => i.ticketId)]),
    ];
    if (!ids.length) return [];
    const rows = await findTickets(scope, ids);
    const withOrder = rows.filter((t) => t.orderId && t.shopId);
    if (!withOrder.length) return [];
    const inScope = await listAffectedOrders(
      scope,
      { kind: 'frozen', recallId: r.id },
      null,
      withOrder.length,
      {
        orderIds: withOrder.map((t) => t.orderId!),
      },
    );
    const orders = new Map(inScope.map((o) => [o.orderId, o]));
    // One case per order: the first one found speaks for the order.
    const seen = new Set<string>();
    return withOrder.flatMap((t) => {
      const order = orders.get(t.orderId!);
      if (!order || seen.has(order.orderId)) return [];
      seen.add(order.orderId);
      return [{ ticket: t, order }];
    });
  }

  return {
    /**
     * Sends a wave of notices: the first to every affected order, a reminder to those who have
     * neither answered nor chosen a remedy, the trust wave to those remedied. Buyers with a case
     * linked to the campaign are told on that case (a message through the ticket service); all
     * others through the outbox directly. A wave already sent is refused (409) and changes nothing.
     */
    async sendWave(
      actor: Actor,
      id: string,
      wave: Wave,
      /** The address buyers reach this server on; null: the one the earlier waves named (the worker). */
      baseUrl: string | null,
      trustText?: { zh: string; en: string },
      /** Sent by the reminder worker: the time it judged the wave due by (checked again under the lock). */
      scheduledAt: Date | null = null,
    ) {
      const scheduled = scheduledAt !== null;
      const scope = scopeTo(db, actor.tenantId);
      const r = await recalls.mustFind(actor, id);
      if (r.status !== 'announced' && r.status !== 'active' && r.status !== 'closing') {
        throw new AppError('ILLEGAL_TRANSITION', `a ${r.status} recall sends no notices: announce it first`);
      }
      const waves = r.noticeWaves;
      const first = waves.find((w) => w.wave === 'first');
      if (wave === 'first' && first) {
        throw new AppError(
          'NOTICES_ALREADY_SENT',
          `the notices went out on ${first.at}; send a reminder instead`,
        );
      }
      if (wave !== 'first' && !first)
        throw new AppError('ILLEGAL_TRANSITION', 'send the first notices before a reminder');
      if (wave === 'trust' && waves.some((w) => w.wave === 'trust')) {
        throw new AppError('NOTICES_ALREADY_SENT', 'the trust-rebuilding message was already sent');
      }
      const name =
        wave === 'reminder'
          ? `reminder-${waves.filter((w) => w.wave.startsWith('reminder')).length + 2}`
          : wave;
      const f = await recalls.facts(actor, id);
      const url = baseUrl
        ? `${baseUrl.replace(/\/$/, '')}/recalls/${r.publicId}`
        : (waves.find((w) => w.url)?.url ?? `/recalls/${r.publicId}`);
      const texts =
        wave === 'trust' && trustText
          ? trustText
          : {
              zh: buyerNotice(f, url, 'zh-CN', wave === 'reminder'),
              en: buyerNotice(f, url, 'en', wave === 'reminder'),
            };
      const now = clock.now();

      // Buyers with a case linked to the campaign hear it on their case (first wave only: a
      // reminder or trust message goes to everyone through the outbox with the same text).
      const cases = wave === 'first' ? await linkedCases(actor, r) : [];
      const result = await scope.transaction(async (tx) => {
        const locked = await repo.lockRecall(tx, id);
        if (!locked) throw new AppError('RECALL_NOT_FOUND', `recall ${id} not found`);
        if (locked.noticeWaves.some((w) => w.wave === name)) {
          throw new AppError('NOTICES_ALREADY_SENT', `the ${name} notices were already sent`);
        }
        // Another worker, a reminder by hand or a changed schedule got there first: nothing is due.
        if (scheduledAt && !(locked.nextReminderAt && locked.nextReminderAt <= scheduledAt)) return null;
        // In the wave's transaction, through the ticket service: a refused wave writes nothing, and
        // the notice is indexed, timed by the SLA clock and queued for the platform like any reply.
        if (cases.length) {
          const written = await tickets.within(tx).addMessages(
            actor,
            cases.map(({ ticket }) => ({
              id: ticket.id,
              msg: { direction: 'outbound' as const, body: texts.zh, purpose: 'recall_notice' },
            })),
          );
          await notices.recordCaseNotices(
            tx,
            id,
            name,
            cases.map(({ order }, i) => ({
              orderId: order.orderId,
              shopId: order.shopId,
              customerId: order.customerId,
              messageId: written[i]!.message.id,
            })),
            now,
          );
        }
        const targets: notices.WaveTargets =
          wave === 'first'
            ? { kind: 'all' }
            : wave === 'trust'
              ? { kind: 'remedied' }
              : { kind: 'unanswered', since: new Date(first!.at) };
        const counts = await notices.enqueueWave(tx, id, name, targets, texts, [], now);
        const entry: NoticeWaveJson = {
          wave: name,
          at: now.toISOString(),
          ...counts,
          by: scheduled ? 'schedule' : actor.name,
          url,
        };
        const noticeWaves = [...locked.noticeWaves, entry];
        const status = locked.status === 'announced' ? ('active' as const) : locked.status;
        await repo.updateRecall(tx, id, {
          noticeWaves,
          nextReminderAt: nextReminderAt(scheduleOf({ ...locked, status, noticeWaves })),
          ...(locked.status === 'announced' ? { status, activatedAt: now } : {}),
          updatedAt: now,
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'recall',
              entityId: id,
              action: scheduled ? 'recall_reminder_sent_on_schedule' : 'recall_notices_sent',
              after: entry,
            },
            ...(locked.status === 'announced'
              ? [
                  {
                    entityType: 'recall',
                    entityId: id,
                    action: 'recall_active',
                    before: { status: 'announced' },
                    after: { status: 'active' },
                  },
                ]
              : []),
          ],
          now,
        );
        return entry;
      });
      try {
        await notifyOutboxListeners(scope);
      } catch {
        // PGlite without listeners
      }
      wake('outbox', 20);
      return result;
    },

    /**
     * The reminder worker's pass: every campaign whose next reminder is due gets its wave (to the
     * buyers who have neither answered nor chosen a remedy), sent as the schedule, once — the
     * campaign row is locked and the due time checked again, so several workers never send twice.
     */
    async sendDueReminders(now = clock.now(), limit = 20): Promise<number> {
      let sent = 0;
      for (const { tenantId, id } of await dueReminders(db, now, limit)) {
        const actor = systemActor(tenantId, '召回提醒计划');
        try {
          if (await this.sendWave(actor, id, 'reminder', null, undefined, now)) sent++;
        } catch (error) {
          // A wave that cannot go (the campaign moved on, the wave exists): nothing stays due.
          if (!(error instanceof AppError)) throw error;
          await clearReminder(scopeTo(db, tenantId), id);
        }
      }
      return sent;
    },

    /** Who the next reminder would reach: buyers with no remedy and no word since the first notice. */
    async waiting(actor: Actor, id: string, limit: number) {
      const r = await recalls.mustFind(actor, id);
      const first = r.noticeWaves.find((w) => w.wave === 'first');
      if (!first) return { total: 0, items: [] };
      return notices.waitingOrders(scopeTo(db, actor.tenantId), id, new Date(first.at), limit);
    },

    async counts(actor: Actor, id: string) {
      await recalls.mustFind(actor, id);
      return notices.noticeCounts(scopeTo(db, actor.tenantId), id);
    },

    async list(
      actor: Actor,
      id: string,
      filter: { state?: notices.NoticeState | undefined; wave?: string | undefined },
      after: { wave: string; orderId: string } | null,
      limit: number,
    ) {
      await recalls.mustFind(actor, id);
      const rows = await notices.listNotices(scopeTo(db, actor.tenantId), id, filter, after, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page,
        next: rows.length > limit && last ? { wave: last.wave, orderId: last.orderId } : null,
      };
    },
  };
}
