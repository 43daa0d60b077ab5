import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Empty, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import type { ApiToken, Items } from '../../app/types.js';
import { CreateTokenModal } from './create-token-modal.js';

export const tokensKey = ['tokens'] as const;

export default function TokensPage() {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: async () => (await api<Items<ApiToken>>('/tokens')).items,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<ApiToken>(`/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      void message.success(t('tokens.revokedDone'));
    },
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('tokens.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('tokens.subtitle')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ApiToken>
          rowKey="id"
          loading={tokens.isPending}
          dataSource={tokens.data}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tokens.empty')} />,
          }}
          columns={[
            {
              key: 'name',
              title: t('tokens.columns.name'),
              render: (_, k) => <Typography.Text strong>{k.name}</Typography.Text>,
            },
            {
              key: 'role',
              title: t('tokens.columns.role'),
              width: 100,
              render: (_, k) => <Tag>{t(`common:role.${k.role}`)}</Tag>,
            },
            {
              key: 'hint',
              title: t('tokens.columns.hint'),
              width: 150,
              render: (_, k) => <Typography.Text code>{k.hint}</Typography.Text>,
            },
            {
              key: 'created',
              title: t('tokens.columns.created'),
              width: 160,
              render: (_, k) => dayjs(k.createdAt).format('YYYY-MM-DD HH:mm'),
            },
            {
              key: 'lastUsed',
              title: t('tokens.columns.lastUsed'),
              width: 130,
              render: (_, k) =>
                k.lastUsedAt ? (
                  dayjs(k.lastUsedAt).fromNow()
                ) : (
                  <Typography.Text type="secondary">{t('tokens.never')}</Typography.Text>
                ),
            },
            {
              key: 'status',
              title: t('tokens.columns.status'),
              width: 100,
              render: (_, k) => (
                <Badge
                  status={k.revokedAt ? 'default' : 'success'}
                  text={k.revokedAt ? t('tokens.revoked') : t('tokens.active')}
                />
              ),
            },
            {
              key: 'actions',
              title: t('tokens.columns.actions'),
              width: 90,
              render: (_, k) =>
                k.revokedAt ? null : (
                  <Popconfirm
                    title={t('tokens.revokeConfirm', { name: k.name })}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke.mutate(k.id)}
                  >
                    <Button type="link" size="small" danger>
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
