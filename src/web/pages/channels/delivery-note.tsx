import { Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { explainDeliveryFailure, type Locale } from '../../../channels/delivery-reasons.js';
import type { DeliveryStatus } from '../../app/types.js';

/** The console's language as the delivery reasons know it. */
export function useDeliveryLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

/**
 * Under an outbound message the platform did not take: what went wrong and what to do, in the
 * merchant's language, and the platform's own words; for a manual one, the text to paste into the
 * platform's back office.
 */
export function DeliveryNote({
  status,
  error,
  body,
}: {
  status: DeliveryStatus | null;
  error: string | null;
  body: string;
}) {
  const { t } = useTranslation('channels');
  const locale = useDeliveryLocale();
  if (status === 'manual') {
    return (
      <Flex vertical gap={2} className="delivery-note" data-testid="delivery-manual">
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {explainDeliveryFailure(error ?? '[manual_only]', locale)?.advice}
        </Typography.Text>
        <Typography.Text
          copyable={{ text: body, tooltips: [t('delivery.copy'), t('delivery.copied')] }}
          style={{ fontSize: 12 }}
        >
          {t('delivery.copyHint')}
        </Typography.Text>
      </Flex>
    );
  }
  if (status !== 'failed' || !error) return null;
  const why = explainDeliveryFailure(error, locale);
  if (!why) return null;
  return (
    <Flex
      vertical
      gap={2}
      className="delivery-note"
      data-testid="delivery-failed"
      data-category={why.category}
    >
      <Typography.Text type="danger" style={{ fontSize: 12 }}>
        <strong>{why.title}</strong>
        {locale === 'zh' ? '：' : ': '}
        {why.advice}
      </Typography.Text>
      {why.detail && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('delivery.platformSaid', { detail: why.detail })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/**
 * A stored failure in one line for a table cell: its title, what to do on hover, and the platform's
 * words below the advice.
 */
export function DeliveryReason({ error }: { error: string | null | undefined }) {
  const { t } = useTranslation('channels');
  const why = explainDeliveryFailure(error, useDeliveryLocale());
  if (!why) return null;
  return (
    <Tooltip
      title={
        <Flex vertical gap={4}>
          <span>{why.advice}</span>
          {why.detail && (
            <span style={{ opacity: 0.75 }}>{t('delivery.platformSaid', { detail: why.detail })}</span>
          )}
        </Flex>
      }
    >
      <Typography.Text type="danger" data-testid="delivery-reason" data-category={why.category}>
        {why.title}
      </Typography.Text>
    </Tooltip>
  );
}
