import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import type { VerifyReport } from '../evidence/evidence-api.js';
import { Chart } from '../sla/charts.js';
import { DeadlineReminders } from './deadline-reminders.js';
import { type Dispute, useDisputeStats, useDisputes, when, yuan } from './disputes-api.js';
import { DueTag } from './due-tag.js';
import { OpenDisputeModal } from './open-dispute-modal.js';

export default function DisputesPage() {
  const { t } = useTranslation('disputes');
  const [status, setStatus] = useState<'active' | 'closed' | 'all'>('active');
  const list = useDisputes({ status: status === 'all' ? undefined : status });
  const [open, setOpen] = useState(false);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1440, margin: '0 auto' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('queue.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('queue.intro')}</Typography.Text>
        </div>
        <Space>
          <VerifyButton />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('queue.new')}
          </Button>
        </Space>
      </Flex>
      <DeadlineReminders subjectType="dispute" />
      <WinRates />
      <Card
        title={
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { value: 'active', label: t('queue.active') },
              { value: 'closed', label: t('queue.closed') },
              { value: 'all', label: t('queue.all') },
            ]}
          />
        }
      >
        <Table<Dispute>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          data-testid="disputes-table"
          locale={{ emptyText: <Empty description={t('queue.empty')} /> }}
          columns={[
            {
              title: t('queue.columns.type'),
              render: (_, d) => <Link to={`/disputes/${d.id}`}>{t(`type.${d.type}`)}</Link>,
            },
            { title: t('queue.columns.forum'), render: (_, d) => t(`forum.${d.platform}`) },
            {
              title: t('queue.columns.reason'),
              dataIndex: 'reason',
              // A dispute opened by a platform takes the case's complaint category as its reason.
              render: (r: string) => (r ? t(`common:category.${r}`, { defaultValue: r }) : '—'),
            },
            { title: t('queue.columns.atStake'), render: (_, d) => yuan(d.amountAtStakeFen) },
            {
              title: t('queue.columns.next'),
              render: (_, d) => (d.status === 'closed' ? '—' : <DueTag at={d.nextDueAt} />),
            },
            {
              title: t('queue.columns.status'),
              render: (_, d) =>
                d.outcome ? (
                  <Tag color={d.outcome === 'won' ? 'green' : d.outcome === 'lost' ? 'red' : 'default'}>
                    {t(`outcome.${d.outcome}`)}
                  </Tag>
                ) : (
                  <Tag color={d.status === 'open' ? 'orange' : 'blue'}>{t(`status.${d.status}`)}</Tag>
                ),
            },
            { title: t('queue.columns.opened'), render: (_, d) => when(d.openedAt) },
          ]}
        />
      </Card>
      <OpenDisputeModal open={open} onClose={() => setOpen(false)} />
    </Flex>
  );
}

function WinRates() {
  const { t } = useTranslation('disputes');
  const stats = useDisputeStats();
  const rows = stats.data?.byType.filter((r) => r.decided > 0) ?? [];
  const lost = stats.data?.byType.reduce((s, r) => s + r.lostFen, 0) ?? 0;
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Card loading={stats.isPending}>
          <Flex vertical gap={12}>
            <Statistic title={t('stats.atStake')} value={yuan(stats.data?.atStakeOpenFen ?? 0)} />
            <Statistic title={t('stats.lost')} value={yuan(lost)} />
          </Flex>
        </Card>
      </Col>
      <Col xs={24} md={16}>
        <Card title={`${t('stats.title')} · ${t('stats.byType')}`} loading={stats.isPending} size="small">
          {rows.length ? (
            <Chart
              height={180}
              testId="win-rate-chart"
              option={{
                grid: { left: 100, right: 40, top: 10, bottom: 20 },
                tooltip: { trigger: 'axis' },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                yAxis: { type: 'category', data: rows.map((r) => t(`type.${r.key}`)) },
                series: [
                  {
                    type: 'bar',
                    data: rows.map((r) => Math.round((r.winRate ?? 0) * 100)),
                    label: { show: true, position: 'right', formatter: '{c}%' },
                  },
                ],
              }}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.none')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function VerifyButton() {
  const { t } = useTranslation('evidence');
  const { modal } = App.useApp();
  const verify = useMutation({
    mutationFn: () => api<VerifyReport>('/evidence/verify'),
    onSuccess: (r) => {
      const b = r.firstBreak;
      const what = !b
        ? ''
        : b.type === 'file'
          ? t('verify.file', { names: (b.fileNames ?? []).join('、') })
          : t('verify.entry', { seq: b.seq });
      modal[r.ok ? 'success' : 'error']({
        title: t('verify.button'),
        content: (
          <Alert
            type={r.ok ? 'success' : 'error'}
            message={r.ok ? t('verify.ok', r) : t('verify.broken', { what })}
          />
        ),
      });
    },
  });
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
      {t('verify.button')}
    </Button>
  );
}
