import type { ComplaintType, PatentType, RightKind } from '../db/schema/brand.js';
import type { EvidenceKind } from '../db/schema/evidence.js';
import { COMPLAINT_TYPE_SPECS } from './complaint-types.js';
import { successEstimate, type TypeHistory } from './success-rate.js';

export type PrecheckRight = {
  kind: RightKind;
  name: string;
  classes: number[];
  patentType: PatentType | null;
  validFrom: Date | null;
  validUntil: Date | null;
};

export type PrecheckListing = {
  infringement: ComplaintType | null;
  goodsClass: number | null;
  similarity: 'identical' | 'similar' | null;
  fromRightsHolder: boolean;
  testPurchaseRef: string | null;
};

export type PrecheckInput = {
  listing: PrecheckListing;
  right: PrecheckRight | null;
  /** Evidence filed on the listing (each item in the vault has its time and SHA-256). */
  evidence: { kind: EvidenceKind; sha256: string; createdAt: Date }[];
  /** The seller is one the brand authorised (a valid granted authorisation) or one of its own shops. */
  seller: 'unknown' | 'authorised_reseller' | 'own_shop';
  /** This account's (or, without one, the tenant's) decided complaints of this type. */
  history: TypeHistory;
  now: Date;
};

export type CheckCode =
  | 'type_named'
  | 'right_named'
  | 'right_kind'
  | 'right_valid'
  | 'class_covers'
  | 'evidence_captured'
  | 'similarity'
  | 'not_from_rights_holder'
  | 'test_purchase';
export type CheckState = 'pass' | 'warn' | 'fail' | 'skip';
export type Check = {
  code: CheckCode;
  state: CheckState;
  message: string;
  params: Record<string, string | number>;
};
export type Verdict = 'strong' | 'fair' | 'weak';
export type Precheck = {
  score: number;
  estimate: number;
  verdict: Verdict;
  checks: Check[];
  /** The checks that failed or warn, worst first: what the console shows next to the score. */
  reasons: Check[];
};

const WEIGHT: Record<CheckCode, number> = {
  type_named: 5,
  right_named: 10,
  right_kind: 5,
  right_valid: 15,
  class_covers: 15,
  evidence_captured: 20,
  similarity: 10,
  not_from_rights_holder: 10,
  test_purchase: 10,
};

/** Below this estimate a complaint is weak even when every check passes (configurable per tenant later). */
export const WEAK_ESTIMATE = 0.5;
const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 30;
const SNAPSHOT_KINDS: EvidenceKind[] = ['listing_snapshot', 'chat_screenshot', 'photo', 'video'];

const check = (
  code: CheckCode,
  state: CheckState,
  message: string,
  params: Record<string, string | number> = {},
): Check => ({ code, state, message, params });

const day = (d: Date) => d.toISOString().slice(0, 10);

function rightChecks(input: PrecheckInput, type: ComplaintType | null): Check[] {
  const { right, listing, now } = input;
  if (!right) {
    return [
      check('right_named', 'fail', 'no right is named: choose the trademark, copyright or patent infringed'),
      check('right_kind', 'skip', ''),
      check('right_valid', 'skip', ''),
      check('class_covers', 'skip', ''),
    ];
  }
  const out: Check[] = [check('right_named', 'pass', `right: ${right.name}`, { name: right.name })];
  const spec = type ? COMPLAINT_TYPE_SPECS[type] : null;
  if (!spec) out.push(check('right_kind', 'skip', ''));
  else if (spec.right !== right.kind || (spec.patentType && spec.patentType !== right.patentType)) {
    const needs = spec.patentType ? `${spec.patentType} patent` : spec.right;
    out.push(
      check('right_kind', 'fail', `a ${type} complaint rests on a ${needs}, not on this ${right.kind}`, {
        needs,
      }),
    );
  } else out.push(check('right_kind', 'pass', 'the right fits the complaint type'));

  if (right.validFrom && right.validFrom > now) {
    out.push(
      check('right_valid', 'fail', `the right is valid only from ${day(right.validFrom)}`, {
        from: day(right.validFrom),
      }),
    );
  } else if (right.validUntil && right.validUntil < now) {
    out.push(
      check(
        'right_valid',
        'fail',
        `the right expired on ${day(right.validUntil)}: renew it before complaining`,
        {
          until: day(right.validUntil),
        },
      ),
    );
  } else if (right.validUntil && right.validUntil.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * DAY_MS) {
    out.push(
      check('right_valid', 'warn', `the right expires on ${day(right.validUntil)}: file before then`, {
        until: day(right.validUntil),
      }),
    );
  } else out.push(check('right_valid', 'pass', 'the right is valid today'));

  if (!spec?.checksClass || right.kind !== 'trademark') out.push(check('class_covers', 'skip', ''));
  else if (listing.goodsClass === null) {
    out.push(
      check('class_covers', 'warn', 'the class of the goods is not known: set it to check the registration'),
    );
  } else if (!right.classes.includes(listing.goodsClass)) {
    out.push(
      check(
        'class_covers',
        'fail',
        `the mark is registered in class ${right.classes.join(', ') || '—'}, the goods are class ${listing.goodsClass}`,
        { classes: right.classes.join(', ') || '—', goodsClass: listing.goodsClass },
      ),
    );
  } else {
    out.push(
      check('class_covers', 'pass', `class ${listing.goodsClass} is registered`, {
        goodsClass: listing.goodsClass,
      }),
    );
  }
  return out;
}

