import { Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import dayjs from 'dayjs';
import i18next, { type TFunction } from 'i18next';
import { dueText } from '../../app/durations.js';
import { STATUS_COLOR } from '../../app/labels.js';
import { tagLabel } from '../../app/tag-label.js';
import type { Ticket } from '../../app/types.js';
import { type InboxChip, inboxTriageChips } from '../triage/inbox-chips.js';
import { fitChips } from './fit-chips.js';

// Inbox cells are plain elements styled by inbox.css (no antd Tag/Tooltip per cell, but for a "+N"): thousands of rows
// scroll past, and each row mounts in well under a millisecond. Every row is two lines (the subject
// over its chips), so virtual rows keep a fixed height, and a cell re-renders only when its ticket changes (not on selection).
const sameTicket = (a: Ticket, b: Ticket) => a !== b;
const none = <span className="inbox-muted">—</span>;

function when(at: string | null | undefined) {
  if (!at) return none;
  const d = dayjs(at);
  return (
    <div className="inbox-text" title={d.format('YYYY-MM-DD HH:mm:ss')}>
      {d.fromNow()}
    </div>
  );
}

function due(tr: TFunction, t: Ticket) {
  if (!t.sla.dueAt || t.status === 'closed') return none;
  const d = dayjs(t.sla.dueAt);
  const ms = d.diff();
  const cls = ms < 0 ? 'inbox-due-breached' : ms < 3_600_000 ? 'inbox-due-soon' : undefined;
  return (
    <div className={cls ? `inbox-text ${cls}` : 'inbox-text'} title={d.format('YYYY-MM-DD HH:mm')}>
      {dueText(tr, t.sla.dueAt)}
    </div>
  );
}

// The subject gets a line of its own, the width of the column; the chips under it (the case's kind,
// category and mood first, then its tags) take a fixed budget. Each shows whole or waits in a "+N"
// that lists them all on hover and to a screen reader, and can be focused (fit-chips.ts).
function tagsAndTriage(t: TFunction, r: Ticket) {
  const chips: InboxChip[] = [
    ...inboxTriageChips(t, r),
    ...r.tags.map((tag) => ({
      key: `tag:${tag}`,
      label: tagLabel(tag, i18next.language),
      title: tagLabel(tag, i18next.language),
      className: 'inbox-chip inbox-chip-tag',
    })),
  ];
  if (!chips.length) return null;
  const shown = fitChips(chips.map((c) => c.label));
  const hidden = chips.slice(shown);
  const list = hidden.map((c) => c.label).join('、');
  return (
    <span className="inbox-chips">
      {chips.slice(0, shown).map((c) => (
        <span key={c.key} className={c.className} title={c.title || undefined} {...c.data}>
          {c.label}
        </span>
      ))}
      {hidden.length > 0 && (
        <Tooltip title={list}>
          {/* A button: focusable, and its name lists the hidden chips; a click shows them, not the case. */}
          <button
            type="button"
            className="inbox-chip inbox-chip-more"
            aria-label={t('moreChips', { count: hidden.length, list })}
            data-hidden={list}
            onClick={(e) => e.stopPropagation()}
          >
            +{hidden.length}
          </button>
        </Tooltip>
      )}
    </span>
  );
}

/**
 * The inbox's columns. English words are longer (Acknowledged, 5 hours overdue, 15 hours ago): its status,
 * SLA and updated columns are wider; the Chinese ones (超时 15 小时 the longest) keep the subject 320 px
 * at 1366 wide.
 */
export function inboxColumns(t: TFunction, lang = 'zh-CN'): ColumnsType<Ticket> {
  const en = lang === 'en';
  const columns: ColumnsType<Ticket> = [
    {
      key: 'number',
      title: t('columns.number'),
      width: 56,
      render: (_, r) => <span className="inbox-muted">#{r.number}</span>,
    },
    {
      key: 'subject',
      title: t('columns.subject'),
      render: (_, r) => (
        <div className="inbox-subject">
          <div
            className={
              r.status === 'new'
                ? 'inbox-text inbox-subject-text inbox-unread'
                : 'inbox-text inbox-subject-text'
            }
            title={r.subject}
          >
            {r.subject}
          </div>
          <div className="inbox-subject-meta">
            <span className="inbox-chip">{t(`common:kind.${r.kind}`)}</span>
            {tagsAndTriage(t, r)}
          </div>
        </div>
      ),
    },
    {
      key: 'status',
      title: t('columns.status'),
      width: en ? 124 : 110, // "Acknowledged" whole in English, clear of the severity tag
      render: (_, r) => (
        <span className="inbox-status" data-status={r.status}>
          <i style={{ background: STATUS_COLOR[r.status] }} />
          {t(`common:status.${r.status}`)}
        </span>
      ),
    },
    {
      key: 'severity',
      title: t('columns.severity'),
      width: 68,
      render: (_, r) => (
        <span className={`inbox-sev inbox-sev-${r.severity}`}>{t(`common:severity.${r.severity}`)}</span>
      ),
    },
    {
      key: 'customer',
      title: t('columns.customer'),
      width: 88,
      render: (_, r) => <div className="inbox-text">{r.customerName ?? none}</div>,
    },
    {
      key: 'shop',
      title: t('columns.shop'),
      width: 132, // the platform badge and the start of the name; the title has it all
      render: (_, r) =>
        r.shopPlatform ? (
          <div
            className="inbox-text"
            title={`${r.shopName ?? ''} · ${t(`common:platform.${r.shopPlatform}`)}`}
          >
            <span className={`inbox-platform inbox-platform-${r.shopPlatform}`}>
              {t(`common:platform.${r.shopPlatform}`)}
            </span>
            {r.shopName}
          </div>
        ) : (
          none
        ),
    },
    {
      key: 'assignee',
      title: t('columns.assignee'),
      width: 84,
      render: (_, r) => (
        <div className="inbox-text">
          {r.assigneeName ?? <span className="inbox-muted">{t('common:states.unassigned')}</span>}
        </div>
      ),
    },
    { key: 'due', title: t('columns.due'), width: en ? 132 : 96, render: (_, r) => due(t, r) },
    {
      key: 'updated',
      title: t('columns.updated'),
      width: en ? 108 : 96,
      render: (_, r) => when(r.updatedAt),
    },
  ];
  return columns.map((c) => ({ ...c, shouldCellUpdate: sameTicket }));
}
