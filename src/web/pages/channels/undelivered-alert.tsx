import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../app/types.js';

/**
 * Above the thread when the latest reply by a person has not reached the buyer: the SLA clock counts
 * a response only once delivered, so it keeps running — said here instead of a green "met".
 */
export function UndeliveredAlert({ messages }: { messages: Message[] | undefined }) {
  const { t } = useTranslation('channels');
  const latest = [...(messages ?? [])]
    .reverse()
    .find((m) => m.direction === 'outbound' && m.authorType !== 'system');
  // A manual one (no platform API) has its own note under the message: copy it to the back office.
  if (!latest?.delivery || latest.delivery.state === 'sent' || latest.delivery.manual) return null;
  const failed = latest.delivery.state === 'failed';
  return (
    <Alert
      type={failed ? 'error' : 'warning'}
      showIcon
      data-testid="undelivered-alert"
      data-state={latest.delivery.manual ? 'manual' : latest.delivery.state}
      message={t(failed ? 'delivery.undeliveredFailed' : 'delivery.undelivered')}
    />
  );
}
