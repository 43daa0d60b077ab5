// The "高级 / 对接设置" part of the shop form: the per-shop settings the platform adapters read.
// The access token is write-only: the API answers only whether one is set (hasAccessToken).

import {
  CheckCircleFilled,
  DeleteOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Button, Flex, Form, type FormRule, Input, Select, type SelectProps, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DELIVERY_EVENTS } from '../../../channels/delivery-event-names.js';
import type { Platform } from '../../app/types.js';
import { type AdapterValues, OUTBOX_KINDS, type ShopWithSettings } from './adapter-values.js';
import { PlatformFields } from './platform-fields.js';
import { ReconcileFields } from './reconcile-fields.js';

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

/** The form fields, under the `adapter` name of the shop form. */
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
      {platform !== 'manual' && <PlatformFields platform={platform} />}
      {platform !== 'manual' && <ReconcileFields platform={platform} />}
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
