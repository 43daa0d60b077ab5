import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiUrl } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';

/** On the case's customer card, for admins: the buyer's copy of their data, and erasure on request. */
export function CustomerPrivacyActions({ customerId, name }: { customerId: string; name: string }) {
  const { t } = useTranslation('privacy');
  const { role } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [erasing, setErasing] = useState(false);
  if (role !== 'admin') return null;
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" href={apiUrl(`/privacy/customers/${customerId}/export`)} download>
        {t('customer.export')}
      </Button>
      <Popconfirm
        title={t('customer.eraseConfirm', { name })}
        okButtonProps={{ danger: true, loading: erasing }}
        onConfirm={async () => {
          setErasing(true);
          try {
            const done = await api<{ messagesMasked: number }>(`/privacy/customers/${customerId}/erase`, {
              method: 'POST',
            });
            void message.success(t('customer.erased', { messages: done.messagesMasked }));
            await queryClient.invalidateQueries();
          } finally {
            setErasing(false);
          }
        }}
      >
        <Button type="link" size="small" danger data-testid="erase-customer">
          {t('customer.erase')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
