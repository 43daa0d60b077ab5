import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { formatFen } from '../../app/labels.js';
import { OfferSummary } from './offer-panel.js';
import { type AwaitingOffer, useDecideOffer } from './playbooks-api.js';

/** The supervisor's queue of offers above the agents' limit. */
export default function ApprovalsPage() {
  const { t } = useTranslation('playbooks');
  const { message } = App.useApp();
  const queue = useQuery({
    queryKey: ['approvals'],
    queryFn: async () => (await api<{ items: AwaitingOffer[] }>('/offers/awaiting-approval')).items,
  });
  const decide = useDecideOffer();
  const act = (offer: AwaitingOffer, action: 'approve' | 'reject') =>
    decide.mutate(
      { offerId: offer.id, action },
      {
        onSuccess: () =>
          void message.success(action === 'approve' ? t('approvals.approved') : t('approvals.rejected')),
      },
    );
  return (
    <Card>
      <Typography.Title level={4}>{t('approvals.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('approvals.intro')}</Typography.Paragraph>
      <Table<AwaitingOffer>
        rowKey="id"
        loading={queue.isPending}
        dataSource={queue.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('approvals.empty')} /> }}
        data-testid="approvals-table"
        columns={[
          {
            title: t('approvals.ticket'),
            render: (_, o) => (
              <Link to={`/tickets/${o.ticketId}`}>
                #{o.ticketNumber} {o.ticketSubject}
              </Link>
            ),
          },
          {
            title: t('offer.remedy'),
            render: (_, o) => (
              <Flex gap={6} align="center">
                <Tag color={o.party === 'buyer' ? 'purple' : 'cyan'}>{t(`party.${o.party}`)}</Tag>
                <OfferSummary offer={o} />
              </Flex>
            ),
          },
          {
            title: t('approvals.orderValue'),
            render: (_, o) =>
              o.orderTotalFen === null ? (
                <Typography.Text type="secondary">{t('approvals.noOrder')}</Typography.Text>
              ) : (
                formatFen(o.orderTotalFen)
              ),
          },
          {
            title: t('approvals.proposedBy'),
            render: (_, o) => (
              <Flex vertical>
                <span>{o.proposedByName}</span>
                {o.note && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="approval-note">
                    {t('approvals.note')}：{o.note}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: '',
            render: (_, o) => (
              <Typography.Text type="secondary">
                {o.requiredRole && t('offer.needs', { role: t(`role.${o.requiredRole}`) })} ·{' '}
                {dayjs(o.createdAt).format('MM-DD HH:mm')}
              </Typography.Text>
            ),
          },
          {
            title: '',
            align: 'right',
            render: (_, o) => (
              <Flex gap={8} justify="flex-end">
                <Popconfirm
                  title={t('approvals.confirm', {
                    number: o.ticketNumber,
                    order: o.orderTotalFen === null ? t('approvals.noOrder') : formatFen(o.orderTotalFen),
                  })}
                  okText={t('offer.approve')}
                  cancelText={t('approvals.cancel')}
                  onConfirm={() => act(o, 'approve')}
                >
                  <Button type="primary" size="small" data-testid="approval-approve">
                    {t('offer.approve')}
                  </Button>
                </Popconfirm>
                <Button danger size="small" onClick={() => act(o, 'reject')}>
                  {t('offer.reject')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
