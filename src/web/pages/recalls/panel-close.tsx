import { Progress as Bar, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dateTime } from './format.js';
import { CompletionChart } from './panel-remedies.js';
import { type Progress, percent, type RecallDetail } from './recalls-api.js';

/** Stage 10: completion (units remedied / units sold) per shop, and closing. */
export function ClosePanel({
  recall: r,
  progress,
}: {
  recall: RecallDetail;
  progress: Progress | undefined;
}) {
  const { t } = useTranslation('recalls');
  const permille = progress?.completionPermille ?? 0;
  const sold = progress?.byShop.reduce((s, x) => s + x.units, 0) ?? r.totals.units;
  const remedied = progress?.byShop.reduce((s, x) => s + x.remediedUnits, 0) ?? 0;
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary">{t('close.intro')}</Typography.Paragraph>
      <Flex gap={32} align="center" wrap>
        <Bar
          type="circle"
          percent={Math.round(permille / 10)}
          format={() => percent(permille)}
          status={r.status === 'closed' ? 'success' : 'active'}
        />
        <Statistic
          title={t('chart.remedied')}
          value={remedied}
          suffix={`/ ${sold}`}
          data-testid="close-units"
        />
        {r.closedAt && (
          <Statistic title={t('status.closed')} value={dateTime(r.closedAt)} valueStyle={{ fontSize: 18 }} />
        )}
      </Flex>
      <Typography.Text strong>{t('close.byShop')}</Typography.Text>
      <CompletionChart progress={progress} />
    </Flex>
  );
}
