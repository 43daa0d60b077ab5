// 关联订单 in the new-case form: the order found by the start of its number (GET /orders?q=), then the
// line (SKU) of that order the case is about. Picking an order also fills in its shop.
import { useQuery } from '@tanstack/react-query';
import { Col, Form, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Json } from '../../../http/json-dates.js';
import type { OrderView } from '../../../tickets/catalog-views.js';
import { api } from '../../app/api.js';
import { formatFen } from '../../app/labels.js';
import { useDebounced } from '../search/use-search.js';

export type Order = Json<typeof OrderView>;
type OrderHead = Omit<Order, 'items'>;

/** Fields `orderId` and `orderItemId` of the new-case form; `onOrder` hears the order chosen (or none). */
export function OrderPicker({
  shopId,
  onOrder,
}: {
  shopId: string | undefined;
  onOrder: (order: Order | undefined) => void;
}) {
  const { t } = useTranslation('newCase');
  const form = Form.useFormInstance();
  const orderId: string | undefined = Form.useWatch('orderId', form);
  const [typed, setTyped] = useState('');
  // Once typing pauses, so the search runs once per number, not once per key.
  const q = useDebounced(typed.trim(), 300);

  const found = useQuery({
    queryKey: ['orders', 'search', q, shopId ?? ''],
    queryFn: () =>
      api<{ items: OrderHead[] }>('/orders', { query: { q, shopId, limit: 20 } }).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
  const order = useQuery({
    queryKey: ['orders', orderId],
    queryFn: () => api<Order>(`/orders/${orderId}`),
    enabled: Boolean(orderId),
  });

  useEffect(() => {
    onOrder(order.data);
    // One line: nothing to choose.
    if (order.data?.items.length === 1) form.setFieldValue('orderItemId', order.data.items[0]!.id);
  }, [order.data, onOrder, form]);

  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Form.Item name="orderId" label={t('fields.order')} extra={t('fields.orderHint')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t('fields.orderPlaceholder')}
            loading={found.isFetching}
            notFoundContent={
              q ? (found.isFetching ? t('fields.orderSearching') : t('fields.orderNone', { q })) : null
            }
            options={(found.data ?? []).map((o) => ({
              value: o.id,
              label: (
                <span>
                  {o.externalId}{' '}
                  <Typography.Text type="secondary">{formatFen(o.totalFen, o.currency)}</Typography.Text>
                </span>
              ),
            }))}
            onChange={() => form.setFieldValue('orderItemId', undefined)}
            data-testid="case-order"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={14}>
        <Form.Item name="orderItemId" label={t('fields.orderItem')}>
          <Select
            allowClear
            disabled={!order.data}
            loading={order.isFetching}
            placeholder={order.data ? t('fields.orderItemPlaceholder') : t('fields.orderItemFirst')}
            options={(order.data?.items ?? []).map((i) => ({
              value: i.id,
              label: [
                i.name,
                i.quantity > 1 ? `×${i.quantity}` : '',
                i.batch ? t('fields.batch', { batch: i.batch }) : '',
                formatFen(i.paidFen, order.data?.currency),
              ]
                .filter(Boolean)
                .join(' · '),
            }))}
            data-testid="case-order-item"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
