import { useMutation, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Dropdown,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.js';
import { type Listing, useInvalidateBrand, yuan } from './brand-api.js';
import { useWarnings, type Warning } from './defence-api.js';

const CHANNELS = ['platform_message', 'wechat', 'phone', 'email', 'letter', 'other'];
const OUTCOMES = ['price_restored', 'no_change', 'escalated', 'authorisation_revoked'];
const STATE_COLOUR = { awaiting: 'default', follow_up_due: 'red', price_back: 'green', closed: 'default' };

type WarnForm = { message: string; channel: string; followUpDays: number };

/** Records a warning the merchant sent to an authorised reseller below its minimum price. */
export function WarningModal({ listing, onClose }: { listing: Listing | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('brandDefence');
  const { t: tb } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const [form] = Form.useForm<WarnForm>();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const draft = useQuery({
    queryKey: ['brand', 'warning-draft', listing?.id, locale],
    enabled: !!listing,
    queryFn: () =>
      api<{ text: string }>(`/brand/listings/${listing!.id}/warning-draft`, { query: { locale } }),
  });
  useEffect(() => {
    if (draft.data) form.setFieldValue('message', draft.data.text);
  }, [draft.data, form]);
  const save = useMutation({
    mutationFn: (v: WarnForm) =>
      api(`/brand/listings/${listing!.id}/warnings`, {
        method: 'POST',
        silent: true,
        body: { ...v, locale },
      }),
    onSuccess: () => {
      message.success(t('warning.recorded', { seller: listing?.sellerName ?? '' }));
      onClose();
      return invalidate();
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal
      open={!!listing}
      title={t('warning.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('warning.record')}
      cancelText={tb('cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('warning.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ channel: 'platform_message', followUpDays: 3 }}
      >
        <Form.Item name="message" label={t('warning.message')} rules={[{ required: true }]}>
          <Input.TextArea rows={5} data-testid="warning-message" />
        </Form.Item>
        <Space>
          <Form.Item name="channel" label={t('warning.channel')}>
            <Select
              style={{ width: 180 }}
              options={CHANNELS.map((c) => ({ value: c, label: t(`warning.channels.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="followUpDays" label={t('warning.followUp')}>
            <InputNumber min={1} max={60} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function OutcomeMenu({ w }: { w: Warning }) {
  const { t } = useTranslation('brandDefence');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const close = useMutation({
    mutationFn: (outcome: string) =>
      api(`/brand/warnings/${w.id}/outcome`, { method: 'POST', silent: true, body: { outcome } }),
    onSuccess: () => invalidate(),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: OUTCOMES.map((o) => ({
          key: o,
          label: t(`warning.outcome.${o}`),
          'data-testid': `outcome-${o}`,
        })),
        onClick: ({ key }) => close.mutate(key),
      }}
    >
      <Button size="small" loading={close.isPending} data-testid={`warning-outcome-${w.id}`}>
        {t('warning.close')}
      </Button>
    </Dropdown>
  );
}

/** Open warnings with where each stands: waiting, follow-up due, or the price seen back. */
export function WarningsCard() {
  const { t } = useTranslation('brandDefence');
  const q = useWarnings();
  return (
    <Card title={t('warning.listTitle')} size="small" loading={q.isPending} data-testid="brand-warnings">
      {q.data?.length ? (
        <List
          size="small"
          dataSource={q.data}
          renderItem={(w) => (
            <List.Item extra={<OutcomeMenu w={w} />}>
              <List.Item.Meta
                title={
                  <span>
                    {w.listing?.sellerName ?? '—'} · {w.listing?.sku ?? ''}{' '}
                    <Tag color={STATE_COLOUR[w.state]}>{t(`warning.state.${w.state}`)}</Tag>
                  </span>
                }
                description={`${t('warning.round', { n: w.round })} · ${t(`warning.channels.${w.channel}`)} · ${yuan(w.priceFen)} / ${yuan(w.floorFen)} · ${w.followUpDueAt ? dayjs(w.followUpDueAt).format('MM-DD') : ''}`}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warning.empty')} />
      )}
    </Card>
  );
}
