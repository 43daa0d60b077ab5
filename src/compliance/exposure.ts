import { CITATIONS, type CitationKey } from './citations.js';
import { fraudCompensationFen, unsafeFoodCompensationFen } from './compensation.js';
import { priceProtectionDifference } from './price-protection.js';
import { classifyProduct, isFood } from './product-class.js';
import { type GoodsCondition, sevenDayReturnEligibility } from './returns.js';

export type ExposureItem = {
  name: string;
  quantity: number;
  unitPriceFen: number;
  paidFen: number;
  productCategory: string | null;
  currentUnitFen: number | null;
};

export type ExposureInput = {
  ticketCategories: readonly string[];
  order: { paidAt: Date | null; deliveredAt: Date | null } | null;
  items: ExposureItem[];
  buyerConfirmedExclusion?: boolean;
  condition?: GoodsCondition;
  now: Date;
  timezone: string;
  priceProtectionDays: number;
};

export type ExposureLine = {
  rule: 'seven_day_return' | 'fraud_compensation' | 'unsafe_food_compensation' | 'price_protection';
  citation: { zh: string; en: string };
  applies: boolean;
  /** What the shop may owe under this rule (fen); null where the rule sets no sum. */
  amountFen: number | null;
  reason: string;
  detail: Record<string, unknown>;
  /** The rule's facts are not settled (platforms.md marks them UNCERTAIN). */
  uncertain: boolean;
};

const cite = (key: CitationKey) => ({ ...CITATIONS[key] });

/** The stakes on a case, each line citing its rule; used to guide the offer. */
export function caseExposure(input: ExposureInput): ExposureLine[] {
  if (!input.order || input.items.length === 0) return [];
  const lines: ExposureLine[] = [];
  const cats = new Set(input.ticketCategories);

  // The strictest item decides: one excluded item makes the return a per-item question.
  const perItem = input.items.map((item) => ({
    item,
    decision: sevenDayReturnEligibility({
      productClass: classifyProduct(item.productCategory),
      buyerConfirmedExclusion: input.buyerConfirmedExclusion ?? false,
      deliveredAt: input.order!.deliveredAt,
      condition: input.condition ?? 'unknown',
      now: input.now,
      timezone: input.timezone,
    }),
  }));
  const first = perItem[0]!.decision;
  const eligibleItems = perItem.filter((p) => p.decision.eligible);
  const blocking = perItem.find((p) => !p.decision.eligible);
  lines.push({
    rule: 'seven_day_return',
    citation: cite('sevenDayReturn'),
    applies: eligibleItems.length > 0,
    amountFen: eligibleItems.reduce((sum, p) => sum + p.item.paidFen, 0),
    reason: (eligibleItems[0] ?? blocking ?? perItem[0]!).decision.reason,
    detail: {
      deadline: first.deadline?.toISOString() ?? null,
      daysLeft: first.daysLeft,
      goodsMustBeIntact: true,
      items: perItem.map((p) => ({
        name: p.item.name,
        eligible: p.decision.eligible,
        reason: p.decision.reason,
      })),
    },
    uncertain: false,
  });

  const pricePaid = input.items.reduce((sum, i) => sum + i.paidFen, 0);
  if (cats.has('counterfeit_suspected')) {
    lines.push({
      rule: 'fraud_compensation',
      citation: cite('consumerProtection55'),
      applies: true,
      amountFen: fraudCompensationFen(pricePaid),
      reason: 'fraud_alleged',
      detail: { pricePaidFen: pricePaid, multiple: 3, floorFen: 500_00 },
      uncertain: false,
    });
  }

  const food = input.items.filter((i) => isFood(i.productCategory));
  if (cats.has('safety_hazard') && food.length > 0) {
    const foodPaid = food.reduce((sum, i) => sum + i.paidFen, 0);
    lines.push({
      rule: 'unsafe_food_compensation',
      citation: cite('foodSafety148'),
      applies: true,
      amountFen: unsafeFoodCompensationFen(foodPaid),
      reason: 'unsafe_food_alleged',
      detail: { pricePaidFen: foodPaid, multiple: 10, floorFen: 1_000_00, items: food.map((i) => i.name) },
      uncertain: false,
    });
  }

  const protections = input.items.map((item) =>
    priceProtectionDifference({
      paidUnitFen: item.unitPriceFen,
      currentUnitFen: item.currentUnitFen,
      quantity: item.quantity,
      paidAt: input.order!.paidAt,
      now: input.now,
      windowDays: input.priceProtectionDays,
      timezone: input.timezone,
    }),
  );
  const difference = protections.reduce((sum, p) => sum + p.differenceFen, 0);
  lines.push({
    rule: 'price_protection',
    citation: cite('priceProtection'),
    applies: difference > 0,
    amountFen: difference,
    reason: difference > 0 ? 'price_dropped_within_window' : (protections[0]?.reason ?? 'no_price_drop'),
    detail: {
      windowDays: input.priceProtectionDays,
      windowEndsAt: protections[0]?.windowEndsAt?.toISOString() ?? null,
    },
    uncertain: true,
  });
  return lines;
}
