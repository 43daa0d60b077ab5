// The "高级 / 对接设置" part of the shop form: the per-shop settings the platform adapters read.
// The access token is write-only: the API answers only whether one is set (hasAccessToken).

import {
  CheckCircleFilled,
  DeleteOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  Button,
  Flex,
  Form,
  type FormRule,
  Input,
  InputNumber,
  Select,
  type SelectProps,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DELIVERY_EVENTS } from '../../../channels/delivery-event-names.js';
import type { OutboxKind, ShopSettingsView } from '../../../shops/shop-settings.js';
import type { WebhookAddress } from '../../../shops/webhook-address.js';
import type { Platform, Shop } from '../../app/types.js';
import type { Authorisation } from './authorisation-cell.js';
import { type ReplyLimitValues, replyLimitsBody } from './reply-limit-fields.js';

/** A shop as the API returns it, with its adapter settings (the token never comes back). */
export type ShopWithSettings = Shop & {
  hasAccessToken?: boolean;
  settings?: ShopSettingsView;
  authorisation?: Authorisation;
  webhook?: WebhookAddress;
};

/** Every outbox kind, in the order the form lists them (the Record makes the list complete). */
export const OUTBOX_KINDS = Object.keys({
  reply: 1,
  acknowledgement: 1,
  notice: 1,
  agree_refund: 1,
  refuse_refund: 1,
  return_instruction: 1,
  evidence: 1,
  exchange_shipped: 1,
  review_reply: 1,
  approve_cancellation: 1,
  reject_cancellation: 1,
} satisfies Record<OutboxKind, 1>) as OutboxKind[];

export type AdapterValues = {
  apiBaseUrl?: string;
  authBaseUrl?: string;
  douyinServiceId?: string;
  accessToken?: string;
  ingestPositiveReviews?: boolean;
  pddAmountUnit?: 'fen' | 'yuan';
  taobaoRefundPhase?: 'onsale' | 'aftersale';
  taobaoDisputeFeeUnit?: 'fen' | 'yuan';
  pddMessageService?: boolean;
  pddMessageUrl?: string;
  outboundMethods?: { kind?: OutboxKind; method?: string }[];
  deliveryEvents?: string[];
  reconcileOn?: boolean;
  reconcilePageSize?: number | null;
  reconcileWindowMinutes?: number | null;
  replyLimits?: ReplyLimitValues;
};

type ReconcileSettings = NonNullable<ShopSettingsView['reconcile']>;

/** The body's `settings` part. */
export type SettingsBody = {
  apiBaseUrl?: string | null;
  authBaseUrl?: string | null;
  douyinServiceId?: string | null;
  accessToken?: string | null;
  ingestPositiveReviews?: boolean | null;
  pddAmountUnit?: 'fen' | 'yuan' | null;
  taobaoRefundPhase?: 'onsale' | 'aftersale' | null;
  taobaoDisputeFeeUnit?: 'fen' | 'yuan' | null;
  pddMessageService?: boolean | null;
  pddMessageUrl?: string | null;
  outboundMethods?: Partial<Record<OutboxKind, string>> | null;
  deliveryEvents?: string[] | null;
  reconcile?: ReconcileSettings | null;
  replyLimits?: ShopSettingsView['replyLimits'] | null;
};

export function initialAdapterValues(shop: ShopWithSettings | undefined): AdapterValues {
  const s = shop?.settings ?? {};
  return {
    apiBaseUrl: s.apiBaseUrl,
    authBaseUrl: s.authBaseUrl,
    douyinServiceId: s.douyinServiceId,
    ingestPositiveReviews: s.ingestPositiveReviews === true,
    pddAmountUnit: s.pddAmountUnit,
    taobaoRefundPhase: s.taobaoRefundPhase,
    taobaoDisputeFeeUnit: s.taobaoDisputeFeeUnit,
    pddMessageService: s.pddMessageService === true,
    pddMessageUrl: s.pddMessageUrl,
    outboundMethods: Object.entries(s.outboundMethods ?? {}).map(([kind, method]) => ({
      kind: kind as OutboxKind,
      method,
    })),
    deliveryEvents: s.deliveryEvents ?? [],
    reconcileOn: s.reconcile?.enabled !== false,
    reconcilePageSize: s.reconcile?.pageSize ?? null,
    reconcileWindowMinutes: s.reconcile?.maxWindowMinutes ?? null,
    replyLimits: { ...s.replyLimits },
  };
}

/**
 * The reconcile overrides to send: the form's switch, page size and window over what the API set
 * and the form does not show (feeds, method names), so saving the form keeps them.
 */
