import { CheckOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, List, Modal, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DeliveryTag } from '../channels/delivery-tag.js';
import { RetryOutbox } from '../channels/retry-delivery.js';
import { type Task, useCompleteTask } from './playbooks-api.js';

/** One follow-up: what to do, when it is due, and the button that finishes it. */
export function TaskItem({ task, showTicket = false }: { task: Task; showTicket?: boolean }) {
  const { t } = useTranslation('playbooks');
  const { message } = App.useApp();
  const complete = useCompleteTask(showTicket ? undefined : task.ticketId);
  const [shipping, setShipping] = useState(false);
  const [form] = Form.useForm<{ carrier: string; trackingNo: string }>();
  const open = task.status === 'open' || task.status === 'pending_outbox';
  const finish = (body: { carrier?: string; trackingNo?: string }) =>
    complete.mutate(
      { taskId: task.id, body },
      {
        onSuccess: () => {
          setShipping(false);
          void message.success(t('tasks.completed'));
        },
      },
    );
  const tracking =
    typeof task.data.trackingNo === 'string' ? `${task.data.carrier ?? ''} ${task.data.trackingNo}` : null;
  return (
    <List.Item
      data-testid="task-item"
      data-kind={task.kind}
      data-status={task.status}
      actions={
        open
          ? [
              <Button
                key="done"
                size="small"
                icon={<CheckOutlined />}
                loading={complete.isPending}
                onClick={() => (task.kind === 'ship_replacement' ? setShipping(true) : finish({}))}
                data-testid="task-complete"
              >
                {t('tasks.complete')}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Flex gap={6} wrap align="center">
            <span>{t(`kind.${task.kind}`, { defaultValue: task.title })}</span>
            {task.kind === 'follow_up' && <Typography.Text type="secondary">{task.title}</Typography.Text>}
            {task.status === 'queued' && task.delivery && <DeliveryTag delivery={task.delivery} />}
            {task.delivery?.state === 'failed' && typeof task.data.outboxId === 'string' && (
              <RetryOutbox outboxId={task.data.outboxId} />
            )}
            {task.status === 'done' && <Tag>{t('tasks.done')}</Tag>}
            {open && task.overdue && <Tag color="red">{t('tasks.overdue')}</Tag>}
            {task.data.manual === true && <Tag color="orange">{t('tasks.manual')}</Tag>}
          </Flex>
        }
        description={
          <Flex gap={8} wrap style={{ fontSize: 12 }}>
            {showTicket && task.ticketNumber !== undefined && (
              <Link to={`/tickets/${task.ticketId}`}>
                {t('tasks.ticket', { n: task.ticketNumber })} {task.ticketSubject}
              </Link>
            )}
            {open && task.dueAt && (
              <span>
                <ClockCircleOutlined /> {t('tasks.due', { at: dayjs(task.dueAt).format('MM-DD HH:mm') })}
              </span>
            )}
            {tracking && <span>{tracking}</span>}
            {typeof task.data.amountFen === 'number' && task.data.amountFen > 0 && (
              <span>¥{(task.data.amountFen / 100).toFixed(2)}</span>
            )}
          </Flex>
        }
      />
      <Modal
        open={shipping}
        title={t('tasks.shipTitle')}
        onCancel={() => setShipping(false)}
        onOk={() => form.submit()}
        confirmLoading={complete.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={finish}>
          <Form.Item name="carrier" label={t('tasks.carrier')} rules={[{ required: true }]}>
            <Input maxLength={60} data-testid="ship-carrier" />
          </Form.Item>
          <Form.Item
            name="trackingNo"
            label={t('tasks.trackingNo')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9-]{4,40}$/ }]}
          >
            <Input maxLength={40} data-testid="ship-tracking" />
          </Form.Item>
        </Form>
      </Modal>
    </List.Item>
  );
}

export function TaskList({ tasks, loading }: { tasks: Task[] | undefined; loading: boolean }) {
  const { t } = useTranslation('playbooks');
  return (
    <Card
      size="small"
      title={t('tasks.title')}
      loading={loading}
      className="ticket-side"
      data-testid="task-list"
    >
      {!tasks?.length ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('tasks.empty')}
          style={{ margin: '8px 0' }}
        />
      ) : (
        <List size="small" dataSource={tasks} renderItem={(task) => <TaskItem task={task} />} />
      )}
    </Card>
  );
}
