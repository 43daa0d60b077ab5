import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { type Filters, type Focus, useCauses, useQualityTrend } from './analytics-api.js';
import { Chart } from './charts.js';

/** Complaints and negative reviews per 1,000 orders, week by week. */
export function TrendChart({
  filters,
  focus,
  height,
}: {
  filters: Filters;
  focus: Focus | null;
  height?: number;
}) {
  const { t } = useTranslation('analytics');
  const { data = [] } = useQualityTrend(filters, focus);
  const option: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 44, right: 44, top: 24, bottom: 40 },
    xAxis: { type: 'category', data: data.map((p) => p.week.slice(5)) },
    yAxis: [
      { type: 'value', name: '‰' },
      // Counts are whole cases: no 0.5 or 1.5 on the axis when the counts are small.
      { type: 'value', name: t('chart.count'), minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: t('chart.complaintsRate'),
        type: 'line',
        smooth: true,
        data: data.map((p) => p.complaintsPer1000Orders),
      },
      {
        name: t('chart.reviewsRate'),
        type: 'line',
        smooth: true,
        data: data.map((p) => p.negativeReviewsPer1000Orders),
      },
      {
        name: t('col.complaints'),
        type: 'bar',
        yAxisIndex: 1,
        itemStyle: { opacity: 0.25 },
        data: data.map((p) => p.complaints),
      },
    ],
  };
  return (
    <Chart
      option={option}
      empty={!data.some((p) => p.orders || p.complaints)}
      height={height ?? 280}
      testId={focus ? 'drill-trend' : 'quality-trend'}
    />
  );
}

/** Root causes of closed complaints, largest first, with the running share (Pareto). */
export function CausesChart({
  filters,
  focus,
  height,
  which = 'rootCauses',
}: {
  filters: Filters;
  focus: Focus | null;
  height?: number;
  which?: 'rootCauses' | 'categories';
}) {
  const { t } = useTranslation('analytics');
  const { data } = useCauses(filters, focus);
  const rows = data?.[which] ?? [];
  const names = rows.map((r) =>
    t(which === 'rootCauses' ? `common:rootCause.${r.key}` : `common:category.${r.key}`, r.key),
  );
  const option: EChartsOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 44, right: 44, top: 24, bottom: 60 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
    yAxis: [
      { type: 'value', name: t('chart.count'), minInterval: 1 },
      { type: 'value', name: '%', max: 100, splitLine: { show: false } },
    ],
    series: [
      {
        name: t('chart.count'),
        type: 'bar',
        data: rows.map((r) => r.count),
        itemStyle: { color: '#fa8c16' },
      },
      {
        name: t('chart.cumulative'),
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => Math.round(r.cumulativeShare * 1000) / 10),
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ yAxis: 80 }],
          lineStyle: { type: 'dashed' },
          // Above the line's end, not on top of the right axis's own "80".
          label: { position: 'insideEndTop', formatter: '80%' },
        },
      },
    ],
  };
  return (
    <Chart
      option={option}
      empty={rows.length === 0}
      height={height ?? 280}
      testId={`${focus ? 'drill' : 'quality'}-${which}`}
    />
  );
}
