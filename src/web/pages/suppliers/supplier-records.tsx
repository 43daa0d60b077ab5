// A supplier's factory audits, batch inspections and qualifications, each with its "record" form.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { DOCUMENT_KINDS } from '../quality/quality-api.js';
import { type Audit, type Inspection, type SupplierDetail, suppliersKey } from './suppliers-api.js';

const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

/** A card whose "record" button opens a form posting to the supplier. */
function RecordCard<V extends object>({
  title,
  add,
  path,
  toBody,
  form,
  children,
}: {
  title: string;
  add: string;
  path: string;
  toBody: (v: V) => unknown;
  form: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation('suppliers');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [f] = Form.useForm<V>();
  const save = useMutation({
    mutationFn: (v: V) => api(path, { method: 'POST', body: toBody(v) }),
    onSuccess: () => {
      void message.success(t('saved'));
      setOpen(false);
      f.resetFields();
      void queryClient.invalidateQueries({ queryKey: suppliersKey });
    },
  });
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Button size="small" onClick={() => setOpen(true)}>
          {add}
        </Button>
      }
    >
      {children}
      <Modal
        open={open}
        title={add}
        onCancel={() => setOpen(false)}
        onOk={() => f.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={f} layout="vertical" onFinish={(v) => save.mutate(v)} preserve={false}>
          {form}
        </Form>
      </Modal>
    </Card>
  );
}

type AuditValues = {
  visitedOn: Dayjs;
  auditor: string;
  checklist?: string;
  findings?: string;
  score: number;
};
type InspectionValues = {
  kind: Inspection['kind'];
  skuCode?: string;
  batch?: string;
  standardCode?: string;
  institution?: string;
  reportNo?: string;
  testedOn: Dayjs;
  result: 'pass' | 'fail';
  sampleSize?: number;
  defectsFound?: number;
};
type DocValues = { kind: string; number?: string; expiresOn?: Dayjs };

const optional = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

