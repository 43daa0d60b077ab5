import { Card, Col, Flex, Row, Segmented, Table } from 'antd';
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type BacklogRow,
  type Filters,
  formatDuration,
  formatShare,
  type ReviewRow,
  rowLabel,
  type ServiceGroup,
  type ServiceRow,
  useBacklog,
  useReviews,
  useService,
  useServiceTrend,
} from './analytics-api.js';
import { Chart } from './charts.js';
import { ExportButtons } from './export-buttons.js';
import { KpiRow } from './kpi.js';
import { labelColumn } from './label-column.js';

const GROUPS: ServiceGroup[] = ['platform', 'shop', 'agent'];
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** How fast and how well the team answers: per platform, shop or agent, and week by week. */
export function ServiceTab({ filters }: { filters: Filters }) {
  const { t } = useTranslation('analytics');
  const [groupBy, setGroupBy] = useState<ServiceGroup>('platform');
  const { data: rows = [], isLoading } = useService(filters, groupBy);
  const { data: all = [], isLoading: allLoading } = useService(filters, 'platform');
  const { data: trend = [] } = useServiceTrend(filters, groupBy);
  const { data: overall = [] } = useServiceTrend(filters, null);
  const { data: backlog = [], isLoading: backlogLoading } = useBacklog(filters, groupBy);
  const { data: reviews = [], isLoading: reviewsLoading } = useReviews(filters, groupBy);

  const weeks = [...new Set(trend.map((p) => p.week))].sort();
  const keys = [...new Set(trend.map((p) => p.key))];
  const nameOf = (key: string) =>
    rowLabel(groupBy, { key, label: trend.find((p) => p.key === key)?.label ?? key }, t);
  const perKey = (pick: (p: (typeof trend)[number]) => number | null, suffix: string, dashed = false) =>
    keys.map((k) => ({
      name: `${nameOf(k)} ${suffix}`,
      type: 'line' as const,
      connectNulls: true,
      lineStyle: dashed ? { type: 'dashed' as const } : undefined,
      data: weeks.map((w) => {
        const p = trend.find((x) => x.week === w && x.key === k);
        return p ? pick(p) : null;
      }),
    }));
  const axis = (unit: string): EChartsOption => ({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 16, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: weeks.map((w) => w.slice(5)) },
    yAxis: { type: 'value', name: unit },
  });
  const frtOption: EChartsOption = {
    ...axis(t('chart.minutes')),
    series: [
      ...perKey((p) => minutes(p.firstResponseP50Ms), t('chart.median')),
      ...perKey((p) => minutes(p.firstResponseP90Ms), t('chart.p90'), true),
    ],
  };
  const slaOption: EChartsOption = {
    ...axis('%'),
    series: [
      ...perKey((p) => pct(p.slaMetShare), t('col.slaMet')),
      ...perKey((p) => pct(p.liveChatWithin3MinShare), t('col.within3'), true),
    ],
  };
  const csatWeeks = overall.filter((p) => p.csatAnswers > 0);
  const csatOption: EChartsOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: csatWeeks.map((p) => p.week.slice(5)) },
    yAxis: { type: 'value', min: 1, max: 5 },
    series: [{ name: t('col.csat'), type: 'line', smooth: true, data: csatWeeks.map((p) => p.csatAverage) }],
  };
  const backlogOption: EChartsOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      data: backlog.map((r) => rowLabel(groupBy, r, t)),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: (
      [
        ['under1d', '#52c41a'],
        ['d1to3', '#faad14'],
        ['d3to7', '#fa8c16'],
        ['over7d', '#cf1322'],
      ] as const
    ).map(([k, color]) => ({
      name: t(`col.${k}`),
      type: 'bar' as const,
      stack: 'age',
      itemStyle: { color },
      data: backlog.map((r) => r[k]),
    })),
  };

  const total = all.reduce((s, r) => ({ cases: s.cases + r.cases, open: s.open + r.open }), {
    cases: 0,
    open: 0,
  });
  const weighted = (pick: (r: ServiceRow) => number | null, weight: (r: ServiceRow) => number) => {
    const w = all.filter((r) => pick(r) !== null).reduce((s, r) => s + weight(r), 0);
    return w ? all.reduce((s, r) => s + (pick(r) ?? 0) * weight(r), 0) / w : null;
  };
  const last = overall.at(-1);

  return (
    <Flex vertical gap={16}>
      <KpiRow
        loading={allLoading}
        items={[
          {
            key: 'frtP50',
            title: `${t('kpi.frtP50')}${last ? ` · ${last.week.slice(5)}` : ''}`,
            value: formatDuration(last?.firstResponseP50Ms ?? null, t),
            hint: t('kpi.percentileHint'),
          },
          {
            key: 'frtP90',
            title: `${t('kpi.frtP90')}${last ? ` · ${last.week.slice(5)}` : ''}`,
            value: formatDuration(last?.firstResponseP90Ms ?? null, t),
          },
          {
            key: 'slaMet',
            title: t('kpi.slaMet'),
            value: formatShare(
              weighted(
                (r) => r.slaMetShare,
                (r) => r.cases,
              ),
            ),
          },
          {
            key: 'within3',
            title: t('kpi.within3'),
            value: formatShare(
              weighted(
                (r) => r.liveChatWithin3MinShare,
                (r) => r.liveChats,
              ),
            ),
          },
          { key: 'open', title: t('kpi.open'), value: backlog.reduce((s, r) => s + r.open, 0) || total.open },
          {
            key: 'csat',
            title: t('kpi.csat'),
            value:
              weighted(
                (r) => r.csatAverage,
                (r) => r.csatAnswers,
              )?.toFixed(2) ?? '—',
          },
        ]}
      />
      <Segmented
        value={groupBy}
        onChange={(v) => setGroupBy(v as ServiceGroup)}
        options={GROUPS.map((g) => ({ value: g, label: t(`groupBy.${g}`) }))}
        style={{ alignSelf: 'flex-start' }}
        data-testid="service-group"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('chart.frtTrend')}>
            <Chart option={frtOption} empty={weeks.length === 0} testId="service-frt" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('chart.slaTrend')}>
            <Chart option={slaOption} empty={weeks.length === 0} testId="service-sla" />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        extra={
          <ExportButtons
            table="service"
            filters={filters}
            extra={{ groupBy }}
            rows={isLoading ? undefined : rows.length}
          />
        }
      >
        <Table<ServiceRow>
          size="small"
          rowKey="key"
          loading={isLoading}
          dataSource={rows}
          data-testid="service-table"
          locale={{ emptyText: t('empty.service') }}
          pagination={{ pageSize: 15, showSizeChanger: false }}
          scroll={{ x: 1200 }}
          columns={[
            labelColumn(groupBy, t),
            { title: t('col.cases'), dataIndex: 'cases', align: 'right' },
            {
              title: t('col.frtP50'),
              dataIndex: 'firstResponseP50Ms',
              align: 'right',
              render: (v) => formatDuration(v, t),
            },
            {
              title: t('col.frtP90'),
              dataIndex: 'firstResponseP90Ms',
              align: 'right',
              render: (v) => formatDuration(v, t),
            },
            { title: t('col.slaMet'), dataIndex: 'slaMetShare', align: 'right', render: formatShare },
            {
              title: t('col.within3'),
              dataIndex: 'liveChatWithin3MinShare',
              align: 'right',
              render: formatShare,
            },
            {
              title: t('col.resP50'),
              dataIndex: 'resolutionP50Ms',
              align: 'right',
              render: (v) => formatDuration(v, t),
            },
            {
              title: t('col.resP90'),
              dataIndex: 'resolutionP90Ms',
              align: 'right',
              render: (v) => formatDuration(v, t),
            },
            { title: t('col.resMet'), dataIndex: 'resolutionMetShare', align: 'right', render: formatShare },
            { title: t('col.open'), dataIndex: 'open', align: 'right' },
            { title: t('col.closed'), dataIndex: 'closed', align: 'right' },
            {
              title: t('col.csat'),
              dataIndex: 'csatAverage',
              align: 'right',
              render: (v: number | null) => v?.toFixed(2) ?? '—',
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('chart.backlog')}
            extra={
              <ExportButtons
                table="backlog"
                filters={filters}
                extra={{ groupBy }}
                rows={backlogLoading ? undefined : backlog.length}
              />
            }
          >
            <Chart
              option={backlogOption}
              empty={!backlogLoading && backlog.length === 0}
              height={240}
              testId="service-backlog"
            />
            <Table<BacklogRow>
              size="small"
              rowKey="key"
              loading={backlogLoading}
              dataSource={backlog}
              pagination={false}
              locale={{ emptyText: t('empty.backlog') }}
              columns={[
                {
                  title: t(`col.${groupBy}`),
                  key: 'label',
                  ellipsis: true,
                  render: (_, r) => rowLabel(groupBy, r, t),
                },
                { title: t('col.open'), dataIndex: 'open', align: 'right' },
                { title: t('col.over7d'), dataIndex: 'over7d', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('chart.csatTrend')}>
            <Chart option={csatOption} empty={csatWeeks.length === 0} height={200} testId="service-csat" />
          </Card>
          <Card
            size="small"
            title={t('chart.reviews')}
            style={{ marginTop: 16 }}
            extra={
              <ExportButtons
                table="reviews"
                filters={filters}
                extra={{ groupBy }}
                rows={reviewsLoading ? undefined : reviews.length}
              />
            }
          >
            <Table<ReviewRow>
              size="small"
              rowKey="key"
              loading={reviewsLoading}
              dataSource={reviews}
              pagination={false}
              data-testid="reviews-table"
              locale={{ emptyText: t('empty.reviews') }}
              columns={[
                {
                  title: t(`col.${groupBy}`),
                  key: 'label',
                  ellipsis: true,
                  render: (_, r) => rowLabel(groupBy, r, t),
                },
                { title: t('col.negativeReviews'), dataIndex: 'negativeReviews', align: 'right' },
                { title: t('col.replied'), dataIndex: 'replied', align: 'right' },
                { title: t('col.turnedPositive'), dataIndex: 'turnedPositive', align: 'right' },
                {
                  title: t('col.turnedShare'),
                  dataIndex: 'turnedPositiveShare',
                  align: 'right',
                  render: formatShare,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
