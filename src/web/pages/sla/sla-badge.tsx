import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../app/types.js';

type Sla = Ticket['sla'];

/** Re-renders every `ms` so countdowns move without refetching. */
export function useNow(ms = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function formatSpan(ms: number, locale: string): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const zh = locale.startsWith('zh');
  if (minutes < 60) return zh ? `${minutes} 分钟` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return zh ? `${hours} 小时 ${minutes % 60} 分` : `${hours} h ${minutes % 60} min`;
  return zh ? `${Math.floor(hours / 24)} 天` : `${Math.floor(hours / 24)} d`;
}

const COLORS: Record<string, string> = {
  ok: 'green',
  warning: 'orange',
  breached: 'red',
  paused: 'default',
  met: 'blue',
};

/** The SLA countdown of a case: time left (or overdue) to its earliest pending target, coloured by state. */
export function SlaBadge({ sla, closed, compact }: { sla: Sla; closed?: boolean; compact?: boolean }) {
  const { t, i18n } = useTranslation('sla');
  const now = useNow();
  if (closed)
    return sla.state === 'none' ? null : (
      <Tag color={COLORS[sla.state] ?? 'default'}>{t(`state.${sla.state}`, sla.state)}</Tag>
    );
  if (sla.state === 'paused' || (!sla.dueAt && sla.state !== 'none')) {
    return (
      <Tooltip title={t('badge.paused')}>
        <Tag icon={<PauseCircleOutlined />} data-testid="sla-badge" data-state="paused">
          {compact ? '' : t('state.paused')}
        </Tag>
      </Tooltip>
    );
  }
  if (!sla.dueAt) return null;
  const left = dayjs(sla.dueAt).valueOf() - now;
  const state = left <= 0 ? 'breached' : sla.state === 'warning' || left < 15 * 60_000 ? 'warning' : 'ok';
  const which = (['firstResponse', 'nextResponse', 'resolution'] as const).find(
    (k) => sla[`${k}DueAt` as const] === sla.dueAt,
  );
  const label =
    left <= 0
      ? t('badge.overdue', { time: formatSpan(left, i18n.language) })
      : t('badge.dueIn', { time: formatSpan(left, i18n.language) });
  return (
    <Tooltip title={`${which ? t(`badge.${which}`) : ''} ${dayjs(sla.dueAt).format('YYYY-MM-DD HH:mm')}`}>
      <Tag
        color={COLORS[state]}
        icon={<ClockCircleOutlined />}
        data-testid="sla-badge"
        data-state={state}
        style={{ marginInlineEnd: 0 }}
      >
        {label}
      </Tag>
    </Tooltip>
  );
}
