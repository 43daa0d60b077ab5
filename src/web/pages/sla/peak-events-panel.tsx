import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { durationText } from '../../app/durations.js';
import { useShops } from '../../app/queries.js';
import { type PeakEvent, slaKeys, TARGET_NAMES, usePeakEvents } from './sla-api.js';

const KINDS = ['618', 'double11', 'double12', 'live_stream', 'recall', 'other'] as const;

type Values = {
  name: string;
  kind: PeakEvent['kind'];
  window: [Dayjs, Dayjs];
  shopIds: string[];
  minutes: Record<string, number | null>;
};

/** Peak events (618, 双11, live streams, a recall) with their own targets. */
export function PeakEventsPanel() {
  const { t, i18n } = useTranslation('sla');
  const client = useQueryClient();
  const shops = useShops();
  const { data = [], isLoading } = usePeakEvents();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const mutate = useMutation({
    mutationFn: ({ id, body }: { id?: string; body?: unknown }) =>
      body
        ? api('/sla/peak-events', { method: 'POST', body })
        : api(`/sla/peak-events/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: slaKeys.peaks }),
  });
  const submit = async () => {
    // A field that fails shows its message in the form; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const targets = Object.fromEntries(
      TARGET_NAMES.filter((n) => v.minutes?.[n]).map((n) => [
        n,
        { minutes: v.minutes[n], clock: 'business' },
      ]),
    );
    mutate.mutate(
      {
        body: {
          name: v.name,
          kind: v.kind,
          startsAt: v.window[0].toISOString(),
          endsAt: v.window[1].toISOString(),
          shopIds: v.shopIds ?? [],
          targets,
        },
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between">
        <Typography.Text type="secondary">{t('peaks.subtitle')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('peaks.add')}
        </Button>
      </Flex>
      <Table<PeakEvent>
        rowKey="id"
        size="middle"
        loading={isLoading}
        dataSource={data}
        pagination={false}
        columns={[
          { title: t('peaks.name'), dataIndex: 'name' },
          { title: t('peaks.type'), dataIndex: 'kind', render: (k) => t(`peaks.kind.${k}`) },
          {
            title: t('peaks.window'),
            key: 'w',
            render: (_, e) =>
              `${dayjs(e.startsAt).format('YYYY-MM-DD HH:mm')} – ${dayjs(e.endsAt).format('MM-DD HH:mm')}`,
          },
          {
            title: t('settings.targets'),
            key: 't',
            render: (_, e) =>
              TARGET_NAMES.filter((n) => e.targets[n])
                .map((n) => `${t(`target.${n}`)} ${durationText(e.targets[n]!.minutes, i18n.language)}`)
                .join(' · '),
          },
          {
            key: 'a',
            width: 60,
            render: (_, e) => (
              <Popconfirm title={t('settings.confirmDelete')} onConfirm={() => mutate.mutate({ id: e.id })}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('settings.delete')} />
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('peaks.add')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        confirmLoading={mutate.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ kind: 'double11', minutes: { firstResponse: 30 } }}
        >
          <Form.Item name="name" label={t('peaks.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('peaks.type')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`peaks.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="window" label={t('peaks.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="shopIds" label={t('settings.shops')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('settings.any')}
              options={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          {TARGET_NAMES.map((n) => (
            <Form.Item
              key={n}
              name={['minutes', n]}
              label={`${t(`target.${n}`)} (${t('settings.clock.business')})`}
            >
              <InputNumber min={1} precision={0} addonAfter={t('settings.minutes')} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Flex>
  );
}
