// 整改任务: fix-listing, misleading-claim and clear-the-stock tasks of a shop, with done / dismiss.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, List, Popconfirm, Segmented, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { type Listing, type QualityTask, qualityKey, useTasks } from './quality-api.js';

export function TaskList({ shopId, listings }: { shopId: string | undefined; listings: Listing[] }) {
  const { t } = useTranslation('quality');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const tasks = useTasks(shopId, status);
  const [note, setNote] = useState('');
  const close = useMutation({
    mutationFn: ({ id, ...body }: { id: string; status: 'done' | 'dismissed'; note?: string }) =>
      api<QualityTask>(`/quality/tasks/${id}/close`, { method: 'POST', body }),
    onSuccess: () => {
      setNote('');
      void queryClient.invalidateQueries({ queryKey: qualityKey });
    },
    onError: (e) => void message.error(e.message),
  });
  const titleOf = (id: string | null) => listings.find((l) => l.id === id)?.content.title;

  const describe = (task: QualityTask) => {
    const parts: string[] = [];
    if (task.claim) parts.push(t('tasks.claim', { claim: task.claim }));
    if (task.skuCode) parts.push(t('tasks.sku', { sku: task.skuCode }));
    const rules = task.data.rules as string[] | undefined;
    if (rules?.length) parts.push(t('tasks.rules', { rules: rules.map((r) => t(`rule.${r}`)).join('、') }));
    return parts.join(' · ');
  };

  return (
    <Card
      title={t('tasks.title')}
      size="small"
      extra={
        <Segmented
          size="small"
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'done')}
          options={[
            { value: 'open', label: t('tasks.open') },
            { value: 'done', label: t('tasks.closed') },
          ]}
        />
      }
      data-testid="quality-tasks"
    >
      <List
        size="small"
        loading={tasks.isPending}
        dataSource={tasks.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.empty')} /> }}
        renderItem={(task) => (
          <List.Item
            data-testid="quality-task"
            data-kind={task.kind}
            actions={
              task.status === 'open'
                ? [
                    <Button
                      key="done"
                      size="small"
                      onClick={() => close.mutate({ id: task.id, status: 'done' })}
                    >
                      {t('tasks.done')}
                    </Button>,
                    <Popconfirm
                      key="dismiss"
                      title={
                        <Input
                          placeholder={t('tasks.dismissNote')}
                          value={note}
                          onChange={(e) => setNote(e.target.value)}
                        />
                      }
                      onConfirm={() => close.mutate({ id: task.id, status: 'dismissed', note })}
                    >
                      <Button size="small" type="text">
                        {t('tasks.dismiss')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Flex vertical gap={2}>
              <Flex gap={8} align="center" wrap>
                <Tag
                  color={task.kind === 'clear_stock' ? 'red' : task.kind === 'fix_claim' ? 'volcano' : 'gold'}
                >
                  {t(`tasks.kind.${task.kind}`)}
                </Tag>
                <Typography.Text strong>{titleOf(task.listingId) ?? task.skuCode ?? '—'}</Typography.Text>
                {task.ticketId && <Link to={`/tickets/${task.ticketId}`}>{t('tasks.fromTicket')}</Link>}
              </Flex>
              <Typography.Text type="secondary">{describe(task)}</Typography.Text>
              {task.status !== 'open' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {task.closedByName === 'check'
                    ? t('tasks.checkClosed')
                    : t('tasks.closedBy', {
                        name: task.closedByName,
                        at: dayjs(task.closedAt).format('YYYY-MM-DD HH:mm'),
                      })}
                  {task.closeNote && task.closedByName !== 'check' ? ` — ${task.closeNote}` : ''}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
