import { Button, Col, Drawer, Flex, Row, Segmented, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SeverityTag, StatusTag } from '../../app/labels.js';
import type { Severity, TicketStatus } from '../../app/types.js';
import { type CaseLine, type Filters, type Focus, fetchCases } from './analytics-api.js';
import { CausesChart, TrendChart } from './quality-charts.js';

const ONLY = ['all', 'complaints', 'negative_reviews', 'goods', 'safety'] as const;

/** One SKU, batch, supplier, shop or platform: its weekly trend, root causes and the cases behind them. */
export function DrillDrawer({
  filters,
  focus,
  onClose,
}: {
  filters: Filters;
  focus: Focus | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('analytics');
  const [only, setOnly] = useState<(typeof ONLY)[number]>('all');
  const [items, setItems] = useState<CaseLine[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!focus) return;
    let live = true;
    setLoading(true);
    fetchCases(filters, focus, only)
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filters, focus, only]);

  const more = async () => {
    if (!cursor || !focus) return;
    setLoading(true);
    try {
      const page = await fetchCases(filters, focus, only, cursor);
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Drawer
      open={!!focus}
      onClose={onClose}
      size={960}
      title={focus ? t('drill.title', { label: focus.label }) : ''}
      destroyOnHidden
      data-testid="drill-drawer"
    >
      {focus && (
        <Flex vertical gap={16}>
          <Row gutter={16}>
            <Col span={12}>
              <Typography.Text strong>{t('chart.trend')}</Typography.Text>
              <TrendChart filters={filters} focus={focus} height={220} />
            </Col>
            <Col span={12}>
              <Typography.Text strong>{t('chart.pareto')}</Typography.Text>
              <CausesChart filters={filters} focus={focus} height={220} />
            </Col>
          </Row>
          <Segmented
            value={only}
            onChange={(v) => setOnly(v as (typeof ONLY)[number])}
            options={ONLY.map((o) => ({ value: o, label: t(`drill.only.${o}`) }))}
          />
          <Table<CaseLine>
            size="small"
            rowKey="id"
            loading={loading}
            dataSource={items}
            pagination={false}
            data-testid="drill-cases"
            columns={[
              {
                title: t('col.number'),
                dataIndex: 'number',
                width: 80,
                render: (n, r) => <Link to={`/tickets/${r.id}`}>#{n}</Link>,
              },
              { title: t('col.subject'), dataIndex: 'subject', ellipsis: true },
              { title: t('col.kind'), dataIndex: 'kind', width: 90, render: (k) => t(`common:kind.${k}`) },
              {
                title: t('col.category2'),
                dataIndex: 'category',
                width: 110,
                render: (c) => (c ? t(`common:category.${c}`, c) : '—'),
              },
              {
                title: '',
                dataIndex: 'severity',
                width: 70,
                render: (s: Severity) => <SeverityTag severity={s} />,
              },
              {
                title: t('col.status'),
                dataIndex: 'status',
                width: 100,
                render: (s: TicketStatus) => <StatusTag status={s} />,
              },
              { title: t('col.batch'), dataIndex: 'batch', width: 100, render: (b) => b ?? '—' },
              {
                title: t('col.created'),
                dataIndex: 'createdAt',
                width: 130,
                render: (d) => dayjs(d).format('MM-DD HH:mm'),
              },
            ]}
          />
          {cursor && (
            <Button onClick={more} loading={loading}>
              {t('drill.more')}
            </Button>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
