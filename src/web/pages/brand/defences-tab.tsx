import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.js';
import { COMPLAINT_TYPES, PLATFORMS, useInvalidateBrand } from './brand-api.js';
import { type Defence, useDefences } from './defence-api.js';
import { DefenceDrawer } from './defence-drawer.js';
import { DueTag } from './due-tag.js';

const STATUS_COLOUR = {
  open: 'orange',
  responded: 'blue',
  dismissed: 'green',
  upheld: 'red',
  withdrawn: 'default',
};
type IntakeForm = {
  platform: string;
  externalRef?: string;
  listingTitle: string;
  listingUrl?: string;
  sku?: string;
  complainant: string;
  type: string;
  rightNo?: string;
  claim?: string;
  responseDueAt?: Dayjs;
};

function IntakeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('brandDefence');
  const { t: tb } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const [form] = Form.useForm<IntakeForm>();
  const save = useMutation({
    mutationFn: (v: IntakeForm) =>
      api('/brand/defences', {
        method: 'POST',
        silent: true,
        body: {
          ...v,
          listingUrl: v.listingUrl || null,
          sku: v.sku || null,
          externalRef: v.externalRef || null,
          rightNo: v.rightNo || null,
          responseDueAt: v.responseDueAt ? v.responseDueAt.toISOString() : undefined,
        },
      }),
    onSuccess: () => {
      form.resetFields();
      onClose();
      return invalidate();
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal
      open={open}
      title={t('defence.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tb('save')}
      cancelText={tb('cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ platform: 'pinduoduo' }}
      >
        <Form.Item name="platform" label={t('defence.form.platform')} rules={[{ required: true }]}>
          <Select options={PLATFORMS.map((p) => ({ value: p, label: tb(`platform.${p}`) }))} />
        </Form.Item>
        <Form.Item name="type" label={t('defence.form.type')} rules={[{ required: true }]}>
          <Select
            data-testid="defence-type"
            options={COMPLAINT_TYPES.map((c) => ({ value: c, label: tb(`type.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="listingTitle" label={t('defence.form.listingTitle')} rules={[{ required: true }]}>
          <Input data-testid="defence-title" />
        </Form.Item>
        <Form.Item name="sku" label={t('defence.form.sku')}>
          <Input data-testid="defence-sku" />
        </Form.Item>
        <Form.Item name="complainant" label={t('defence.form.complainant')} rules={[{ required: true }]}>
          <Input data-testid="defence-complainant" />
        </Form.Item>
        <Form.Item name="externalRef" label={t('defence.form.externalRef')}>
          <Input />
        </Form.Item>
        <Form.Item name="rightNo" label={t('defence.form.rightNo')}>
          <Input />
        </Form.Item>
        <Form.Item name="listingUrl" label={t('defence.form.listingUrl')}>
          <Input />
        </Form.Item>
        <Form.Item name="claim" label={t('defence.form.claim')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="responseDueAt" label={t('defence.form.responseDueAt')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** IP complaints received against our own shop, deadlines first. */
export function DefencesTab() {
  const { t } = useTranslation('brandDefence');
  const { t: tb } = useTranslation('brand');
  const list = useDefences();
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Card
      title={
        list.data ? (
          <Typography.Text type="secondary">{t('defence.stats', list.data.stats)}</Typography.Text>
        ) : null
      }
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          data-testid="defence-add"
        >
          {t('defence.add')}
        </Button>
      }
    >
      <Table<Defence>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 25, hideOnSinglePage: true }}
        data-testid="brand-defences-table"
        locale={{ emptyText: <Empty description={t('defence.empty')} /> }}
        onRow={(d) => ({ onClick: () => setOpenId(d.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('defence.columns.received'),
            render: (_, d) => dayjs(d.receivedAt).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('defence.columns.listing'),
            render: (_, d) => (
              <span>
                {d.listingTitle}
                {d.sku ? <Typography.Text type="secondary"> · {d.sku}</Typography.Text> : null}
              </span>
            ),
          },
          { title: t('defence.columns.complainant'), render: (_, d) => d.complainant || '—' },
          {
            title: t('defence.columns.type'),
            render: (_, d) => `${tb(`platform.${d.platform}`)} · ${tb(`type.${d.type}`)}`,
          },
          {
            title: t('defence.columns.due'),
            render: (_, d) => (
              <span>
                {dayjs(d.responseDueAt).format('MM-DD HH:mm')} <DueTag due={d.due} />
              </span>
            ),
          },
          {
            title: t('defence.columns.status'),
            render: (_, d) => <Tag color={STATUS_COLOUR[d.status]}>{t(`defence.status.${d.status}`)}</Tag>,
          },
          { title: t('defence.columns.source'), render: (_, d) => t(`defence.source.${d.source}`) },
        ]}
      />
      <IntakeModal open={adding} onClose={() => setAdding(false)} />
      <DefenceDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
