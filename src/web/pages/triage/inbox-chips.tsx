// Triage chips for inbox rows: plain spans (no antd per cell, like the rest of the inbox row) whose
// `title` explains on hover which words or rule decided each one.
import type { TFunction } from 'i18next';
import type { Ticket } from '../../app/types.js';
import './triage.css';
import { triageOf } from './triage-api.js';

const noTerm = 'no category term found';

/** One chip of an inbox row: what it says, and on hover which words or rule decided it. */
export type InboxChip = {
  key: string;
  label: string;
  title: string;
  className: string;
  data?: Record<string, string>;
};

export function inboxTriageChips(t: TFunction, r: Ticket): InboxChip[] {
  if (!r.categories.length && (!r.sentiment || r.sentiment === 'neutral')) return [];
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
  const chips: InboxChip[] = [];
  if (first)
    chips.push({
      key: 'category',
      label: `${t(`common:category.${first}`, { defaultValue: first })}${
        r.categories.length > 1 ? ` +${r.categories.length - 1}` : ''
      }`,
      title: categoryTitle,
      className: 'triage-chip triage-chip-category',
      data: { 'data-category': first },
    });
  if (r.sentiment && r.sentiment !== 'neutral')
    chips.push({
      key: 'sentiment',
      label: t(`triage:sentiment.${r.sentiment}`, { defaultValue: r.sentiment }),
      title: sentimentTitle,
      className: `triage-chip triage-chip-${r.sentiment}`,
      data: { 'data-sentiment': r.sentiment },
    });
  return chips;
}
