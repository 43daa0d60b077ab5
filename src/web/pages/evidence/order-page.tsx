import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, List, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../app/api.js';
import { orderStatusLabel } from '../../app/order-status.js';
import { EvidencePanel } from './evidence-panel.js';

type Order = {
  id: string;
  externalId: string;
  status: string;
  totalFen: number;
  currency: string;
  items: { id: string; name: string; quantity: number; paidFen: number }[];
};

/** An order with its evidence tab (the photos, invoices and frozen records filed on it). */
export default function OrderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('evidence');
  const order = useQuery({ queryKey: ['orders', id], queryFn: () => api<Order>(`/orders/${id}`) });
  if (order.isError) {
    return (
      <Result
        status="404"
        title={t('order.notFound')}
        extra={
          <Link to="/inbox">
            <Button>←</Button>
          </Link>
        }
      />
    );
  }
  if (!order.data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const o = order.data;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200, margin: '0 auto' }}>
      <Card title={`${t('order.title')} ${o.externalId}`}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('order.status')}>{orderStatusLabel(t, o.status)}</Descriptions.Item>
          <Descriptions.Item label={t('order.total')}>¥{(o.totalFen / 100).toFixed(2)}</Descriptions.Item>
        </Descriptions>
        <List
          size="small"
          header={<Typography.Text type="secondary">{t('order.items')}</Typography.Text>}
          dataSource={o.items}
          renderItem={(i) => (
            // The price at the row's right end (List.Item's `extra` put it straight after "× 1").
            <List.Item>
              <Flex justify="space-between" gap={16} style={{ width: '100%' }}>
                <span>
                  {i.name} × {i.quantity}
                </span>
                <span>¥{(i.paidFen / 100).toFixed(2)}</span>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('tab')}>
        <EvidencePanel subjectType="order" subjectId={o.id} />
      </Card>
    </Flex>
  );
}
