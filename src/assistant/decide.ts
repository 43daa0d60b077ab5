import { classifyProduct, type ProductClass } from '../compliance/product-class.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { articlesForProducts, ensureProductPage } from '../kb/kb-service.js';
import type { Clock } from '../shared/clock.js';
import { findOrder, listOrderItems } from '../tickets/catalog-repo.js';
import { segmentWords } from '../triage/segment.js';
import { type Answer, type ArticleFact, composeAnswer, type OrderFacts } from './answer.js';
import { latestOrderOf, productCategories } from './assistant-repo.js';
import { type IntentResult, recogniseIntent } from './intent.js';
import type { AssistantSettings } from './settings.js';
import type { TrackingLookup } from './tracking.js';

export type Decision = {
  recognised: IntentResult;
  outcome: 'answered' | 'handed_over';
  reason: string | null;
  answer: string | null;
  draft: string | null;
};

export type CaseFacts = {
  shopId: string | null;
  orderId: string | null;
  customerId: string | null;
  locale: 'zh-CN' | 'en';
};

// Words every question has: they say nothing about which passage answers it.
const STOP = new Set([
  '这个',
  '那个',
  '可以',
  '能不能',
  '能',
  '吗',
  '请问',
  '你们',
  '我们',
  '我的',
  '一下',
  '是不是',
  '怎么',
  '如何',
  '什么',
  '时候',
  '东西',
  '商品',
  '宝贝',
  '杯子',
]);

export const questionWords = (text: string) =>
  [...new Set(segmentWords(text))].filter((w) => w.length >= 2 && /\p{Script=Han}/u.test(w) && !STOP.has(w));

/**
 * What the assistant does with one buyer message: answer it from the order's data and the merchant's
 * published articles when the intent is clear enough, or hand it to a person with a draft ready.
 */
export async function decide(
  scope: TenantScope,
  deps: { clock: Clock; tracking: TrackingLookup; timezone: string },
  settings: AssistantSettings,
  facts: CaseFacts,
  text: string,
): Promise<Decision> {
  const recognised = recogniseIntent(text);
  const handover = (reason: string, draft: string | null = null): Decision => ({
    recognised,
    outcome: 'handed_over',
    reason,
    answer: null,
    draft,
  });
  if (recognised.escalation) return handover(recognised.escalation);
  if (!recognised.intent) return handover('not_recognised');
  if (!settings.intents.includes(recognised.intent)) return handover('intent_off');

  const order = facts.orderId
    ? await findOrder(scope, facts.orderId)
    : facts.customerId
      ? await latestOrderOf(scope, facts.customerId)
      : undefined;
  const items = order ? await listOrderItems(scope, order.id) : [];
  const productIds = [...new Set(items.flatMap((i) => (i.productId ? [i.productId] : [])))];
  const { articles, pages } = await articlesForProducts(
    scope,
    productIds,
    facts.shopId ?? order?.shopId ?? null,
  );
  const pageOf = new Map(pages.map((p) => [p.productId, p.publicId]));
  // A product with a published article gets its public page on first use, so the answer can link to it.
  for (const productId of new Set(articles.flatMap((a) => (a.productId ? [a.productId] : [])))) {
    if (!pageOf.has(productId)) pageOf.set(productId, (await ensureProductPage(scope, productId)).publicId);
  }
  const base = settings.publicBaseUrl?.replace(/\/$/, '');
  const linkFor = (productId: string | null) => {
    const id = productId ? pageOf.get(productId) : productIds.map((p) => pageOf.get(p)).find(Boolean);
    return base && id ? `${base}/kb/${id}` : null;
  };
  const inLocale = articles.filter((a) => a.locale === facts.locale);
  const chosen = (inLocale.length ? inLocale : articles).map(
    (a): ArticleFact => ({ kind: a.kind, title: a.title, body: a.body, link: linkFor(a.productId) }),
  );
  const categories = await productCategories(scope, productIds);
  const orderFacts: OrderFacts | null = order
    ? {
        carrier: order.carrier,
        trackingNo: order.trackingNo,
        paidAt: order.paidAt,
        shippedAt: order.shippedAt,
        deliveredAt: order.deliveredAt,
        returnExcluded: categories.some((c) => NO_REASON_EXCLUDED.has(classifyProduct(c))),
      }
    : null;
  const answer: Answer = composeAnswer({
    intent: recognised.intent,
    question: recognised.normalised,
    questionWords: questionWords(recognised.normalised),
    order: orderFacts,
    tracking: order ? await deps.tracking(order) : null,
    articles: chosen,
    shipWithinHours: settings.shipWithinHours,
    now: deps.clock.now(),
    timezone: deps.timezone,
    locale: facts.locale,
  });
  if ('handover' in answer) return handover(answer.handover, answer.draft);
  if (recognised.confidence < settings.threshold) return handover('below_threshold', answer.text);
  return { recognised, outcome: 'answered', reason: null, answer: answer.text, draft: null };
}

// Product classes never returnable without reason (and those excluded when confirmed at purchase:
// the assistant cannot know whether the buyer confirmed, so a person answers those too).
const NO_REASON_EXCLUDED = new Set<ProductClass>([
  'custom_made',
  'fresh_perishable',
  'digital_download',
  'audio_video_software',
  'newspaper_periodical',
  'hygiene_sealed',
  'activation_value_drop',
  'near_expiry_or_defective',
]);
