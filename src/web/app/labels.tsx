// Coloured, translated labels for the enums every page shows (status, severity, kind, channel, platform).
import { Badge, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dueText } from './durations.js';
import type { Severity, TicketStatus } from './types.js';

export const STATUS_COLOR: Record<TicketStatus, string> = {
  new: '#1668dc',
  acknowledged: '#13a8a8',
  investigating: '#722ed1',
  awaiting_customer: '#d48806',
  resolution_proposed: '#2f54eb',
  resolving: '#d4380d',
  follow_up: '#389e0d',
  closed: '#8c8c8c',
};

export const SEVERITY_COLOR: Record<Severity, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  critical: 'red',
};

const PLATFORM_COLOR: Record<string, string> = {
  pinduoduo: '#e02e24',
  douyin: '#161823',
  tiktok: '#25b7c8',
  taobao: '#ff5000',
  manual: '#8c8c8c',
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[status]} text={t(`status.${status}`)} data-status={status} />;
}

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} variant="filled" style={{ marginInlineEnd: 0 }} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLOR[severity]} style={{ marginInlineEnd: 0 }}>
      {t(`severity.${severity}`)}
    </Tag>
  );
}

/** A shop's name and platform. `wrap`: on more lines where there is room below (a side card). */
export function PlatformLabel({
  platform,
  name,
  wrap = false,
}: {
  platform: string | null | undefined;
  name?: string | null;
  wrap?: boolean;
}) {
  const { t } = useTranslation();
  if (!platform) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span
      style={{
        display: 'inline-flex',
        alignItems: wrap ? 'baseline' : 'center',
        gap: 6,
        minWidth: 0,
        maxWidth: '100%',
      }}
    >
      <span
        style={{
          width: 8,
          height: 8,
          borderRadius: 2,
          flex: 'none',
          background: PLATFORM_COLOR[platform] ?? '#8c8c8c',
        }}
      />
      {/* Cut short in a narrow column: the whole name shows on hover. */}
      <span
        style={
          wrap
            ? { minWidth: 0, overflowWrap: 'anywhere' }
            : { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }
        }
        title={name ? `${name} · ${t(`platform.${platform}`)}` : undefined}
      >
        {name ? `${name} · ` : ''}
        <Typography.Text type="secondary">{t(`platform.${platform}`)}</Typography.Text>
      </span>
    </span>
  );
}

/** "3 分钟前" with the exact time on hover. */
export function RelativeTime({ at, danger }: { at: string | null | undefined; danger?: boolean }) {
  if (!at) return <Typography.Text type="secondary">—</Typography.Text>;
  const time = dayjs(at);
  return (
    <Tooltip title={time.format('YYYY-MM-DD HH:mm:ss')} mouseEnterDelay={0.4}>
      <Typography.Text type={danger ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {time.fromNow()}
      </Typography.Text>
    </Tooltip>
  );
}

/** The SLA due time: red when overdue, orange within the next hour. */
export function DueTime({ at, closed }: { at: string | null | undefined; closed?: boolean }) {
  const { t } = useTranslation();
  if (!at || closed) return <Typography.Text type="secondary">—</Typography.Text>;
  const ms = dayjs(at).diff(dayjs());
  const time = dayjs(at);
  const color = ms < 0 ? '#cf1322' : ms < 3_600_000 ? '#d46b08' : undefined;
  return (
    <Tooltip title={time.format('YYYY-MM-DD HH:mm')} mouseEnterDelay={0.4}>
      <span style={{ color, whiteSpace: 'nowrap', fontWeight: ms < 0 ? 500 : undefined }}>
        {dueText(t, at)}
      </span>
    </Tooltip>
  );
}

/** Money in integer fen → ¥12.34 */
export const formatFen = (fen: number, currency = 'CNY') =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(fen / 100);
