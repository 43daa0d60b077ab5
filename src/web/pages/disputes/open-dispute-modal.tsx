import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../app/api.js';
import { DISPUTE_TYPES, type Dispute, FORUMS } from './disputes-api.js';

type Values = {
  type: Dispute['type'];
  platform: Dispute['platform'];
  reason?: string;
  claim?: string;
  position?: string;
  externalRef?: string;
  amountYuan?: number;
  evidenceDueAt?: Dayjs;
};

/** Records a dispute, by hand or from a case (its order and shop follow the case). */
export function OpenDisputeModal({
  open,
  onClose,
  ticketId,
  platform,
}: {
  open: boolean;
  onClose: () => void;
  ticketId?: string | undefined;
  platform?: string | null | undefined;
}) {
  const { t } = useTranslation('disputes');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (v: Values) =>
      api<Dispute>('/disputes', {
        method: 'POST',
        body: {
          type: v.type,
          platform: v.platform,
          ...(ticketId ? { ticketId } : {}),
          ...(v.reason ? { reason: v.reason } : {}),
          ...(v.claim ? { claim: v.claim } : {}),
          ...(v.position ? { position: v.position } : {}),
          ...(v.externalRef ? { externalRef: v.externalRef } : {}),
          ...(v.amountYuan !== undefined && v.amountYuan !== null
            ? { amountAtStakeFen: Math.round(v.amountYuan * 100) }
            : {}),
          ...(v.evidenceDueAt ? { evidenceDueAt: v.evidenceDueAt.toISOString() } : {}),
        },
      }),
    onSuccess: async (d) => {
      message.success(t('form.created'));
      await qc.invalidateQueries({ queryKey: ['disputes'] });
      onClose();
      navigate(`/disputes/${d.id}`);
    },
  });
  const initialForum = FORUMS.includes(platform as never) ? (platform as Dispute['platform']) : 'pinduoduo';
  return (
    <Modal
      open={open}
      title={t('form.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('form.submit')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ type: 'quality', platform: initialForum }}
        onFinish={(v) => create.mutate(v)}
        data-testid="open-dispute-form"
      >
        <Form.Item name="type" label={t('form.type')} rules={[{ required: true }]}>
          <Select
            data-testid="dispute-type"
            options={DISPUTE_TYPES.map((k) => ({ value: k, label: t(`type.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="platform" label={t('form.forum')} rules={[{ required: true }]}>
          <Select
            data-testid="dispute-forum"
            options={FORUMS.map((k) => ({ value: k, label: t(`forum.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="externalRef" label={t('form.externalRef')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label={t('form.reason')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="claim" label={t('form.claim')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item name="position" label={t('form.position')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('form.amount')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="evidenceDueAt" label={t('form.evidenceDueAt')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
