// Replies held in training: supervisors approve (optionally corrected) or send them back; agents see theirs.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import type { Approval } from './coaching-api.js';

const STATUS_COLOR = { pending: 'gold', approved: 'green', rejected: 'red' } as const;

function PendingItem({ a }: { a: Approval }) {
  const { t } = useTranslation('coaching');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [body, setBody] = useState(a.body);
  const [note, setNote] = useState('');
  const done = (text: string) => () => {
    void message.success(text);
    void client.invalidateQueries({ queryKey: ['coaching-approvals'] });
  };
  const approve = useMutation({
    mutationFn: () =>
      api(`/coaching/approvals/${a.id}/approve`, {
        method: 'POST',
        body: { body: body.trim() === a.body ? undefined : body.trim(), note: note.trim() || undefined },
      }),
    onSuccess: done(t('approved')),
  });
  const reject = useMutation({
    mutationFn: () =>
      api(`/coaching/approvals/${a.id}/reject`, { method: 'POST', body: { note: note.trim() } }),
    onSuccess: done(t('rejected')),
  });
  return (
    <List.Item data-testid="approval-item">
      <Flex vertical gap={6} style={{ width: '100%' }}>
        <Flex gap={8} align="center">
          <Typography.Text strong>{a.agentName}</Typography.Text>
          <Typography.Text type="secondary">{dayjs(a.createdAt).format('MM-DD HH:mm')}</Typography.Text>
          <Link to={`/tickets/${a.ticketId}`}>{t('openCase')}</Link>
        </Flex>
        <Input.TextArea
          value={body}
          onChange={(e) => setBody(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          aria-label={t('editBefore')}
          data-testid="approval-body"
        />
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('rejectNote')}
          maxLength={2000}
          data-testid="approval-note"
        />
        <Flex gap={8}>
          <Button
            type="primary"
            size="small"
            loading={approve.isPending}
            onClick={() => approve.mutate()}
            data-testid="approval-approve"
          >
            {t('approve')}
          </Button>
          <Button
            size="small"
            danger
            disabled={!note.trim()}
            loading={reject.isPending}
            onClick={() => reject.mutate()}
            data-testid="approval-reject"
          >
            {t('reject')}
          </Button>
        </Flex>
      </Flex>
    </List.Item>
  );
}

export function PendingApprovals() {
  const { t } = useTranslation('coaching');
  const list = useQuery({
    queryKey: ['coaching-approvals', 'pending'],
    queryFn: () => api<{ items: Approval[] }>('/coaching/approvals', { query: { status: 'pending' } }),
  });
  return (
    <Card title={t('approvals')} data-testid="coaching-approvals">
      {list.data?.items.length ? (
        <List dataSource={list.data.items} renderItem={(a) => <PendingItem key={a.id} a={a} />} />
      ) : (
        <Empty description={t('approvalsEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

export function MyApprovals() {
  const { t } = useTranslation('coaching');
  const list = useQuery({
    queryKey: ['coaching-approvals', 'mine'],
    queryFn: () => api<{ items: Approval[] }>('/coaching/approvals'),
  });
  return (
    <Card title={t('myApprovals')} data-testid="coaching-my-approvals">
      <List
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('myApprovalsEmpty') }}
        renderItem={(a) => (
          <List.Item>
            <Flex vertical gap={4}>
              <Flex gap={8} align="center">
                <Tag color={STATUS_COLOR[a.status]}>{t(`status.${a.status}`)}</Tag>
                <Link to={`/tickets/${a.ticketId}`}>{t('openCase')}</Link>
                <Typography.Text type="secondary">{dayjs(a.createdAt).format('MM-DD HH:mm')}</Typography.Text>
              </Flex>
              <Typography.Text>{a.body}</Typography.Text>
              {a.sentBody && a.sentBody !== a.body && (
                <Typography.Text type="success">
                  {t('sentAs')}
                  {a.sentBody}
                </Typography.Text>
              )}
              {a.decisionNote && (
                <Typography.Text type="warning">
                  {t('note')}
                  {a.decisionNote}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
