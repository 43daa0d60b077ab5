import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { CreateRecallModal } from './create-recall-modal.js';
import { dateTime } from './format.js';
import { RecallStatusTag } from './recall-status-tag.js';
import { percent, type Recall } from './recalls-api.js';

/** Every recall campaign, newest first. */
export default function RecallsPage() {
  const { t } = useTranslation('recalls');
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['recalls'],
    queryFn: async () => (await api<{ items: Recall[] }>('/recalls', { query: { limit: 100 } })).items,
  });
  return (
    <Card>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('list.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('list.intro')}</Typography.Paragraph>
        </div>
        <Button type="primary" danger onClick={() => setCreating(true)} data-testid="recall-new">
          {t('list.new')}
        </Button>
      </Flex>
      <Table<Recall>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('list.empty')} /> }}
        data-testid="recalls-table"
        columns={[
          {
            title: t('list.columns.title'),
            render: (_, r) => <Link to={`/recalls/campaigns/${r.id}`}>{r.title}</Link>,
          },
          { title: t('list.columns.status'), render: (_, r) => <RecallStatusTag status={r.status} /> },
          { title: t('list.columns.level'), render: (_, r) => <Tag>{t(`level.${r.hazardLevel}`)}</Tag> },
          { title: t('list.columns.created'), render: (_, r) => dateTime(r.createdAt) },
          { title: t('list.columns.announced'), render: (_, r) => dateTime(r.announcedAt) },
          {
            title: t('list.columns.completion'),
            align: 'right',
            render: (_, r) => (r.completionPermille === null ? '—' : percent(r.completionPermille)),
          },
        ]}
      />
      <CreateRecallModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
