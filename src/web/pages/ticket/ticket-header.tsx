import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PlatformLabel, SeverityTag, StatusTag } from '../../app/labels.js';
import type { TicketDetail } from '../../app/types.js';
import { ExpectedWaitButton } from '../sla/expected-wait-button.js';
import { SlaBadge } from '../sla/sla-badge.js';
import { StatusControl } from './status-control.js';

export function TicketHeader({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation('ticket');
  const navigate = useNavigate();
  return (
    <Card styles={{ body: { padding: '16px 20px' } }}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <Flex gap={12} align="flex-start" style={{ minWidth: 0, flex: 1 }}>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('back')}
            onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/inbox'))}
          />
          <Flex vertical gap={6} style={{ minWidth: 0 }}>
            <Flex align="center" gap={10} wrap>
              <Typography.Text type="secondary" style={{ fontSize: 16 }} data-testid="ticket-number">
                #{ticket.number}
              </Typography.Text>
              <Typography.Title
                level={4}
                style={{ margin: 0, wordBreak: 'break-word' }}
                data-testid="ticket-subject"
              >
                {ticket.subject}
              </Typography.Title>
            </Flex>
            <Space size={6} wrap>
              <StatusTag status={ticket.status} />
              <SeverityTag severity={ticket.severity} />
              <SlaBadge sla={ticket.sla} closed={ticket.status === 'closed'} />
              <Tag style={{ marginInlineEnd: 0 }}>{t(`common:kind.${ticket.kind}`)}</Tag>
              <Tag style={{ marginInlineEnd: 0 }}>{t(`common:channel.${ticket.channel}`)}</Tag>
              {ticket.shop && <PlatformLabel platform={ticket.shop.platform} name={ticket.shop.name} />}
            </Space>
          </Flex>
        </Flex>
        <Flex align="center" gap={8}>
          <ExpectedWaitButton ticketId={ticket.id} disabled={ticket.status === 'closed'} />
          <Typography.Text type="secondary">{t('status.label')}</Typography.Text>
          <StatusControl ticket={ticket} />
        </Flex>
      </Flex>
    </Card>
  );
}
