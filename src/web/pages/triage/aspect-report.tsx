// 评价维度统计: how many cases of the period praised, complained about or mentioned each aspect.
import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { ASPECTS } from '../../../triage/aspects.js';
import type { CorrectionReport } from './triage-api.js';

export function AspectReport({ aspects }: { aspects: CorrectionReport['aspects'] }) {
  const { t } = useTranslation('triage');
  const rows = ASPECTS.map((a) => ({
    aspect: a,
    ...(aspects.counts[a] ?? { positive: 0, negative: 0, neutral: 0 }),
  }));
  return (
    <Card
      title={t('aspect.reportTitle')}
      extra={t('aspect.cases', { count: aspects.cases })}
      size="small"
      data-testid="aspect-report"
    >
      {aspects.cases === 0 ? (
        <Empty description={t('aspect.none')} />
      ) : (
        <Table
          rowKey="aspect"
          size="small"
          pagination={false}
          dataSource={rows.filter((r) => r.positive + r.negative + r.neutral > 0)}
          columns={[
            { key: 'aspect', title: t('aspect.title'), render: (_, r) => t(`aspect.${r.aspect}`) },
            { key: 'negative', title: t('aspect.negative'), dataIndex: 'negative', align: 'right' },
            { key: 'positive', title: t('aspect.positive'), dataIndex: 'positive', align: 'right' },
            { key: 'neutral', title: t('aspect.neutral'), dataIndex: 'neutral', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}
