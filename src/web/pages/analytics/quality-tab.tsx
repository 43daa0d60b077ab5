import { Card, Col, Flex, Input, Row, Segmented, Select, Table, Tooltip, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Filters,
  type Focus,
  type QualityGroup,
  type QualityRow,
  rowLabel,
  useCauses,
  useQuality,
} from './analytics-api.js';
import { Chart } from './charts.js';
import { DrillDrawer } from './drill-drawer.js';
import { ExportButtons } from './export-buttons.js';
import { KpiRow } from './kpi.js';
import { labelColumn } from './label-column.js';
import { CausesChart, TrendChart } from './quality-charts.js';

const GROUPS: QualityGroup[] = ['sku', 'batch', 'supplier', 'shop', 'platform'];
const TOP = 10;
// The floors a merchant can pick for ranking by rate; the server's default (RATE_MIN_ORDERS) first.
const MIN_ORDERS = [30, 10, 100, 300];

// ECharts renders a tooltip string as HTML; SKU names come from platform listings.
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A rate with what a reader needs to weigh it: a note on a small sample or on more complaints than orders. */
function RateCell({ row, minOrders }: { row: QualityRow; minOrders: number }) {
  const { t } = useTranslation('analytics');
  const v = row.complaintsPer1000Orders;
  if (v === null) return <>—</>;
  if (row.smallSample)
    return (
      <Tooltip title={t('rate.smallTip', { orders: row.orders, min: minOrders })}>
        <Typography.Text type="secondary" data-testid="rate-small">
          {v}‰ · {t('rate.small')}
        </Typography.Text>
      </Tooltip>
    );
  if (row.complaints > row.orders)
    return (
      <Tooltip title={t('rate.overTip', { orders: row.orders, complaints: row.complaints })}>
        <span>
          {v}‰ · <Typography.Text type="warning">{t('rate.over')}</Typography.Text>
        </span>
      </Tooltip>
    );
  return <>{v}‰</>;
}

