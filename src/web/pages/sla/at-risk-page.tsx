import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Segmented, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { durationText } from '../../app/durations.js';
import { SeverityTag } from '../../app/labels.js';
import type { Items } from '../../app/types.js';
import type { AtRiskRow } from './sla-api.js';
import { SlaBadge } from './sla-badge.js';

const WINDOWS = [30, 60, 240, 1440];

/** Supervisor view: open cases that breach within the window (or already have), due first. */
export default function AtRiskPage() {
  const { t, i18n } = useTranslation('sla');
  const [within, setWithin] = useState(60);
  const { data, isLoading } = useQuery({
    queryKey: ['sla', 'at-risk', within],
    queryFn: async () =>
      (await api<Items<AtRiskRow>>('/sla/at-risk', { query: { withinMinutes: within } })).items,
    refetchInterval: 30_000,
  });
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('atRisk.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('atRisk.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Flex vertical gap={12}>
          <Segmented
            value={within}
            onChange={(v) => setWithin(Number(v))}
            options={WINDOWS.map((m) => ({
              value: m,
              label: t('atRisk.minutes', { duration: durationText(m, i18n.language) }),
            }))}
          />
          <Table<AtRiskRow>
            rowKey="id"
            size="middle"
            loading={isLoading}
            dataSource={data ?? []}
            pagination={false}
            locale={{ emptyText: <Empty description={t('atRisk.empty')} /> }}
            columns={[
              {
                title: t('atRisk.columns.number'),
                dataIndex: 'number',
                width: 90,
                render: (n, r) => <Link to={`/tickets/${r.id}`}>#{n}</Link>,
              },
              { title: t('atRisk.columns.subject'), dataIndex: 'subject', ellipsis: true },
              {
                title: t('atRisk.columns.severity'),
                dataIndex: 'severity',
                width: 110,
                render: (s) => <SeverityTag severity={s} />,
              },
              {
                title: t('atRisk.columns.assignee'),
                dataIndex: 'assigneeName',
                width: 140,
                render: (n) =>
                  n ?? <Typography.Text type="secondary">{t('atRisk.unassigned')}</Typography.Text>,
              },
              {
                title: t('atRisk.columns.due'),
                dataIndex: 'slaDueAt',
                width: 150,
                render: (d) => (d ? dayjs(d).format('MM-DD HH:mm') : '—'),
              },
              {
                title: t('atRisk.columns.state'),
                key: 'state',
                width: 190,
                render: (_, r) => (
                  <SlaBadge
                    sla={{
                      firstResponseDueAt: null,
                      nextResponseDueAt: null,
                      resolutionDueAt: null,
                      dueAt: r.slaDueAt,
                      state: r.slaState,
                    }}
                  />
                ),
              },
            ]}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
