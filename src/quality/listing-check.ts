import { CITATIONS, type FindingRule } from './citations.js';
import { classifyListing, type ListingClass } from './listing-class.js';
import type { Platform, QualitySettings, TitleFact } from './quality-settings.js';
import { lowestChargedBefore, type PricePoint } from './reference-price.js';
import { TermMatcher } from './term-matcher.js';
import { contradictedClaims, missingTitleFacts } from './title-facts.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type FindingSeverity = (typeof SEVERITIES)[number];

export type TextField = 'title' | 'description';
export type FindingField = TextField | 'category' | 'price' | 'images' | 'documents' | 'sku';

/**
 * One thing wrong with a listing. Text findings carry the exact span (UTF-16 offsets into the
 * field, end exclusive: `field.slice(start, end) === text`); the others have start and end null.
 */
export type Finding = {
  rule: FindingRule;
  severity: FindingSeverity;
  field: FindingField;
  start: number | null;
  end: number | null;
  text: string;
  citation: string;
  citationEn: string;
  params: Record<string, string | number | null>;
};

export type ListingImage = { width?: number | null | undefined; height?: number | null | undefined };

export type ListingInput = {
  platform: Platform;
  title: string;
  description?: string | null | undefined;
  category?: string | null | undefined;
  brand?: string | null | undefined;
  material?: string | null | undefined;
  style?: string | null | undefined;
  priceFen?: number | null | undefined;
  referencePriceFen?: number | null | undefined;
  images?: ListingImage[] | null | undefined;
};

