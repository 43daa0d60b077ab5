// 回访效果: cases with a follow-up against the random hold-out group — how many buyers came back
// with a complaint or a negative review after the close.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpReportView } from '../../../care/follow-up-routes.js';
import type { Json } from '../../../http/json-dates.js';
import { api } from '../../app/api.js';
import { MIN_GROUP } from './care-api.js';

type Report = Json<typeof FollowUpReportView>;
type Metric = Report['metrics'][number];
const DAYS = 90;
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

export function FollowUpReport() {
  const { t } = useTranslation('care');
  const range = useMemo(
    () => ({ from: dayjs().subtract(DAYS, 'day').toISOString(), to: dayjs().add(1, 'minute').toISOString() }),
    [],
  );
  const report = useQuery({
    queryKey: ['care-follow-ups-report', range],
    queryFn: () => api<Report>('/care/follow-ups/report', { query: range }),
  });
  const r = report.data;
  const verdict = (m: Metric) => {
    if (m.differencePp === null) return t('report.noData');
    const metric = t(`followUps.report.${m.metric}`);
    const value = Math.abs(m.differencePp);
    const head =
      m.differencePp < 0
        ? t('followUps.report.lower', { metric, value })
        : m.differencePp > 0
          ? t('followUps.report.higher', { metric, value })
          : t('followUps.report.same', { metric });
    return `${head}${t('report.join')}${m.pValue !== null && m.pValue < 0.05 ? t('report.significant') : t('report.notSignificant')}`;
  };
  return (
    <Card
      title={t('followUps.report.title')}
      extra={t('followUps.report.range', { days: DAYS })}
      size="small"
      loading={report.isLoading}
      data-testid="follow-up-report"
    >
      {r && (
        <>
          <Typography.Paragraph type="secondary">
            {t('followUps.report.explain', { days: r.effectDays })}
          </Typography.Paragraph>
          {!r.enough && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('followUps.report.notEnough', {
                min: MIN_GROUP,
                written: r.written.cases,
                holdout: r.holdout.cases,
              })}
            />
          )}
          {r.written.cases + r.holdout.cases === 0 ? (
            <Empty description={t('report.noData')} />
          ) : (
            <Table<Metric>
              rowKey="metric"
              size="small"
              pagination={false}
              dataSource={r.metrics}
              columns={[
                { title: '', render: (_, m) => t(`followUps.report.${m.metric}Rate`) },
                {
                  title: `${t('followUps.report.written')}（${r.written.cases}）`,
                  render: (_, m) => pct(m.careRate),
                },
                {
                  title: `${t('group.holdout')}（${r.holdout.cases}）`,
                  render: (_, m) => pct(m.holdoutRate),
                },
                {
                  title: t('report.difference'),
                  render: (_, m) =>
                    m.differencePp === null ? '—' : t('report.pp', { value: m.differencePp }),
                },
                { title: t('report.pValue'), render: (_, m) => m.pValue ?? '—' },
                { title: '', render: (_, m) => verdict(m) },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
