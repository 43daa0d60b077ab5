import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { dateOnly, dateTime } from './format.js';
import { type RecallDetail, useRecallMutation, useRecallQuery } from './recalls-api.js';

type Action = {
  id: string;
  kind: 'corrective' | 'preventive';
  description: string;
  ownerName: string;
  dueAt: string;
  doneAt: string | null;
  verification: string | null;
  verifiedAt: string | null;
};
type Findings = {
  rootCause: string;
  faultSupplier?: string;
  faultBatch?: string;
  findingsZh: string;
  findingsEn?: string;
};
type NewAction = { kind: 'corrective' | 'preventive'; description: string; ownerName: string; dueAt: Dayjs };

/** Stage 8: root cause, supplier or batch at fault, CAPA with verification, findings made public. */
export function InvestigationPanel({ recall: r }: { recall: RecallDetail }) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [verifying, setVerifying] = useState<Action | null>(null);
  const [verification, setVerification] = useState('');
  const [form] = Form.useForm<NewAction>();
  const actions = useRecallQuery<{ items: Action[] }>(r.id, 'actions', `/recalls/${r.id}/actions`);
  const save = useRecallMutation(r.id, (body: Findings) =>
    api(`/recalls/${r.id}/findings`, { method: 'PUT', body }),
  );
  const publish = useRecallMutation(r.id, () => api(`/recalls/${r.id}/findings/publish`, { method: 'POST' }));
  const add = useRecallMutation(r.id, (v: NewAction) =>
    api(`/recalls/${r.id}/actions`, {
      method: 'POST',
      body: { ...v, dueAt: v.dueAt.endOf('day').toISOString() },
    }),
  );
  const update = useRecallMutation(r.id, ({ id, body }: { id: string; body: Record<string, unknown> }) =>
    api(`/recalls/${r.id}/actions/${id}`, { method: 'PATCH', body }),
  );
  const editable = r.status !== 'closed' && r.status !== 'cancelled';
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary">{t('investigation.intro')}</Typography.Paragraph>
      <Form<Findings>
        layout="vertical"
        disabled={!editable}
        initialValues={{
          rootCause: r.rootCause ?? '',
          faultSupplier: r.faultSupplier ?? undefined,
          faultBatch: r.faultBatch ?? undefined,
          findingsZh: r.findingsZh ?? '',
          findingsEn: r.findingsEn ?? undefined,
        }}
        onFinish={(v) =>
          save.mutate(
            {
              rootCause: v.rootCause,
              findingsZh: v.findingsZh,
              ...(v.faultSupplier ? { faultSupplier: v.faultSupplier } : {}),
              ...(v.faultBatch ? { faultBatch: v.faultBatch } : {}),
              ...(v.findingsEn ? { findingsEn: v.findingsEn } : {}),
            },
            { onSuccess: () => void message.success(t('investigation.saved')) },
          )
        }
      >
        <Form.Item
          name="rootCause"
          label={t('investigation.rootCause')}
          rules={[{ required: true, max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="findings-root-cause" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="faultSupplier"
            label={t('investigation.faultSupplier')}
            style={{ flex: 1 }}
            rules={[{ max: 100 }]}
          >
            <Input data-testid="findings-supplier" />
          </Form.Item>
          <Form.Item
            name="faultBatch"
            label={t('investigation.faultBatch')}
            style={{ flex: 1 }}
            rules={[{ max: 60 }]}
          >
            <Input data-testid="findings-batch" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="findingsZh"
          label={t('investigation.findingsZh')}
          rules={[{ required: true, max: 5000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="findings-zh" />
        </Form.Item>
        <Form.Item name="findingsEn" label={t('investigation.findingsEn')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Flex gap={8} align="center">
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="findings-save">
            {t('investigation.save')}
          </Button>
          {r.findingsPublishedAt ? (
            <Tag color="green" data-testid="findings-published">
              {t('investigation.published', { at: dateTime(r.findingsPublishedAt) })}
            </Tag>
          ) : (
            <Button
              disabled={!r.findingsZh || r.status === 'draft'}
              loading={publish.isPending}
              onClick={() => publish.mutate(undefined)}
              data-testid="findings-publish"
            >
              {t('investigation.publish')}
            </Button>
          )}
        </Flex>
      </Form>
      <Card
        size="small"
        title={t('investigation.actions')}
        extra={
          <Button size="small" disabled={!editable} onClick={() => setAdding(true)} data-testid="action-add">
            {t('investigation.add')}
          </Button>
        }
      >
        <Table<Action>
          rowKey="id"
          size="small"
          loading={actions.isPending}
          dataSource={actions.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('investigation.noActions')} /> }}
          data-testid="actions-table"
          columns={[
            { title: '', render: (_, a) => <Tag>{t(`investigation.kind.${a.kind}`)}</Tag> },
            { title: t('investigation.description'), dataIndex: 'description' },
            { title: t('investigation.owner'), dataIndex: 'ownerName' },
            { title: t('investigation.due'), render: (_, a) => dateOnly(a.dueAt) },
            {
              title: '',
              render: (_, a) =>
                a.verifiedAt ? (
                  <Tag color="green">
                    {t('investigation.verified')}：{a.verification}
                  </Tag>
                ) : (
                  <Flex gap={4}>
                    {!a.doneAt && (
                      <Button
                        size="small"
                        disabled={!editable}
                        onClick={() => update.mutate({ id: a.id, body: { done: true } })}
                      >
                        {t('investigation.markDone')}
                      </Button>
                    )}
                    <Button
                      size="small"
                      disabled={!editable || !a.doneAt}
                      onClick={() => {
                        setVerifying(a);
                        setVerification('');
                      }}
                      data-testid="action-verify"
                    >
                      {t('investigation.verify')}
                    </Button>
                  </Flex>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={adding}
        title={t('investigation.add')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: add.isPending, 'data-testid': 'action-save' } as never}
        destroyOnHidden
      >
        <Form<NewAction>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ kind: 'corrective' }}
          onFinish={(v) => add.mutate(v, { onSuccess: () => setAdding(false) })}
        >
          <Form.Item name="kind" label={t('investigation.actions')}>
            <Select
              options={(['corrective', 'preventive'] as const).map((k) => ({
                value: k,
                label: t(`investigation.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('investigation.description')}
            rules={[{ required: true, max: 2000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="action-description" />
          </Form.Item>
          <Form.Item name="ownerName" label={t('investigation.owner')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="action-owner" />
          </Form.Item>
          <Form.Item name="dueAt" label={t('investigation.due')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} data-testid="action-due" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={verifying !== null}
        title={t('investigation.verify')}
        onCancel={() => setVerifying(null)}
        okButtonProps={{ disabled: !verification.trim(), 'data-testid': 'action-verify-save' } as never}
        onOk={() =>
          verifying &&
          update.mutate(
            { id: verifying.id, body: { done: true, verification } },
            { onSuccess: () => setVerifying(null) },
          )
        }
      >
        <Input.TextArea
          placeholder={t('investigation.verification')}
          value={verification}
          onChange={(e) => setVerification(e.target.value)}
          data-testid="action-verification"
        />
      </Modal>
    </Flex>
  );
}
