// ECharts through echarts/core with only the line chart the scorecard drawer draws.
import type { EChartsOption } from 'echarts';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import type { EChartsReactProps } from 'echarts-for-react/esm/types.js';
import type { ComponentType } from 'react';
import { useChartMotion } from '../../app/reduced-motion.js';

const ReactEChartsCore = ReactEChartsCoreImport as unknown as ComponentType<EChartsReactProps>;

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export function TrendChart({ weeks }: { weeks: { week: string; score: number; cases: number }[] }) {
  const option: EChartsOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: weeks.map((w) => w.week.slice(5)) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ type: 'line', data: weeks.map((w) => w.score), smooth: true, symbolSize: 8 }],
  };
  const shown = useChartMotion(option);
  return (
    <div data-testid="coaching-trend">
      <ReactEChartsCore echarts={echarts} option={shown} notMerge style={{ height: 180 }} />
    </div>
  );
}
