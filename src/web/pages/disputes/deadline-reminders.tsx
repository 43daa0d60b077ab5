import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { humanDuration, when } from './disputes-api.js';

export type DeadlineReminder = {
  id: string;
  subjectType: 'dispute' | 'penalty';
  subjectId: string;
  deadline: string;
  dueAt: string;
  stage: 'ahead_3d' | 'ahead_1d' | 'overdue';
  status: 'open' | 'acknowledged' | 'resolved';
  raisedAt: string;
  acknowledgedByName: string | null;
};

export const useDeadlineReminders = () =>
  useQuery({
    queryKey: ['deadline-reminders'],
    queryFn: () => api<{ items: DeadlineReminder[] }>('/deadline-reminders'),
    refetchInterval: 60_000,
  });

/**
 * The reminders the deadline worker raised for this queue's subjects, nearest deadline first. A
 * reminder says how long is left (or how long overdue) now, never that the deadline was met; it
 * leaves the list only when its deadline no longer applies.
 */
export function DeadlineReminders({ subjectType }: { subjectType: 'dispute' | 'penalty' }) {
  const { t, i18n } = useTranslation('disputes');
  const client = useQueryClient();
  const list = useDeadlineReminders();
  const acknowledge = useMutation({
    mutationFn: (id: string) => api(`/deadline-reminders/${id}/acknowledge`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['deadline-reminders'] }),
  });
  // The latest stage of each deadline is enough: "1 day left" replaces "3 days left".
  const latest = new Map<string, DeadlineReminder>();
  for (const r of list.data?.items ?? []) {
    if (r.subjectType !== subjectType) continue;
    const key = `${r.subjectId}:${r.deadline}:${r.dueAt}`;
    const seen = latest.get(key);
    if (!seen || seen.raisedAt <= r.raisedAt) latest.set(key, r);
  }
  const items = [...latest.values()];
  if (list.isError) return <Alert type="warning" showIcon message={t('reminders.failed')} />;
  if (!items.length) return null;
  const path = subjectType === 'dispute' ? '/disputes' : '/penalties';
  return (
    <Alert
      type={items.some((r) => r.stage === 'overdue') ? 'error' : 'warning'}
      icon={<BellOutlined />}
      showIcon
      data-testid="deadline-reminders"
      message={t('reminders.title', { count: items.length })}
      description={
        <List
          size="small"
          dataSource={items}
          renderItem={(r) => {
            const left = new Date(r.dueAt).getTime() - Date.now();
            const time = humanDuration(left, i18n.language);
            return (
              <List.Item
                actions={[
                  r.status === 'open' ? (
                    <Button
                      key="ack"
                      size="small"
                      loading={acknowledge.isPending && acknowledge.variables === r.id}
                      onClick={() => acknowledge.mutate(r.id)}
                    >
                      {t('reminders.acknowledge')}
                    </Button>
                  ) : (
                    <Typography.Text key="ack" type="secondary">
                      {t('reminders.acknowledged', { name: r.acknowledgedByName ?? '' })}
                    </Typography.Text>
                  ),
                ]}
              >
                <Flex gap={8} wrap align="center">
                  <Link to={subjectType === 'dispute' ? `${path}/${r.subjectId}` : path}>
                    {t(`reminders.deadline.${r.deadline}`)}
                  </Link>
                  <Tag color={left < 0 ? 'red' : left < 86_400_000 ? 'orange' : 'blue'}>
                    {left < 0 ? t('due.overdue', { time }) : t('due.left', { time })}
                  </Tag>
                  <Typography.Text type="secondary">
                    {t('reminders.dueAt', { at: when(r.dueAt) })} ·{' '}
                    {t('reminders.raisedAt', { at: when(r.raisedAt) })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            );
          }}
        />
      }
    />
  );
}
