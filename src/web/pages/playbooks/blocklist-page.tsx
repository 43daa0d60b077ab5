import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { hasRole } from '../../app/roles.js';

type Entry = {
  id: string;
  customerId: string;
  customerName: string;
  reason: string;
  createdByName: string;
  createdAt: string;
  expiresAt: string | null;
  liftedAt: string | null;
};

/** Abusive buyers, with reason, who and when, and an expiry. */
export default function BlocklistPage() {
  const { t } = useTranslation('playbooks');
  const { message } = App.useApp();
  const { role } = useAuth();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState('');
  const [form] = Form.useForm<{ customerId: string; reason: string; expiresAt?: Dayjs }>();
  const list = useQuery({
    queryKey: ['blocklist'],
    queryFn: async () => (await api<{ items: Entry[] }>('/blocklist', { query: { all: 'true' } })).items,
  });
  const customers = useQuery({
    queryKey: ['customers', search],
    queryFn: async () =>
      (
        await api<{ items: { id: string; name: string; externalId: string | null }[] }>('/customers', {
          query: { q: search, limit: 20 },
        })
      ).items,
    enabled: adding,
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['blocklist'] });
    void client.invalidateQueries({ queryKey: ['tickets'] });
  };
  const add = useMutation({
    mutationFn: (v: { customerId: string; reason: string; expiresAt?: Dayjs }) =>
      api<Entry>('/blocklist', {
        method: 'POST',
        body: {
          customerId: v.customerId,
          reason: v.reason,
          ...(v.expiresAt ? { expiresAt: v.expiresAt.toISOString() } : {}),
        },
      }),
    onSuccess: () => {
      setAdding(false);
      refresh();
      void message.success(t('blocklist.added'));
    },
  });
  const lift = useMutation({
    mutationFn: (id: string) => api<Entry>(`/blocklist/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  const supervisor = hasRole(role, 'supervisor');
  return (
    <Card>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4}>{t('blocklist.title')}</Typography.Title>
        {supervisor && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="blocklist-add">
            {t('blocklist.add')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t('blocklist.intro')}</Typography.Paragraph>
      <Table<Entry>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('blocklist.customer'), dataIndex: 'customerName' },
          { title: t('blocklist.reason'), dataIndex: 'reason' },
          { title: t('blocklist.by'), dataIndex: 'createdByName' },
          { title: t('blocklist.at'), render: (_, e) => dayjs(e.createdAt).format('YYYY-MM-DD HH:mm') },
          {
            title: t('blocklist.expiresAt'),
            render: (_, e) => (e.expiresAt ? dayjs(e.expiresAt).format('YYYY-MM-DD') : t('blocklist.never')),
          },
          {
            title: '',
            align: 'right',
            render: (_, e) =>
              e.liftedAt ? (
                <Typography.Text type="secondary">
                  {/* The expiry sweep closes an entry at its own expiry time. */}
                  {e.expiresAt && Date.parse(e.liftedAt) === Date.parse(e.expiresAt)
                    ? t('blocklist.expired')
                    : t('blocklist.lifted')}
                </Typography.Text>
              ) : (
                supervisor && (
                  <Button size="small" onClick={() => lift.mutate(e.id)}>
                    {t('blocklist.lift')}
                  </Button>
                )
              ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('blocklist.add')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="customerId" label={t('blocklist.customer')} rules={[{ required: true }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              placeholder={t('blocklist.searchCustomer')}
              options={(customers.data ?? []).map((c) => ({
                value: c.id,
                label: `${c.name}${c.externalId ? ` (${c.externalId})` : ''}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('blocklist.reason')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('blocklist.expiresAt')}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
