import type { TriageResult } from './analyze.js';
import { type AspectMention, mergeAspects } from './aspects.js';
import type { PiiType } from './pii.js';
import {
  CATEGORIES,
  type Category,
  type Language,
  maxSeverity,
  type Sentiment,
  type TriageSeverity,
} from './taxonomy.js';

/** What tickets.triage holds: the automatic verdict over all inbound messages, and who owns what. */
export type TicketTriage = {
  version: 1;
  auto: {
    language: Language;
    sentiment: Sentiment;
    score: number;
    categories: Category[];
    severity: TriageSeverity;
    /** Aspects over all messages (a negative mention wins); absent on cases triaged before aspects. */
    aspects?: AspectMention[];
    pii: PiiType[];
    explanation: {
      sentiment: string[];
      categories: Partial<Record<Category, string[]>>;
      severity: TriageResult['explanation']['severity'];
    };
  };
  /** The values the automation last wrote on the ticket: a difference means an agent changed them. */
  applied: { categories: string[]; severity: TriageSeverity };
  /** Fields an agent has set: the automation leaves them alone from then on. */
  locked: { categories: boolean; severity: boolean };
  messages: number;
  lastMessageId: string | null;
};

type TicketLike = { severity: TriageSeverity; categories: string[]; triage: Record<string, unknown> | null };

export function ticketTriageOf(raw: unknown): TicketTriage | null {
  const t = raw as TicketTriage | null | undefined;
  return t && t.version === 1 && t.auto && t.applied && t.locked ? t : null;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function mergeCategories(a: Category[], b: Category[]): Category[] {
  const all = CATEGORIES.filter((c) => a.includes(c) || b.includes(c));
  return all.length > 1 ? all.filter((c) => c !== 'other') : all;
}

/**
 * Folds one message's analysis into the ticket: categories are the union over the messages,
 * severity the highest (raised, never lowered automatically), sentiment and language those of the
 * latest message with text. Agent-set categories or severity are kept and locked.
 */
export function rollUp(
  ticket: TicketLike,
  result: TriageResult,
  messageId: string | null,
): {
  triage: TicketTriage;
  set: {
    categories: string[];
    category: string | null;
    severity: TriageSeverity;
    language: string;
    sentiment: string;
    sentimentScore: number;
  };
} {
  const prev = ticketTriageOf(ticket.triage);
  const hasText = result.language !== 'unknown';
  const fresh: TicketTriage['auto'] = {
    language: result.language,
    sentiment: result.sentiment,
    score: result.score,
    categories: result.categories,
    severity: result.severity,
    aspects: result.aspects,
    pii: [...new Set(result.pii.map((p) => p.type))],
    explanation: {
      sentiment: result.explanation.sentiment,
      categories: result.explanation.categories,
      severity: result.explanation.severity,
    },
  };
  let auto = fresh;
  if (prev) {
    const p = prev.auto;
    const categories = mergeCategories(p.categories, fresh.categories);
    const because: Partial<Record<Category, string[]>> = {};
    for (const c of categories) {
      const terms = [...(p.explanation.categories[c] ?? []), ...(fresh.explanation.categories[c] ?? [])];
      because[c] = [...new Set(terms)].slice(0, 8);
    }
    const severity = maxSeverity(p.severity, fresh.severity);
    auto = {
      language: hasText ? fresh.language : p.language,
      sentiment: hasText ? fresh.sentiment : p.sentiment,
      score: hasText ? fresh.score : p.score,
      categories,
      severity,
      aspects: mergeAspects(p.aspects ?? [], fresh.aspects ?? []),
      pii: [...new Set([...p.pii, ...fresh.pii])],
      explanation: {
        sentiment: hasText ? fresh.explanation.sentiment : p.explanation.sentiment,
        categories: because,
        severity: fresh.severity === severity ? fresh.explanation.severity : p.explanation.severity,
      },
    };
  }

  const locked = {
    categories:
      (prev?.locked.categories ?? false) ||
      (prev ? !sameSet(ticket.categories, prev.applied.categories) : ticket.categories.length > 0),
    severity: (prev?.locked.severity ?? false) || (prev ? ticket.severity !== prev.applied.severity : false),
  };
  const categories = locked.categories ? ticket.categories : [...auto.categories];
  const severity = locked.severity ? ticket.severity : maxSeverity(ticket.severity, auto.severity);
  return {
    triage: {
      version: 1,
      auto,
      applied: { categories, severity },
      locked,
      messages: (prev?.messages ?? 0) + (messageId ? 1 : 0),
      lastMessageId: messageId ?? prev?.lastMessageId ?? null,
    },
    set: {
      categories,
      category: primaryCategory(categories),
      severity,
      language: auto.language,
      sentiment: auto.sentiment,
      sentimentScore: auto.score,
    },
  };
}

// The ticket's one `category` (its list keeps them all): the most urgent kind of problem first.
const PRIMARY_ORDER: string[] = [
  'safety_hazard',
  'counterfeit_suspected',
  'damaged_in_transit',
  'wrong_or_missing_item',
  'not_as_described',
  'quality_defect',
  'refund_dispute',
  'privacy_concern',
  'logistics_delay',
  'service_attitude',
  'slow_response',
  'price_dispute',
  'other',
];

export function primaryCategory(categories: string[]): string | null {
  let best: string | null = null;
  for (const c of categories) {
    const rank = PRIMARY_ORDER.indexOf(c);
    if (
      best === null ||
      (rank >= 0 && (PRIMARY_ORDER.indexOf(best) < 0 || rank < PRIMARY_ORDER.indexOf(best)))
    )
      best = c;
  }
  return best;
}

/** The stored form of a message's analysis (PII only as type, offsets and mask). */
export function messageTriage(result: TriageResult): Record<string, unknown> {
  return { version: 1, ...result };
}
