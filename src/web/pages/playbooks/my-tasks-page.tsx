import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import type { Task } from './playbooks-api.js';
import { TaskItem } from './task-list.js';

/** "My tasks today": my follow-ups due today and overdue. */
export default function MyTasksPage() {
  const { t } = useTranslation('playbooks');
  const tasks = useQuery({
    queryKey: ['my-tasks'],
    queryFn: async () =>
      (await api<{ items: Task[] }>('/tasks', { query: { mine: 'true', due: 'today' } })).items,
  });
  return (
    <Card>
      <Typography.Title level={4}>{t('tasks.myToday')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('tasks.myTodayIntro')}</Typography.Paragraph>
      <List
        loading={tasks.isPending}
        dataSource={tasks.data ?? []}
        locale={{ emptyText: <Empty description={t('tasks.empty')} /> }}
        renderItem={(task) => <TaskItem task={task} showTicket />}
        data-testid="my-tasks"
      />
    </Card>
  );
}