function reconcileBody(v: AdapterValues | undefined, kept: ReconcileSettings | undefined) {
  const { enabled: _e, pageSize: _p, maxWindowMinutes: _w, ...rest } = kept ?? {};
  const next: ReconcileSettings = {
    ...rest,
    ...(v?.reconcileOn === false ? { enabled: false } : {}),
    ...(v?.reconcilePageSize ? { pageSize: v.reconcilePageSize } : {}),
    ...(v?.reconcileWindowMinutes ? { maxWindowMinutes: v.reconcileWindowMinutes } : {}),
  };
  return Object.keys(next).length ? next : null;
}

/**
 * The settings to send. On edit every shown key is sent (empty → null removes it; switches off →
 * null, the adapters' default); on create only what was filled in. The token is sent only when typed,
 * or as null when the user asked to clear it.
 */
export function settingsBody(
  v: AdapterValues | undefined,
  {
    platform,
    editing,
    clearToken,
    kept,
  }: {
    platform: Platform;
    editing: boolean;
    clearToken: boolean;
    kept?: ShopSettingsView | undefined;
  },
): SettingsBody | undefined {
  if (platform === 'manual') return undefined;
  const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  const methods: Partial<Record<OutboxKind, string>> = {};
  for (const row of v?.outboundMethods ?? []) {
    if (row.kind && row.method?.trim()) methods[row.kind] = row.method.trim();
  }
  const token = trimmed(v?.accessToken);
  const deliveryEvents = [...new Set((v?.deliveryEvents ?? []).map((e) => e.trim()).filter(Boolean))];
  const body: SettingsBody = {
    apiBaseUrl: trimmed(v?.apiBaseUrl),
    authBaseUrl: trimmed(v?.authBaseUrl),
    ingestPositiveReviews: v?.ingestPositiveReviews ? true : null,
    outboundMethods: Object.keys(methods).length ? methods : null,
    deliveryEvents: deliveryEvents.length ? deliveryEvents : null,
    reconcile: reconcileBody(v, kept?.reconcile),
    replyLimits: replyLimitsBody(v?.replyLimits),
    ...(token ? { accessToken: token } : clearToken ? { accessToken: null } : {}),
    ...(platform === 'douyin' ? { douyinServiceId: trimmed(v?.douyinServiceId) } : {}),
    ...(platform === 'taobao'
      ? {
          taobaoRefundPhase: v?.taobaoRefundPhase ?? null,
          taobaoDisputeFeeUnit: v?.taobaoDisputeFeeUnit ?? null,
        }
      : {}),
    ...(platform === 'pinduoduo'
      ? {
          pddAmountUnit: v?.pddAmountUnit ?? null,
          pddMessageService: v?.pddMessageService ? true : null,
          pddMessageUrl: trimmed(v?.pddMessageUrl),
        }
      : {}),
  };
  if (editing) return body;
  const created = Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null));
  return Object.keys(created).length ? created : undefined;
}

/** Empty, or a full URL with one of these protocols. */
function urlRule(protocols: string[], message: string): FormRule {
  return {
    validator: async (_, value: string | undefined) => {
      const v = value?.trim();
      if (!v) return;
      let protocol: string | null = null;
      try {
        protocol = new URL(v).protocol;
      } catch {
        protocol = null;
      }
      if (!protocol || !protocols.includes(protocol)) throw new Error(message);
    },
  };
}

/** The form fields, under the `adapter` name of the shop form. */
/** How a platform writes amounts (fen or yuan) where its documents disagree; empty keeps the default. */
function AmountUnitSelect({ testId, ...field }: SelectProps & { testId: string }) {
  const { t } = useTranslation('shops');
  return (
    <Select
      {...field}
      allowClear
      placeholder={t('adapter.unitDefault')}
      options={[
        { value: 'fen', label: t('adapter.unitFen') },
        { value: 'yuan', label: t('adapter.unitYuan') },
      ]}
      data-testid={testId}
    />
  );
}

