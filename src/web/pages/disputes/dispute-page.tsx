import {
  CheckCircleFilled,
  CloseCircleFilled,
  DownloadOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, apiUrl } from '../../app/api.js';
import { EvidencePanel } from '../evidence/evidence-panel.js';
import { DEADLINES, type DisputeDetail, OUTCOMES, useDispute, when, yuan } from './disputes-api.js';
import { DueTag } from './due-tag.js';

export default function DisputePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('disputes');
  const dispute = useDispute(id);
  if (dispute.isError) {
    return (
      <Result
        status="404"
        title={t('detail.notFound')}
        extra={
          <Link to="/disputes">
            <Button type="primary">{t('detail.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (!dispute.data)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  const d = dispute.data;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1440, margin: '0 auto' }}>
      <Header d={d} />
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <ClaimCard d={d} />
            <Card title={t('detail.evidence')} data-testid="dispute-evidence">
              <EvidencePanel
                subjectType="dispute"
                subjectId={d.id}
                defaultKind={d.checklist.missing[0] ?? 'photo'}
              />
              {d.evidence.some((e) => e.subjectType !== 'dispute') && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                  {d.evidence
                    .filter((e) => e.subjectType !== 'dispute')
                    .map((e) => e.title)
                    .join('、')}
                </Typography.Paragraph>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <Checklist d={d} />
            <Deadlines d={d} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

function Header({ d }: { d: DisputeDetail }) {
  const { t } = useTranslation('disputes');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [deciding, setDeciding] = useState(false);
  const submit = useMutation({
    mutationFn: () => api(`/disputes/${d.id}/submit`, { method: 'POST' }),
    onSuccess: () => {
      message.success(t('detail.submitted'));
      return qc.invalidateQueries({ queryKey: ['disputes'] });
    },
  });
  return (
    <Card>
      <Flex justify="space-between" align="start" wrap gap={12}>
        <Flex vertical gap={6}>
          <Link to="/disputes">← {t('detail.back')}</Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t(`type.${d.type}`)} · {t(`forum.${d.platform}`)}
          </Typography.Title>
          <Space wrap>
            {d.outcome ? (
              <Tag
                color={d.outcome === 'won' ? 'green' : d.outcome === 'lost' ? 'red' : 'default'}
                data-testid="dispute-outcome"
              >
                {t(`outcome.${d.outcome}`)}
              </Tag>
            ) : (
              <Tag color={d.status === 'open' ? 'orange' : 'blue'}>{t(`status.${d.status}`)}</Tag>
            )}
            {d.status !== 'closed' && <DueTag at={d.nextDueAt} />}
            <Tag>{t(`detail.source.${d.source}`)}</Tag>
            {d.externalRef && <Typography.Text copyable>{d.externalRef}</Typography.Text>}
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('detail.atStake')}>{yuan(d.amountAtStakeFen)}</Descriptions.Item>
            {d.amountLostFen !== null && (
              <Descriptions.Item label={t('detail.lost')}>{yuan(d.amountLostFen)}</Descriptions.Item>
            )}
            {d.ticketId && (
              <Descriptions.Item label={t('detail.case')}>
                <Link to={`/tickets/${d.ticketId}`}>{t('detail.case')}</Link>
              </Descriptions.Item>
            )}
            {d.orderId && (
              <Descriptions.Item label={t('detail.order')}>
                <Link to={`/orders/${d.orderId}`}>{t('detail.order')}</Link>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Flex>
        <Space wrap>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            href={apiUrl(`/disputes/${d.id}/bundle`)}
            data-testid="download-bundle"
          >
            {t('detail.bundle')}
          </Button>
          <Button icon={<DownloadOutlined />} href={apiUrl(`/disputes/${d.id}/bundle`, { locale: 'en' })}>
            {t('detail.bundleEn')}
          </Button>
          {d.status === 'open' && (
            <Button loading={submit.isPending} onClick={() => submit.mutate()} data-testid="submit-dispute">
              {t('detail.submit')}
            </Button>
          )}
          {d.status !== 'closed' && (
            <Button onClick={() => setDeciding(true)} data-testid="decide-dispute">
              {t('detail.decide')}
            </Button>
          )}
        </Space>
      </Flex>
      <DecideModal d={d} open={deciding} onClose={() => setDeciding(false)} />
    </Card>
  );
}

function DecideModal({ d, open, onClose }: { d: DisputeDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('disputes');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ outcome: (typeof OUTCOMES)[number]; lostYuan?: number; note?: string }>();
  const decide = useMutation({
    mutationFn: (v: { outcome: string; lostYuan?: number; note?: string }) =>
      api(`/disputes/${d.id}/decide`, {
        method: 'POST',
        body: {
          outcome: v.outcome,
          ...(v.lostYuan !== undefined && v.lostYuan !== null
            ? { amountLostFen: Math.round(v.lostYuan * 100) }
            : {}),
          ...(v.note ? { note: v.note } : {}),
        },
      }),
    onSuccess: async () => {
      message.success(t('detail.decided'));
      await qc.invalidateQueries({ queryKey: ['disputes'] });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('detail.decide')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'won' }}
        onFinish={(v) => decide.mutate(v)}
        data-testid="decide-form"
      >
        <Form.Item name="outcome" label={t('detail.outcome')} rules={[{ required: true }]}>
          <Select options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
        </Form.Item>
        <Form.Item name="lostYuan" label={t('detail.amountLost')}>
          <InputNumber
            min={0}
            max={d.amountAtStakeFen / 100 || undefined}
            precision={2}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('detail.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ClaimCard({ d }: { d: DisputeDetail }) {
  const { t } = useTranslation('disputes');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ claim: string; position: string }>();
  const save = useMutation({
    mutationFn: (v: { claim: string; position: string }) =>
      api(`/disputes/${d.id}`, { method: 'PATCH', body: v }),
    onSuccess: async () => {
      message.success(t('detail.saved'));
      setEditing(false);
      await qc.invalidateQueries({ queryKey: ['disputes'] });
    },
  });
  return (
    <Card
      title={`${t('detail.claim')} / ${t('detail.position')}`}
      extra={
        d.status !== 'closed' &&
        (editing ? (
          <Button type="primary" size="small" loading={save.isPending} onClick={() => form.submit()}>
            {t('detail.save')}
          </Button>
        ) : (
          <Button size="small" onClick={() => setEditing(true)}>
            {t('detail.edit')}
          </Button>
        ))
      }
    >
      {editing ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ claim: d.claim, position: d.position }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="claim" label={t('detail.claim')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="position" label={t('detail.position')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Form>
      ) : (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('detail.claim')}>{d.claim || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('detail.position')}>{d.position || '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function Checklist({ d }: { d: DisputeDetail }) {
  const { t } = useTranslation('disputes');
  const { t: te } = useTranslation('evidence');
  const c = d.checklist;
  return (
    <Card title={t('detail.checklist')} data-testid="checklist" data-complete={c.complete ? 'yes' : 'no'}>
      <Alert
        type={c.complete ? 'success' : 'warning'}
        showIcon
        message={c.complete ? t('detail.complete') : t('detail.incomplete', { n: c.missing.length })}
        style={{ marginBottom: 12 }}
      />
      <List
        size="small"
        dataSource={c.items}
        renderItem={(i) => (
          <List.Item data-testid={`checklist-${i.kind}`} data-have={i.have}>
            <Space>
              {i.have > 0 ? (
                <CheckCircleFilled style={{ color: '#389e0d' }} />
              ) : i.required ? (
                <CloseCircleFilled style={{ color: '#cf1322' }} />
              ) : (
                <MinusCircleOutlined style={{ color: '#8c8c8c' }} />
              )}
              {te(`kind.${i.kind}`)}
              <Tag>{i.required ? t('detail.required') : t('detail.recommended')}</Tag>
            </Space>
            <Typography.Text type="secondary">
              {i.have ? t('detail.have', { n: i.have }) : t('detail.missing')}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Deadlines({ d }: { d: DisputeDetail }) {
  const { t } = useTranslation('disputes');
  const rows = DEADLINES.filter((k) => d[k]);
  return (
    <Card title={t('detail.deadlines')}>
      <List
        size="small"
        dataSource={rows}
        renderItem={(k) => (
          <List.Item>
            <span>{t(`deadline.${k}`)}</span>
            <Space>
              <Typography.Text type="secondary">{when(d[k])}</Typography.Text>
              {d.status !== 'closed' && <DueTag at={d[k]} />}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
