import { HourglassOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';

const REASONS = ['warehouse', 'supplier', 'logistics', 'platform', 'other'] as const;

/** "We need to check with the warehouse, you will hear from us by …": tells the buyer and moves the next-response due time. */
export function ExpectedWaitButton({ ticketId, disabled }: { ticketId: string; disabled?: boolean }) {
  const { t } = useTranslation('sla');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ until: Dayjs; reason: (typeof REASONS)[number]; body?: string }>();
  const send = useMutation({
    mutationFn: (body: unknown) => api(`/sla/tickets/${ticketId}/expected-wait`, { method: 'POST', body }),
    onSuccess: async () => {
      message.success(t('wait.sent'));
      setOpen(false);
      await client.invalidateQueries();
    },
  });
  const submit = async () => {
    // A field that fails shows its message in the form; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    send.mutate({
      until: v.until.toISOString(),
      reason: v.reason,
      ...(v.body?.trim() ? { body: v.body.trim() } : {}),
    });
  };
  return (
    <>
      <Button
        icon={<HourglassOutlined />}
        disabled={disabled}
        onClick={() => setOpen(true)}
        data-testid="expected-wait"
      >
        {t('wait.button')}
      </Button>
      <Modal
        open={open}
        title={t('wait.title')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText={t('wait.send')}
        confirmLoading={send.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ reason: 'warehouse', until: dayjs().add(1, 'day').hour(18).minute(0) }}
        >
          <Form.Item name="until" label={t('wait.until')} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="reason" label={t('wait.reason')}>
            <Select options={REASONS.map((r) => ({ value: r, label: t(`wait.reasons.${r}`) }))} />
          </Form.Item>
          <Form.Item name="body">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
