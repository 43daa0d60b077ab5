import { Card, Flex, Segmented, Table } from 'antd';
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../app/labels.js';
import { type Filters, type MoneyGroup, type MoneyRow, rowLabel, useMoney } from './analytics-api.js';
import { Chart } from './charts.js';
import { ExportButtons } from './export-buttons.js';
import { KpiRow } from './kpi.js';
import { labelColumn } from './label-column.js';

const GROUPS: MoneyGroup[] = ['month', 'category', 'sku', 'supplier', 'platform', 'shop'];

/** What after-sales costs: refunds, compensation, coupons and reships, and the statutory exposure faced. */
export function MoneyTab({ filters }: { filters: Filters }) {
  const { t } = useTranslation('analytics');
  const [groupBy, setGroupBy] = useState<MoneyGroup>('month');
  const { data: rows = [], isLoading } = useMoney(filters, groupBy);
  const sum = (pick: (r: MoneyRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const yuan = (fen: number) => formatFen(fen);
  const chartRows =
    groupBy === 'month' ? [...rows].sort((a, b) => a.key.localeCompare(b.key)) : rows.slice(0, 12);
  const names = chartRows.map((r) => rowLabel(groupBy, r, t));
  const bar = (name: string, pick: (r: MoneyRow) => number, color: string) => ({
    name,
    type: 'bar' as const,
    stack: 'money',
    itemStyle: { color },
    data: chartRows.map((r) => pick(r) / 100),
  });
  const option: EChartsOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 56, right: 16, top: 24, bottom: 72 },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0, width: 120, overflow: 'truncate' },
    },
    yAxis: { type: 'value', name: '¥' },
    series: [
      bar(t('col.refund'), (r) => r.refundFen, '#1677ff'),
      bar(t('col.compensation'), (r) => r.compensationFen, '#fa8c16'),
      bar(t('col.coupon'), (r) => r.couponFen, '#52c41a'),
      {
        name: t('col.exposure'),
        type: 'line',
        itemStyle: { color: '#cf1322' },
        lineStyle: { type: 'dashed' },
        data: chartRows.map((r) => r.statutoryExposureFen / 100),
      },
    ],
  };
  return (
    <Flex vertical gap={16}>
      <KpiRow
        loading={isLoading}
        items={[
          { key: 'total', title: t('kpi.total'), value: yuan(sum((r) => r.totalFen)) },
          { key: 'refund', title: t('kpi.refund'), value: yuan(sum((r) => r.refundFen)) },
          { key: 'compensation', title: t('kpi.compensation'), value: yuan(sum((r) => r.compensationFen)) },
          { key: 'coupon', title: t('kpi.coupon'), value: yuan(sum((r) => r.couponFen)) },
          { key: 'reships', title: t('col.reships'), value: sum((r) => r.reships) },
          {
            key: 'exposure',
            title: t('kpi.exposure'),
            hint: t('kpi.exposureHint'),
            value: yuan(sum((r) => r.statutoryExposureFen)),
            danger: sum((r) => r.statutoryExposureFen) > 0,
          },
        ]}
      />
      <Segmented
        value={groupBy}
        onChange={(v) => setGroupBy(v as MoneyGroup)}
        options={GROUPS.map((g) => ({ value: g, label: t(`groupBy.${g}`) }))}
        style={{ alignSelf: 'flex-start' }}
        data-testid="money-group"
      />
      <Card size="small" title={t('chart.moneyBars')}>
        <Chart option={option} empty={rows.length === 0} height={320} testId="money-chart" />
      </Card>
      <Card
        size="small"
        extra={
          <ExportButtons
            table="money"
            filters={filters}
            extra={{ groupBy }}
            rows={isLoading ? undefined : rows.length}
          />
        }
      >
        <Table<MoneyRow>
          size="small"
          rowKey="key"
          loading={isLoading}
          dataSource={rows}
          data-testid="money-table"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('empty.money') }}
          pagination={{ pageSize: 15, showSizeChanger: false }}
          columns={[
            labelColumn(groupBy, t),
            { title: t('col.cases'), dataIndex: 'cases', align: 'right' },
            {
              title: t('col.refund'),
              dataIndex: 'refundFen',
              align: 'right',
              render: yuan,
              sorter: (a, b) => a.refundFen - b.refundFen,
            },
            { title: t('col.compensation'), dataIndex: 'compensationFen', align: 'right', render: yuan },
            { title: t('col.coupon'), dataIndex: 'couponFen', align: 'right', render: yuan },
            { title: t('col.reships'), dataIndex: 'reships', align: 'right' },
            { title: t('col.reshipValue'), dataIndex: 'reshipValueFen', align: 'right', render: yuan },
            {
              title: t('col.total'),
              dataIndex: 'totalFen',
              align: 'right',
              render: yuan,
              sorter: (a, b) => a.totalFen - b.totalFen,
            },
            {
              title: t('col.exposure'),
              dataIndex: 'statutoryExposureFen',
              align: 'right',
              render: yuan,
              sorter: (a, b) => a.statutoryExposureFen - b.statutoryExposureFen,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
