import { Flex, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Sourcing } from './defence-api.js';

export function GapTags({ s }: { s: Sourcing }) {
  const { t } = useTranslation('brandDefence');
  if (!s.gaps.length) return <Tag color="green">{t('sourcing.complete')}</Tag>;
  return (
    <Space size={[4, 4]} wrap>
      {s.gaps.map((g) => (
        <Tag key={g} color={g === 'sampling_overdue' ? 'gold' : 'red'} data-testid={`gap-${g}`}>
          {t(`sourcing.gap.${g}`)}
        </Tag>
      ))}
    </Space>
  );
}

export function ChainTags({ s }: { s: Sourcing }) {
  const { t } = useTranslation('brandDefence');
  if (!s.chain.length) return <Typography.Text type="secondary">{t('sourcing.noChain')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {s.chain.map((c, i) => (
        <span key={c.id}>
          {i > 0 ? '→ ' : ''}
          <Tag color={c.inForce ? 'blue' : 'red'}>
            {c.partyName}
            {c.validUntil ? ` · ${dayjs(c.validUntil).format('YYYY-MM-DD')}` : ''}
          </Tag>
        </span>
      ))}
    </Space>
  );
}

/** A SKU's sourcing record in a few lines: supplier, chain, batches, gaps. */
export function SourcingSummary({ s }: { s: Sourcing }) {
  const { t } = useTranslation('brandDefence');
  return (
    <Flex vertical gap={6} data-testid="sourcing-summary">
      <div>
        <Typography.Text type="secondary">{t('sourcing.columns.supplier')} </Typography.Text>
        {s.supplierName}
      </div>
      <div>
        <Typography.Text type="secondary">{t('sourcing.columns.chain')} </Typography.Text>
        <ChainTags s={s} />
      </div>
      {s.batches.slice(0, 5).map((b) => (
        <Typography.Text key={b.id} type="secondary">
          {b.batchNo} · {dayjs(b.receivedAt).format('YYYY-MM-DD')} · {b.supplierName}
          {b.invoiceNo ? ` · ${t('sourcing.batch.invoice')} ${b.invoiceNo}` : ''}
          {b.inspectionReportNo ? ` · ${t('sourcing.batch.report')} ${b.inspectionReportNo}` : ''}
        </Typography.Text>
      ))}
      <GapTags s={s} />
    </Flex>
  );
}
