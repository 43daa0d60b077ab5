import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actorName } from '../../app/actor-name.js';
import { api } from '../../app/api.js';

type Settings = { retentionDays: number | null };
type Erasure = {
  id: string;
  customerId: string;
  customerName: string | null;
  reason: 'retention' | 'request';
  actorName: string;
  summary: { messagesMasked: number; platformEventsMasked?: number; keptForDisputes: number };
  at: string;
};
type AccessEntry = {
  at: string;
  action: 'contact_revealed' | 'personal_data_exported' | 'personal_data_erased';
  actorName: string;
  actorEmail: string | null;
  customerId: string;
  customerName: string | null;
};

const when = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');
const DEFAULT_DAYS = 365;

function RetentionCard() {
  const { t } = useTranslation('privacy');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['privacy', 'settings'],
    queryFn: () => api<Settings>('/privacy/settings'),
  });
  const [auto, setAuto] = useState(false);
  const [days, setDays] = useState<number>(DEFAULT_DAYS);
  useEffect(() => {
    if (!settings.data) return;
    setAuto(settings.data.retentionDays !== null);
    setDays(settings.data.retentionDays ?? DEFAULT_DAYS);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      api<Settings>('/privacy/settings', { method: 'PUT', body: { retentionDays: auto ? days : null } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['privacy'] });
      void message.success(t('retention.saved'));
    },
  });
  const run = useMutation({
    mutationFn: () => api<{ erased: number }>('/privacy/retention/run', { method: 'POST' }),
    onSuccess: ({ erased }) => {
      void queryClient.invalidateQueries({ queryKey: ['privacy'] });
      void message.success(t('retention.ran', { count: erased }));
    },
  });
  return (
    <Card title={t('retention.title')} loading={settings.isPending} data-testid="retention-card">
      <Flex vertical gap={12}>
        <Radio.Group value={auto} onChange={(e) => setAuto(e.target.value)}>
          <Radio value={false}>{t('retention.keep')}</Radio>
          <Radio value={true}>{t('retention.auto')}</Radio>
        </Radio.Group>
        {auto && (
          <Space>
            {t('retention.label')}
            <InputNumber
              min={30}
              max={3650}
              value={days}
              onChange={(v) => setDays(v ?? DEFAULT_DAYS)}
              data-testid="retention-days"
            />
            {t('retention.days')}
            <Typography.Text type="secondary">{t('retention.range')}</Typography.Text>
          </Space>
        )}
        <Typography.Text type="secondary">{t('retention.hint')}</Typography.Text>
        <Space>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            {t('retention.save')}
          </Button>
          <Button
            disabled={settings.data?.retentionDays == null}
            loading={run.isPending}
            onClick={() => run.mutate()}
          >
            {t('retention.run')}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}

export default function PrivacyPage() {
  const { t } = useTranslation('privacy');
  const erasures = useQuery({
    queryKey: ['privacy', 'erasures'],
    queryFn: async () => (await api<{ items: Erasure[] }>('/privacy/erasures')).items,
  });
  const log = useQuery({
    queryKey: ['privacy', 'log'],
    queryFn: async () => (await api<{ items: AccessEntry[] }>('/privacy/access-log')).items,
  });
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </div>
      <RetentionCard />
      <Card title={t('erasures.title')} styles={{ body: { padding: 0 } }}>
        <Table<Erasure>
          rowKey="id"
          size="small"
          loading={erasures.isPending}
          dataSource={erasures.data}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('erasures.empty')} />,
          }}
          columns={[
            { key: 'at', title: t('erasures.at'), width: 150, render: (_, e) => when(e.at) },
            { key: 'buyer', title: t('erasures.buyer'), render: (_, e) => e.customerName ?? '—' },
            {
              key: 'reason',
              title: t('erasures.reason'),
              width: 120,
              render: (_, e) => (
                <Tag color={e.reason === 'request' ? 'blue' : 'default'}>
                  {t(`erasures.reasons.${e.reason}`)}
                </Tag>
              ),
            },
            {
              key: 'by',
              title: t('erasures.by'),
              width: 120,
              render: (_, e) => (e.actorName === 'retention' ? t('erasures.reasons.retention') : e.actorName),
            },
            {
              key: 'result',
              title: t('erasures.result'),
              render: (_, e) =>
                t('erasures.summary', { messages: e.summary.messagesMasked }) +
                (e.summary.platformEventsMasked
                  ? t('erasures.events', { count: e.summary.platformEventsMasked })
                  : '') +
                (e.summary.keptForDisputes > 0
                  ? t('erasures.kept', { count: e.summary.keptForDisputes })
                  : ''),
            },
          ]}
        />
      </Card>
      <Card
        title={t('log.title')}
        extra={<Typography.Text type="secondary">{t('log.subtitle')}</Typography.Text>}
        styles={{ body: { padding: 0 } }}
      >
        <Table<AccessEntry>
          rowKey={(e) => `${e.at}-${e.customerId}-${e.action}`}
          size="small"
          loading={log.isPending}
          dataSource={log.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('log.empty')} /> }}
          columns={[
            { key: 'at', title: t('log.at'), width: 150, render: (_, e) => when(e.at) },
            { key: 'who', title: t('log.who'), width: 160, render: (_, e) => actorName(e.actorName, '', t) },
            {
              key: 'action',
              title: t('log.action'),
              width: 160,
              render: (_, e) => (
                <Tag
                  color={
                    e.action === 'contact_revealed'
                      ? 'gold'
                      : e.action === 'personal_data_erased'
                        ? 'red'
                        : 'blue'
                  }
                >
                  {t(`log.actions.${e.action}`)}
                </Tag>
              ),
            },
            { key: 'buyer', title: t('log.buyer'), render: (_, e) => e.customerName ?? '—' },
          ]}
        />
      </Card>
    </Flex>
  );
}