/** Which SKU, batch or supplier causes the most complaints, per 1,000 orders, with the cases behind it. */
export function QualityTab({ filters }: { filters: Filters }) {
  const { t } = useTranslation('analytics');
  const [groupBy, setGroupBy] = useState<QualityGroup>('sku');
  const [search, setSearch] = useState('');
  const [focus, setFocus] = useState<Focus | null>(null);
  const [minOrders, setMinOrders] = useState(MIN_ORDERS[0]!);
  const { data: rows = [], isLoading } = useQuality(filters, groupBy, search, minOrders);
  // The headline figures come from the platform grouping: every order and case counts once there.
  const { data: totals = [], isLoading: totalsLoading } = useQuality(filters, 'platform', '');
  // The charts' own query (one cache entry): how many rows their exports would hold.
  const { data: causes } = useCauses(filters, null);

  const sum = (pick: (r: QualityRow) => number) => totals.reduce((s, r) => s + pick(r), 0);
  const orders = sum((r) => r.orders);
  const complaints = sum((r) => r.complaints);
  const top = useMemo(
    () =>
      rows
        .filter((r) => r.complaintsPer1000Orders !== null && r.complaints > 0 && !r.smallSample)
        .sort((a, b) => (b.complaintsPer1000Orders ?? 0) - (a.complaintsPer1000Orders ?? 0))
        .slice(0, TOP),
    [rows],
  );
  const open = (r: QualityRow) => setFocus({ groupBy, key: r.key, label: rowLabel(groupBy, r, t) });

  const topOption: EChartsOption = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p) => {
        const r = top[(Array.isArray(p) ? p[0] : p)?.dataIndex ?? -1];
        return r
          ? `${escapeHtml(rowLabel(groupBy, r, t))}<br/>${r.complaintsPer1000Orders}‰ · ${t('rate.tooltip', { orders: r.orders, complaints: r.complaints })}`
          : '';
      },
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '‰' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: top.map((r) => rowLabel(groupBy, r, t)),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        name: t('col.per1000'),
        type: 'bar',
        data: top.map((r) => r.complaintsPer1000Orders),
        itemStyle: { color: '#cf1322' },
        label: { show: true, position: 'right' },
      },
    ],
  };

  return (
    <Flex vertical gap={16}>
      <KpiRow
        loading={totalsLoading}
        items={[
          { key: 'orders', title: t('kpi.orders'), value: orders.toLocaleString() },
          { key: 'complaints', title: t('kpi.complaints'), value: complaints.toLocaleString() },
          {
            key: 'per1000',
            title: t('kpi.per1000'),
            value: orders ? `${Math.round((complaints / orders) * 10_000) / 10}‰` : '—',
          },
          {
            key: 'negativeReviews',
            title: t('kpi.negativeReviews'),
            value: sum((r) => r.negativeReviews).toLocaleString(),
          },
          {
            key: 'safety',
            title: t('kpi.safety'),
            value: sum((r) => r.safetyComplaints),
            danger: sum((r) => r.safetyComplaints) > 0,
          },
        ]}
      />
      <Flex justify="space-between" wrap gap={8}>
        <Segmented
          value={groupBy}
          onChange={(v) => setGroupBy(v as QualityGroup)}
          options={GROUPS.map((g) => ({ value: g, label: t(`groupBy.${g}`) }))}
          data-testid="quality-group"
        />
        <Input.Search
          allowClear
          placeholder={t('search')}
          style={{ width: 280 }}
          onSearch={setSearch}
          data-testid="quality-search"
        />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('chart.topRate', { n: TOP })}
            extra={
              <Select
                size="small"
                value={minOrders}
                onChange={setMinOrders}
                aria-label={t('chart.minOrders')}
                data-testid="quality-min-orders"
                options={MIN_ORDERS.map((n) => ({ value: n, label: t('chart.minOrdersOption', { n }) }))}
              />
            }
          >
            <Chart
              option={topOption}
              empty={top.length === 0}
              height={260}
              testId="quality-top"
              onClick={(_name, i) => top[i] && open(top[i])}
            />
            <Typography.Paragraph
              type="secondary"
              style={{ fontSize: 12, margin: 0 }}
              data-testid="quality-top-note"
            >
              {t('chart.topRateNote', { min: minOrders })}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('chart.trend')}>
            <TrendChart filters={filters} focus={null} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('chart.pareto')}
            extra={<ExportButtons table="root-causes" filters={filters} rows={causes?.rootCauses.length} />}
          >
            <CausesChart filters={filters} focus={null} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('chart.categories')}
            extra={<ExportButtons table="categories" filters={filters} rows={causes?.categories.length} />}
          >
            <CausesChart filters={filters} focus={null} which="categories" />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={<Typography.Text type="secondary">{t('drill.hint')}</Typography.Text>}
        extra={
          <ExportButtons
            table="quality"
            filters={filters}
            extra={{ groupBy, q: search || undefined }}
            rows={isLoading ? undefined : rows.length}
          />
        }
      >
        <Table<QualityRow>
          size="small"
          rowKey="key"
          loading={isLoading}
          dataSource={rows}
          data-testid="quality-table"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('empty.quality') }}
          pagination={{ pageSize: 15, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
          columns={[
            labelColumn(groupBy, t),
            {
              title: t('col.orders'),
              dataIndex: 'orders',
              align: 'right',
              sorter: (a, b) => a.orders - b.orders,
            },
            {
              title: t('col.complaints'),
              dataIndex: 'complaints',
              align: 'right',
              sorter: (a, b) => a.complaints - b.complaints,
            },
            {
              title: t('col.per1000'),
              dataIndex: 'complaintsPer1000Orders',
              align: 'right',
              sorter: (a, b) => (a.complaintsPer1000Orders ?? -1) - (b.complaintsPer1000Orders ?? -1),
              render: (_, r) => <RateCell row={r} minOrders={minOrders} />,
            },
            { title: t('col.negativeReviews'), dataIndex: 'negativeReviews', align: 'right' },
            {
              title: t('col.reviewsPer1000'),
              dataIndex: 'negativeReviewsPer1000Orders',
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : `${v}‰`),
            },
            { title: t('col.goods'), dataIndex: 'goodsComplaints', align: 'right' },
            {
              title: t('col.safety'),
              dataIndex: 'safetyComplaints',
              align: 'right',
              render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
            },
          ]}
        />
      </Card>
      <DrillDrawer filters={filters} focus={focus} onClose={() => setFocus(null)} />
    </Flex>
  );
}
