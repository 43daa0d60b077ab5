import { Button, Card, Col, Flex, Result, Row, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { UndeliveredAlert } from '../channels/undelivered-alert.js';
import { CaseDisputes } from '../disputes/case-disputes.js';
import { EvidencePanel } from '../evidence/evidence-panel.js';
import { TicketGuidance, TicketResolution } from '../playbooks/ticket-aftercare.js';
import { SnapshotPanel } from '../quality/snapshot-panel.js';
import { OpenRecallButton } from '../recalls/open-recall-button.js';
import { TriagePanel } from '../triage/triage-panel.js';
import { AuditTimeline } from './audit-timeline.js';
import { CustomerPanel } from './customer-panel.js';
import { PropertiesPanel } from './properties-panel.js';
import { ReplyBox } from './reply-box.js';
import { Thread } from './thread.js';
import { TicketHeader } from './ticket-header.js';
import { useMessages, useTicket } from './use-ticket.js';

export default function TicketPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('ticket');
  const ticket = useTicket(id);
  const messages = useMessages(id);
  const [tab, setTab] = useState('thread');

  if (ticket.isError) {
    return (
      <Result
        status="404"
        title={t('notFound')}
        extra={
          <Link to="/inbox">
            <Button type="primary">{t('back')}</Button>
          </Link>
        }
      />
    );
  }
  if (!ticket.data) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  const data = ticket.data;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1440, margin: '0 auto' }}>
      <TicketHeader ticket={data} />
      <Row gutter={16}>
        <Col xs={24} lg={16} xl={17}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'thread',
                  label: t('tabs.thread'),
                  children: (
                    <Flex vertical gap={20}>
                      <UndeliveredAlert messages={messages.data} />
                      <Thread messages={messages.data} loading={messages.isPending} />
                      <TicketGuidance ticketId={id} />
                      <ReplyBox ticketId={id} closed={data.status === 'closed'} />
                    </Flex>
                  ),
                },
                {
                  key: 'evidence',
                  label: t('evidence:tab'),
                  children: (
                    <Flex vertical gap={24}>
                      <CaseDisputes ticketId={id} platform={data.shop?.platform} />
                      <EvidencePanel subjectType="ticket" subjectId={id} freezeTicketId={id} />
                      {data.orderId && <EvidencePanel subjectType="order" subjectId={data.orderId} />}
                    </Flex>
                  ),
                },
                { key: 'audit', label: t('tabs.audit'), children: <AuditTimeline ticketId={id} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8} xl={7}>
          <Flex vertical gap={16}>
            <OpenRecallButton ticket={data} />
            <PropertiesPanel ticket={data} />
            <TriagePanel ticket={data} />
            <SnapshotPanel ticketId={id} />
            <CustomerPanel ticket={data} />
            <TicketResolution ticketId={id} closed={data.status === 'closed'} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