/**
 * The pre-filing analysis of one infringing link: a checklist, a score out of 100 and the chance
 * of success estimated from this account's own history for the type. A failed check is one the
 * platform refuses on (an expired right, a class that does not cover the goods, goods from the
 * rights holder, no captured evidence, no test purchase for a counterfeit claim): the complaint is
 * weak and would only lower the account's success rate.
 */
export function precheck(input: PrecheckInput): Precheck {
  const { listing } = input;
  const type = listing.infringement;
  const spec = type ? COMPLAINT_TYPE_SPECS[type] : null;
  const checks: Check[] = [
    type
      ? check('type_named', 'pass', `type: ${type}`, { type })
      : check('type_named', 'fail', 'the type of infringement is not set'),
    ...rightChecks(input, type),
  ];

  const snapshots = input.evidence.filter((e) => SNAPSHOT_KINDS.includes(e.kind) && e.sha256);
  const latest = snapshots.reduce<Date | null>((m, e) => (!m || e.createdAt > m ? e.createdAt : m), null);
  checks.push(
    latest
      ? check('evidence_captured', 'pass', `${snapshots.length} capture(s), the last on ${day(latest)}`, {
          count: snapshots.length,
          at: day(latest),
        })
      : check('evidence_captured', 'fail', 'no screenshot of the listing is captured in the evidence vault'),
  );

  checks.push(
    listing.similarity === 'identical'
      ? check('similarity', 'pass', 'identical to the right')
      : listing.similarity === 'similar'
        ? check('similarity', 'warn', 'only similar: the platform weighs confusion, success is less certain')
        : check('similarity', 'warn', 'not judged whether identical or only similar'),
  );

  if (input.seller === 'own_shop') {
    checks.push(check('not_from_rights_holder', 'fail', 'the seller is one of our own shops'));
  } else if (input.seller === 'authorised_reseller') {
    checks.push(
      check(
        'not_from_rights_holder',
        'fail',
        'the seller is our authorised reseller: send a warning, a complaint is not accepted',
      ),
    );
  } else if (listing.fromRightsHolder) {
    checks.push(
      check(
        'not_from_rights_holder',
        'fail',
        'the goods came from the rights holder or its agent: such complaints are not accepted',
      ),
    );
  } else checks.push(check('not_from_rights_holder', 'pass', 'not an authorised source'));

  if (!spec?.needsTestPurchase) checks.push(check('test_purchase', 'skip', ''));
  else if (listing.testPurchaseRef) {
    checks.push(
      check('test_purchase', 'pass', `test purchase ${listing.testPurchaseRef}`, {
        ref: listing.testPurchaseRef,
      }),
    );
  } else checks.push(check('test_purchase', 'fail', 'a counterfeit claim needs a test purchase order'));

  let earned = 0;
  let possible = 0;
  for (const c of checks) {
    if (c.state === 'skip') continue;
    possible += WEIGHT[c.code];
    earned += c.state === 'pass' ? WEIGHT[c.code] : c.state === 'warn' ? WEIGHT[c.code] / 2 : 0;
  }
  const score = possible ? Math.round((100 * earned) / possible) : 0;
  const failed = checks.some((c) => c.state === 'fail');
  const base = successEstimate(input.history, type);
  // A refused complaint does not succeed; otherwise the account's own rate, lowered by what is uncertain.
  const estimate = failed ? 0 : Math.round(base * (0.5 + score / 200) * 100) / 100;
  const verdict: Verdict =
    failed || estimate < WEAK_ESTIMATE ? 'weak' : checks.some((c) => c.state === 'warn') ? 'fair' : 'strong';
  const rank: Record<CheckState, number> = { fail: 0, warn: 1, pass: 2, skip: 3 };
  const reasons = checks
    .filter((c) => c.state === 'fail' || c.state === 'warn')
    .sort((a, b) => rank[a.state] - rank[b.state]);
  return { score, estimate, verdict, checks, reasons };
}
