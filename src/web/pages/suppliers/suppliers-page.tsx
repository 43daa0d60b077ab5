// 供应商: every supplier with its scorecard (units, defect complaints, rate, verdict); add one.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { type Supplier, suppliersKey, useSuppliers } from './suppliers-api.js';
import { ratePct, VerdictTag } from './verdict-tag.js';

export default function SuppliersPage() {
  const { t } = useTranslation('suppliers');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; contact?: string; phone?: string }>();
  const list = useSuppliers(q);
  const add = useMutation({
    mutationFn: (v: { name: string; contact?: string; phone?: string }) =>
      api('/suppliers', {
        method: 'POST',
        body: {
          name: v.name,
          ...(v.contact ? { contacts: [{ name: v.contact, ...(v.phone ? { phone: v.phone } : {}) }] } : {}),
        },
      }),
    onSuccess: () => {
      void message.success(t('saved'));
      setOpen(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: suppliersKey });
    },
  });
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('intro')}</Typography.Text>
        </div>
        <Flex gap={8}>
          <Input.Search allowClear placeholder={t('search')} onSearch={setQ} style={{ width: 220 }} />
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('add')}
          </Button>
        </Flex>
      </Flex>
      <Table<Supplier>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        data-testid="suppliers-table"
        columns={[
          {
            key: 'name',
            title: t('name'),
            render: (_, s) => <Link to={`/suppliers/${s.id}`}>{s.name}</Link>,
          },
          {
            key: 'status',
            title: t('status.label'),
            width: 100,
            render: (_, s) => <Tag>{t(`status.${s.status}`)}</Tag>,
          },
          {
            key: 'units',
            title: t('units'),
            width: 100,
            align: 'right',
            render: (_, s) => s.scorecard.unitsSold,
          },
          {
            key: 'complaints',
            title: t('complaints'),
            width: 100,
            align: 'right',
            render: (_, s) => s.scorecard.defectComplaints,
          },
          {
            key: 'rate',
            title: t('rate'),
            width: 110,
            align: 'right',
            render: (_, s) => ratePct(s.scorecard),
          },
          {
            key: 'verdict',
            title: t('verdict.label'),
            width: 200,
            render: (_, s) => <VerdictTag scorecard={s.scorecard} />,
          },
        ]}
      />
      <Modal
        open={open}
        title={t('add')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} preserve={false}>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contact" label={t('contactName')} rules={[{ max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('contactPhone')} rules={[{ max: 30 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
