import { Button, Card, Descriptions, Empty, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { formatFen, PlatformLabel } from '../../app/labels.js';
import { orderStatusLabel } from '../../app/order-status.js';
import type { TicketDetail } from '../../app/types.js';
import { CustomerPrivacyActions } from '../privacy/customer-privacy-actions.js';

const when = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

/** Supervisors may look at the full number (to call the buyer); the server audits every look. */
function RevealablePhone({ customerId, masked }: { customerId: string; masked: string }) {
  const { t } = useTranslation('ticket');
  const { role } = useAuth();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (full) return <Typography.Text copyable>{full}</Typography.Text>;
  const canReveal = role === 'supervisor' || role === 'admin';
  return (
    <span>
      {masked}
      {canReveal && (
        <Button
          type="link"
          size="small"
          loading={loading}
          data-testid="reveal-phone"
          onClick={async () => {
            setLoading(true);
            try {
              const contact = await api<{ phone: string | null }>(`/customers/${customerId}/reveal`, {
                method: 'POST',
              });
              setFull(contact.phone ?? masked);
            } finally {
              setLoading(false);
            }
          }}
        >
          {t('customer.reveal')}
        </Button>
      )}
    </span>
  );
}

/** Who complained, from which shop, about which order. Contact details arrive masked from the API. */
export function CustomerPanel({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation('ticket');
  const { customer, order, shop } = ticket;
  return (
    <>
      <Card title={t('customer.title')} size="small" className="ticket-side" data-testid="customer-panel">
        {customer ? (
          <>
            <Descriptions column={1} size="small" colon={false}>
              <Descriptions.Item label={t('customer.name')}>
                <Typography.Text strong>{customer.name}</Typography.Text>
              </Descriptions.Item>
              {customer.phoneMasked && (
                <Descriptions.Item label={t('customer.phone')}>
                  <RevealablePhone customerId={customer.id} masked={customer.phoneMasked} />
                </Descriptions.Item>
              )}
              {customer.email && (
                <Descriptions.Item label={t('customer.email')}>{customer.email}</Descriptions.Item>
              )}
              {customer.externalId && (
                <Descriptions.Item label={t('customer.externalId')}>{customer.externalId}</Descriptions.Item>
              )}
              {shop && (
                <Descriptions.Item label={t('shop.title')}>
                  <PlatformLabel platform={shop.platform} name={shop.name} wrap />
                </Descriptions.Item>
              )}
            </Descriptions>
            <CustomerPrivacyActions customerId={customer.id} name={customer.name} />
          </>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('customer.none')}
            style={{ margin: '8px 0' }}
          />
        )}
      </Card>
      <Card title={t('order.title')} size="small" className="ticket-side">
        {order ? (
          <>
            <Descriptions column={1} size="small" colon={false}>
              <Descriptions.Item label={t('order.number')}>
                <Typography.Text copyable>{order.externalId}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('order.status')}>
                {orderStatusLabel(t, order.status)}
              </Descriptions.Item>
              <Descriptions.Item label={t('order.total')}>
                {formatFen(order.totalFen, order.currency)}
              </Descriptions.Item>
              <Descriptions.Item label={t('order.paidAt')}>{when(order.paidAt)}</Descriptions.Item>
              <Descriptions.Item label={t('order.deliveredAt')}>{when(order.deliveredAt)}</Descriptions.Item>
              {order.trackingNo && (
                <Descriptions.Item label={t('order.tracking')}>
                  {order.carrier} {order.trackingNo}
                </Descriptions.Item>
              )}
            </Descriptions>
            <List
              size="small"
              header={<Typography.Text type="secondary">{t('order.items')}</Typography.Text>}
              dataSource={order.items}
              renderItem={(i) => (
                <List.Item
                  extra={formatFen(i.paidFen, order.currency)}
                  data-testid={i.id === ticket.orderItemId ? 'case-order-line' : undefined}
                >
                  <List.Item.Meta
                    title={
                      <span>
                        {`${i.name} × ${i.quantity}`}
                        {i.id === ticket.orderItemId && (
                          <Tag color="orange" style={{ marginInlineStart: 8 }}>
                            {t('order.caseLine')}
                          </Tag>
                        )}
                      </span>
                    }
                    description={[
                      i.batch && `${t('order.batch')} ${i.batch}`,
                      i.supplier && `${t('order.supplier')} ${i.supplier}`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </List.Item>
              )}
            />
          </>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('order.none')}
            style={{ margin: '8px 0' }}
          />
        )}
      </Card>
    </>
  );
}
