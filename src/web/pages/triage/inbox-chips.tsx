// Triage chips for inbox rows: plain spans (no antd per cell, like the rest of the inbox row) whose
// `title` explains on hover which words or rule decided each one.
import type { TFunction } from 'i18next';
import type { Ticket } from '../../app/types.js';
import './triage.css';
import { triageOf } from './triage-api.js';

const noTerm = 'no category term found';

export function inboxTriageChips(t: TFunction, r: Ticket) {
  if (!r.categories.length && (!r.sentiment || r.sentiment === 'neutral')) return null;
  const triage = triageOf(r);
  const label = (term: string) =>
    term === noTerm
      ? t('triage:chips.noTerms')
      : term.endsWith(' (tenant)')
        ? t('triage:chips.tenantTerm', { term: term.slice(0, -9) })
        : term;
  const first = r.categories[0];
  let categoryTitle = '';
  if (first) {
    const terms = (triage?.auto.explanation.categories[first as never] as string[] | undefined) ?? [];
    categoryTitle = triage?.locked.categories
      ? t('triage:chips.agentSet')
      : terms[0] === noTerm
        ? t('triage:chips.noTerms')
        : terms.length
          ? t('triage:chips.basis', { terms: terms.map(label).join('、') })
          : '';
    if (triage && !triage.locked.severity && triage.auto.severity === r.severity && r.severity !== 'normal') {
      categoryTitle += `\n${t(`common:severity.${r.severity}`)}：${t(`triage:rule.${triage.auto.explanation.severity.code}`)}`;
    }
  }
  const sentimentTitle = [
    r.sentimentScore !== null ? t('triage:chips.score', { score: r.sentimentScore.toFixed(2) }) : '',
    triage?.auto.explanation.sentiment.length
      ? t('triage:chips.words', { words: triage.auto.explanation.sentiment.join('、') })
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <>
      {first && (
        <span className="triage-chip triage-chip-category" data-category={first} title={categoryTitle}>
          {t(`common:category.${first}`, { defaultValue: first })}
          {r.categories.length > 1 ? ` +${r.categories.length - 1}` : ''}
        </span>
      )}
      {r.sentiment && r.sentiment !== 'neutral' && (
        <span
          className={`triage-chip triage-chip-${r.sentiment}`}
          data-sentiment={r.sentiment}
          title={sentimentTitle}
        >
          {t(`triage:sentiment.${r.sentiment}`, { defaultValue: r.sentiment })}
        </span>
      )}
    </>
  );
}
