import { Empty, Skeleton, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { actorName } from '../../app/actor-name.js';
import { formatFen } from '../../app/labels.js';
import { useUsers } from '../../app/queries.js';
import type { AuditEvent } from '../../app/types.js';
import { useAudit } from './use-ticket.js';

const COLOR: Record<string, string> = {
  created: 'blue',
  closed: 'gray',
  reopened: 'orange',
  status_changed: 'green',
};

/** Every change of the case: who, when, what it was and what it became. */
export function AuditTimeline({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('ticket');
  const audit = useAudit(ticketId, true);
  const users = useUsers();
  const names = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  if (audit.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (!audit.data?.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} />;
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={audit.data.map((e) => ({
        key: e.id,
        color: COLOR[e.action] ?? 'blue',
        content: (
          <div>
            <Typography.Text strong>{actorName(e.actorName, e.actorType, t)}</Typography.Text>{' '}
            <Typography.Text>
              {t(`audit.actions.${e.action}`, { defaultValue: e.action.replaceAll('_', ' ') })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
              {dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}
            </Typography.Text>
            <Changes event={e} t={t} names={names} />
          </div>
        ),
      }))}
    />
  );
}

/** An offer's entry: the remedy (with its amount), how the buyer was told, where the offer stands. */
function OfferChange({ event, t }: { event: AuditEvent; t: TFunction }) {
  const after = event.after ?? {};
  const remedy = typeof after.remedy === 'string' ? t(`playbooks:remedy.${after.remedy}`) : null;
  if (!remedy) return null;
  const money = [after.amountFen, after.couponFen]
    .filter((f): f is number => typeof f === 'number' && f > 0)
    .map((f) => formatFen(f));
  const via = typeof after.via === 'string' ? t(`audit.via.${after.via}`, { defaultValue: '' }) : '';
  const status =
    typeof after.status === 'string' ? t(`playbooks:offerStatus.${after.status}`, { defaultValue: '' }) : '';
  return (
    <div style={{ marginTop: 4 }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {[t('audit.offer', { remedy: [remedy, ...money].join(' ') }), via, status]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
    </div>
  );
}

function Changes({ event, t, names }: { event: AuditEvent; t: TFunction; names: Map<string, string> }) {
  const { i18n } = useTranslation();
  if (event.action.startsWith('offer_')) return <OfferChange event={event} t={t} />;
  if (event.action.startsWith('message_') || event.action === 'created') return null;
  // Only fields a person reads; ids and timestamps other features record stay in the API.
  const keys = [...new Set([...Object.keys(event.before ?? {}), ...Object.keys(event.after ?? {})])].filter(
    (k) => i18n.exists(`ticket:audit.fields.${k}`),
  );
  if (!keys.length) return null;
  return (
    <div style={{ marginTop: 4 }}>
      {keys.map((k) => (
        <div key={k}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t(`audit.fields.${k}`, { defaultValue: k })}：{show(k, event.before?.[k], t, names)} →{' '}
            {show(k, event.after?.[k], t, names)}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

function show(key: string, value: unknown, t: TFunction, names: Map<string, string>): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  const ns: Record<string, string> = {
    status: 'status',
    severity: 'severity',
    kind: 'kind',
    rootCause: 'rootCause',
  };
  if (ns[key] && typeof value === 'string') return t(`common:${ns[key]}.${value}`, { defaultValue: value });
  if (key === 'assigneeId' && typeof value === 'string') return names.get(value) ?? value.slice(0, 8);
  if (key === 'categories' && Array.isArray(value))
    return value.map((c) => t(`common:category.${c}`, { defaultValue: String(c) })).join('、');
  if (Array.isArray(value)) return value.join('、');
  return typeof value === 'string' ? value : JSON.stringify(value);
}
