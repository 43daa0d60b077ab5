import { Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Chart } from '../sla/charts.js';
import { percent, useAccounts } from './brand-api.js';

/** Each complaint account's success rate, what the pre-check saved, and the rate by month. */
export function AccountRates() {
  const { t } = useTranslation('brand');
  const accounts = useAccounts();
  const items = accounts.data ?? [];
  const months = [...new Set(items.flatMap((a) => a.byMonth.map((m) => m.key)))].sort();
  const decided = items.some((a) => a.decided > 0);
  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Card
          title={t('accounts.title')}
          loading={accounts.isPending}
          size="small"
          data-testid="brand-accounts"
        >
          {items.length ? (
            <Flex vertical gap={12}>
              {items.map((a) => (
                <div key={a.id}>
                  <Statistic
                    title={`${t(`platform.${a.platform}`)} · ${a.name}`}
                    value={percent(a.successRate)}
                    valueStyle={{
                      color:
                        a.successRate === null ? undefined : a.successRate >= 0.9 ? '#389e0d' : '#d48806',
                    }}
                  />
                  <Typography.Text type="secondary">
                    {t('accounts.filed', { n: a.filed, s: a.succeeded })}
                  </Typography.Text>
                  {a.weakHeld > 0 && (
                    <div>
                      <Typography.Text type="warning" data-testid="brand-weak-held">
                        {t('accounts.held', { n: a.weakHeld, rate: percent(a.rateIfWeakFiled) })}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              ))}
            </Flex>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accounts.none')} />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14}>
        <Card title={t('accounts.chart')} loading={accounts.isPending} size="small">
          {decided ? (
            <Chart
              height={200}
              testId="brand-rate-chart"
              option={{
                // Room between the legend and the top of the plot, so a 100% point's label (and a
                // single month's lone points) sit under the legend, not on it.
                grid: { left: 48, right: 24, top: 56, bottom: 24 },
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                // One month: its points in the middle of the axis, not on its edge.
                xAxis: { type: 'category', data: months, boundaryGap: true },
                yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                series: items.map((a) => ({
                  name: a.name,
                  type: 'line',
                  data: months.map((m) => {
                    const r = a.byMonth.find((x) => x.key === m);
                    if (r?.successRate === null || r === undefined) return null;
                    const value = Math.round(r.successRate * 100);
                    // A label near the top goes under its point, clear of the legend.
                    return {
                      value,
                      label: { position: value >= 85 ? ('bottom' as const) : ('top' as const) },
                    };
                  }),
                  label: { show: true, formatter: '{c}%' },
                  symbolSize: 8,
                })),
              }}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accounts.noData')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
