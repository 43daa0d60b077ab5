import type { AuditEvent } from '../audit/audit-repo.js';
import type { EvidenceKind } from '../db/schema/evidence.js';
import type { EvidenceRow } from '../evidence/evidence-repo.js';
import { field, heading, renderPdf } from '../shared/pdf.js';
import type { DisputeRow } from './dispute-repo.js';
import type { checklist as checklistOf } from './dispute-rules.js';
import {
  FORUM_LABELS,
  formatFen,
  formatTime,
  KIND_LABELS,
  type Locale,
  OUTCOME_LABELS,
  pick,
  SUMMARY_TEXT,
  TYPE_LABELS,
} from './labels.js';

const ACTION_TEXT: Record<string, [string, string]> = {
  'dispute.opened': ['争议发起', 'Dispute opened'],
  'dispute.updated': ['争议信息更新', 'Dispute details updated'],
  'dispute.submitted': ['证据已提交', 'Evidence submitted'],
  'dispute.decided': ['结果已登记', 'Outcome recorded'],
};

export type SummaryInput = {
  dispute: DisputeRow;
  exhibits: { no: number; item: EvidenceRow; path: string }[];
  checklist: ReturnType<typeof checklistOf>;
  timeline: AuditEvent[];
  locale: Locale;
  asOf: Date;
};

/** The summary PDF of a bundle: the dispute, claim and position, deadlines, timeline, exhibit index, what is missing. */
export function renderSummary({
  dispute: d,
  exhibits,
  checklist,
  timeline,
  locale,
  asOf,
}: SummaryInput): Promise<Buffer> {
  const t = (key: keyof typeof SUMMARY_TEXT) => pick(SUMMARY_TEXT[key], locale);
  const time = (at: Date) => formatTime(at, locale);
  return renderPdf({ title: t('title'), at: asOf, lang: locale }, (doc) => {
    doc.fontSize(18).text(t('title'));
    doc
      .fontSize(9)
      .fillColor('#6b7280')
      .text(`${t('dispute')} ${d.id}`)
      .fillColor('#111827')
      .moveDown(0.5);
    field(doc, t('type'), pick(TYPE_LABELS[d.type], locale), locale);
    field(doc, t('forum'), pick(FORUM_LABELS[d.platform], locale), locale);
    if (d.externalRef) field(doc, t('reference'), d.externalRef, locale);
    if (d.reason) field(doc, t('reason'), d.reason, locale);
    field(doc, t('opened'), time(d.openedAt), locale);
    field(doc, t('atStake'), formatFen(d.amountAtStakeFen, d.currency), locale);
    if (d.outcome) field(doc, t('status'), pick(OUTCOME_LABELS[d.outcome], locale), locale);

    heading(doc, t('claim'));
    doc.text(d.claim || t('empty'));
    heading(doc, t('position'));
    doc.text(d.position || t('empty'));

    heading(doc, t('deadlines'));
    for (const key of ['evidenceDueAt', 'responseDueAt', 'acceptanceDueAt', 'mediationEndsAt'] as const) {
      const at = d[key];
      if (at) field(doc, t(key), time(at), locale);
    }

    heading(doc, t('timeline'));
    const events = [
      ...timeline.map((e) => ({
        at: e.at,
        text: `${pick(ACTION_TEXT[e.action] ?? [e.action, e.action], locale)} · ${e.actorName}`,
      })),
      ...exhibits.map(({ no, item }) => ({
        at: item.createdAt,
        text: `${locale === 'zh-CN' ? '证据' : 'Exhibit'} ${no}: ${pick(KIND_LABELS[item.kind as EvidenceKind], locale)} · ${item.createdByName}`,
      })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.text.localeCompare(b.text));
    for (const e of events) doc.text(`${time(e.at)}  ${e.text}`);

    heading(doc, t('exhibits'));
    if (!exhibits.length) doc.text(t('none'));
    for (const { no, item, path } of exhibits) {
      doc
        .fontSize(10)
        .text(`${no}. ${pick(KIND_LABELS[item.kind as EvidenceKind], locale)} — ${item.title}`)
        .fontSize(8)
        .fillColor('#6b7280')
        .text(`${path} · ${item.bytes} B · SHA-256 ${item.sha256}`)
        .fillColor('#111827');
    }

    heading(doc, t('missing'));
    if (checklist.complete) doc.text(t('complete'));
    else
      doc
        .fillColor('#b91c1c')
        .text(
          checklist.missing.map((k) => pick(KIND_LABELS[k], locale)).join(locale === 'zh-CN' ? '、' : ', '),
        )
        .fillColor('#111827');

    doc.moveDown(1).fontSize(8).fillColor('#6b7280').text(t('manifest'));
  });
}
