import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  InputNumber,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useShops } from '../../app/queries.js';
import { Chart } from '../sla/charts.js';
import { HEALTH_METRICS } from './disputes-api.js';

echarts.use([ScatterChart, MarkLineComponent]);

type Metric = (typeof HEALTH_METRICS)[number];
type Overview = {
  scores: { metric: Metric; value: number; measuredAt: string }[];
  thresholds: { metric: Metric; minValue: number }[];
  alerts: { metric: Metric; value: number; threshold: number; measuredAt: string }[];
  events: { type: 'penalty' | 'dispute'; id: string; at: string; label: string; points: number | null }[];
};

export default function ShopHealthPage() {
  const { t } = useTranslation('disputes');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const shops = useShops();
  const [shopId, setShopId] = useState<string | undefined>();
  useEffect(() => {
    if (!shopId && shops.data?.[0]) setShopId(shops.data[0].id);
  }, [shopId, shops.data]);
  const overview = useQuery({
    queryKey: ['shop-health', shopId],
    queryFn: () => api<Overview>(`/shops/${shopId}/health`, { query: { days: 365 } }),
    enabled: !!shopId,
  });
  const [metric, setMetric] = useState<Metric>('douyin_quality');
  const [value, setValue] = useState<number | null>(null);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [line, setLine] = useState<number | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['shop-health', shopId] });
  const record = useMutation({
    mutationFn: () =>
      api(`/shops/${shopId}/health/scores`, {
        method: 'POST',
        body: { scores: [{ metric, value, measuredAt: date.toISOString() }] },
      }),
    onSuccess: () => {
      message.success(t('health.saved'));
      setValue(null);
      return refresh();
    },
  });
  const threshold = useMutation({
    mutationFn: () =>
      api(`/shops/${shopId}/health/thresholds/${metric}`, { method: 'PUT', body: { minValue: line } }),
    onSuccess: () => {
      message.success(t('health.saved'));
      return refresh();
    },
  });
  const data = overview.data;
  const metrics = HEALTH_METRICS.filter((m) => data?.scores.some((s) => s.metric === m));
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1440, margin: '0 auto' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('health.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('health.intro')}</Typography.Text>
      </div>
      <Space wrap>
        <span>{t('health.shop')}</span>
        <Select
          style={{ width: 240 }}
          value={shopId}
          onChange={setShopId}
          placeholder={t('health.pickShop')}
          loading={shops.isPending}
          options={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Space>
      {data && (
        <Card size="small" title={t('health.alerts')}>
          {data.alerts.length ? (
            data.alerts.map((a) => (
              <Alert
                key={a.metric}
                type="error"
                showIcon
                style={{ marginBottom: 8 }}
                message={t('health.alert', {
                  metric: t(`health.metric.${a.metric}`),
                  value: a.value,
                  threshold: a.threshold,
                })}
                data-testid="health-alert"
              />
            ))
          ) : (
            // With no scores at all, "every score is fine" would be a claim about nothing.
            <Typography.Text type="secondary">
              {t(metrics.length ? 'health.noAlerts' : 'health.noScoresYet')}
            </Typography.Text>
          )}
        </Card>
      )}
      <Card loading={overview.isPending && !!shopId}>
        {data && metrics.length ? (
          <Chart
            height={360}
            testId="health-chart"
            option={{
              tooltip: { trigger: 'axis' },
              legend: {
                data: [
                  ...metrics.map((m) => t(`health.metric.${m}`)),
                  t('health.penalty'),
                  t('health.dispute'),
                ],
              },
              grid: { left: 50, right: 30, top: 40, bottom: 40 },
              xAxis: { type: 'time' },
              yAxis: [{ type: 'value', scale: true }],
              series: [
                ...metrics.map((m) => {
                  const lineAt = data.thresholds.find((x) => x.metric === m);
                  return {
                    name: t(`health.metric.${m}`),
                    type: 'line' as const,
                    data: data.scores.filter((s) => s.metric === m).map((s) => [s.measuredAt, s.value]),
                    ...(lineAt
                      ? {
                          markLine: {
                            symbol: 'none',
                            lineStyle: { type: 'dashed' as const, color: '#cf1322' },
                            label: { formatter: `${t('health.threshold')} ${lineAt.minValue}` },
                            data: [{ yAxis: lineAt.minValue }],
                          },
                        }
                      : {}),
                  };
                }),
                ...(['penalty', 'dispute'] as const).map((kind) => ({
                  name: t(`health.${kind}`),
                  type: 'scatter' as const,
                  symbol: kind === 'penalty' ? 'triangle' : 'diamond',
                  symbolSize: 14,
                  itemStyle: { color: kind === 'penalty' ? '#cf1322' : '#d48806' },
                  data: data.events
                    .filter((e) => e.type === kind)
                    .map((e) => {
                      const near = data.scores.filter((s) => s.metric === metrics[0]).at(-1);
                      return [e.at, near?.value ?? 0];
                    }),
                })),
              ],
            }}
          />
        ) : (
          <Empty description={t('health.noData')} />
        )}
      </Card>
      {shopId && (
        <Card size="small" title={t('health.record')}>
          <Space wrap>
            <Select
              value={metric}
              onChange={setMetric}
              style={{ width: 220 }}
              options={HEALTH_METRICS.map((m) => ({ value: m, label: t(`health.metric.${m}`) }))}
            />
            <InputNumber
              value={value}
              onChange={setValue}
              min={0}
              max={100}
              placeholder={t('health.value')}
            />
            <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
            <Button
              type="primary"
              disabled={value === null}
              loading={record.isPending}
              onClick={() => record.mutate()}
            >
              {t('health.record')}
            </Button>
            <InputNumber
              value={line}
              onChange={setLine}
              min={0}
              max={100}
              placeholder={t('health.threshold')}
            />
            <Button loading={threshold.isPending} onClick={() => threshold.mutate()}>
              {t('health.setThreshold')}
            </Button>
          </Space>
        </Card>
      )}
    </Flex>
  );
}
