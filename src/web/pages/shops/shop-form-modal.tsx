import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { PlatformLabel } from '../../app/labels.js';
import { shopsKey } from '../../app/queries.js';
import { PLATFORMS, type Platform, type Shop } from '../../app/types.js';

type ShopForm = {
  platform: Platform;
  name: string;
  externalShopId?: string;
  appKey?: string;
  appSecret?: string;
  timezone: string;
};

const TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Kuala_Lumpur',
  'Asia/Manila',
  'Asia/Ho_Chi_Minh',
  'Asia/Tokyo',
  'Europe/London',
  'America/Los_Angeles',
  'America/New_York',
  'UTC',
];

const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** Add a shop (shop undefined) or edit one. The secret is write-only: it is never read back. */
export function ShopFormModal({
  open,
  shop,
  onClose,
}: {
  open: boolean;
  shop: Shop | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation('shops');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ShopForm>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      shop
        ? {
            platform: shop.platform,
            name: shop.name,
            externalShopId: shop.externalShopId ?? undefined,
            appKey: shop.appKey ?? undefined,
            timezone: shop.timezone,
          }
        : { platform: 'douyin', timezone: 'Asia/Shanghai' },
    );
  }, [open, shop, form]);

  const save = useMutation({
    mutationFn: (v: ShopForm) => {
      const common = {
        name: v.name.trim(),
        externalShopId: blankToUndefined(v.externalShopId),
        appKey: blankToUndefined(v.appKey),
        appSecret: blankToUndefined(v.appSecret),
        timezone: v.timezone,
      };
      return shop
        ? api<Shop>(`/shops/${shop.id}`, { method: 'PATCH', body: common })
        : api<Shop>('/shops', { method: 'POST', body: { platform: v.platform, ...common } });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: shopsKey });
      void message.success(shop ? t('saved') : t('created'));
      onClose();
    },
  });

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('validation.required', { field }),
  });

  return (
    <Modal
      open={open}
      title={shop ? t('edit') : t('add')}
      okText={t('common:actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
      okButtonProps={{ id: 'shop-save' }}
    >
      <Form<ShopForm>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={(v) => save.mutate(v)}
        style={{ marginTop: 16 }}
      >
        <Form.Item name="platform" label={t('fields.platform')} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(shop)}
            options={PLATFORMS.map((p) => ({ value: p, label: <PlatformLabel platform={p} /> }))}
            data-testid="shop-platform"
          />
        </Form.Item>
        <Form.Item name="name" label={t('fields.name')} rules={[required(t('fields.name'))]}>
          <Input maxLength={100} placeholder={t('fields.namePlaceholder')} data-testid="shop-name" />
        </Form.Item>
        <Form.Item name="externalShopId" label={t('fields.externalShopId')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="appKey" label={t('fields.appKey')}>
          <Input maxLength={200} autoComplete="off" data-testid="shop-app-key" />
        </Form.Item>
        <Form.Item name="appSecret" label={t('fields.appSecret')}>
          <Input.Password
            maxLength={200}
            autoComplete="new-password"
            placeholder={shop?.hasAppSecret ? t('fields.appSecretKeep') : undefined}
            data-testid="shop-app-secret"
          />
        </Form.Item>
        <Form.Item name="timezone" label={t('fields.timezone')} rules={[{ required: true }]}>
          <Select showSearch options={TIME_ZONES.map((z) => ({ value: z, label: z }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
