// 效果对比: the care group against the random hold-out group, as rates, a difference and a verdict.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Flex, Row, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { type CareReport, MIN_GROUP } from './care-api.js';
import { HoldoutChart } from './care-chart.js';

const DAYS = 90;
const fmt = (v: number | null) => (v === null ? '—' : `${v}%`);

export function CareReportTab() {
  const { t } = useTranslation('care');
  const range = useMemo(
    () => ({ from: dayjs().subtract(DAYS, 'day').toISOString(), to: dayjs().add(1, 'minute').toISOString() }),
    [],
  );
  const report = useQuery({
    queryKey: ['care-report', range],
    queryFn: () => api<CareReport>('/care/report', { query: range }),
  });
  const r = report.data;
  if (!r) return <Card loading={report.isLoading} />;
  const label = (m: 'qualityReturns' | 'negativeReviews') => t(`report.${m}`);
  const verdict = (m: CareReport['metrics'][number]) => {
    if (m.differencePp === null) return t('report.noData');
    const metric = t(`report.inSentence.${m.metric}`);
    const value = Math.abs(m.differencePp);
    const head =
      m.differencePp < 0
        ? t('report.lower', { metric, value })
        : m.differencePp > 0
          ? t('report.higher', { metric, value })
          : t('report.same', { metric });
    return `${head}${t('report.join')}${m.pValue !== null && m.pValue < 0.05 ? t('report.significant') : t('report.notSignificant')}`;
  };
  return (
    <Flex vertical gap={16} data-testid="care-report">
      <Card title={t('report.title')} extra={t('report.range', { days: DAYS })}>
        <Typography.Paragraph type="secondary">
          {t('report.explain', { days: r.effectDays })}
        </Typography.Paragraph>
        {!r.enough && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('report.notEnough', { min: MIN_GROUP, care: r.care.orders, holdout: r.holdout.orders })}
          />
        )}
        {r.care.orders + r.holdout.orders === 0 ? (
          <Empty description={t('report.noData')} />
        ) : (
          <Row gutter={24}>
            <Col span={10}>
              <HoldoutChart
                groups={{ care: t('group.care'), holdout: t('group.holdout') }}
                metrics={r.metrics.map((m) => ({
                  label: label(m.metric),
                  care: m.careRate,
                  holdout: m.holdoutRate,
                }))}
              />
            </Col>
            <Col span={14}>
              <Row gutter={16} style={{ marginBottom: 16 }}>
                <Col span={12}>
                  <Statistic title={`${t('group.care')} · ${t('report.orders')}`} value={r.care.orders} />
                </Col>
                <Col span={12}>
                  <Statistic
                    title={`${t('group.holdout')} · ${t('report.orders')}`}
                    value={r.holdout.orders}
                  />
                </Col>
              </Row>
              {r.metrics.map((m) => (
                <div key={m.metric}>
                  <Descriptions
                    size="small"
                    column={2}
                    bordered
                    style={{ marginBottom: 4 }}
                    title={label(m.metric)}
                    items={[
                      { key: 'care', label: t('group.care'), children: fmt(m.careRate) },
                      { key: 'holdout', label: t('group.holdout'), children: fmt(m.holdoutRate) },
                      {
                        key: 'diff',
                        label: t('report.difference'),
                        children: m.differencePp === null ? '—' : t('report.pp', { value: m.differencePp }),
                      },
                      {
                        key: 'ci',
                        label: t('report.interval'),
                        children: m.lowPp === null ? '—' : `${m.lowPp} ~ ${m.highPp}`,
                      },
                      { key: 'p', label: t('report.pValue'), children: m.pValue ?? '—' },
                    ]}
                  />
                  <Typography.Paragraph strong data-testid={`care-verdict-${m.metric}`}>
                    {verdict(m)}
                  </Typography.Paragraph>
                </div>
              ))}
            </Col>
          </Row>
        )}
      </Card>
    </Flex>
  );
}
