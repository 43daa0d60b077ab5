/** A campaign buyers may be asking about (announced, active or closing). */
export type OpenRecall = {
  id: string;
  productName: string | null;
  title: string;
  batches: string[];
  skuCodes: string[];
};

export type InquiryFacts = {
  text: string;
  /** Campaigns whose frozen scope holds the case's order or another order of the same buyer. */
  inScopeOf: ReadonlySet<string>;
};

export type InquiryMatch = {
  recallId: string;
  matchedBy: 'order' | 'batch' | 'product';
  /** Whether the buyer's own order is in scope; null when the case names no order of theirs. */
  inScope: boolean | null;
};

// Words a buyer uses when asking about a recall (or its batch) rather than about delivery or price.
const RECALL_TERMS = [
  '召回',
  '批次',
  '这批',
  '同一批',
  '那批',
  '安全隐患',
  '安全问题',
  '会不会爆',
  '发烫',
  '过热',
  '冒烟',
  '起火',
  '退货公告',
  'recall',
  'batch',
  ' lot ',
  'overheat',
];

const normal = (text: string) => ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;

/** Product names are long ("20000mAh 快充充电宝"): a buyer names them by a shorter part. */
function namesProduct(text: string, r: OpenRecall): boolean {
  const names = [r.productName, r.title].filter((n): n is string => !!n);
  return names.some((name) => {
    const n = name.toLowerCase();
    if (text.includes(n)) return true;
    // Chinese: any 3-character run of the name (充电宝) is enough; Latin: any word of 5+ letters.
    const han = [...n.matchAll(/\p{Script=Han}{3,}/gu)].map((m) => m[0]);
    if (
      han.some((run) => [...run].some((_, i) => i + 3 <= run.length && text.includes(run.slice(i, i + 3))))
    ) {
      return true;
    }
    return n
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 5)
      .some((w) => text.includes(w));
  });
}

/**
 * Recognises a buyer's message as a question about one of the open recalls. A message on an
 * in-scope order counts when it talks about the recall at all; a message naming a recalled batch
 * counts on its own; naming the product counts together with a recall word.
 */
export function matchInquiry(facts: InquiryFacts, open: OpenRecall[]): InquiryMatch | null {
  const text = normal(facts.text);
  const recallTalk = RECALL_TERMS.some((term) => text.includes(term));
  const scopeOf = (id: string) => (facts.inScopeOf.size ? facts.inScopeOf.has(id) : null);
  const named: InquiryMatch[] = [];
  for (const r of open) {
    const batch = r.batches.some((b) => b && text.includes(b.toLowerCase()));
    const sku = r.skuCodes.some((c) => c.length >= 4 && text.includes(c.toLowerCase()));
    const product = namesProduct(text, r);
    if (!(batch || sku || (product && recallTalk))) continue;
    const inScope = scopeOf(r.id);
    named.push({
      recallId: r.id,
      matchedBy: inScope ? 'order' : batch || sku ? 'batch' : 'product',
      inScope,
    });
  }
  // A campaign the buyer names wins; otherwise recall talk on an in-scope order is about that campaign.
  const rank = { order: 0, batch: 1, product: 2 } as const;
  const best = named.sort((a, b) => rank[a.matchedBy] - rank[b.matchedBy])[0];
  if (best) return best;
  const own = open.find((r) => facts.inScopeOf.has(r.id));
  return own && recallTalk ? { recallId: own.id, matchedBy: 'order', inScope: true } : null;
}

/**
 * Expected recall inquiries for staffing: a share of affected buyers ask within the first week,
 * most of them in the first two days after the notices go out.
 * UNCERTAIN: no published rate; 30% (half on day 1, a quarter on day 2, the rest over five days)
 * is a planning default, editable as `rate`.
 */
export function expectedInquiries(customers: number, rate = 0.3): { day: number; expected: number }[] {
  const total = customers * rate;
  const shares = [0.5, 0.25, 0.1, 0.06, 0.04, 0.03, 0.02];
  return shares.map((share, i) => ({ day: i + 1, expected: Math.round(total * share) }));
}
