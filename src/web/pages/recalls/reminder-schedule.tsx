import { App, Button, Descriptions, Empty, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { dateTime } from './format.js';
import { type Progress, type RecallDetail, useRecallMutation, useRecallQuery } from './recalls-api.js';

const DAY = 86_400_000;
const DAY_CHOICES = [1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90];

type Waiting = {
  total: number;
  items: { orderId: string; orderRef: string; shopName: string; customerName: string | null }[];
};
type Row = {
  key: string;
  n: number;
  day: number | null;
  plannedAt: string | null;
  sent: { at: string; by: string | null; queued: number; unsendable: number } | undefined;
  next: boolean;
};
const STATES = ['sent', 'queued', 'retrying', 'failed', 'unsendable'] as const;
const STATE_COLOR: Record<(typeof STATES)[number], string> = {
  sent: 'success',
  queued: 'processing',
  retrying: 'warning',
  failed: 'error',
  unsendable: 'warning',
};

/**
 * The reminder schedule: the days reminders go after the first notice, what each wave did (its
 * true delivery states), who is still waiting, and — for the campaign owner — changing the days.
 */
export function ReminderSchedule({
  recall: r,
  progress,
}: {
  recall: RecallDetail;
  progress: Progress | undefined;
}) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const { me } = useAuth();
  const [days, setDays] = useState<number[] | null>(null);
  const first = progress?.waves.find((w) => w.wave === 'first');
  const waiting = useRecallQuery<Waiting>(
    r.id,
    'waiting',
    `/recalls/${r.id}/reminders/waiting?limit=50`,
    !!first,
  );
  const save = useRecallMutation(r.id, (reminderDays: number[]) =>
    api(`/recalls/${r.id}`, { method: 'PATCH', body: { reminderDays } }),
  );
  const canEdit =
    (me?.user?.id === r.ownerId || me?.actor.role === 'admin') &&
    r.status !== 'closed' &&
    r.status !== 'cancelled';
  const sentReminders = (progress?.waves ?? []).filter((w) => w.wave.startsWith('reminder-'));
  const rows: Row[] = Array.from(
    { length: Math.max(r.reminderDays.length, sentReminders.length) },
    (_, i) => {
      const day = r.reminderDays[i] ?? null;
      const wave = `reminder-${i + 2}`;
      return {
        key: wave,
        n: i + 1,
        day,
        plannedAt: first && day !== null ? new Date(Date.parse(first.at) + day * DAY).toISOString() : null,
        sent: sentReminders.find((w) => w.wave === wave),
        next: !!r.nextReminderAt && i === sentReminders.length,
      };
    },
  );
  const countOf = (wave: string, state: string) =>
    progress?.noticeCounts.find((c) => c.wave === wave && c.state === state)?.count ?? 0;
  const chosen = days ?? r.reminderDays;
  return (
    <Flex vertical gap={12} data-testid="reminder-schedule">
      <Typography.Text strong>{t('reminders.title')}</Typography.Text>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('reminders.firstAt')}>
          {first ? dateTime(first.at) : t('reminders.notYet')}
        </Descriptions.Item>
        <Descriptions.Item label={t('reminders.nextAt')}>
          <span data-testid="reminder-next">
            {r.nextReminderAt
              ? dateTime(r.nextReminderAt)
              : r.reminderDays.length
                ? first
                  ? t('reminders.noneDue')
                  : t('reminders.afterFirst')
                : t('reminders.off')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('reminders.waiting')}>
          <span data-testid="reminder-waiting-count">
            {first ? t('reminders.waitingCount', { count: waiting.data?.total ?? 0 }) : '—'}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('reminders.days')}</Typography.Text>
        <Select
          mode="multiple"
          style={{ minWidth: 320 }}
          disabled={!canEdit}
          value={chosen}
          maxCount={6}
          placeholder={t('reminders.offPlaceholder')}
          onChange={(v: number[]) => setDays([...v].sort((a, b) => a - b))}
          options={[...new Set([...DAY_CHOICES, ...chosen])]
            .sort((a, b) => a - b)
            .map((d) => ({ value: d, label: t('reminders.day', { day: d }) }))}
          data-testid="reminder-days"
        />
        {canEdit ? (
          <Button
            type="primary"
            disabled={days === null}
            loading={save.isPending}
            onClick={() =>
              save.mutate(chosen, {
                onSuccess: () => {
                  setDays(null);
                  void message.success(t('reminders.saved'));
                },
              })
            }
            data-testid="reminder-save"
          >
            {t('reminders.save')}
          </Button>
        ) : (
          <Typography.Text type="secondary">
            {t('reminders.ownerOnly', { owner: r.ownerName ?? '—' })}
          </Typography.Text>
        )}
      </Flex>
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('reminders.empty')} /> }}
        data-testid="reminder-waves"
        columns={[
          { title: t('reminders.wave'), render: (_, w) => t('notices.reminder', { n: w.n }) },
          {
            title: t('reminders.planned'),
            render: (_, w) =>
              w.day === null
                ? t('reminders.byHandOnly')
                : `${t('reminders.day', { day: w.day })}${w.plannedAt ? ` · ${dateTime(w.plannedAt)}` : ''}`,
          },
          {
            title: t('reminders.status'),
            render: (_, w) =>
              w.sent ? (
                <Tag color="blue">
                  {t(w.sent.by === 'schedule' ? 'reminders.sentOnSchedule' : 'reminders.sentByHand', {
                    at: dateTime(w.sent.at),
                  })}
                </Tag>
              ) : w.next ? (
                <Tag color="gold">{t('reminders.next')}</Tag>
              ) : (
                <Tag>{t('reminders.planned')}</Tag>
              ),
          },
          {
            title: t('reminders.delivery'),
            render: (_, w) =>
              w.sent ? (
                <Space size={4} wrap>
                  {STATES.filter((s) => countOf(w.key, s) > 0).map((s) => (
                    <Tag key={s} color={STATE_COLOR[s]} data-state={s}>
                      {t(`notices.state.${s}`)} {countOf(w.key, s)}
                    </Tag>
                  ))}
                  {STATES.every((s) => countOf(w.key, s) === 0) && t('reminders.nobody')}
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {first && (
        <Table<Waiting['items'][number]>
          size="small"
          rowKey="orderId"
          title={() => t('reminders.waitingList')}
          loading={waiting.isPending}
          dataSource={waiting.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('reminders.nobodyWaiting')} /> }}
          data-testid="reminder-waiting"
          columns={[
            { title: t('notices.order'), dataIndex: 'orderRef' },
            { title: t('notices.buyer'), render: (_, o) => o.customerName ?? '—' },
            { title: t('notices.shop'), dataIndex: 'shopName' },
          ]}
        />
      )}
    </Flex>
  );
}
