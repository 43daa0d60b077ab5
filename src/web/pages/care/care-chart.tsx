// ECharts through echarts/core with only the bar chart the care report draws (STACK.md pitfall 16).
import type { EChartsOption } from 'echarts';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import type { EChartsReactProps } from 'echarts-for-react/esm/types.js';
import type { ComponentType } from 'react';
import { useChartMotion } from '../../app/reduced-motion.js';

const ReactEChartsCore = ReactEChartsCoreImport as unknown as ComponentType<EChartsReactProps>;

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Rates (%) per metric, the care group's bar beside the hold-out group's. */
export function HoldoutChart({
  metrics,
  groups,
}: {
  metrics: { label: string; care: number | null; holdout: number | null }[];
  groups: { care: string; holdout: string };
}) {
  const option: EChartsOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
    legend: { data: [groups.care, groups.holdout], top: 0 },
    grid: { left: 48, right: 16, top: 48, bottom: 28 },
    xAxis: { type: 'category', data: metrics.map((m) => m.label) },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: groups.care,
        type: 'bar',
        data: metrics.map((m) => m.care),
        itemStyle: { color: '#52c41a' },
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
      {
        name: groups.holdout,
        type: 'bar',
        data: metrics.map((m) => m.holdout),
        itemStyle: { color: '#bfbfbf' },
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
  const shown = useChartMotion(option);
  return (
    <div data-testid="care-holdout-chart">
      <ReactEChartsCore echarts={echarts} option={shown} notMerge style={{ height: 260 }} />
    </div>
  );
}
