import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Empty, Flex, Skeleton, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { actorName } from '../../app/actor-name.js';
import type { Message } from '../../app/types.js';
import { DeliveryNote } from '../channels/delivery-note.js';
import { DeliveryTag } from '../channels/delivery-tag.js';
import { MarkSentByHand, RetryDelivery } from '../channels/retry-delivery.js';
import './ticket.css';

/** The conversation: buyer messages on the left, replies on the right, internal notes highlighted. */
export function Thread({ messages, loading }: { messages: Message[] | undefined; loading: boolean }) {
  const { t } = useTranslation('ticket');
  const endRef = useRef<HTMLDivElement | null>(null);
  const count = messages?.length ?? 0;
  useEffect(() => {
    if (count) endRef.current?.scrollIntoView({ block: 'end' });
  }, [count]);

  if (loading) return <Skeleton active avatar paragraph={{ rows: 3 }} />;
  if (!messages?.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('thread.empty')} />;
  return (
    <Flex vertical gap={16} className="ticket-thread" data-testid="thread">
      {messages.map((m) => (
        <Bubble key={m.id} message={m} />
      ))}
      <div ref={endRef} />
    </Flex>
  );
}

function Bubble({ message: m }: { message: Message }) {
  const { t } = useTranslation('ticket');
  const outbound = m.direction === 'outbound';
  const note = m.direction === 'note';
  const time = dayjs(m.createdAt);
  return (
    <Flex
      gap={10}
      justify={outbound ? 'flex-end' : 'flex-start'}
      className={`thread-row thread-${m.direction}`}
      data-direction={m.direction}
    >
      {!outbound && (
        <Avatar
          size={32}
          style={{ flex: 'none', background: note ? '#faad14' : '#bfbfbf' }}
          icon={note ? <LockOutlined /> : <UserOutlined />}
        />
      )}
      <Flex vertical gap={4} style={{ maxWidth: '78%', alignItems: outbound ? 'flex-end' : 'flex-start' }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong style={{ fontSize: 13 }}>
            {m.authorName || m.authorType === 'customer'
              ? actorName(m.authorName, m.authorType, t)
              : t(`common:direction.${m.direction}`)}
          </Typography.Text>
          {note && (
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              {t('thread.internal')}
            </Tag>
          )}
          <Tooltip title={time.format('YYYY-MM-DD HH:mm:ss')}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {time.format('MM-DD HH:mm')}
            </Typography.Text>
          </Tooltip>
          {m.delivery && <DeliveryTag delivery={m.delivery} />}
          {m.deliveryStatus === 'failed' && <RetryDelivery messageId={m.id} ticketId={m.ticketId} />}
          {m.deliveryStatus === 'manual' && <MarkSentByHand messageId={m.id} ticketId={m.ticketId} />}
        </Flex>
        {/* Bodies are plain text: React escapes them; never render HTML from buyers. */}
        <div className="thread-bubble">{m.body}</div>
        {outbound && <DeliveryNote status={m.deliveryStatus} error={m.deliveryError} body={m.body} />}
        {m.attachments.length > 0 && (
          <Flex gap={4} wrap>
            {m.attachments.map((a) => (
              <Tag key={a.sha256 ?? a.url ?? a.name}>{a.name}</Tag>
            ))}
          </Flex>
        )}
      </Flex>
      {outbound && (
        <Avatar size={32} style={{ flex: 'none', background: '#1668dc' }}>
          {(actorName(m.authorName, m.authorType, t) || 'A').slice(0, 1)}
        </Avatar>
      )}
    </Flex>
  );
}
