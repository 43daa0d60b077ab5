import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../app/api.js';
import { useShops } from '../../app/queries.js';

export type RecallPrefill = {
  sourceTicketId: string;
  ticketNumber: number;
  title: string;
  productName: string;
  hazard: string;
  batches: string[];
  skuIds: string[];
  suppliers: string[];
};

type Product = { id: string; name: string; skus: { id: string; code: string; name: string }[] };
type Values = {
  title: string;
  productName?: string;
  hazard: string;
  hazardLevel: string;
  role: string;
  batches?: string[];
  skuIds?: string[];
  suppliers?: string[];
  shopIds?: string[];
  sold?: [Dayjs | null, Dayjs | null] | null;
  remedies: string[];
  claimDeadline?: Dayjs | null;
  contact?: string;
  budgetYuan?: number | null;
};

const nonEmpty = (list?: string[]) => (list?.length ? list : undefined);

/** The form that opens a recall draft; from a case it comes filled with the case's order lines. */
export function CreateRecallModal({
  open,
  onClose,
  prefill,
}: {
  open: boolean;
  onClose: () => void;
  prefill?: RecallPrefill | undefined;
}) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const shops = useShops();
  const products = useQuery({
    queryKey: ['products'],
    queryFn: async () => (await api<{ items: Product[] }>('/products')).items,
    enabled: open,
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      api<{ id: string }>('/recalls', {
        method: 'POST',
        body: {
          title: v.title,
          hazard: v.hazard,
          ...(v.productName ? { productName: v.productName } : {}),
          hazardLevel: v.hazardLevel,
          role: v.role,
          remedies: v.remedies,
          ...(prefill ? { sourceTicketId: prefill.sourceTicketId } : {}),
          ...(v.claimDeadline ? { claimDeadline: v.claimDeadline.endOf('day').toISOString() } : {}),
          ...(v.contact ? { contact: v.contact } : {}),
          ...(v.budgetYuan ? { budgetFen: Math.round(v.budgetYuan * 100) } : {}),
          scope: {
            batches: nonEmpty(v.batches),
            skuIds: nonEmpty(v.skuIds),
            suppliers: nonEmpty(v.suppliers),
            shopIds: nonEmpty(v.shopIds),
            ...(v.sold?.[0] ? { soldFrom: v.sold[0].startOf('day').toISOString() } : {}),
            ...(v.sold?.[1] ? { soldTo: v.sold[1].endOf('day').toISOString() } : {}),
          },
        },
      }),
    onSuccess: (res) => {
      void client.invalidateQueries({ queryKey: ['recalls'] });
      void message.success(t('form.created'));
      onClose();
      navigate(`/recalls/campaigns/${res.id}`);
    },
  });
  const skuOptions = (products.data ?? []).flatMap((p) =>
    p.skus.map((s) => ({ value: s.id, label: `${p.name} · ${s.code} ${s.name}` })),
  );
  return (
    <Modal
      open={open}
      title={prefill ? t('form.fromCase', { number: prefill.ticketNumber }) : t('form.title')}
      okText={t('form.submit')}
      okButtonProps={
        { danger: true, loading: create.isPending, 'data-testid': 'recall-create-submit' } as never
      }
      onOk={() => form.submit()}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => create.mutate(v)}
        initialValues={{
          hazardLevel: 'consumer',
          role: 'seller',
          remedies: ['refund', 'exchange'],
          ...(prefill
            ? {
                title: prefill.title,
                productName: prefill.productName,
                hazard: prefill.hazard,
                batches: prefill.batches,
                skuIds: prefill.skuIds,
              }
            : {}),
        }}
      >
        <Form.Item name="title" label={t('form.name')} rules={[{ required: true, max: 200 }]}>
          <Input placeholder={t('form.namePlaceholder')} data-testid="recall-title" />
        </Form.Item>
        <Form.Item name="productName" label={t('form.product')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="hazard" label={t('form.hazard')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={2} placeholder={t('form.hazardPlaceholder')} data-testid="recall-hazard" />
        </Form.Item>
        <Form.Item label={t('form.level')} style={{ marginBottom: 0 }}>
          <Form.Item name="hazardLevel" style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
            <Select
              options={['consumer', 'food_1', 'food_2', 'food_3'].map((v) => ({
                value: v,
                label: t(`level.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="role"
            style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginInlineStart: 16 }}
          >
            <Select options={['seller', 'producer'].map((v) => ({ value: v, label: t(`role.${v}`) }))} />
          </Form.Item>
        </Form.Item>
        <Typography.Text strong>{t('form.scope')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('form.scopeHelp')}
        </Typography.Paragraph>
        <Form.Item name="batches" label={t('form.batches')}>
          <Select
            mode="tags"
            placeholder={t('form.batchesPlaceholder')}
            tokenSeparators={[',', '，', ' ']}
            data-testid="recall-batches"
          />
        </Form.Item>
        <Form.Item name="skuIds" label={t('form.skus')}>
          <Select
            mode="multiple"
            options={skuOptions}
            loading={products.isPending}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="suppliers" label={t('form.suppliers')}>
          <Select mode="tags" tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item name="shopIds" label={t('form.shops')}>
          <Select mode="multiple" options={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="sold" label={t('form.soldRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="remedies" label={t('form.remedies')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={['refund', 'exchange', 'repair'].map((v) => ({ value: v, label: t(`remedy.${v}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('form.deadline')} style={{ marginBottom: 0 }}>
          <Form.Item name="claimDeadline" style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="budgetYuan"
            style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginInlineStart: 16 }}
            tooltip={t('form.budgetHelp')}
          >
            <InputNumber
              min={0}
              max={1_000_000_000}
              style={{ width: '100%' }}
              placeholder={t('form.budget')}
              prefix="¥"
            />
          </Form.Item>
        </Form.Item>
        <Form.Item name="contact" label={t('form.contact')} rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
