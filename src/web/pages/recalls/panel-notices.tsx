import { App, Button, Empty, Flex, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { DeliveryReason } from '../channels/delivery-note.js';
import { RetryOutbox } from '../channels/retry-delivery.js';
import { RecallChart } from './charts.js';
import { dateTime } from './format.js';
import { type Progress, type RecallDetail, useRecallMutation, useRecallQuery } from './recalls-api.js';
import { ReminderSchedule } from './reminder-schedule.js';

type NoticeState = 'queued' | 'retrying' | 'sent' | 'failed' | 'unsendable';
type Notice = {
  wave: string;
  orderId: string;
  externalId: string;
  shopName: string;
  customerName: string | null;
  state: NoticeState;
  outboxId: string | null;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
};
const STATE_COLOR: Record<NoticeState, string> = {
  queued: 'processing',
  retrying: 'warning',
  sent: 'success',
  failed: 'error',
  unsendable: 'warning',
};

export function useWaveName() {
  const { t } = useTranslation('recalls');
  return (wave: string) =>
    wave.startsWith('reminder-')
      ? t('notices.reminder', { n: Number(wave.slice(9)) - 1 })
      : t(`notices.wave.${wave}`);
}

/** Stage 5: notices to every affected buyer through the outbox, their delivery state one by one. */
export function NoticesPanel({
  recall: r,
  progress,
}: {
  recall: RecallDetail;
  progress: Progress | undefined;
}) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const waveName = useWaveName();
  const [state, setState] = useState<NoticeState | undefined>();
  const list = useRecallQuery<{ items: Notice[] }>(
    r.id,
    'notices',
    `/recalls/${r.id}/notices?limit=200${state ? `&state=${state}` : ''}`,
  );
  const send = useRecallMutation(r.id, (wave: 'first' | 'reminder') =>
    api<{ queued: number }>(`/recalls/${r.id}/notices`, { method: 'POST', body: { wave } }),
  );
  const canSend = r.status === 'announced' || r.status === 'active' || r.status === 'closing';
  const firstSent = progress?.waves.some((w) => w.wave === 'first') ?? false;
  const counts = progress?.noticeCounts ?? [];
  const waves = [...new Set(counts.map((c) => c.wave))];
  const states: NoticeState[] = ['sent', 'queued', 'retrying', 'failed', 'unsendable'];
  const sendWave = (wave: 'first' | 'reminder') =>
    send.mutate(wave, {
      onSuccess: (res) => void message.success(t('notices.sent', { queued: res.queued })),
    });
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary">
        {canSend ? t('notices.intro') : t('notices.needAnnounce')}
      </Typography.Paragraph>
      <Space>
        {!firstSent ? (
          <Popconfirm title={t('notices.sendFirst')} onConfirm={() => sendWave('first')} disabled={!canSend}>
            <Button
              type="primary"
              disabled={!canSend}
              loading={send.isPending}
              data-testid="notices-send-first"
            >
              {t('notices.sendFirst')}
            </Button>
          </Popconfirm>
        ) : (
          <Button
            disabled={!canSend}
            loading={send.isPending}
            onClick={() => sendWave('reminder')}
            data-testid="notices-send-reminder"
          >
            {t('notices.sendReminder')}
          </Button>
        )}
      </Space>
      <ReminderSchedule recall={r} progress={progress} />
      {waves.length > 0 && (
        <RecallChart
          height={Math.max(120, waves.length * 50)}
          testId="chart-notices"
          option={{
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { bottom: 0 },
            grid: { left: 90, right: 24, top: 10, bottom: 36 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: waves.map(waveName) },
            series: states.map((s) => ({
              type: 'bar' as const,
              stack: 'n',
              name: t(`notices.state.${s}`),
              data: waves.map((w) => counts.find((c) => c.wave === w && c.state === s)?.count ?? 0),
              itemStyle: {
                color: {
                  sent: '#52c41a',
                  queued: '#1677ff',
                  retrying: '#fa8c16',
                  failed: '#ff4d4f',
                  unsendable: '#faad14',
                }[s],
              },
            })),
          }}
        />
      )}
      <Flex justify="flex-end">
        <Select
          allowClear
          placeholder={t('notices.filter')}
          style={{ width: 160 }}
          value={state}
          onChange={setState}
          options={states.map((s) => ({ value: s, label: t(`notices.state.${s}`) }))}
        />
      </Flex>
      <Table<Notice>
        rowKey={(n) => `${n.wave}:${n.orderId}`}
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('notices.empty')} /> }}
        data-testid="notices-table"
        columns={[
          { title: '', render: (_, n) => waveName(n.wave) },
          { title: t('notices.order'), dataIndex: 'externalId' },
          { title: t('notices.buyer'), render: (_, n) => n.customerName ?? '—' },
          { title: t('notices.shop'), dataIndex: 'shopName' },
          {
            title: '',
            render: (_, n) => (
              <Tag color={STATE_COLOR[n.state]} data-state={n.state}>
                {t(`notices.state.${n.state}`)}
              </Tag>
            ),
          },
          { title: t('notices.attempts'), dataIndex: 'attempts', align: 'right' },
          {
            title: t('notices.error'),
            render: (_, n) =>
              n.lastError ? (
                <Space size={4}>
                  {n.state === 'unsendable' ? (
                    <Typography.Text type="warning">
                      {t(`notices.reason.${n.lastError}`, { defaultValue: n.lastError })}
                    </Typography.Text>
                  ) : (
                    <DeliveryReason error={n.lastError} />
                  )}
                  {n.state === 'failed' && n.outboxId && <RetryOutbox outboxId={n.outboxId} />}
                </Space>
              ) : n.sentAt ? (
                dateTime(n.sentAt)
              ) : (
                ''
              ),
          },
        ]}
      />
    </Flex>
  );
}
