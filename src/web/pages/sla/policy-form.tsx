import { Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShops } from '../../app/queries.js';
import { SEVERITIES, TICKET_CHANNELS, TICKET_KINDS } from '../../app/types.js';
import { type Policy, TARGET_NAMES, type Targets } from './sla-api.js';

export type PolicyDraft = Omit<Policy, 'id' | 'createdAt' | 'updatedAt'>;

type FormValues = Omit<PolicyDraft, 'targets'> & {
  targets: Record<string, { minutes?: number | null; clock: 'business' | '24x7' }>;
};

/** Targets and scope of one policy; empty minutes mean "no such target". */
export function PolicyFormModal({
  open,
  initial,
  onCancel,
  onSave,
  saving,
}: {
  open: boolean;
  initial: PolicyDraft | null;
  onCancel: () => void;
  onSave: (draft: PolicyDraft) => void;
  saving: boolean;
}) {
  const { t } = useTranslation('sla');
  const shops = useShops();
  const [form] = Form.useForm<FormValues>();
  const start: FormValues = {
    name: initial?.name ?? '',
    priority: initial?.priority ?? 100,
    enabled: initial?.enabled ?? true,
    autoAck: initial?.autoAck ?? true,
    match: initial?.match ?? {},
    escalation: initial?.escalation ?? [{ on: 'breach', action: 'notify_supervisor' }],
    targets: Object.fromEntries(
      TARGET_NAMES.map((n) => [
        n,
        { minutes: initial?.targets[n]?.minutes ?? null, clock: initial?.targets[n]?.clock ?? 'business' },
      ]),
    ),
  };
  const submit = async () => {
    // A field that fails shows its message in the form; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const targets: Targets = {};
    for (const n of TARGET_NAMES) {
      const x = v.targets[n];
      if (x?.minutes) targets[n] = { minutes: x.minutes, clock: x.clock };
    }
    const match = Object.fromEntries(Object.entries(v.match ?? {}).filter(([, list]) => list?.length));
    onSave({ ...start, ...v, match, targets });
  };
  return (
    <Modal
      open={open}
      title={initial ? t('settings.edit') : t('settings.newPolicy')}
      onCancel={onCancel}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={start} preserve={false}>
        <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Space size={24}>
          <Form.Item name="priority" label={t('settings.priority')}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="enabled" label={t('settings.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="autoAck" label={t('settings.autoAck')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        {TARGET_NAMES.map((n) => (
          <Space key={n} align="baseline">
            <Form.Item
              name={['targets', n, 'minutes']}
              label={t(`target.${n}`)}
              rules={[{ type: 'number', min: 1, message: '> 0' }]}
            >
              <InputNumber min={1} precision={0} addonAfter={t('settings.minutes')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name={['targets', n, 'clock']} label=" ">
              <Select
                style={{ width: 150 }}
                options={(['business', '24x7'] as const).map((c) => ({
                  value: c,
                  label: t(`settings.clock.${c}`),
                }))}
              />
            </Form.Item>
          </Space>
        ))}
        <Form.Item name={['match', 'channels']} label={t('settings.channels')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('settings.any')}
            options={TICKET_CHANNELS.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name={['match', 'kinds']} label={t('settings.kinds')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('settings.any')}
            options={TICKET_KINDS.map((c) => ({ value: c, label: t(`common:kind.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name={['match', 'severities']} label={t('settings.severities')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('settings.any')}
            options={SEVERITIES.map((c) => ({ value: c, label: t(`common:severity.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name={['match', 'shopIds']} label={t('settings.shops')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('settings.any')}
            options={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
