// Triage chips: category, severity and sentiment, each explaining on hover which words or rule decided it.
import { Flex, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SEVERITY_COLOR } from '../../app/labels.js';
import type { Ticket } from '../../app/types.js';
import { type TicketTriage, triageOf } from './triage-api.js';

const SENTIMENT_COLOR = { negative: 'volcano', neutral: 'default', positive: 'green' } as const;

function Explained({ tip, children }: { tip: ReactNode; children: ReactNode }) {
  return (
    <Tooltip title={tip} mouseEnterDelay={0.2}>
      <span style={{ display: 'inline-flex', flex: 'none' }}>{children}</span>
    </Tooltip>
  );
}

type Props = {
  ticket: Pick<Ticket, 'categories' | 'severity' | 'sentiment' | 'sentimentScore' | 'triage'>;
  /** Inbox rows: one line, the first category only. */
  compact?: boolean;
  showSeverity?: boolean;
};

export function TriageChips({ ticket, compact = false, showSeverity = false }: Props) {
  const { t } = useTranslation('triage');
  const triage = triageOf(ticket);
  const auto = triage?.auto;
  const categories = compact ? ticket.categories.slice(0, 1) : ticket.categories;
  const style = { marginInlineEnd: 0 };
  return (
    <Flex gap={4} wrap={!compact} align="center" style={{ minWidth: 0 }} data-testid="triage-chips">
      {categories.map((c) => (
        <Explained key={c} tip={categoryTip(t, triage, c)}>
          <Tag color="purple" variant="outlined" style={style} data-category={c}>
            {t(`common:category.${c}`, { defaultValue: c })}
          </Tag>
        </Explained>
      ))}
      {compact && ticket.categories.length > 1 && (
        <Tag variant="filled" style={style}>
          +{ticket.categories.length - 1}
        </Tag>
      )}
      {showSeverity && (
        <Explained tip={severityTip(t, triage, ticket.severity)}>
          <Tag color={SEVERITY_COLOR[ticket.severity]} style={style} data-severity={ticket.severity}>
            {t(`common:severity.${ticket.severity}`)}
          </Tag>
        </Explained>
      )}
      {ticket.sentiment && ticket.sentiment !== 'neutral' && (
        <Explained tip={sentimentTip(t, auto, ticket.sentimentScore)}>
          <Tag
            color={SENTIMENT_COLOR[ticket.sentiment as keyof typeof SENTIMENT_COLOR] ?? 'default'}
            variant="filled"
            style={style}
            data-sentiment={ticket.sentiment}
          >
            {t(`sentiment.${ticket.sentiment}`, { defaultValue: ticket.sentiment })}
          </Tag>
        </Explained>
      )}
    </Flex>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** A lexicon term as the explanation lists it: tenant terms are marked, the "no term" rule translated. */
export function termLabel(t: T, term: string): string {
  if (term === 'no category term found') return t('chips.noTerms');
  return term.endsWith(' (tenant)') ? t('chips.tenantTerm', { term: term.slice(0, -9) }) : term;
}

export const termList = (t: T, terms: string[]) => terms.map((x) => termLabel(t, x)).join('、');

export function categoryTip(t: T, triage: TicketTriage | null, category: string): ReactNode {
  if (triage?.locked.categories) return t('chips.agentSet');
  const terms = triage?.auto.explanation.categories[category as never] as string[] | undefined;
  if (!terms?.length) return null;
  if (terms[0] === 'no category term found') return t('chips.noTerms');
  return t('chips.basis', { terms: termList(t, terms) });
}

export function severityTip(t: T, triage: TicketTriage | null, severity: string): ReactNode {
  if (!triage) return null;
  if (triage.locked.severity) return t('chips.agentSet');
  const { code, terms } = triage.auto.explanation.severity;
  if (severity !== triage.auto.severity) return null;
  return (
    <div>
      <div>{t(`rule.${code}`)}</div>
      {terms.length > 0 && <div>{t('chips.basis', { terms: terms.join('、') })}</div>}
    </div>
  );
}

function sentimentTip(t: T, auto: TicketTriage['auto'] | undefined, score: number | null): ReactNode {
  return (
    <div>
      {score !== null && <div>{t('chips.score', { score: score.toFixed(2) })}</div>}
      {auto?.explanation.sentiment.length ? (
        <div>{t('chips.words', { words: auto.explanation.sentiment.join('、') })}</div>
      ) : null}
    </div>
  );
}
