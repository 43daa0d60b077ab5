import { WarningOutlined } from '@ant-design/icons';
import { Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ShopWithSettings } from './adapter-values.js';

/** The address the platform pushes this shop's events to, with what stands in the way of using it. */
export function WebhookCell({ shop }: { shop: ShopWithSettings }) {
  const { t } = useTranslation('shops');
  const w = shop.webhook;
  if (shop.platform === 'manual' || !w) return <Typography.Text type="secondary">—</Typography.Text>;
  // The built-in simulator posts over loopback: a public https address is no concern of its shops.
  const simulated = shop.settings?.simulated === true;
  return (
    <Flex vertical gap={2} data-testid="shop-webhook">
      <Typography.Text copyable={{ text: w.url, tooltips: [t('webhook.copy'), t('webhook.copied')] }} code>
        {w.url}
      </Typography.Text>
      {simulated && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="shop-webhook-simulated">
          {t('webhook.simulated')}
        </Typography.Text>
      )}
      {!simulated && !w.configured && (
        <Tooltip title={t('webhook.unconfiguredHint')}>
          <Typography.Text type="warning" data-testid="shop-webhook-unconfigured">
            <WarningOutlined /> {t('webhook.unconfigured')}
          </Typography.Text>
        </Tooltip>
      )}
      {!simulated && !w.https && (
        <Typography.Text type="danger" data-testid="shop-webhook-http">
          <WarningOutlined /> {t('webhook.notHttps')}
        </Typography.Text>
      )}
    </Flex>
  );
}
