// 资质文件 and 平台公示: documents with their expiry (shop or listing), and publicly flagged SKUs.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import {
  DOCUMENT_KINDS,
  type Flag,
  type Listing,
  qualityKey,
  useDocuments,
  useFlags,
} from './quality-api.js';

type DocValues = { holder: string; kind: string; number?: string; issuer?: string; expiresOn?: Dayjs };

/** The "record a document" form, for the shop or one of its listings. */
export function DocumentModal({
  shopId,
  listings,
  open,
  initial,
  onClose,
}: {
  shopId: string;
  listings: Listing[];
  open: boolean;
  initial?: Partial<DocValues> | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation('quality');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DocValues>();
  const add = useMutation({
    mutationFn: (v: DocValues) =>
      api('/quality/documents', {
        method: 'POST',
        body: {
          holderType: v.holder === shopId ? 'shop' : 'listing',
          holderId: v.holder,
          kind: v.kind,
          ...(v.number ? { number: v.number } : {}),
          ...(v.issuer ? { issuer: v.issuer } : {}),
          ...(v.expiresOn ? { expiresOn: v.expiresOn.format('YYYY-MM-DD') } : {}),
        },
      }),
    onSuccess: () => {
      void message.success(t('documents.saved'));
      void queryClient.invalidateQueries({ queryKey: qualityKey });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('documents.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'document-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ holder: shopId, kind: 'business_licence', ...initial }}
        onFinish={(v) => add.mutate(v)}
        preserve={false}
      >
        <Form.Item name="holder" label={t('documents.holder')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={[
              { value: shopId, label: t('documents.holderShop') },
              ...listings.map((l) => ({
                value: l.id,
                label: `${t('documents.holderListing')} ${l.externalId} ${l.content.title}`,
              })),
            ]}
            data-testid="document-holder"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('documents.kind')} rules={[{ required: true }]}>
          <Select
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`document.${k}`) }))}
            data-testid="document-kind"
          />
        </Form.Item>
        <Form.Item name="number" label={t('documents.number')}>
          <Input maxLength={100} data-testid="document-number" />
        </Form.Item>
        <Form.Item name="issuer" label={t('documents.issuer')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('documents.expiresOn')} extra={t('documents.noExpiry')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DocumentsCard({ shopId, listings }: { shopId: string; listings: Listing[] }) {
  const { t } = useTranslation('quality');
  const docs = useDocuments();
  const [open, setOpen] = useState(false);
  const ids = new Set([shopId, ...listings.map((l) => l.id)]);
  const mine = (docs.data ?? []).filter((d) => ids.has(d.holderId));
  const soon = dayjs().add(30, 'day');
  return (
    <Card
      size="small"
      title={t('documents.title')}
      extra={
        <Button size="small" onClick={() => setOpen(true)} data-testid="document-add">
          {t('documents.add')}
        </Button>
      }
    >
      <Table
        size="small"
        rowKey="id"
        loading={docs.isPending}
        dataSource={mine}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.empty')} />,
        }}
        columns={[
          { key: 'kind', title: t('documents.kind'), render: (_, d) => t(`document.${d.kind}`) },
          {
            key: 'holder',
            title: t('documents.holder'),
            render: (_, d) =>
              d.holderType === 'shop'
                ? t('documents.holderShop')
                : listings.find((l) => l.id === d.holderId)?.externalId,
          },
          { key: 'number', title: t('documents.number'), render: (_, d) => d.number ?? '—' },
          {
            key: 'expiresOn',
            title: t('documents.expiresOn'),
            render: (_, d) => {
              if (!d.expiresOn) return t('documents.noExpiry');
              const at = dayjs(d.expiresOn);
              const tag = at.isBefore(dayjs()) ? (
                <Tag color="red">{t('documents.expired')}</Tag>
              ) : at.isBefore(soon) ? (
                <Tag color="gold">{t('documents.expiring')}</Tag>
              ) : null;
              return (
                <>
                  {at.format('YYYY-MM-DD')} {tag}
                </>
              );
            },
          },
        ]}
      />
      <DocumentModal shopId={shopId} listings={listings} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}

export function FlagsCard({ shopId }: { shopId: string }) {
  const { t } = useTranslation('quality');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const flags = useFlags(shopId);
  const [form] = Form.useForm<{ skuCode: string; reason: string }>();
  const add = useMutation({
    mutationFn: (v: { skuCode: string; reason: string }) =>
      api('/quality/flags', { method: 'POST', body: { shopId, ...v } }),
    onSuccess: () => {
      void message.success(t('flags.saved'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: qualityKey });
    },
  });
  const clear = useMutation({
    mutationFn: (id: string) => api(`/quality/flags/${id}/clear`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: qualityKey }),
  });
  return (
    <Card size="small" title={t('flags.title')}>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => add.mutate(v)}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item name="skuCode" rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input placeholder={t('flags.sku')} style={{ width: 140 }} data-testid="flag-sku" />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input placeholder={t('flags.reason')} style={{ width: 220 }} data-testid="flag-reason" />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending} data-testid="flag-add">
          {t('flags.add')}
        </Button>
      </Form>
      <Table<Flag>
        size="small"
        rowKey="id"
        loading={flags.isPending}
        dataSource={flags.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flags.empty')} /> }}
        columns={[
          { key: 'sku', title: t('flags.sku'), dataIndex: 'skuCode' },
          { key: 'reason', title: t('flags.reason'), dataIndex: 'reason' },
          {
            key: 'clear',
            width: 100,
            render: (_, f) => (
              <Button size="small" type="link" onClick={() => clear.mutate(f.id)}>
                {t('flags.clear')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
