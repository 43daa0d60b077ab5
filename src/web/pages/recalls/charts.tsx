// ECharts through echarts/core with only the charts the recall pages draw (STACK.md pitfall 16).
import type { EChartsOption } from 'echarts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import type { EChartsReactProps } from 'echarts-for-react/esm/types.js';
import type { ComponentType } from 'react';
import { useChartMotion } from '../../app/reduced-motion.js';

const ReactEChartsCore = ReactEChartsCoreImport as unknown as ComponentType<EChartsReactProps>;

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export function RecallChart({
  option,
  height = 260,
  testId,
}: {
  option: EChartsOption;
  height?: number;
  testId?: string;
}) {
  const shown = useChartMotion(option);
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={shown} notMerge style={{ height }} />
    </div>
  );
}
