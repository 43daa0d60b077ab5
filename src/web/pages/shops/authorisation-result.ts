import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { DELIVERY_TITLE, type DeliveryCategory } from '../../../channels/delivery-error.js';

const KNOWN_REASONS = ['state_expired', 'other_user', 'shop_changed', 'no_state'];

/** After the platform's redirect (?authorise=…): says how it went once, then clears the address bar. */
export function useAuthorisationResult() {
  const { t, i18n } = useTranslation('shops');
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const outcome = params.get('authorise');
  const reason = params.get('reason') ?? '';
  useEffect(() => {
    if (outcome !== 'authorised' && outcome !== 'denied' && outcome !== 'failed') return;
    const category = DELIVERY_TITLE[reason as DeliveryCategory];
    const why = KNOWN_REASONS.includes(reason)
      ? t(`authorise.reason.${reason}`)
      : category
        ? i18n.language.startsWith('en')
          ? category.en
          : category.zh
        : t('authorise.reason.no_state');
    if (outcome === 'authorised') void message.success(t('authorise.result.authorised'));
    else if (outcome === 'denied') void message.info(t('authorise.result.denied'));
    else void message.error({ content: t('authorise.result.failed', { reason: why }), duration: 8 });
    setParams({}, { replace: true });
  }, [outcome, reason, t, i18n.language, message, setParams]);
}
