import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { markSentByHand, retryDelivery, retryMessage } from './channels-api.js';

/** "Send again" on an outbound message the platform did not take; refreshes the thread. */
export function RetryDelivery({ messageId, ticketId }: { messageId: string; ticketId: string }) {
  const { t } = useTranslation('channels');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => retryMessage(messageId),
    onSuccess: () => {
      message.success(t('delivery.retried'));
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
    },
  });
  return (
    <Tooltip title={t('delivery.retry')}>
      <Button
        size="small"
        type="link"
        danger
        icon={<ReloadOutlined />}
        loading={retry.isPending}
        onClick={() => retry.mutate()}
        data-testid="retry-delivery"
      >
        {t('delivery.retry')}
      </Button>
    </Tooltip>
  );
}

/** "Send again" on a failed platform step (a refund, a return instruction): by its outbox row. */
export function RetryOutbox({ outboxId }: { outboxId: string }) {
  const { t } = useTranslation('channels');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => retryDelivery(outboxId),
    onSuccess: () => {
      message.success(t('delivery.retried'));
      void queryClient.invalidateQueries();
    },
  });
  return (
    <Button
      size="small"
      type="link"
      danger
      icon={<ReloadOutlined />}
      loading={retry.isPending}
      onClick={() => retry.mutate()}
      data-testid="retry-outbox"
    >
      {t('delivery.retry')}
    </Button>
  );
}

/**
 * "Sent in the back office" on a message the platform has no API for: the agent pasted it there and
 * says so. Refreshes everything that shows it (the thread, an offer's "told" line).
 */
export function MarkSentByHand({
  messageId,
  ticketId,
  primary = false,
}: {
  messageId: string;
  ticketId: string;
  primary?: boolean;
}) {
  const { t } = useTranslation('channels');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mark = useMutation({
    mutationFn: () => markSentByHand(ticketId, messageId),
    onSuccess: () => {
      message.success(t('delivery.markedSent'));
      void queryClient.invalidateQueries();
    },
  });
  return (
    <Tooltip title={t('delivery.markSentHelp')}>
      <Button
        size="small"
        type={primary ? 'primary' : 'link'}
        icon={<CheckOutlined />}
        loading={mark.isPending}
        onClick={() => mark.mutate()}
        data-testid="mark-sent-by-hand"
      >
        {t('delivery.markSent')}
      </Button>
    </Tooltip>
  );
}
