// ECharts through echarts/core with only what the dashboard draws (STACK.md pitfall 16).
import { Empty } from 'antd';
import type { EChartsOption } from 'echarts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreImport from 'echarts-for-react/esm/core.js';
import type { EChartsReactProps } from 'echarts-for-react/esm/types.js';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
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

/** A chart, or a plain "no data" where there is nothing to draw. */
export function Chart({
  option,
  empty,
  height = 280,
  testId,
  onClick,
}: {
  option: EChartsOption;
  empty: boolean;
  height?: number;
  testId?: string;
  onClick?: (name: string, dataIndex: number) => void;
}) {
  const { t } = useTranslation('analytics');
  const shown = useChartMotion(option);
  if (empty)
    return (
      <div data-testid={testId} style={{ height, display: 'grid', placeItems: 'center' }}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty.chart')} />
      </div>
    );
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={shown}
        notMerge
        style={{ height }}
        onEvents={
          onClick ? { click: (p: { name: string; dataIndex: number }) => onClick(p.name, p.dataIndex) } : {}
        }
      />
    </div>
  );
}
