// 结案回访: the follow-ups still to come, and those the worker looked at — written (with the
// message's true delivery), skipped with the reason, answered by the buyer.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FollowUpView, UpcomingFollowUpsView } from '../../../care/follow-up-routes.js';
import type { Json } from '../../../http/json-dates.js';
import { api } from '../../app/api.js';
import { DeliveryReason } from '../channels/delivery-note.js';
import { FollowUpReport } from './follow-up-report.js';

export type FollowUp = Json<typeof FollowUpView>;
type Upcoming = Json<typeof UpcomingFollowUpsView>;

const DAYS = 30;
const when = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

/** Where the follow-up stands, in one cell: never "sent" before the platform took it. */
function StateCell({ f }: { f: FollowUp }) {
  const { t } = useTranslation('care');
  if (f.state === 'holdout')
    return (
      <Tooltip title={t('holdoutHelpFollowUp')}>
        <Tag>{t('followUps.state.holdout')}</Tag>
      </Tooltip>
    );
  if (f.state === 'skipped')
    return (
      <Typography.Text type="secondary" data-testid="follow-up-skipped">
        {t(`followUps.skip.${f.skipReason ?? 'no_buyer'}`)}
      </Typography.Text>
    );
  const status = f.deliveryStatus ?? 'queued';
  const retrying = status === 'queued' && f.deliveryError !== null;
  return (
    <Flex vertical gap={2} align="start">
      <Flex gap={4} wrap>
        {status === 'manual' ? (
          <Tooltip title={t('manualHelp')}>
            <Tag color="orange" data-testid="follow-up-delivery" data-state="manual">
              {t('state.manual')}
            </Tag>
          </Tooltip>
        ) : status === 'sent_by_hand' ? (
          // A person said they sent it: never "delivered", the platform gave no receipt.
          <Tooltip title={t('followUps.byHandHelp')}>
            <Tag color="green" data-testid="follow-up-delivery" data-state="sent_by_hand">
              {t('state.sent_by_hand')}
            </Tag>
          </Tooltip>
        ) : (
          <Tag
            color={status === 'sent' ? 'green' : status === 'failed' ? 'red' : retrying ? 'orange' : 'blue'}
            data-testid="follow-up-delivery"
            data-state={retrying ? 'retrying' : status}
          >
            {t(`state.${retrying ? 'retrying' : status}`)}
          </Tag>
        )}
        {f.answeredAt && (
          <Tooltip title={t('followUps.answeredAt', { at: when(f.answeredAt) })}>
            <Tag color="purple" data-testid="follow-up-answered">
              {t('followUps.state.answered')}
            </Tag>
          </Tooltip>
        )}
      </Flex>
      {(status === 'failed' || retrying) && <DeliveryReason error={f.deliveryError} />}
      {status === 'manual' && <SendByHand f={f} />}
    </Flex>
  );
}

/** A follow-up the platform cannot take: copy its text, send it in the back office, say so (audited). */
function SendByHand({ f }: { f: FollowUp }) {
  const { t } = useTranslation('care');
  const { message } = App.useApp();
  const client = useQueryClient();
  const mark = useMutation({
    mutationFn: () => api(`/care/follow-ups/${f.id}/sent-by-hand`, { method: 'POST' }),
    onSuccess: () => {
      void message.success(t('marked'));
      void client.invalidateQueries({ queryKey: ['care-follow-ups'] });
    },
  });
  return (
    <Space size={4}>
      <Button
        size="small"
        disabled={!f.body}
        onClick={() =>
          void navigator.clipboard
            ?.writeText(f.body ?? '')
            .then(() => message.success(t('copied')))
            .catch(() => undefined)
        }
        data-testid="follow-up-copy"
      >
        {t('copy')}
      </Button>
      <Popconfirm title={t('followUps.markConfirm')} onConfirm={() => mark.mutate()}>
        <Button size="small" type="primary" loading={mark.isPending} data-testid="follow-up-mark-sent">
          {t('markSent')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

const caseLink = (id: string, number: number | null) => (
  <Link to={`/tickets/${id}`}>{number === null ? id.slice(0, 8) : `#${number}`}</Link>
);

export function FollowUpsTab({ canSeeReport }: { canSeeReport: boolean }) {
  const { t } = useTranslation('care');
  const range = useMemo(
    () => ({ from: dayjs().subtract(DAYS, 'day').toISOString(), to: dayjs().add(1, 'day').toISOString() }),
    [],
  );
  const upcoming = useQuery({
    queryKey: ['care-follow-ups-upcoming'],
    queryFn: () => api<Upcoming>('/care/follow-ups/upcoming', { query: { limit: 200 } }),
  });
  const done = useQuery({
    queryKey: ['care-follow-ups', range],
    queryFn: () => api<{ items: FollowUp[] }>('/care/follow-ups', { query: { ...range, limit: 200 } }),
  });
  const u = upcoming.data;
  const platform = (p: string | null) => (p ? t(`settings.platform.${p}`, { defaultValue: p }) : '—');
  return (
    <Flex vertical gap={16} data-testid="care-follow-ups">
      {u && !u.enabled && <Alert type="info" showIcon title={t('followUps.off')} />}
      {canSeeReport && <FollowUpReport />}
      <Card title={t('followUps.upcomingTitle')} size="small">
        <Table<Upcoming['items'][number]>
          rowKey="ticketId"
          size="small"
          loading={upcoming.isLoading}
          dataSource={u?.items ?? []}
          locale={{
            emptyText: u?.enabled === false ? t('followUps.offEmpty') : t('followUps.upcomingEmpty'),
          }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="follow-ups-upcoming"
          columns={[
            {
              title: t('followUps.columns.dueAt'),
              width: 140,
              render: (_, d) =>
                dayjs(d.dueAt).isBefore(dayjs()) ? (
                  <Tooltip title={t('followUps.dueNowHelp')}>
                    <Tag color="blue">{t('followUps.dueNow')}</Tag>
                  </Tooltip>
                ) : (
                  when(d.dueAt)
                ),
            },
            {
              title: t('followUps.columns.case'),
              width: 90,
              render: (_, d) => caseLink(d.ticketId, d.ticketNumber),
            },
            { title: t('columns.buyer'), width: 110, render: (_, d) => d.customerName ?? '—' },
            { title: t('followUps.columns.platform'), width: 110, render: (_, d) => platform(d.platform) },
            { title: t('followUps.columns.closedAt'), render: (_, d) => when(d.closedAt) },
          ]}
        />
      </Card>
      <Card title={t('followUps.doneTitle', { days: DAYS })} size="small">
        <Table<FollowUp>
          rowKey="id"
          size="small"
          loading={done.isLoading}
          dataSource={done.data?.items ?? []}
          locale={{ emptyText: t('followUps.doneEmpty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="follow-ups-done"
          columns={[
            { title: t('followUps.columns.writtenAt'), width: 110, render: (_, f) => when(f.createdAt) },
            {
              title: t('followUps.columns.case'),
              width: 90,
              render: (_, f) => caseLink(f.ticketId, f.ticketNumber),
            },
            { title: t('columns.buyer'), width: 110, render: (_, f) => f.customerName ?? '—' },
            { title: t('followUps.columns.platform'), width: 110, render: (_, f) => platform(f.platform) },
            { title: t('followUps.columns.closedAt'), width: 110, render: (_, f) => when(f.closedAt) },
            { title: t('followUps.columns.state'), render: (_, f) => <StateCell f={f} /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
