// 分诊纠正报告: automatic triage against agents' corrections, per category and for severity.
import { Card, Empty, Flex, Segmented, Skeleton, Statistic, Table, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SeverityTag } from '../../app/labels.js';
import { AdjustmentCard } from './adjustment-card.js';
import { AspectReport } from './aspect-report.js';
import { SentimentAdaptationCard } from './sentiment-adaptation-card.js';
import { type CorrectionReport, TRIAGE_SEVERITIES, useCorrectionReport } from './triage-api.js';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export default function ReportPage() {
  const { t } = useTranslation('triage');
  const [days, setDays] = useState(90);
  const report = useCorrectionReport(days);
  const data = report.data;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1300 }}>
      <Flex align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('report.title')}
        </Typography.Title>
        <Segmented
          value={days}
          onChange={(v) => setDays(Number(v))}
          options={[7, 30, 90, 365].map((d) => ({ value: d, label: t('report.days', { days: d }) }))}
        />
      </Flex>
      <AdjustmentCard />
      <SentimentAdaptationCard />
      {data && <AspectReport aspects={data.aspects} />}
      {!data ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : data.reviewedTickets === 0 ? (
        <Card>
          <Empty description={t('report.empty')} />
        </Card>
      ) : (
        <Body data={data} />
      )}
    </Flex>
  );
}

function Body({ data }: { data: CorrectionReport }) {
  const { t } = useTranslation('triage');
  const label = (c: string) =>
    c === '(none)' ? t('report.none') : t(`common:category.${c}`, { defaultValue: c });
  const used = Object.keys(data.categories.matrix).filter(
    (c) =>
      Object.values(data.categories.matrix[c] ?? {}).some((n) => n > 0) ||
      Object.values(data.categories.matrix).some((row) => (row[c] ?? 0) > 0),
  );
  return (
    <>
      <Card>
        <Flex gap={48} wrap>
          <Statistic title={t('report.reviewed')} value={data.reviewedTickets} />
          <Statistic title={t('report.exact')} value={pct(data.categories.exactMatch)} />
          <Statistic title={t('report.microPrecision')} value={pct(data.categories.microPrecision)} />
          <Statistic title={t('report.microRecall')} value={pct(data.categories.microRecall)} />
          <Statistic title={t('report.severityAccuracy')} value={pct(data.severity.accuracy)} />
        </Flex>
      </Card>
      <Card title={t('report.perCategory')} size="small">
        <Table
          rowKey="category"
          size="small"
          pagination={false}
          dataSource={data.categories.perCategory.filter((r) => r.tp + r.fp + r.fn > 0)}
          columns={[
            { key: 'category', title: t('report.category'), render: (_, r) => label(r.category) },
            { key: 'tp', title: t('report.tp'), dataIndex: 'tp', align: 'right' },
            { key: 'fp', title: t('report.fp'), dataIndex: 'fp', align: 'right' },
            { key: 'fn', title: t('report.fn'), dataIndex: 'fn', align: 'right' },
            { key: 'tn', title: t('report.tn'), dataIndex: 'tn', align: 'right' },
            {
              key: 'precision',
              title: t('report.precision'),
              align: 'right',
              render: (_, r) => pct(r.precision),
            },
            { key: 'recall', title: t('report.recall'), align: 'right', render: (_, r) => pct(r.recall) },
          ]}
        />
      </Card>
      <Card title={t('report.matrix')} size="small" data-testid="category-matrix">
        <Matrix rows={used} cols={used} matrix={data.categories.matrix} label={label} />
      </Card>
      <Card title={t('report.severityMatrix')} size="small">
        <Matrix
          rows={[...TRIAGE_SEVERITIES]}
          cols={[...TRIAGE_SEVERITIES]}
          matrix={data.severity.matrix}
          label={(s) => <SeverityTag severity={s as never} />}
        />
      </Card>
    </>
  );
}

function Matrix({
  rows,
  cols,
  matrix,
  label,
}: {
  rows: string[];
  cols: string[];
  matrix: Record<string, Record<string, number>>;
  label: (key: string) => ReactNode;
}) {
  const max = Math.max(1, ...rows.flatMap((r) => cols.map((c) => matrix[r]?.[c] ?? 0)));
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', fontSize: 12 }}>
        <thead>
          <tr>
            <th />
            {cols.map((c) => (
              <th key={c} style={{ padding: '4px 8px', fontWeight: 500, whiteSpace: 'nowrap' }}>
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <th style={{ padding: '4px 8px', fontWeight: 500, textAlign: 'right', whiteSpace: 'nowrap' }}>
                {label(r)}
              </th>
              {cols.map((c) => {
                const n = matrix[r]?.[c] ?? 0;
                const alpha = n ? 0.12 + (0.6 * n) / max : 0;
                const color = r === c ? `rgba(82,196,26,${alpha})` : `rgba(255,77,79,${alpha})`;
                return (
                  <td
                    key={c}
                    style={{
                      padding: '4px 10px',
                      textAlign: 'center',
                      border: '1px solid #f0f0f0',
                      background: n ? color : undefined,
                    }}
                  >
                    {n || ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
