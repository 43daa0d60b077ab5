import { Flex, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  type DeliveryExplanation,
  explainDeliveryFailure,
  type Locale,
} from '../../../channels/delivery-reasons.js';
import type { DeliveryStatus } from '../../app/types.js';

/** The console's language as the delivery reasons know it. */
export function useDeliveryLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

/**
 * The platform's own words of a failure, without the "taobao 15/isv.refund-status-not-support:" the
 * sender writes in front (the code is shown on its own) and without the code said again among them.
 */
export function platformWords(why: Pick<DeliveryExplanation, 'platform' | 'code' | 'detail'>): string {
  let words = why.detail.trim();
  const prefix = why.platform ? `${why.platform}${why.code ? ` ${why.code}` : ''}` : null;
  if (prefix && words.startsWith(prefix)) words = words.slice(prefix.length).replace(/^:\s?/, '').trim();
  const codes = new Set((why.code ?? '').split('/').filter(Boolean));
  const parts = words.split(' · ').filter((p) => !codes.has(p.trim()));
  return parts.join(' · ') || words;
}

/**
 * "平台原文（错误码 27/session-expired）：Invalid session": the platform's words labelled as the
 * platform's, never ours; null when it said nothing beyond its code.
 */
export function platformSaid(
  why: Pick<DeliveryExplanation, 'platform' | 'code' | 'detail'>,
  t: TFunction<'channels'>,
): string | null {
  const detail = platformWords(why);
  if (!detail) return null;
  return why.code
    ? t('delivery.platformSaidCode', { code: why.code, detail })
    : t('delivery.platformSaid', { detail });
}

export function PlatformSaid({ why }: { why: DeliveryExplanation }) {
  const { t } = useTranslation('channels');
  const said = platformSaid(why, t);
  if (!said) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="platform-said">
      {said}
    </Typography.Text>
  );
}

/** A failure's title and what to do (the code's own advice where the platform's table has one), then the platform's words. */
export function FailureReason({ why }: { why: DeliveryExplanation }) {
  const locale = useDeliveryLocale();
  return (
    <>
      <Typography.Text type="danger" style={{ fontSize: 12 }}>
        <strong>{why.title}</strong>
        {locale === 'zh' ? '：' : ': '}
        {why.advice}
      </Typography.Text>
      <PlatformSaid why={why} />
    </>
  );
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
      <FailureReason why={why} />
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
  const said = platformSaid(why, t);
  return (
    <Tooltip
      title={
        <Flex vertical gap={4}>
          <span>{why.advice}</span>
          {said && <span style={{ opacity: 0.75 }}>{said}</span>}
        </Flex>
      }
    >
      <Typography.Text type="danger" data-testid="delivery-reason" data-category={why.category}>
        {why.title}
      </Typography.Text>
    </Tooltip>
  );
}
