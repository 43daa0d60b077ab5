import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR } from '../../app/labels.js';
import { ROOT_CAUSES, type RootCause, type Ticket, type TicketStatus } from '../../app/types.js';
import { useChangeStatus } from './use-ticket.js';

/** Offers only the statuses the server allows next; closing asks for the root cause first. */
export function StatusControl({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('ticket');
  const { message } = App.useApp();
  const change = useChangeStatus(ticket.id);
  const [closing, setClosing] = useState(false);
  const [form] = Form.useForm<{ rootCause: RootCause; resolution?: string }>();

  const done = (status: TicketStatus) =>
    void message.success(t('status.changed', { status: t(`common:status.${status}`) }));

  const pick = (status: TicketStatus) => {
    if (status === ticket.status) return;
    if (status === 'closed') {
      form.resetFields();
      setClosing(true);
      return;
    }
    change.mutate({ status }, { onSuccess: () => done(status) });
  };

  const dot = (s: TicketStatus) => (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <span style={{ width: 8, height: 8, borderRadius: 4, background: STATUS_COLOR[s] }} />
      {t(`common:status.${s}`)}
    </span>
  );

  return (
    <>
      <Select<TicketStatus>
        value={ticket.status}
        onChange={pick}
        loading={change.isPending}
        style={{ width: 168 }}
        options={[ticket.status, ...ticket.allowedStatuses.filter((s) => s !== ticket.status)].map((s) => ({
          value: s,
          label: dot(s),
          disabled: s === ticket.status,
        }))}
        aria-label={t('status.change')}
        data-testid="status-select"
      />
      <Modal
        open={closing}
        title={t('status.closeTitle')}
        okText={t('status.confirmClose')}
        okButtonProps={{ danger: true, loading: change.isPending, id: 'close-confirm' }}
        onCancel={() => setClosing(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('status.closeIntro')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) =>
            change.mutate(
              { status: 'closed', rootCause: v.rootCause, resolution: v.resolution?.trim() || undefined },
              {
                onSuccess: () => {
                  setClosing(false);
                  done('closed');
                },
              },
            )
          }
        >
          <Form.Item
            name="rootCause"
            label={t('status.rootCause')}
            rules={[{ required: true, message: t('status.rootCauseRequired') }]}
          >
            <Select
              placeholder={t('status.rootCauseRequired')}
              options={ROOT_CAUSES.map((r) => ({ value: r, label: t(`common:rootCause.${r}`) }))}
              data-testid="root-cause"
            />
          </Form.Item>
          <Form.Item name="resolution" label={t('status.resolution')}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 6 }}
              maxLength={2000}
              placeholder={t('status.resolutionPlaceholder')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