export function AdapterSettingsFields({
  platform,
  shop,
  clearToken,
  onClearToken,
}: {
  platform: Platform;
  shop: ShopWithSettings | undefined;
  clearToken: boolean;
  onClearToken: (clear: boolean) => void;
}) {
  const { t } = useTranslation('shops');
  const form = Form.useFormInstance();
  const overrideRows: NonNullable<AdapterValues['outboundMethods']> =
    Form.useWatch(['adapter', 'outboundMethods'], form) ?? [];
  const tokenSet = Boolean(shop?.hasAccessToken) && !clearToken;
  const httpUrl = urlRule(['http:', 'https:'], t('adapter.badUrl'));
  const wsUrl = urlRule(['ws:', 'wss:'], t('adapter.badWsUrl'));

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('adapter.hint')}
      </Typography.Paragraph>
      <Form.Item
        name={['adapter', 'apiBaseUrl']}
        label={t('adapter.apiBaseUrl')}
        extra={t('adapter.apiBaseUrlHelp')}
        rules={[httpUrl, { max: 500, message: t('adapter.tooLong', { max: 500 }) }]}
      >
        <Input
          placeholder="https://gw.example.com"
          autoComplete="off"
          allowClear
          data-testid="shop-api-base-url"
        />
      </Form.Item>
      <Form.Item
        name={['adapter', 'authBaseUrl']}
        label={t('adapter.authBaseUrl')}
        extra={t('adapter.authBaseUrlHelp')}
        rules={[httpUrl, { max: 500, message: t('adapter.tooLong', { max: 500 }) }]}
      >
        <Input placeholder="https://" autoComplete="off" allowClear data-testid="shop-auth-base-url" />
      </Form.Item>
      {platform === 'douyin' && (
        <Form.Item
          name={['adapter', 'douyinServiceId']}
          label={t('adapter.douyinServiceId')}
          extra={t('adapter.douyinServiceIdHelp')}
          rules={[{ max: 100, message: t('adapter.tooLong', { max: 100 }) }]}
        >
          <Input autoComplete="off" allowClear data-testid="shop-douyin-service-id" />
        </Form.Item>
      )}
      <Form.Item
        label={
          <Flex gap={8} align="center">
            <span>{t('adapter.accessToken')}</span>
            <span data-testid="shop-access-token-state">
              {tokenSet ? (
                <Typography.Text type="success">
                  <CheckCircleFilled /> {t('secret.set')}
                </Typography.Text>
              ) : clearToken ? (
                <Typography.Text type="warning">
                  <MinusCircleOutlined /> {t('adapter.tokenWillClear')}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">
                  <MinusCircleOutlined /> {t('secret.unset')}
                </Typography.Text>
              )}
            </span>
          </Flex>
        }
        extra={t('adapter.accessTokenHelp')}
      >
        <Flex gap={8}>
          <Form.Item
            name={['adapter', 'accessToken']}
            noStyle
            rules={[{ max: 4000, message: t('adapter.tooLong', { max: 4000 }) }]}
          >
            <Input.Password
              maxLength={4000}
              autoComplete="new-password"
              placeholder={tokenSet ? t('fields.appSecretKeep') : undefined}
              disabled={clearToken}
              data-testid="shop-access-token"
            />
          </Form.Item>
          {shop?.hasAccessToken &&
            (clearToken ? (
              <Button
                icon={<UndoOutlined />}
                onClick={() => onClearToken(false)}
                data-testid="shop-access-token-undo"
              >
                {t('adapter.tokenKeep')}
              </Button>
            ) : (
              <Button
                danger
                icon={<DeleteOutlined />}
                onClick={() => {
                  form.setFieldValue(['adapter', 'accessToken'], undefined);
                  onClearToken(true);
                }}
                data-testid="shop-access-token-clear"
              >
                {t('adapter.tokenClear')}
              </Button>
            ))}
        </Flex>
      </Form.Item>
      <Form.Item
        name={['adapter', 'ingestPositiveReviews']}
        label={t('adapter.ingestPositiveReviews')}
        extra={t('adapter.ingestPositiveReviewsHelp')}
        valuePropName="checked"
      >
        <Switch data-testid="shop-positive-reviews" />
      </Form.Item>
      {platform === 'taobao' && (
        <>
          <Form.Item
            name={['adapter', 'taobaoRefundPhase']}
            label={t('adapter.taobaoRefundPhase')}
            extra={t('adapter.taobaoRefundPhaseHelp')}
          >
            <Select
              allowClear
              placeholder={t('adapter.taobaoRefundPhaseDefault')}
              options={[
                { value: 'onsale', label: t('adapter.phaseOnsale') },
                { value: 'aftersale', label: t('adapter.phaseAftersale') },
              ]}
              data-testid="shop-taobao-refund-phase"
            />
          </Form.Item>
          <Form.Item
            name={['adapter', 'taobaoDisputeFeeUnit']}
            label={t('adapter.taobaoDisputeFeeUnit')}
            extra={t('adapter.taobaoDisputeFeeUnitHelp')}
          >
            <AmountUnitSelect testId="shop-taobao-dispute-unit" />
          </Form.Item>
        </>
      )}
      {platform === 'pinduoduo' && (
        <>
          <Form.Item
            name={['adapter', 'pddAmountUnit']}
            label={t('adapter.pddAmountUnit')}
            extra={t('adapter.pddAmountUnitHelp')}
          >
            <AmountUnitSelect testId="shop-pdd-amount-unit" />
          </Form.Item>
          <Form.Item
            name={['adapter', 'pddMessageService']}
            label={t('adapter.pddMessageService')}
            extra={t('adapter.pddMessageServiceHelp')}
            valuePropName="checked"
          >
            <Switch data-testid="shop-pdd-message-service" />
          </Form.Item>
          <Form.Item
            name={['adapter', 'pddMessageUrl']}
            label={t('adapter.pddMessageUrl')}
            extra={t('adapter.pddMessageUrlHelp')}
            rules={[wsUrl, { max: 500, message: t('adapter.tooLong', { max: 500 }) }]}
          >
            <Input
              placeholder="wss://message-api.pinduoduo.com"
              autoComplete="off"
              allowClear
              data-testid="shop-pdd-message-url"
            />
          </Form.Item>
        </>
      )}
      {platform !== 'manual' && (
        <Form.Item
          name={['adapter', 'deliveryEvents']}
          label={t('adapter.deliveryEvents')}
          extra={t('adapter.deliveryEventsHelp', {
            defaults: DEFAULT_DELIVERY_EVENTS[platform].join(', '),
          })}
          rules={[
            {
              validator: async (_, list: string[] | undefined) => {
                const bad = (list ?? []).find(
                  (e) => !/^[A-Za-z0-9_.-]{1,100}(:[A-Za-z0-9_]{1,60})?$/.test(e.trim()),
                );
                if (bad) throw new Error(t('adapter.deliveryEventBad', { name: bad }));
                if ((list ?? []).length > 20) throw new Error(t('adapter.deliveryEventsTooMany'));
              },
            },
          ]}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', ' ']}
            placeholder={DEFAULT_DELIVERY_EVENTS[platform].join(', ')}
            open={false}
            data-testid="shop-delivery-events"
          />
        </Form.Item>
      )}
      {platform !== 'manual' && (
        <>
          <Form.Item
            name={['adapter', 'reconcileOn']}
            label={t('adapter.reconcileOn')}
            extra={t('adapter.reconcileOnHelp')}
            valuePropName="checked"
          >
            <Switch data-testid="shop-reconcile-on" />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              name={['adapter', 'reconcilePageSize']}
              label={t('adapter.reconcilePageSize')}
              extra={t('adapter.reconcileDefault')}
            >
              <InputNumber min={1} max={200} precision={0} data-testid="shop-reconcile-page-size" />
            </Form.Item>
            <Form.Item
              name={['adapter', 'reconcileWindowMinutes']}
              label={t('adapter.reconcileWindow')}
              extra={t('adapter.reconcileDefault')}
            >
              <InputNumber
                min={1}
                max={1440}
                precision={0}
                addonAfter={t('adapter.minutes')}
                data-testid="shop-reconcile-window"
              />
            </Form.Item>
          </Flex>
        </>
      )}
      <Form.Item label={t('adapter.outboundMethods')} extra={t('adapter.outboundMethodsHelp')}>
        <Form.List name={['adapter', 'outboundMethods']}>
          {(rows, { add, remove }) => (
            <Flex vertical gap={8}>
              {rows.map((row) => (
                <Flex key={row.key} gap={8} align="start">
                  <Form.Item
                    name={[row.name, 'kind']}
                    noStyle
                    rules={[
                      { required: true, message: t('adapter.kindRequired') },
                      ({ getFieldValue }) => ({
                        validator: async (_, kind: string | undefined) => {
                          const all = (getFieldValue(['adapter', 'outboundMethods']) ?? []) as {
                            kind?: string;
                          }[];
                          if (kind && all.filter((r) => r?.kind === kind).length > 1)
                            throw new Error(t('adapter.kindTwice'));
                        },
                      }),
                    ]}
                  >
                    <Select
                      style={{ width: 200, flex: 'none' }}
                      placeholder={t('adapter.kind')}
                      options={OUTBOX_KINDS.map((k) => ({
                        value: k,
                        label: `${t(`kinds.${k}`)} (${k})`,
                        // a kind is overridden once: the ones other rows chose are not offered again
                        disabled: overrideRows.some((r, i) => i !== row.name && r?.kind === k),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'method']}
                    noStyle
                    rules={[
                      { required: true, whitespace: true, message: t('adapter.methodRequired') },
                      { max: 200, message: t('adapter.tooLong', { max: 200 }) },
                    ]}
                  >
                    <Input maxLength={200} placeholder={t('adapter.method')} autoComplete="off" />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('adapter.removeOverride')}
                    onClick={() => remove(row.name)}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({})}
                disabled={rows.length >= OUTBOX_KINDS.length}
                data-testid="shop-add-override"
              >
                {t('adapter.addOverride')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
