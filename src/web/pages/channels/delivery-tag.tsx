import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { explainDeliveryFailure } from '../../../channels/delivery-reasons.js';
import type { Delivery } from '../../../ingest/delivery-state.js';
import { platformSaid } from './delivery-note.js';

const COLOR = { queued: 'processing', retrying: 'warning', sent: 'success', failed: 'error' } as const;

/**
 * The true delivery state of an outbound act, everywhere it appears (a reply, an acknowledgement, a
 * refund, a return instruction, a notice): queued, retrying (with why), sent by the platform, or
 * failed with the reason in the merchant's language — never "sent" for what did not go out, and
 * "sent by a person" (not "delivered by the platform") for what an agent marked as sent by hand.
 */
export function DeliveryTag({ delivery }: { delivery: Delivery }) {
  const { t, i18n } = useTranslation('channels');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const state = delivery.manual ? 'manual' : delivery.byHand ? 'by_hand' : delivery.state;
  const why = delivery.reason ? explainDeliveryFailure(delivery.reason, lang) : null;
  const said = why ? platformSaid(why, t) : null;
  const tip = delivery.byHand ? t('delivery.byHandHelp') : [why?.advice, said].filter(Boolean).join(' ');
  return (
    <Tooltip title={tip || undefined}>
      <Tag
        color={state === 'manual' ? 'orange' : COLOR[delivery.state]}
        style={{ marginInlineEnd: 0 }}
        data-testid="delivery-tag"
        data-state={state}
      >
        {t(`delivery.state.${state}`)}
      </Tag>
    </Tooltip>
  );
}
