import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.js';
import { attachEvidence, useInvalidateBrand } from './brand-api.js';
import { type Batch, type Sourcing, useReceivedAuthorisations, useSourcing } from './defence-api.js';
import { ChainTags, GapTags } from './sourcing-summary.js';

type RecordForm = {
  sku: string;
  productName?: string;
  supplierName: string;
  chain?: string[];
  samplingIntervalDays?: number;
  lastSampledAt?: Dayjs;
};

function RecordModal({ open, onClose, sku }: { open: boolean; onClose: () => void; sku?: string }) {
  const { t } = useTranslation('brandDefence');
  const { t: tb } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const auths = useReceivedAuthorisations();
  const [form] = Form.useForm<RecordForm>();
  const save = useMutation({
    mutationFn: (v: RecordForm) =>
      api('/brand/sourcing', {
        method: 'POST',
        silent: true,
        body: { ...v, lastSampledAt: v.lastSampledAt ? v.lastSampledAt.toISOString() : null },
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
      title={t('sourcing.add')}
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
        initialValues={{ sku, samplingIntervalDays: 90 }}
      >
        <Form.Item name="sku" label={t('sourcing.form.sku')} rules={[{ required: true }]}>
          <Input data-testid="sourcing-sku" />
        </Form.Item>
        <Form.Item name="productName" label={t('sourcing.form.product')}>
          <Input />
        </Form.Item>
        <Form.Item name="supplierName" label={t('sourcing.form.supplier')} rules={[{ required: true }]}>
          <Input data-testid="sourcing-supplier" />
        </Form.Item>
        <Form.Item name="chain" label={t('sourcing.form.chain')}>
          <Select
            mode="multiple"
            loading={auths.isPending}
            options={(auths.data ?? []).map((a) => ({
              value: a.id,
              label: `${a.partyName}${a.validUntil ? ` · ${dayjs(a.validUntil).format('YYYY-MM-DD')}` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="samplingIntervalDays" label={t('sourcing.form.interval')}>
          <InputNumber min={1} max={3650} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lastSampledAt" label={t('sourcing.form.lastSampled')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type BatchForm = {
  batchNo: string;
  supplierName?: string;
  quantity?: number;
  receivedAt: Dayjs;
  invoiceNo?: string;
  inspectionReportNo?: string;
};

function BatchModal({ record, onClose }: { record: Sourcing | null; onClose: () => void }) {
  const { t } = useTranslation('brandDefence');
  const { t: tb } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const [form] = Form.useForm<BatchForm>();
  const save = useMutation({
    mutationFn: (v: BatchForm) =>
      api(`/brand/sourcing/${record!.id}/batches`, {
        method: 'POST',
        silent: true,
        body: { ...v, receivedAt: v.receivedAt.toISOString() },
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
      open={!!record}
      title={`${t('sourcing.batch.add')} · ${record?.sku ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tb('save')}
      cancelText={tb('cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="batchNo" label={t('sourcing.batch.no')} rules={[{ required: true }]}>
          <Input data-testid="batch-no" />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('sourcing.batch.received')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="batch-received" />
        </Form.Item>
        <Form.Item name="supplierName" label={t('sourcing.batch.supplier')}>
          <Input placeholder={record?.supplierName} />
        </Form.Item>
        <Form.Item name="quantity" label={t('sourcing.batch.quantity')}>
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="invoiceNo" label={t('sourcing.batch.invoice')}>
          <Input />
        </Form.Item>
        <Form.Item name="inspectionReportNo" label={t('sourcing.batch.report')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FileButton({ batch, kind, label }: { batch: Batch; kind: string; label: string }) {
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const upload = useMutation({
    mutationFn: (file: File) => attachEvidence('brand_sourcing_batch', batch.id, kind, file),
    onSuccess: () => invalidate(),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Upload
      showUploadList={false}
      beforeUpload={(f) => {
        upload.mutate(f);
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
        {label}
      </Button>
    </Upload>
  );
}

function Batches({ record }: { record: Sourcing }) {
  const { t } = useTranslation('brandDefence');
  return (
    <Table<Batch>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={record.batches}
      locale={{ emptyText: t('sourcing.batch.empty') }}
      columns={[
        { title: t('sourcing.batch.no'), dataIndex: 'batchNo' },
        { title: t('sourcing.batch.received'), render: (_, b) => dayjs(b.receivedAt).format('YYYY-MM-DD') },
        { title: t('sourcing.batch.supplier'), dataIndex: 'supplierName' },
        { title: t('sourcing.batch.quantity'), render: (_, b) => b.quantity ?? '—' },
        { title: t('sourcing.batch.invoice'), render: (_, b) => b.invoiceNo ?? '—' },
        { title: t('sourcing.batch.report'), render: (_, b) => b.inspectionReportNo ?? '—' },
        {
          title: '',
          render: (_, b) => (
            <Space>
              <FileButton batch={b} kind="invoice" label={t('sourcing.batch.uploadInvoice')} />
              <FileButton batch={b} kind="inspection_report" label={t('sourcing.batch.uploadReport')} />
            </Space>
          ),
        },
      ]}
    />
  );
}

/** Per SKU: supplier, authorisation chain, batches with invoices and reports, and what is missing. */
export function SourcingTab() {
  const { t } = useTranslation('brandDefence');
  const q = useSourcing();
  const [adding, setAdding] = useState<{ sku?: string } | null>(null);
  const [batchFor, setBatchFor] = useState<Sourcing | null>(null);
  const unsourced = q.data?.unsourced ?? [];
  return (
    <Flex vertical gap={16}>
      {unsourced.length ? (
        <Alert
          type="warning"
          showIcon
          data-testid="unsourced"
          message={t('sourcing.unsourcedTitle')}
          description={
            <Space wrap>
              {unsourced.slice(0, 12).map((u) => (
                <Button key={u.sku} size="small" onClick={() => setAdding({ sku: u.sku })}>
                  {t('sourcing.unsourcedLine', u)}
                </Button>
              ))}
            </Space>
          }
        />
      ) : null}
      <Card
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding({})}
            data-testid="sourcing-add"
          >
            {t('sourcing.add')}
          </Button>
        }
      >
        <Table<Sourcing>
          rowKey="id"
          size="middle"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          data-testid="brand-sourcing-table"
          locale={{ emptyText: <Empty description={t('sourcing.empty')} /> }}
          expandable={{ expandedRowRender: (r) => <Batches record={r} /> }}
          columns={[
            { title: t('sourcing.columns.sku'), dataIndex: 'sku' },
            { title: t('sourcing.columns.product'), render: (_, r) => r.productName || '—' },
            { title: t('sourcing.columns.supplier'), dataIndex: 'supplierName' },
            { title: t('sourcing.columns.chain'), render: (_, r) => <ChainTags s={r} /> },
            { title: t('sourcing.columns.batches'), render: (_, r) => r.batches.length },
            { title: t('sourcing.columns.files'), dataIndex: 'files' },
            {
              title: t('sourcing.columns.sampled'),
              render: (_, r) => (r.lastSampledAt ? dayjs(r.lastSampledAt).format('YYYY-MM-DD') : '—'),
            },
            { title: t('sourcing.columns.gaps'), render: (_, r) => <GapTags s={r} /> },
            {
              title: '',
              render: (_, r) => (
                <Button size="small" onClick={() => setBatchFor(r)} data-testid={`batch-add-${r.sku}`}>
                  {t('sourcing.batch.add')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <RecordModal open={!!adding} sku={adding?.sku} onClose={() => setAdding(null)} />
      <BatchModal record={batchFor} onClose={() => setBatchFor(null)} />
    </Flex>
  );
}