export function SupplierRecords({ supplier }: { supplier: SupplierDetail }) {
  const { t } = useTranslation('suppliers');
  const { t: tq } = useTranslation('quality');
  const base = `/suppliers/${supplier.id}`;
  return (
    <Row gutter={16}>
      <Col span={12}>
        <RecordCard<AuditValues>
          title={t('audits.title')}
          add={t('audits.add')}
          path={`${base}/audits`}
          toBody={(v) =>
            optional({
              visitedOn: day(v.visitedOn),
              auditor: v.auditor,
              score: v.score,
              findings: v.findings,
              checklist: (v.checklist ?? '')
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean)
                .map((l) => ({ item: l.replace(/^[×x✗]\s*/, ''), passed: !/^[×x✗]/.test(l) })),
            })
          }
          form={
            <>
              <Form.Item name="visitedOn" label={t('audits.visitedOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name="auditor"
                label={t('audits.auditor')}
                rules={[{ required: true, whitespace: true, max: 100 }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name="checklist" label={t('audits.checklist')} extra={t('audits.checklistHint')}>
                <Input.TextArea autoSize={{ minRows: 3 }} />
              </Form.Item>
              <Form.Item name="findings" label={t('audits.findings')}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
              </Form.Item>
              <Form.Item name="score" label={t('audits.score')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} />
              </Form.Item>
              <Typography.Text type="secondary">{t('audits.photos')}</Typography.Text>
            </>
          }
        >
          <Table<Audit>
            size="small"
            rowKey="id"
            dataSource={supplier.audits}
            pagination={false}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audits.empty')} />,
            }}
            expandable={{
              expandedRowRender: (a) => (
                <>
                  {a.checklist.map((c) => (
                    <div key={c.item}>
                      <Tag color={c.passed ? 'green' : c.passed === false ? 'red' : 'default'}>
                        {c.passed ? t('audits.passed') : t('audits.failed')}
                      </Tag>
                      {c.item} {c.note ?? ''}
                    </div>
                  ))}
                  {a.findings && (
                    <Typography.Paragraph style={{ marginTop: 8 }}>{a.findings}</Typography.Paragraph>
                  )}
                </>
              ),
            }}
            columns={[
              {
                key: 'on',
                title: t('audits.visitedOn'),
                render: (_, a) => dayjs(a.visitedOn).format('YYYY-MM-DD'),
              },
              { key: 'by', title: t('audits.auditor'), dataIndex: 'auditor' },
              { key: 'score', title: t('audits.score'), dataIndex: 'score', align: 'right' },
            ]}
          />
        </RecordCard>
      </Col>
      <Col span={12}>
        <RecordCard<InspectionValues>
          title={t('inspections.title')}
          add={t('inspections.add')}
          path={`${base}/inspections`}
          toBody={(v) => optional({ ...v, testedOn: day(v.testedOn) })}
          form={
            <>
              <Form.Item
                name="kind"
                label={t('inspections.kindLabel')}
                initialValue="batch_report"
                rules={[{ required: true }]}
              >
                <Select
                  options={(['batch_report', 'sampling_test'] as const).map((k) => ({
                    value: k,
                    label: t(`inspections.kind.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="standardCode"
                label={t('inspections.standard')}
                extra={t('inspections.standardHint')}
              >
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="institution" label={t('inspections.institution')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="reportNo" label={t('inspections.reportNo')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="skuCode" label={t('inspections.sku')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="batch" label={t('inspections.batch')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="testedOn" label={t('inspections.testedOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name="result"
                label={t('inspections.result')}
                initialValue="pass"
                rules={[{ required: true }]}
              >
                <Select
                  options={[
                    { value: 'pass', label: t('inspections.pass') },
                    { value: 'fail', label: t('inspections.fail') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="sampleSize" label={t('inspections.sample')}>
                <InputNumber min={1} />
              </Form.Item>
              <Form.Item name="defectsFound">
                <InputNumber min={0} />
              </Form.Item>
            </>
          }
        >
          <Table<Inspection>
            size="small"
            rowKey="id"
            dataSource={supplier.inspections}
            pagination={false}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.empty')} />,
            }}
            columns={[
              {
                key: 'on',
                title: t('inspections.testedOn'),
                render: (_, i) => dayjs(i.testedOn).format('YYYY-MM-DD'),
              },
              {
                key: 'kind',
                title: t('inspections.kindLabel'),
                render: (_, i) => t(`inspections.kind.${i.kind}`),
              },
              { key: 'std', title: t('inspections.standard'), render: (_, i) => i.standardCode ?? '—' },
              { key: 'batch', title: t('inspections.batch'), render: (_, i) => i.batch ?? '—' },
              {
                key: 'result',
                title: t('inspections.result'),
                render: (_, i) => (
                  <Tag color={i.result === 'pass' ? 'green' : 'red'}>
                    {t(`inspections.${i.result}`)}
                    {i.sampleSize ? ` ${i.defectsFound ?? 0}/${i.sampleSize}` : ''}
                  </Tag>
                ),
              },
            ]}
          />
        </RecordCard>
        <div style={{ height: 16 }} />
        <RecordCard<DocValues>
          title={t('qualifications.title')}
          add={t('qualifications.add')}
          path={`${base}/qualifications`}
          toBody={(v) => optional({ ...v, expiresOn: day(v.expiresOn) })}
          form={
            <>
              <Form.Item
                name="kind"
                label={tq('documents.kind')}
                initialValue="production_licence"
                rules={[{ required: true }]}
              >
                <Select options={DOCUMENT_KINDS.map((k) => ({ value: k, label: tq(`document.${k}`) }))} />
              </Form.Item>
              <Form.Item name="number" label={tq('documents.number')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="expiresOn" label={tq('documents.expiresOn')} extra={tq('documents.noExpiry')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          }
        >
          <Table
            size="small"
            rowKey="id"
            dataSource={supplier.qualifications}
            pagination={false}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('qualifications.empty')} />
              ),
            }}
            columns={[
              { key: 'kind', title: tq('documents.kind'), render: (_, d) => tq(`document.${d.kind}`) },
              { key: 'no', title: tq('documents.number'), render: (_, d) => d.number ?? '—' },
              {
                key: 'exp',
                title: tq('documents.expiresOn'),
                render: (_, d) =>
                  d.expiresOn ? (
                    <>
                      {dayjs(d.expiresOn).format('YYYY-MM-DD')}{' '}
                      {dayjs(d.expiresOn).isBefore(dayjs()) && (
                        <Tag color="red">{tq('documents.expired')}</Tag>
                      )}
                    </>
                  ) : (
                    tq('documents.noExpiry')
                  ),
              },
            ]}
          />
        </RecordCard>
      </Col>
    </Row>
  );
}
