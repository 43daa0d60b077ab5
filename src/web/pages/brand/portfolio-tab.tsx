import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Table,
  Tag,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.js';
import { attachEvidence, type Right, useAlerts, useInvalidateBrand, useRights } from './brand-api.js';

const VALIDITY_COLOUR = {
  valid: 'green',
  expiring: 'gold',
  expired: 'red',
  not_yet_valid: 'default',
  revoked: 'red',
} as const;

function CertificateButton({ right }: { right: Right }) {
  const { t } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const upload = useMutation({
    mutationFn: (file: File) => attachEvidence('brand_right', right.id, 'certificate', file),
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
        {t('portfolio.certificate')}
      </Button>
    </Upload>
  );
}

type RightForm = {
  kind: Right['kind'];
  name: string;
  registrationNo: string;
  owner: string;
  classes?: string;
  validUntil?: Dayjs;
  patentType?: string;
};

function AddRightModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const [form] = Form.useForm<RightForm>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: RightForm) =>
      api('/brand/rights', {
        method: 'POST',
        silent: true,
        body: {
          kind: v.kind,
          name: v.name,
          registrationNo: v.registrationNo,
          owner: v.owner,
          classes:
            v.kind === 'trademark'
              ? (v.classes ?? '')
                  .split(/[,，\s]+/)
                  .filter(Boolean)
                  .map(Number)
              : undefined,
          patentType: v.kind === 'patent' ? v.patentType : undefined,
          validUntil: v.validUntil ? v.validUntil.endOf('day').toISOString() : null,
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
      title={t('portfolio.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'trademark' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label={t('portfolio.form.kind')}>
          <Select
            options={(['trademark', 'copyright', 'patent', 'business_name'] as const).map((k) => ({
              value: k,
              label: t(`kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('portfolio.form.name')} rules={[{ required: true }]}>
          <Input data-testid="right-name" />
        </Form.Item>
        <Form.Item name="registrationNo" label={t('portfolio.form.number')} rules={[{ required: true }]}>
          <Input data-testid="right-number" />
        </Form.Item>
        <Form.Item name="owner" label={t('portfolio.form.owner')} rules={[{ required: true }]}>
          <Input data-testid="right-owner" />
        </Form.Item>
        {kind === 'trademark' && (
          <Form.Item name="classes" label={t('portfolio.form.classes')} rules={[{ required: true }]}>
            <Input placeholder="14, 25" data-testid="right-classes" />
          </Form.Item>
        )}
        {kind === 'patent' && (
          <Form.Item name="patentType" label={t('portfolio.form.patentType')} rules={[{ required: true }]}>
            <Select
              options={['invention', 'utility_model', 'design'].map((p) => ({
                value: p,
                label: t(`type.patent_${p}`),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="validUntil" label={t('portfolio.form.until')}>
          <DatePicker style={{ width: '100%' }} data-testid="right-until" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PortfolioTab() {
  const { t } = useTranslation('brand');
  const rights = useRights();
  const alerts = useAlerts();
  const [adding, setAdding] = useState(false);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={17}>
        <Card
          extra={
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="brand-add-right"
            >
              {t('portfolio.add')}
            </Button>
          }
        >
          <Table<Right>
            rowKey="id"
            size="middle"
            loading={rights.isPending}
            dataSource={rights.data ?? []}
            pagination={false}
            data-testid="brand-rights-table"
            locale={{ emptyText: <Empty description={t('portfolio.empty')} /> }}
            columns={[
              { title: t('portfolio.columns.name'), dataIndex: 'name' },
              { title: t('portfolio.columns.kind'), render: (_, r) => t(`kind.${r.kind}`) },
              { title: t('portfolio.columns.number'), dataIndex: 'registrationNo' },
              {
                title: t('portfolio.columns.classes'),
                render: (_, r) => (r.classes.length ? r.classes.join('、') : '—'),
              },
              { title: t('portfolio.columns.owner'), dataIndex: 'owner' },
              {
                title: t('portfolio.columns.until'),
                render: (_, r) =>
                  r.validUntil ? dayjs(r.validUntil).format('YYYY-MM-DD') : t('portfolio.forever'),
              },
              {
                title: t('portfolio.columns.validity'),
                render: (_, r) => (
                  <Tag color={VALIDITY_COLOUR[r.validity.state]}>{t(`validity.${r.validity.state}`)}</Tag>
                ),
              },
              {
                title: t('portfolio.columns.docs'),
                render: (_, r) => (r.documents ? r.documents : <CertificateButton right={r} />),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={7}>
        <Card title={t('portfolio.alerts')} size="small" loading={alerts.isPending}>
          {alerts.data?.length ? (
            <List
              size="small"
              dataSource={alerts.data}
              renderItem={(a) => (
                <List.Item>
                  {a.name}
                  <Tag color={a.state === 'expired' ? 'red' : 'gold'}>
                    {a.state === 'expired'
                      ? t('portfolio.expiredAgo')
                      : t('portfolio.daysLeft', { n: a.daysLeft })}
                  </Tag>
                </List.Item>
              )}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portfolio.noAlerts')} />
          )}
        </Card>
      </Col>
      <AddRightModal open={adding} onClose={() => setAdding(false)} />
    </Row>
  );
}
