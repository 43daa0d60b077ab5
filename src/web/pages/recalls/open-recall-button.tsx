import { AlertOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import type { TicketDetail } from '../../app/types.js';
import { CreateRecallModal } from './create-recall-modal.js';

type OrderItems = {
  items: { skuId: string | null; name: string; batch: string | null; supplier: string | null }[];
};

/** "Open a recall from this case": a supervisor starts a recall scoped to the case's order lines. */
export function OpenRecallButton({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation('recalls');
  const { role } = useAuth();
  const [open, setOpen] = useState(false);
  const order = useQuery({
    queryKey: ['order', ticket.orderId],
    queryFn: () => api<OrderItems>(`/orders/${ticket.orderId}`),
    enabled: open && !!ticket.orderId,
  });
  if (!role || role === 'agent') return null;
  const safety = ticket.severity === 'critical' || ticket.categories.includes('safety_hazard');
  const items = order.data?.items ?? ticket.order?.items.map((i) => ({ ...i, skuId: null })) ?? [];
  const batches = [...new Set(items.flatMap((i) => (i.batch ? [i.batch] : [])))];
  const product = items[0]?.name ?? '';
  return (
    <>
      <Tooltip title={t('openFromCaseHint')}>
        <Button
          danger={safety}
          type={safety ? 'primary' : 'default'}
          icon={<AlertOutlined />}
          onClick={() => setOpen(true)}
          data-testid="open-recall"
        >
          {t('openFromCase')}
        </Button>
      </Tooltip>
      {open && (!ticket.orderId || order.data) && (
        <CreateRecallModal
          open
          onClose={() => setOpen(false)}
          prefill={{
            sourceTicketId: ticket.id,
            ticketNumber: ticket.number,
            title: `${product}${batches.length ? ` ${batches.join('、')} 批次` : ''}召回`,
            productName: product,
            hazard: ticket.subject,
            batches,
            skuIds: batches.length ? [] : [...new Set(items.flatMap((i) => (i.skuId ? [i.skuId] : [])))],
            suppliers: [],
          }}
        />
      )}
    </>
  );
}