export const DOCUMENT_KINDS = [
  'inspection_certificate',
  'business_licence',
  'category_whitelist',
  'production_licence',
  'brand_authorisation',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What the rules know besides the listing. A list left out means "nothing on record". */
export type CheckContext = {
  now: Date;
  settings: QualitySettings;
  /** Prices actually charged for the listing's SKUs (from orders). */
  charged?: PricePoint[] | undefined;
  /** When the promotion showing the reference price started (default: now). */
  promotionStartsAt?: Date | undefined;
  /** Documents on file for the listing and its shop. */
  documents?: { kind: DocumentKind; expiresOn: Date | null }[] | undefined;
  /** The listing's SKUs the platform has publicly flagged. */
  flagged?: { skuCode: string; reason: string }[] | undefined;
};

const SEVERITY_OF_TERM = {
  absolute_term: 'critical',
  inducement_term: 'high',
  medical_claim: 'critical',
} as const;
const MEDICAL_ALLOWED: ListingClass[] = ['medicine'];

const defaultMatcher = new TermMatcher();

function finding(
  rule: FindingRule,
  severity: FindingSeverity,
  field: FindingField,
  span: { start: number; end: number; text: string } | null,
  params: Finding['params'] = {},
  text = '',
): Finding {
  return {
    rule,
    severity,
    field,
    start: span?.start ?? null,
    end: span?.end ?? null,
    text: span?.text ?? text,
    citation: CITATIONS[rule].zh,
    citationEn: CITATIONS[rule].en,
    params,
  };
}

const fen = (v: number | null | undefined) => (typeof v === 'number' ? v : null);

/**
 * Every rule over one listing: terms (absolute, inducement, medical) in title and description,
 * contradicted material claims, title facts and length, main image sizes, the reference price
 * against prices actually charged, category qualifications and public flags. Pure: the caller
 * passes what is on record and the time.
 */
export function checkListing(input: ListingInput, ctx: CheckContext, matcher = defaultMatcher): Finding[] {
  const { settings } = ctx;
  const findings: Finding[] = [];
  const cls = classifyListing(input.category, input.title);
  const texts: [TextField, string][] = [['title', input.title]];
  if (input.description) texts.push(['description', input.description]);

  for (const [field, text] of texts) {
    for (const hit of matcher.search(text)) {
      if (hit.rule === 'medical_claim' && MEDICAL_ALLOWED.includes(cls)) continue;
      const span = { start: hit.start, end: hit.end, text: text.slice(hit.start, hit.end) };
      findings.push(
        finding(hit.rule, SEVERITY_OF_TERM[hit.rule], field, span, { terms: hit.terms.join('、') }),
      );
    }
    for (const claim of contradictedClaims(text, input.material)) {
      findings.push(
        finding('material_contradiction', 'critical', field, claim, { material: input.material ?? null }),
      );
    }
  }

  const maxChars = settings.titleMaxChars[input.platform];
  if ([...input.title].length > maxChars) {
    findings.push(
      finding('title_too_long', 'medium', 'title', null, { length: [...input.title].length, max: maxChars }),
    );
  }
  const given: Partial<Record<TitleFact, string | null | undefined>> = {
    brand: input.brand,
    material: input.material,
    style: input.style,
  };
  for (const gap of missingTitleFacts(cls, input.title, given, settings.titleFacts)) {
    findings.push(
      finding('title_fact_missing', 'medium', 'title', null, {
        fact: gap.fact,
        given: gap.given,
        class: cls,
      }),
    );
  }

  const minPx = settings.imageMinPx[input.platform];
  (input.images ?? []).forEach((image, index) => {
    const { width, height } = image;
    if (!width || !height) {
      findings.push(finding('image_size_unknown', 'low', 'images', null, { index: index + 1, min: minPx }));
    } else if (Math.min(width, height) < minPx) {
      findings.push(
        finding('image_too_small', 'medium', 'images', null, { index: index + 1, width, height, min: minPx }),
      );
    }
  });

  findings.push(...referencePriceFindings(input, ctx));
  findings.push(...qualificationFindings(cls, input, ctx));
  for (const flag of ctx.flagged ?? []) {
    findings.push(
      finding(
        'publicly_flagged',
        'critical',
        'sku',
        null,
        { sku: flag.skuCode, reason: flag.reason },
        flag.skuCode,
      ),
    );
  }
  return findings;
}

const WINDOW_DAYS = 7;

function referencePriceFindings(input: ListingInput, ctx: CheckContext): Finding[] {
  const reference = fen(input.referencePriceFen);
  const price = fen(input.priceFen);
  if (reference === null || (price !== null && reference <= price)) return [];
  const start = ctx.promotionStartsAt ?? ctx.now;
  const lowest = lowestChargedBefore(ctx.charged ?? [], start, WINDOW_DAYS);
  if (lowest !== null && reference <= lowest.priceFen) return [];
  // Nothing charged on record counts against the seller: goods never sold may not show 原价.
  return [
    finding(
      'fictitious_discount',
      ctx.charged ? 'critical' : 'high',
      'price',
      null,
      {
        reference,
        price,
        lowest: lowest?.priceFen ?? null,
        basis: lowest ? lowest.basis : ctx.charged ? 'never_sold' : 'no_history',
        windowDays: WINDOW_DAYS,
      },
      `¥${(reference / 100).toFixed(2)}`,
    ),
  ];
}

function qualificationFindings(cls: ListingClass, input: ListingInput, ctx: CheckContext): Finding[] {
  const needed: { kind: DocumentKind; why: string }[] = [];
  if (cls === 'gold_jewellery') needed.push({ kind: 'inspection_certificate', why: 'pure_gold' });
  if (cls === 'gold_jewellery' || cls === 'jewellery' || cls === 'collectibles') {
    const price = fen(input.priceFen);
    if (cls !== 'gold_jewellery' && price !== null && price > ctx.settings.inspectionAboveFen) {
      needed.push({ kind: 'inspection_certificate', why: 'price_threshold' });
    }
    needed.push({ kind: 'category_whitelist', why: cls }, { kind: 'business_licence', why: cls });
  }
  const out: Finding[] = [];
  for (const { kind, why } of needed) {
    const docs = (ctx.documents ?? []).filter((d) => d.kind === kind);
    if (docs.some((d) => !d.expiresOn || d.expiresOn > ctx.now)) continue;
    const expired = docs.map((d) => d.expiresOn!).sort((a, b) => b.getTime() - a.getTime())[0];
    out.push(
      expired
        ? finding('qualification_expired', 'critical', 'documents', null, {
            document: kind,
            why,
            class: cls,
            expiredOn: expired.toISOString().slice(0, 10),
          })
        : finding('qualification_missing', 'critical', 'documents', null, {
            document: kind,
            why,
            class: cls,
            threshold: ctx.settings.inspectionAboveFen,
          }),
    );
  }
  return out;
}

const RANK: Record<FindingSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** The most serious severity among findings, or null for a clean listing. */
export function worstSeverity(findings: Finding[]): FindingSeverity | null {
  let worst: FindingSeverity | null = null;
  for (const f of findings) if (!worst || RANK[f.severity] < RANK[worst]) worst = f.severity;
  return worst;
}
