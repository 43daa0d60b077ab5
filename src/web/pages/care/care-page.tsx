// 签收关怀: care messages after delivery (who got what, how it went out), the hold-out comparison,
// and the settings.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { hasRole } from '../../app/roles.js';
import type { CareMessage } from './care-api.js';
import { CareReportTab } from './care-report.js';
import { CareSettingsTab } from './care-settings.js';
import { FollowUpsTab } from './follow-ups-tab.js';

const GROUP_COLOR = { care: 'green', holdout: 'default', none: 'default' } as const;
const DELIVERY_COLOR = { queued: 'blue', retrying: 'orange', sent: 'green', failed: 'red' } as const;

function DeliveryCell({ m, onSent }: { m: CareMessage; onSent: (id: string) => void }) {
  const { t } = useTranslation('care');
  if (m.group !== 'care') return <Typography.Text type="secondary">—</Typography.Text>;
  if (m.state === 'manual')
    return (
      <Flex vertical gap={4} align="start">
        <Tooltip title={t('manualHelp')}>
          <Tag color="orange">{t('state.manual')}</Tag>
        </Tooltip>
        <Space size={4}>
          <Button
            size="small"
            onClick={() => void navigator.clipboard?.writeText(m.body ?? '')}
            data-testid="care-copy"
          >
            {t('copy')}
          </Button>
          <Button size="small" type="primary" onClick={() => onSent(m.id)} data-testid="care-mark-sent">
            {t('markSent')}
          </Button>
        </Space>
      </Flex>
    );
  if (m.state === 'sent_by_hand') return <Tag color="green">{t('state.sent_by_hand')}</Tag>;
  const d = m.delivery;
  if (!d) return <Tag>{t('state.queued')}</Tag>;
  return (
    <Tooltip title={d.reason}>
      <Tag color={DELIVERY_COLOR[d.state]}>{t(`state.${d.state}`)}</Tag>
    </Tooltip>
  );
}

function MessagesTab({ canRun }: { canRun: boolean }) {
  const { t } = useTranslation('care');
  const { message } = App.useApp();
  const client = useQueryClient();
  const range = useMemo(
    () => ({ from: dayjs().subtract(30, 'day').toISOString(), to: dayjs().add(1, 'day').toISOString() }),
    [],
  );
  const list = useQuery({
    queryKey: ['care-messages', range],
    queryFn: () => api<{ items: CareMessage[] }>('/care/messages', { query: { ...range, limit: 200 } }),
  });
  const run = useMutation({
    mutationFn: () =>
      api<{ looked: number; care: number; holdout: number; none: number; followUps: number }>('/care/run', {
        method: 'POST',
      }),
    onSuccess: (r) => {
      void message.success(
        r.looked || r.followUps ? `${t('ran', r)}${r.followUps ? t('ranFollowUps', r) : ''}` : t('ranNone'),
      );
      void client.invalidateQueries({ queryKey: ['care-messages'] });
      void client.invalidateQueries({ queryKey: ['care-report'] });
      void client.invalidateQueries({ queryKey: ['care-follow-ups'] });
      void client.invalidateQueries({ queryKey: ['care-follow-ups-upcoming'] });
    },
  });
  const sent = useMutation({
    mutationFn: (id: string) => api(`/care/messages/${id}/sent-by-hand`, { method: 'POST' }),
    onSuccess: () => {
      void message.success(t('marked'));
      void client.invalidateQueries({ queryKey: ['care-messages'] });
    },
  });
  return (
    <Card
      extra={
        canRun && (
          <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="care-run">
            {t('runNow')}
          </Button>
        )
      }
    >
      <Table<CareMessage>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="care-messages"
        columns={[
          {
            title: t('columns.deliveredAt'),
            width: 110,
            render: (_, m) => dayjs(m.deliveredAt).format('MM-DD HH:mm'),
          },
          {
            title: t('columns.order'),
            width: 150,
            render: (_, m) => (
              <Link to={`/orders/${m.orderId}`}>{m.orderExternalId ?? m.orderId.slice(0, 8)}</Link>
            ),
          },
          { title: t('columns.buyer'), width: 90, render: (_, m) => m.customerName ?? '—' },
          { title: t('columns.product'), width: 130, render: (_, m) => m.productName ?? '—' },
          {
            title: t('columns.group'),
            width: 100,
            render: (_, m) => <Tag color={GROUP_COLOR[m.group]}>{t(`group.${m.group}`)}</Tag>,
          },
          {
            title: t('columns.state'),
            width: 170,
            render: (_, m) => <DeliveryCell m={m} onSent={(id) => sent.mutate(id)} />,
          },
          {
            title: t('columns.message'),
            render: (_, m) =>
              m.body ? (
                <Typography.Paragraph
                  style={{ whiteSpace: 'pre-wrap', marginBottom: 0, fontSize: 12 }}
                  ellipsis={{ rows: 3, expandable: true, symbol: '…' }}
                >
                  {m.body}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">
                  {m.group === 'holdout' ? t('holdoutNote') : t(`skip.${m.skipReason ?? 'no_tips'}`)}
                </Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}

export default function CarePage() {
  const { t } = useTranslation('care');
  const { role } = useAuth();
  const supervisor = hasRole(role, 'supervisor');
  return (
    <Flex vertical gap={16}>
      <Card title={t('title')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('intro')}
        </Typography.Paragraph>
      </Card>
      <Tabs
        defaultActiveKey="messages"
        items={[
          { key: 'messages', label: t('tabs.messages'), children: <MessagesTab canRun={supervisor} /> },
          {
            key: 'follow-ups',
            label: t('tabs.followUps'),
            children: <FollowUpsTab canSeeReport={supervisor} />,
          },
          ...(supervisor ? [{ key: 'report', label: t('tabs.report'), children: <CareReportTab /> }] : []),
          { key: 'settings', label: t('tabs.settings'), children: <CareSettingsTab canEdit={supervisor} /> },
        ]}
      />
    </Flex>
  );
}
