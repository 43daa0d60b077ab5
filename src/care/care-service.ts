import { randomInt } from 'node:crypto';
import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import { isPlatform } from '../channels/channel.js';
import { CHANNELS } from '../channels/registry.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { enqueueOutboxMany } from '../ingest/outbox.js';
import { articlesForProducts, ensureProductPage } from '../kb/kb-service.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { startIntervalWorker } from '../shared/interval-worker.js';
import type { TicketService } from '../tickets/ticket-service.js';
import * as repo from './care-repo.js';
import {
  type CareSettings,
  careText,
  DEFAULT_CARE_SETTINGS,
  decideCare,
  limitFor,
  tipsExcerpt,
} from './care-rules.js';
import { compareRates, holdoutEffect, MIN_GROUP } from './effect.js';
import * as followUpRepo from './follow-up-repo.js';
import { proactiveSent, runFollowUps, upcomingFollowUps } from './follow-up-service.js';
import { markCareSentByHand, markFollowUpSentByHand } from './sent-by-hand.js';

export type CareService = ReturnType<typeof createCareService>;
export type RunResult = { looked: number; care: number; holdout: number; none: number; followUps: number };

const toSettings = (row: repo.CareSettingsRow | undefined): CareSettings =>
  row
    ? {
        enabled: row.enabled,
        delayHours: row.delayHours,
        withinDays: row.withinDays,
        holdoutPercent: row.holdoutPercent,
        effectDays: row.effectDays,
        limits: { ...DEFAULT_CARE_SETTINGS.limits, ...row.limits },
        allProducts: row.allProducts,
        publicBaseUrl: row.publicBaseUrl,
        followUpEnabled: row.followUpEnabled,
        followUpDays: row.followUpDays,
      }
    : DEFAULT_CARE_SETTINGS;

export const careSettingsOf = async (scope: TenantScope) => toSettings(await repo.findSettings(scope));

/**
 * Care after delivery: a delivered order's buyer gets the product's usage tips and the link to its
 * public page, once, rate-limited per buyer and platform, never on a public channel; a random
 * hold-out group gets nothing, so the report can say what the message changed.
 */
