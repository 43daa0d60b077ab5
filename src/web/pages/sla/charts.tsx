// ECharts through echarts/core (only what the SLA charts use) and the ESM core wrapper (STACK.md pitfall 16).

import { Empty, Flex } from 'antd';
import type { EChartsOption } from 'echarts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import type { EChartsReactProps } from 'echarts-for-react/esm/types.js';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useChartMotion } from '../../app/reduced-motion.js';

// The package ships CommonJS-style typings for its ESM build; the default export is the component.
const ReactEChartsCore = ReactEChartsCoreImport as unknown as ComponentType<EChartsReactProps>;

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Whether a chart has any point to draw (no series, or only nulls: no). */
export function hasPoints(option: EChartsOption): boolean {
  const series = (Array.isArray(option.series) ? option.series : [option.series]) as (
    | { data?: unknown[] }
    | undefined
  )[];
  return series.some((s) => s?.data?.some((v) => v !== null && v !== undefined));
}

/** An ECharts chart; with nothing to draw, says so (blank axes read as "zero"). */
export function Chart({
  option,
  height = 280,
  testId,
  empty,
}: {
  option: EChartsOption;
  height?: number;
  testId?: string;
  /** What to say when there is nothing to draw (a general sentence otherwise). */
  empty?: string;
}) {
  const { t } = useTranslation('sla');
  const shown = useChartMotion(option);
  if (!hasPoints(option))
    return (
      <Flex align="center" justify="center" style={{ height }} data-testid={testId}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? t('reports.noChartData')} />
      </Flex>
    );
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={shown} notMerge style={{ height }} />
    </div>
  );
}
