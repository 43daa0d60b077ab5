import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Collapse, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.js';
import { PlatformLabel } from '../../app/labels.js';
import { shopsKey } from '../../app/queries.js';
import { timeZoneLabel } from '../../app/time-zone-label.js';
import { PLATFORMS, type Platform } from '../../app/types.js';
import { AdapterSettingsFields } from './adapter-settings.js';
import {
  type AdapterValues,
  initialAdapterValues,
  type ShopWithSettings,
  settingsBody,
} from './adapter-values.js';
import { ReplyLimitFields } from './reply-limit-fields.js';

type ShopForm = {
  platform: Platform;
  name: string;
  externalShopId?: string;
  appKey?: string;
  appSecret?: string;
  timezone: string;
  adapter?: AdapterValues;
};

/** The adapter settings the server may name in a 400 ("settings.apiBaseUrl: …"), marked in the form too. */
const FIELD_SETTINGS = new Set<string>([
  'apiBaseUrl',
  'authBaseUrl',
  'douyinServiceId',
  'accessToken',
  'pddAmountUnit',
  'pddMessageService',
  'pddMessageUrl',
  'ingestPositiveReviews',
  'deliveryEvents',
  'reconcile',
  'replyLimits',
  'returnAddressId',
  'shopCipher',
  'pddRelaySignature',
  'douyinReasonCodes',
  'douyinOperateTypes',
]);

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
  shop: ShopWithSettings | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('shops');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ShopForm>();
  const platform = Form.useWatch('platform', form) ?? shop?.platform ?? 'douyin';
  const [clearToken, setClearToken] = useState(false);
  const [advancedOpen, setAdvancedOpen] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    setClearToken(false);
    const s = shop?.settings ?? {};
    const { replyLimits, ...adapter } = s;
    setAdvancedOpen([
      ...(shop?.hasAccessToken || Object.keys(adapter).length > 0 ? ['adapter'] : []),
      ...(replyLimits ? ['replyLimits'] : []),
    ]);
    form.resetFields();
    form.setFieldsValue(
      shop
        ? {
            platform: shop.platform,
            name: shop.name,
            externalShopId: shop.externalShopId ?? undefined,
            appKey: shop.appKey ?? undefined,
            timezone: shop.timezone,
            adapter: initialAdapterValues(shop),
          }
        : { platform: 'douyin', timezone: 'Asia/Shanghai', adapter: initialAdapterValues(undefined) },
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
        settings: settingsBody(v.adapter, {
          platform: shop?.platform ?? v.platform,
          editing: Boolean(shop),
          clearToken,
        }),
      };
      return shop
        ? api<ShopWithSettings>(`/shops/${shop.id}`, { method: 'PATCH', body: common })
        : api<ShopWithSettings>('/shops', { method: 'POST', body: { platform: v.platform, ...common } });
    },
    onError: (error) => {
      // The outbound policy's reasons, in the console's language.
      const addressReason = (reason: string) =>
        /not a public internet address/.test(reason)
          ? t('adapter.notPublic')
          : /only https/.test(reason)
            ? t('adapter.httpsOnly')
            : reason;
      // The server names the field ("settings.apiBaseUrl: must be …"): mark it in the form too.
      if (!(error instanceof ApiError) || error.status !== 400) return;
      const match = /settings\.(\w+)(?:\.\w+)?: ([^;]+)/.exec(error.message);
      if (match && FIELD_SETTINGS.has(match[1]!)) {
        setAdvancedOpen([match[1] === 'replyLimits' ? 'replyLimits' : 'adapter']);
        form.setFields([
          { name: ['adapter', match[1] as keyof AdapterValues], errors: [addressReason(match[2]!)] },
        ]);
      }
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
      // Wide enough that the platform's code tables (Douyin's operation codes) sit in rows, not wrapped.
      width={720}
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
        onFinishFailed={({ errorFields }) => {
          if (errorFields.some((f) => f.name[0] === 'adapter'))
            setAdvancedOpen(
              errorFields.some((f) => f.name[1] === 'replyLimits') ? ['replyLimits'] : ['adapter'],
            );
        }}
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
          <Select
            showSearch={{ optionFilterProp: 'search' }}
            options={TIME_ZONES.map((z) => {
              const label = timeZoneLabel(z, i18n.language);
              return { value: z, label, search: `${label} ${z}` };
            })}
          />
        </Form.Item>
        {platform !== 'manual' && (
          <Collapse
            size="small"
            activeKey={advancedOpen}
            onChange={(keys) => setAdvancedOpen(keys)}
            items={[
              {
                key: 'adapter',
                label: t('adapter.section'),
                forceRender: true,
                children: (
                  <AdapterSettingsFields
                    platform={platform}
                    shop={shop}
                    clearToken={clearToken}
                    onClearToken={setClearToken}
                  />
                ),
              },
              {
                key: 'replyLimits',
                label: t('replyLimits.section'),
                forceRender: true,
                children: <ReplyLimitFields platform={platform} />,
              },
            ]}
            data-testid="shop-adapter-settings"
          />
        )}
      </Form>
    </Modal>
  );
}