export function createCareService({
  db,
  clock,
  tickets,
  roll = () => randomInt(0, 10_000) / 100,
}: {
  db: Db;
  clock: Clock;
  /** Follow-ups are written into their cases through the ticket service (without it: none). */
  tickets?: TicketService;
  /** Uniform in [0, 100): the hold-out draw (tests pass their own). */
  roll?: () => number;
}) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  /** What the care message for these products says, per locale, and where it links. */
  async function compose(scope: TenantScope, settings: CareSettings, productIds: string[]) {
    const { articles } = await articlesForProducts(scope, productIds, null);
    const switches = new Map((await repo.productSwitches(scope, productIds)).map((p) => [p.productId, p]));
    const base = settings.publicBaseUrl?.replace(/\/$/, '') ?? null;
    return {
      switches,
      hasTips: (productId: string) =>
        articles.some((a) => a.productId === productId && a.kind === 'usage') ||
        Boolean(switches.get(productId)?.noteZh),
      async text(productId: string, productName: string, locale: 'zh-CN' | 'en') {
        const usage = articles.filter((a) => a.productId === productId && a.kind === 'usage');
        const article = usage.find((a) => a.locale === locale) ?? usage[0];
        const sw = switches.get(productId);
        const note = (locale === 'en' ? (sw?.noteEn ?? sw?.noteZh) : sw?.noteZh) ?? null;
        const page = article && base ? await ensureProductPage(scope, productId) : null;
        const link = page ? `${base}/kb/${page.publicId}` : null;
        return {
          body: careText(locale, {
            productName,
            tips: article ? tipsExcerpt(article.body) : null,
            note,
            link,
          }),
          link,
        };
      },
    };
  }

  /** One tenant's due deliveries and follow-ups, in one transaction (a second worker skips the tenant meanwhile). */
  async function runTenant(tenantId: string, limit = 200): Promise<RunResult> {
    const result: RunResult = { looked: 0, care: 0, holdout: 0, none: 0, followUps: 0 };
    await scopeTo(db, tenantId).transaction(async (scope) => {
      const settings = await careSettingsOf(scope);
      if (!(settings.enabled || settings.followUpEnabled) || !(await repo.lockRun(scope))) return;
      if (settings.followUpEnabled && tickets)
        result.followUps = await runFollowUps(scope, tickets, settings, clock.now(), limit, roll);
      if (!settings.enabled) return;
      const now = clock.now();
      const due = await repo.dueDeliveries(
        scope,
        new Date(now.getTime() - settings.withinDays * 86_400_000),
        new Date(now.getTime() - settings.delayHours * 3_600_000),
        limit,
      );
      if (!due.length) return;
      const buyers = [...new Set(due.flatMap((d) => (d.customerId ? [d.customerId] : [])))];
      const optedOut = await repo.optedOut(scope, buyers);
      const longest = Math.max(...Object.values(settings.limits).map((l) => l.days), 1);
      const sent = await proactiveSent(scope, buyers, new Date(now.getTime() - longest * 86_400_000));
      const history = new Map<string, Date[]>();
      for (const s of sent) {
        const key = `${s.customerId}|${s.platform}`;
        history.set(key, [...(history.get(key) ?? []), s.createdAt]);
      }
      const productIds = [...new Set(due.flatMap((d) => (d.productId ? [d.productId] : [])))];
      const texts = await compose(scope, settings, productIds);
      const conversations = await repo.conversationsFor(scope, due);
      const rows: repo.NewCareMessage[] = [];
      const outbox: { index: number; shopId: string; caseRef: string; orderRef: string; content: string }[] =
        [];
      for (const d of due) {
        const key = `${d.customerId}|${d.platform}`;
        const decision = decideCare(
          {
            hasBuyer: d.customerId !== null,
            optedOut: d.customerId !== null && optedOut.has(d.customerId),
            hasProduct: d.productId !== null,
            productSwitch: d.productId ? (texts.switches.get(d.productId)?.enabled ?? null) : null,
            hasTips: d.productId !== null && texts.hasTips(d.productId),
            sentToBuyer: history.get(key) ?? [],
          },
          settings,
          limitFor(settings, isPlatform(d.platform) ? d.platform : 'other'),
          now,
          roll(),
        );
        const base = {
          id: newId(),
          orderId: d.orderId,
          shopId: d.shopId,
          customerId: d.customerId,
          productId: d.productId,
          platform: d.platform,
          deliveredAt: d.deliveredAt,
          grp: decision.group,
          skipReason: decision.group === 'none' ? decision.reason : null,
          body: null,
          link: null,
          outboxId: null,
        };
        result.looked += 1;
        result[decision.group] += 1;
        if (decision.group !== 'care') {
          rows.push({ ...base, state: 'skipped' });
          continue;
        }
        history.set(key, [...(history.get(key) ?? []), now]);
        const locale = d.locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
        const { body, link } = await texts.text(d.productId!, d.productName ?? '', locale);
        // Only the buyer's own conversation, and only where the platform's API can write to it;
        // otherwise a person sends it from the platform's back office (shown as such, never as sent).
        const caseRef = conversations.get(`${d.shopId}|${d.externalId}`) ?? null;
        const api =
          isPlatform(d.platform) &&
          caseRef !== null &&
          CHANNELS[d.platform].capability('notice', caseRef).mode === 'api';
        rows.push({ ...base, body, link, state: api ? 'queued' : 'manual' });
        if (api)
          outbox.push({
            index: rows.length - 1,
            shopId: d.shopId,
            caseRef: caseRef!,
            orderRef: d.externalId,
            content: body,
          });
      }
      if (outbox.length) {
        const queued = await enqueueOutboxMany(
          scope,
          outbox.map((o) => ({
            kind: 'notice',
            shopId: o.shopId,
            caseRef: o.caseRef,
            orderRef: o.orderRef,
            payload: { content: o.content, care_message_id: rows[o.index]!.id },
            dedupeKey: `care:${rows[o.index]!.orderId}`,
          })),
        );
        outbox.forEach((o, i) => {
          rows[o.index] = { ...rows[o.index]!, outboxId: queued[i]!.id };
        });
      }
      await repo.insertMessages(scope, rows);
    });
    return result;
  }

  return {
    async settings(actor: Actor) {
      return careSettingsOf(scopeOf(actor));
    },

    async saveSettings(actor: Actor, next: CareSettings) {
      const scope = scopeOf(actor);
      const row = await repo.upsertSettings(scope, { ...next, updatedBy: actor.id });
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'care_settings',
            entityId: actor.tenantId,
            action: 'care_settings_changed',
            after: next,
          },
        ],
        clock.now(),
      );
      return toSettings(row);
    },

    async products(actor: Actor) {
      return repo.listProducts(scopeOf(actor), 500);
    },

    async saveProduct(
      actor: Actor,
      productId: string,
      input: { enabled: boolean; noteZh: string | null; noteEn: string | null },
    ) {
      const scope = scopeOf(actor);
      const found = (await repo.listProductIds(scope, [productId])).length;
      if (!found) throw new AppError('PRODUCT_NOT_FOUND', `product ${productId} not found`);
      return repo.upsertProduct(scope, { productId, ...input });
    },

    /** The message a buyer of this product would get now (the console's preview). */
    async preview(actor: Actor, productId: string, locale: 'zh-CN' | 'en') {
      const scope = scopeOf(actor);
      const [product] = await repo.listProductIds(scope, [productId]);
      if (!product) throw new AppError('PRODUCT_NOT_FOUND', `product ${productId} not found`);
      const texts = await compose(scope, await careSettingsOf(scope), [productId]);
      return { ...(await texts.text(productId, product.name, locale)), hasTips: texts.hasTips(productId) };
    },

    /** Runs the care worker for the caller's tenant now (the console's button). */
    run: (actor: Actor) => runTenant(actor.tenantId),

    /** The worker: every tenant with care switched on. */
    async runAll(): Promise<RunResult> {
      const total: RunResult = { looked: 0, care: 0, holdout: 0, none: 0, followUps: 0 };
      for (const tenantId of await repo.enabledTenants(db)) {
        const r = await runTenant(tenantId);
        for (const k of Object.keys(total) as (keyof RunResult)[]) total[k] += r[k];
      }
      return total;
    },

    list: (
      actor: Actor,
      filter: { from: Date; to: Date; group?: 'care' | 'holdout' | 'none' | undefined },
      limit: number,
      cursor: { createdAt: Date; id: string } | null,
    ) => repo.listMessages(scopeOf(actor), filter, limit, cursor),

    /** A person sent a care message that needed one (audited). */
    markSentByHand: (actor: Actor, id: string) =>
      scopeOf(actor).transaction((scope) => markCareSentByHand(scope, actor, id, clock.now())),

    /** A person sent a written follow-up from the platform's back office (audited on the case). */
    markFollowUpSentByHand: (actor: Actor, id: string) =>
      scopeOf(actor).transaction((scope) => markFollowUpSentByHand(scope, actor, id, clock.now())),

    async report(actor: Actor, from: Date, to: Date) {
      const scope = scopeOf(actor);
      const settings = await careSettingsOf(scope);
      const counts = await repo.effectCounts(scope, from, to, settings.effectDays);
      return { effectDays: settings.effectDays, ...counts, ...holdoutEffect(counts.care, counts.holdout) };
    },

    listFollowUps: (
      actor: Actor,
      filter: { from: Date; to: Date },
      limit: number,
      cursor: { createdAt: Date; id: string } | null,
    ) => followUpRepo.listFollowUps(scopeOf(actor), filter, limit, cursor),

    /** Follow-ups written against the hold-out group: the buyer's later complaints and bad reviews. */
    async followUpReport(actor: Actor, from: Date, to: Date) {
      const scope = scopeOf(actor);
      const settings = await careSettingsOf(scope);
      const c = await followUpRepo.followUpEffectCounts(scope, from, to, settings.effectDays);
      return {
        effectDays: settings.effectDays,
        ...c,
        enough: c.written.cases >= MIN_GROUP && c.holdout.cases >= MIN_GROUP,
        metrics: (['complaints', 'negativeReviews'] as const).map((metric) => ({
          metric,
          ...compareRates(
            { n: c.written.cases, hits: c.written[metric] },
            { n: c.holdout.cases, hits: c.holdout[metric] },
          ),
        })),
      };
    },

    /** Closed cases whose follow-up is still to come, soonest first. */
    async upcomingFollowUps(actor: Actor, limit: number) {
      const scope = scopeOf(actor);
      const settings = await careSettingsOf(scope);
      return {
        enabled: settings.followUpEnabled,
        followUpDays: settings.followUpDays,
        items: await upcomingFollowUps(scope, settings, clock.now(), limit),
      };
    },

    async optOut(actor: Actor, customerId: string) {
      const scope = scopeOf(actor);
      if (!(await repo.customerExists(scope, customerId)))
        throw new AppError('CUSTOMER_NOT_FOUND', `customer ${customerId} not found`);
      await repo.insertOptOuts(scope, [{ customerId, source: 'agent', createdBy: actor.id }]);
      return optOutView(await repo.findOptOut(scope, customerId));
    },

    async optIn(actor: Actor, customerId: string) {
      const scope = scopeOf(actor);
      if (!(await repo.customerExists(scope, customerId)))
        throw new AppError('CUSTOMER_NOT_FOUND', `customer ${customerId} not found`);
      await repo.deleteOptOut(scope, customerId);
      return optOutView(undefined);
    },

    async optOutOf(actor: Actor, customerId: string) {
      const scope = scopeOf(actor);
      if (!(await repo.customerExists(scope, customerId)))
        throw new AppError('CUSTOMER_NOT_FOUND', `customer ${customerId} not found`);
      return optOutView(await repo.findOptOut(scope, customerId));
    },
  };
}

const optOutView = (row: { source: 'buyer_reply' | 'agent'; createdAt: Date } | undefined) => ({
  optedOut: row !== undefined,
  source: row?.source ?? null,
  at: row?.createdAt ?? null,
});

/** The care worker: looks for delivered orders every `intervalMs`. */
export function startCareWorker(
  care: CareService,
  { intervalMs = 60_000, onError = (_e: unknown) => {} } = {},
) {
  return startIntervalWorker(() => care.runAll(), { intervalMs, firstAfterMs: intervalMs, onError });
}
