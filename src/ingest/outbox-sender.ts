import { isPlatform } from '../channels/channel.js';
import { type DeliveryCategory, formatDeliveryError, RETRYABLE } from '../channels/delivery-error.js';
import { CHANNELS } from '../channels/registry.js';
import type { Database } from '../db/client.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { type OutboundPolicy, outboundReason } from '../http/outbound-policy.js';
import type { Clock } from '../shared/clock.js';
import { findShopForWebhook } from '../shops/shop-repo.js';
import { shopEndpoint } from '../shops/shop-settings.js';
import { backoffMs } from './backoff.js';
import { claimOutboxRows, markOutboxDelivery, type OutboxRow } from './ingest-repo.js';
import type { IngestSettings } from './ingest-settings.js';
import { createPlatformCaller } from './platform-caller.js';
import { parseJson, readPlatformAnswer, requestFailureCategory } from './platform-request.js';
import type { ShopAccess } from './shop-access.js';

export type OutboxSender = ReturnType<typeof createOutboxSender>;
export type OutboxSenderDeps = Parameters<typeof createOutboxSender>[0];

/** What one attempt came to: counted in /metrics and logged when it did not go out. */
export type DeliveryOutcome = {
  tenantId: string;
  shopId: string;
  platform: string;
  kind: string;
  outboxId: string;
  ticketId: string | null;
  outcome: 'sent' | 'retrying' | 'failed';
  reason: string | null;
  attempts: number;
};

/** Sends queued outbound work to the platforms: claim with a lease, send, mark each row once. */
export function createOutboxSender(deps: {
  database: Database;
  clock: Clock;
  shops: Pick<ShopAccess, 'shopAuth'>;
  /** Every send goes through the outbound-request policy. */
  outbound: Pick<OutboundPolicy, 'request'>;
  settings: Pick<
    IngestSettings,
    | 'outboxBatchSize'
    | 'outboxMaxAttempts'
    | 'leaseMs'
    | 'sendTimeoutMs'
    | 'backoffBaseMs'
    | 'backoffMaxMs'
    | 'apiBaseUrls'
  >;
  /**
   * A human reply reached the buyer or failed for good: the SLA clock hears of it in the same
   * transaction as the mark (a reply counts as a response only once delivered).
   */
  afterReplyDelivery?: (
    scope: TenantScope,
    list: { ticketId: string; outcome: 'sent' | 'failed'; at: Date }[],
  ) => Promise<void>;
  /** Told of every attempt's outcome (metrics, the log). */
  onOutcome?: (outcome: DeliveryOutcome) => void;
}) {
  const { database, clock, settings } = deps;
  const db = database.db;
  // A simulated shop (demo, trial) is answered by the built-in simulated platform: never the real one.
  const platforms = createPlatformCaller({ outbound: deps.outbound, clock, settings });

  /** Claims due outbox rows (a lease: attempts+1 is the fencing token), sends them, marks each once. */
  async function runOutboxBatch(): Promise<number> {
    const claimed = await claimOutboxRows(db, clock.now(), settings.outboxBatchSize, settings.leaseMs);
    await Promise.all(claimed.map((row) => deliver(row)));
    return claimed.length;
  }

  async function deliver(row: OutboxRow) {
    const token = row.attempts;
    let error: string | null = null;
    let permanent = false;
    let response: unknown = null;
    try {
      const shop = await findShopForWebhook(db, row.shopId);
      const auth = shop ? deps.shops.shopAuth(shop) : null;
      if (!shop || !auth || !isPlatform(row.platform)) {
        throw new SendFailure(
          'missing_setup',
          shop ? 'the shop has no app key and secret' : 'the shop no longer exists',
        );
      }
      if (shopEndpoint(shop.settings) !== row.endpoint) {
        // Queued for another address: the merchant decides whether it goes to the new one.
        throw new SendFailure(
          'missing_setup',
          "held: the shop's API address changed after this was queued; re-send it to deliver it to the new address",
        );
      }
      const plan = CHANNELS[row.platform].planSend(
        { id: row.id, kind: row.kind, caseRef: row.caseRef, orderRef: row.orderRef, payload: row.payload },
        auth,
        platforms.baseFor(row.platform, auth),
        clock.now(),
      );
      if (!plan.ok) throw new SendFailure(plan.category, `${row.platform}: ${plan.message}`);
      const res = await platforms.call(row.platform, plan.request, auth);
      const result = readPlatformAnswer(row.platform, res);
      if (!result.ok) {
        throw new SendFailure(
          result.category,
          result.message ? `${result.code}: ${result.message}` : result.code,
        );
      }
      const parsed = parseJson(res.text);
      if (parsed === undefined) {
        throw new SendFailure('unknown', `${row.platform}: the answer was not JSON`);
      }
      response = parsed;
    } catch (e) {
      if (e instanceof SendFailure) {
        error = formatDeliveryError(e.category, e.message);
        permanent = !RETRYABLE.has(e.category);
      } else {
        const category = requestFailureCategory(e);
        error = formatDeliveryError(category, `${row.platform}: ${outboundReason(e)}`);
        permanent = !RETRYABLE.has(category);
      }
    }
    const now = clock.now();
    const failedForGood = error !== null && (permanent || token >= settings.outboxMaxAttempts);
    await markOutboxDelivery(
      db,
      row,
      error === null
        ? { status: 'sent', sentAt: now, lastError: null, response: response as never, updatedAt: now }
        : failedForGood
          ? { status: 'failed', lastError: error, updatedAt: now }
          : {
              lastError: error,
              nextAttemptAt: new Date(
                now.getTime() + backoffMs(token, settings.backoffBaseMs, settings.backoffMaxMs),
              ),
              updatedAt: now,
            },
      error === null
        ? { deliveryStatus: 'sent', deliveryError: null }
        : { deliveryStatus: failedForGood ? 'failed' : 'queued', deliveryError: error },
      row.kind === 'reply' && row.messageId && row.ticketId && (error === null || failedForGood)
        ? (scope) =>
            deps.afterReplyDelivery?.(scope, [
              { ticketId: row.ticketId!, outcome: error === null ? 'sent' : 'failed', at: now },
            ]) ?? Promise.resolve()
        : undefined,
    );
    deps.onOutcome?.({
      tenantId: row.tenantId,
      shopId: row.shopId,
      platform: row.platform,
      kind: row.kind,
      outboxId: row.id,
      ticketId: row.ticketId,
      outcome: error === null ? 'sent' : failedForGood ? 'failed' : 'retrying',
      reason: error,
      attempts: token,
    });
  }

  return { runOutboxBatch };
}

/** A failure whose message is ours (safe to show the tenant), as opposed to a network error. */
class SendFailure extends Error {
  constructor(
    readonly category: DeliveryCategory,
    message: string,
  ) {
    super(message);
  }
}
