// The reconciler's settings in the shop form: on/off, which feeds, the list APIs' method names, page
// size and window. Every default is an UNCERTAIN platform fact (src/channels/pull.ts), hence editable.

import { Checkbox, Flex, Form, Input, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../channels/channel.js';
import { PLATFORM_FEEDS } from '../../../channels/pull.js';

/** The same rule the server applies to a method name (src/shops/shop-settings.ts). */
const METHOD_NAME = /^[A-Za-z0-9_./-]{1,120}$/;

/** The reconciler's settings for a shop of this platform: only the feeds its list APIs have. */
export function ReconcileFields({ platform }: { platform: Platform }) {
  const { t } = useTranslation('shops');
  const feeds = PLATFORM_FEEDS[platform];
  return (
    <>
      <Form.Item
        name={['adapter', 'reconcileOn']}
        label={t('adapter.reconcileOn')}
        extra={t('adapter.reconcileOnHelp')}
        valuePropName="checked"
      >
        <Switch data-testid="shop-reconcile-on" />
      </Form.Item>
      <Form.Item
        name={['adapter', 'reconcileFeeds']}
        label={t('more.reconcileFeeds')}
        extra={t('more.reconcileFeedsHelp')}
      >
        <Checkbox.Group
          options={feeds.map((f) => ({ value: f, label: t(`more.feed.${f}`) }))}
          data-testid="shop-reconcile-feeds"
        />
      </Form.Item>
      <Form.Item label={t('more.reconcileMethods')} extra={t('more.reconcileMethodsHelp')}>
        <Flex gap={8} wrap>
          {feeds.map((f) => (
            <Form.Item
              key={f}
              name={['adapter', 'reconcileMethods', f]}
              style={{ marginBottom: 0, minWidth: 200, flex: 1 }}
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    if (v?.trim() && !METHOD_NAME.test(v.trim())) throw new Error(t('more.methodBad'));
                  },
                },
              ]}
            >
              <Input
                addonBefore={t(`more.feed.${f}`)}
                placeholder={t('more.methodDefault')}
                autoComplete="off"
                allowClear
                data-testid={`shop-reconcile-method-${f}`}
              />
            </Form.Item>
          ))}
        </Flex>
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
  );
}
