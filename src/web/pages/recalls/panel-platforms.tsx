import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { dateTime } from './format.js';
import {
  type Progress,
  type RecallDetail,
  type RecallTask,
  useRecallMutation,
  useRecallQuery,
} from './recalls-api.js';
import { RegulatorReports } from './regulator-reports.js';

type LogValues = { toldAt: Dayjs; contact: string; channel: string; reference?: string; guidance?: string };

/** Stage 3: each platform involved is told; the log says whom, when, how, their reference and guidance. */
export function PlatformsPanel({
  recall: r,
  progress,
}: {
  recall: RecallDetail;
  progress: Progress | undefined;
}) {
  const { t } = useTranslation('recalls');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<RecallTask | null>(null);
  const [form] = Form.useForm<LogValues>();
  const tasks = useRecallQuery<{ items: RecallTask[] }>(r.id, 'tasks', `/recalls/${r.id}/tasks`);
  const record = useRecallMutation(r.id, ({ id, v }: { id: string; v: LogValues }) =>
    api(`/recalls/${r.id}/tasks/${id}/done`, {
      method: 'POST',
      body: {
        toldAt: v.toldAt.toISOString(),
        contact: v.contact,
        channel: v.channel,
        ...(v.reference ? { reference: v.reference } : {}),
        ...(v.guidance ? { guidance: v.guidance } : {}),
      },
    }),
  );
  const items = (tasks.data?.items ?? []).filter((x) => x.kind === 'platform_notice');
  return (
    <Flex vertical gap={12}>
      <RegulatorReports recall={r} reports={progress?.reports ?? []} />
      <Typography.Text strong>{t('platforms.title')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('platforms.intro')}</Typography.Paragraph>
      <List
        loading={tasks.isPending}
        bordered
        dataSource={items}
        locale={{ emptyText: <Empty description={t('platforms.empty')} /> }}
        renderItem={(task) => (
          <List.Item
            actions={
              task.status === 'open'
                ? [
                    <Button
                      key="r"
                      type="primary"
                      size="small"
                      onClick={() => setEditing(task)}
                      data-testid={`platform-log-${task.platform}`}
                    >
                      {t('platforms.record')}
                    </Button>,
                  ]
                : []
            }
          >
            <Flex vertical style={{ width: '100%' }} gap={6}>
              <Flex gap={8} align="center">
                <Typography.Text strong>{common(`platform.${task.platform}`)}</Typography.Text>
                <Tag color={task.status === 'done' ? 'green' : 'orange'}>
                  {task.status === 'done' ? t('platforms.done') : t('platforms.pending')}
                </Tag>
              </Flex>
              {task.status === 'done' && (
                <Descriptions size="small" column={2}>
                  <Descriptions.Item label={t('platforms.toldAt')}>
                    {dateTime(task.data.toldAt as string)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('platforms.contact')}>
                    {String(task.data.contact ?? '—')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('platforms.channel')}>
                    {String(task.data.channel ?? '—')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('platforms.reference')}>
                    {String(task.data.reference ?? '—')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('platforms.guidance')} span={2}>
                    {String(task.data.guidance ?? '—')}
                  </Descriptions.Item>
                </Descriptions>
              )}
            </Flex>
          </List.Item>
        )}
      />
      <Modal
        open={editing !== null}
        title={editing ? `${t('platforms.record')} · ${common(`platform.${editing.platform}`)}` : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: record.isPending, 'data-testid': 'platform-log-save' } as never}
        destroyOnHidden
      >
        <Form<LogValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ toldAt: dayjs() }}
          onFinish={(v) =>
            editing &&
            record.mutate(
              { id: editing.id, v },
              {
                onSuccess: () => {
                  setEditing(null);
                  void message.success(t('platforms.saved'));
                },
              },
            )
          }
        >
          <Form.Item name="toldAt" label={t('platforms.toldAt')} rules={[{ required: true }]}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="contact" label={t('platforms.contact')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="platform-log-contact" />
          </Form.Item>
          <Form.Item name="channel" label={t('platforms.channel')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="platform-log-channel" />
          </Form.Item>
          <Form.Item name="reference" label={t('platforms.reference')} rules={[{ max: 200 }]}>
            <Input data-testid="platform-log-reference" />
          </Form.Item>
          <Form.Item name="guidance" label={t('platforms.guidance')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
