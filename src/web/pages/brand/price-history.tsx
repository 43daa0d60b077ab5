import { useQuery } from '@tanstack/react-query';
import { Col, Empty, List, Row, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { yuan } from './brand-api.js';

type History = {
  prices: { priceFen: number; referencePriceFen: number | null; observedAt: string }[];
  warnings: {
    id: string;
    priceFen: number;
    floorFen: number;
    channel: string;
    outcome: string | null;
    createdAt: string;
  }[];
};

/** A watched listing's prices over time beside the warnings recorded about them (the 控价 history). */
export function PriceHistory({ listingId, floorFen }: { listingId: string; floorFen: number | null }) {
  const { t } = useTranslation('brandDefence');
  const q = useQuery({
    queryKey: ['brand', 'price-history', listingId],
    queryFn: () => api<History>(`/brand/listings/${listingId}/prices`),
  });
  const prices = [...(q.data?.prices ?? [])].reverse();
  return (
    <Row gutter={16} data-testid={`price-history-${listingId}`}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('history.prices')}</Typography.Text>
        <Table
          rowKey={(p) => p.observedAt}
          size="small"
          loading={q.isPending}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          dataSource={prices}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: t('history.seenAt'), render: (_, p) => dayjs(p.observedAt).format('YYYY-MM-DD HH:mm') },
            {
              title: t('history.price'),
              render: (_, p) => (
                <Typography.Text type={floorFen !== null && p.priceFen < floorFen ? 'danger' : undefined}>
                  {yuan(p.priceFen)}
                </Typography.Text>
              ),
            },
            { title: t('history.reference'), render: (_, p) => yuan(p.referencePriceFen) },
          ]}
        />
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('history.warnings')}</Typography.Text>
        <List
          size="small"
          dataSource={q.data?.warnings ?? []}
          locale={{ emptyText: t('history.noWarnings') }}
          renderItem={(w) => (
            <List.Item>
              {dayjs(w.createdAt).format('YYYY-MM-DD')} · {t(`warning.channels.${w.channel}`)} ·{' '}
              {yuan(w.priceFen)} / {yuan(w.floorFen)}{' '}
              {w.outcome ? (
                <Tag>{t(`warning.outcome.${w.outcome}`)}</Tag>
              ) : (
                <Tag color="orange">{t('warning.state.awaiting')}</Tag>
              )}
            </List.Item>
          )}
        />
      </Col>
    </Row>
  );
}
