import { Checkbox, Form, Input, Modal, Select, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useShops } from '../../app/queries.js';
import type { Calendar } from './sla-api.js';

export type CalendarDraft = Omit<Calendar, 'id' | 'warnings' | 'createdAt' | 'updatedAt'>;

const ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Bangkok',
  'Asia/Kuala_Lumpur',
  'Asia/Singapore',
  'Asia/Manila',
  'Asia/Jakarta',
  'Asia/Ho_Chi_Minh',
  'Europe/London',
  'America/Los_Angeles',
];

type FormValues = {
  name: string;
  shopId: string | null;
  timezone: string;
  holidays: 'CN' | 'none';
  days: Record<string, { on: boolean; range: [Dayjs, Dayjs] }>;
  closures: string;
  validFrom: string;
  validTo: string;
};

const hm = (d: Dayjs) => d.format('HH:mm');

/** Working hours per weekday, holidays, closures ("2026-02-10~2026-02-12 reason", one a line). */
export function CalendarFormModal({
  open,
  initial,
  onCancel,
  onSave,
  saving,
}: {
  open: boolean;
  initial: CalendarDraft | null;
  onCancel: () => void;
  onSave: (d: CalendarDraft) => void;
  saving: boolean;
}) {
  const { t } = useTranslation('sla');
  const shops = useShops();
  const [form] = Form.useForm<FormValues>();
  const weekday = t('settings.weekday', { returnObjects: true }) as string[];
  const start: FormValues = {
    name: initial?.name ?? '',
    shopId: initial?.shopId ?? null,
    timezone: initial?.timezone ?? 'Asia/Shanghai',
    holidays: initial?.holidays ?? 'CN',
    days: Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7].map((d) => {
        const h = initial?.hours.find((x) => x.day === d);
        const on = initial ? Boolean(h) : d <= 5;
        return [
          d,
          {
            on,
            range: [
              dayjs(`2000-01-01T${h?.start ?? '09:00'}`),
              dayjs(`2000-01-01T${h?.end === '24:00' ? '23:59' : (h?.end ?? '18:00')}`),
            ],
          },
        ];
      }),
    ),
    closures: (initial?.closures ?? [])
      .map((c) => `${c.from}~${c.to}${c.reason ? ` ${c.reason}` : ''}`)
      .join('\n'),
    validFrom: initial?.validFrom ?? '',
    validTo: initial?.validTo ?? '',
  };
  const submit = async () => {
    // A field that fails shows its message in the form; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const hours = [1, 2, 3, 4, 5, 6, 7].flatMap((d) => {
      const x = v.days[d];
      return x?.on
        ? [{ day: d, start: hm(x.range[0]), end: hm(x.range[1]) === '23:59' ? '24:00' : hm(x.range[1]) }]
        : [];
    });
    const closures = v.closures
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [range = '', ...reason] = l.split(/\s+/);
        const [from = '', to = from] = range.split('~');
        return { from, to, ...(reason.length ? { reason: reason.join(' ') } : {}) };
      });
    onSave({
      name: v.name,
      shopId: v.shopId ?? null,
      timezone: v.timezone,
      holidays: v.holidays,
      hours,
      overrides: initial?.overrides ?? [],
      closures,
      validFrom: v.validFrom || null,
      validTo: v.validTo || null,
    });
  };
  return (
    <Modal
      open={open}
      title={initial ? t('settings.edit') : t('settings.newCalendar')}
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
        <Space wrap>
          <Form.Item name="shopId" label={t('settings.shops')}>
            <Select
              style={{ width: 220 }}
              options={[
                { value: null, label: t('settings.shopDefault') },
                ...(shops.data ?? []).map((s) => ({ value: s.id, label: s.name })),
              ]}
            />
          </Form.Item>
          <Form.Item name="timezone" label={t('settings.timezone')}>
            <Select style={{ width: 200 }} showSearch options={ZONES.map((z) => ({ value: z, label: z }))} />
          </Form.Item>
          <Form.Item name="holidays" label={t('settings.holidayRegion')}>
            <Select
              style={{ width: 260 }}
              options={[
                { value: 'CN', label: t('settings.holidayCN') },
                { value: 'none', label: t('settings.holidayNone') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('settings.hours')}>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <Space key={d} style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={['days', String(d), 'on']} valuePropName="checked" noStyle>
                <Checkbox style={{ width: 64 }}>{weekday[d]}</Checkbox>
              </Form.Item>
              <Form.Item name={['days', String(d), 'range']} noStyle>
                <TimePicker.RangePicker format="HH:mm" minuteStep={15} allowClear={false} />
              </Form.Item>
            </Space>
          ))}
        </Form.Item>
        <Form.Item name="closures" label={t('settings.closures')} extra="2026-02-10~2026-02-12 仓库搬迁">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space>
          <Form.Item
            name="validFrom"
            label={t('settings.validFrom')}
            rules={[{ pattern: /^(\d{4}-\d{2}-\d{2})?$/ }]}
          >
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item
            name="validTo"
            label={t('settings.validTo')}
            rules={[{ pattern: /^(\d{4}-\d{2}-\d{2})?$/ }]}
          >
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
