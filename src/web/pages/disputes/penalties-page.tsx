import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useShops } from '../../app/queries.js';
import { EvidencePanel } from '../evidence/evidence-panel.js';
import { DeadlineReminders } from './deadline-reminders.js';
import { FORUMS, PENALTY_KINDS, type Penalty, usePenalties, usePenalty, when, yuan } from './disputes-api.js';
import { DueTag } from './due-tag.js';

const STATUS_COLOR = { open: 'orange', appealed: 'blue', decided: 'green', accepted: 'default' } as const;

export default function PenaltiesPage() {
  const { t } = useTranslation('disputes');
  const [status, setStatus] = useState<'active' | 'all'>('active');
  const list = usePenalties(status === 'all' ? undefined : status);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const kindText = (p: Penalty) =>
    p.kind === 'points' && p.points
      ? `${t('penalty.kind.points')} ${t('penalty.points', { n: p.points })}`
      : p.kind === 'deposit_deducted' && p.depositFen
        ? `${t('penalty.kind.deposit_deducted')} ${yuan(p.depositFen)}`
        : t(`penalty.kind.${p.kind}`);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1440, margin: '0 auto' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('penalty.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('penalty.intro')}</Typography.Text>
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="new-penalty"
        >
          {t('penalty.new')}
        </Button>
      </Flex>
      <DeadlineReminders subjectType="penalty" />
      <Card
        title={
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { value: 'active', label: t('queue.active') },
              { value: 'all', label: t('queue.all') },
            ]}
          />
        }
      >
        <Table<Penalty>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={false}
          data-testid="penalties-table"
          onRow={(p) => ({ onClick: () => setSelected(p.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={t('penalty.empty')} /> }}
          columns={[
            {
              title: t('penalty.columns.kind'),
              render: (_, p) => `${t(`forum.${p.platform}`)} · ${kindText(p)}`,
            },
            { title: t('penalty.columns.reason'), dataIndex: 'reason' },
            { title: t('penalty.columns.penalizedAt'), render: (_, p) => when(p.penalizedAt) },
            {
              title: t('penalty.columns.next'),
              render: (_, p) =>
                p.status === 'open' || p.status === 'appealed' ? <DueTag at={p.nextDueAt} /> : '—',
            },
            {
              title: t('penalty.columns.status'),
              render: (_, p) => (
                <Tag color={STATUS_COLOR[p.status]} data-testid="penalty-status">
                  {p.outcome ? t(`penalty.outcome.${p.outcome}`) : t(`penalty.status.${p.status}`)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      <NewPenaltyModal open={creating} onClose={() => setCreating(false)} />
      <PenaltyDrawer id={selected} onClose={() => setSelected(null)} />
    </Flex>
  );
}

type NewValues = {
  platform: string;
  kind: string;
  shopId?: string;
  points?: number;
  depositYuan?: number;
  reason: string;
  ruleRef?: string;
  penalizedAt?: Dayjs;
  appealDueAt?: Dayjs;
  tasks?: string;
};

function NewPenaltyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('disputes');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const shops = useShops();
  const [form] = Form.useForm<NewValues>();
  const kind = Form.useWatch('kind', form);
  const create = useMutation({
    mutationFn: (v: NewValues) =>
      api<Penalty>('/penalties', {
        method: 'POST',
        body: {
          platform: v.platform,
          kind: v.kind,
          reason: v.reason,
          ...(v.shopId ? { shopId: v.shopId } : {}),
          ...(v.points ? { points: v.points } : {}),
          ...(v.depositYuan ? { depositFen: Math.round(v.depositYuan * 100) } : {}),
          ...(v.ruleRef ? { ruleRef: v.ruleRef } : {}),
          ...(v.penalizedAt ? { penalizedAt: v.penalizedAt.toISOString() } : {}),
          ...(v.appealDueAt ? { appealDueAt: v.appealDueAt.toISOString() } : {}),
          tasks: (v.tasks ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((title) => ({ title })),
        },
      }),
    onSuccess: async (p) => {
      message.success(t('penalty.form.created', { due: when(p.appealDueAt) }));
      await qc.invalidateQueries({ queryKey: ['penalties'] });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('penalty.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('penalty.form.submit')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<NewValues>
        form={form}
        layout="vertical"
        initialValues={{ platform: 'douyin', kind: 'points' }}
        onFinish={(v) => create.mutate(v)}
        data-testid="penalty-form"
      >
        <Space.Compact block>
          <Form.Item name="platform" label={t('penalty.form.platform')} style={{ width: '50%' }}>
            <Select options={FORUMS.slice(0, 4).map((f) => ({ value: f, label: t(`forum.${f}`) }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('penalty.form.kind')} style={{ width: '50%' }}>
            <Select options={PENALTY_KINDS.map((k) => ({ value: k, label: t(`penalty.kind.${k}`) }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="shopId" label={t('penalty.form.shop')}>
          <Select allowClear options={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        {kind === 'points' && (
          <Form.Item name="points" label={t('penalty.form.points')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1000} style={{ width: '100%' }} data-testid="penalty-points" />
          </Form.Item>
        )}
        {kind === 'deposit_deducted' && (
          <Form.Item name="depositYuan" label={t('penalty.form.deposit')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('penalty.form.reason')} rules={[{ required: true }]}>
          <Input maxLength={500} data-testid="penalty-reason" />
        </Form.Item>
        <Form.Item name="ruleRef" label={t('penalty.form.ruleRef')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="penalizedAt" label={t('penalty.form.penalizedAt')} style={{ width: '50%' }}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="appealDueAt" label={t('penalty.form.appealDueAt')} style={{ width: '50%' }}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="tasks" label={t('penalty.form.tasks')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PenaltyDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('disputes');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const penalty = usePenalty(id);
  const [appealText, setAppealText] = useState('');
  const [outcome, setOutcome] = useState<'overturned' | 'reduced' | 'upheld'>('overturned');
  const [restored, setRestored] = useState<number | null>(null);
  const [task, setTask] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['penalties'] });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      api<Penalty>(`/penalties/${id}${path}`, { method: 'POST', body }),
    onSuccess: async (p, v) => {
      if (v.path === '/appeal')
        message.success(
          t('penalty.appealed', { from: when(p.decisionExpectedFrom), to: when(p.decisionExpectedBy) }),
        );
      if (v.path === '/decide') message.success(t('penalty.decided'));
      setTask('');
      await refresh();
    },
  });
  const p = penalty.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size="large"
      title={p ? `${t(`forum.${p.platform}`)} · ${t(`penalty.kind.${p.kind}`)}` : ''}
    >
      {p && (
        <Flex vertical gap={16} data-testid="penalty-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('penalty.columns.status')}>
              <Tag color={STATUS_COLOR[p.status]} data-testid="penalty-drawer-status">
                {p.outcome ? t(`penalty.outcome.${p.outcome}`) : t(`penalty.status.${p.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('penalty.columns.reason')}>{p.reason}</Descriptions.Item>
            {p.points !== null && (
              <Descriptions.Item label={t('penalty.form.points')}>
                {t('penalty.points', { n: p.points })}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('penalty.columns.penalizedAt')}>
              {when(p.penalizedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('penalty.appealDue')}>
              <Space>
                {when(p.appealDueAt)}
                {p.status === 'open' && <DueTag at={p.appealDueAt} />}
              </Space>
            </Descriptions.Item>
            {p.decisionExpectedBy && (
              <Descriptions.Item label={t('penalty.expected')}>
                {when(p.decisionExpectedFrom)} – {when(p.decisionExpectedBy)}
              </Descriptions.Item>
            )}
            {p.appealText && (
              <Descriptions.Item label={t('penalty.appealText')}>{p.appealText}</Descriptions.Item>
            )}
            {p.pointsRestored !== null && (
              <Descriptions.Item label={t('penalty.pointsRestored')}>{p.pointsRestored}</Descriptions.Item>
            )}
          </Descriptions>
          <EvidencePanel subjectType="penalty" subjectId={p.id} defaultKind="listing_snapshot" />
          {p.status === 'open' && (
            <Card size="small" title={t('penalty.appeal')}>
              <Input.TextArea
                rows={3}
                value={appealText}
                onChange={(e) => setAppealText(e.target.value)}
                placeholder={t('penalty.appealText')}
                maxLength={5000}
                data-testid="appeal-text"
              />
              <Space style={{ marginTop: 8 }}>
                <Button
                  type="primary"
                  disabled={!appealText.trim()}
                  loading={act.isPending}
                  onClick={() => act.mutate({ path: '/appeal', body: { text: appealText } })}
                  data-testid="file-appeal"
                >
                  {t('penalty.appeal')}
                </Button>
                <Button onClick={() => act.mutate({ path: '/accept' })}>{t('penalty.accept')}</Button>
              </Space>
            </Card>
          )}
          {p.status === 'appealed' && (
            <Card size="small" title={t('penalty.decide')}>
              <Space wrap>
                <Select
                  value={outcome}
                  onChange={setOutcome}
                  style={{ width: 140 }}
                  options={(['overturned', 'reduced', 'upheld'] as const).map((o) => ({
                    value: o,
                    label: t(`penalty.outcome.${o}`),
                  }))}
                  data-testid="appeal-outcome"
                />
                {p.points !== null && (
                  <InputNumber
                    min={0}
                    max={p.points}
                    value={restored}
                    onChange={setRestored}
                    placeholder={t('penalty.pointsRestored')}
                  />
                )}
                <Button
                  type="primary"
                  loading={act.isPending}
                  onClick={() =>
                    act.mutate({
                      path: '/decide',
                      body: { outcome, ...(restored !== null ? { pointsRestored: restored } : {}) },
                    })
                  }
                  data-testid="record-decision"
                >
                  {t('penalty.decide')}
                </Button>
              </Space>
            </Card>
          )}
          <Card size="small" title={t('penalty.tasks')}>
            <List
              size="small"
              dataSource={p.tasks}
              locale={{ emptyText: t('penalty.noTasks') }}
              renderItem={(task) => (
                <List.Item
                  actions={
                    task.doneAt
                      ? [
                          <Tag key="d" color="green">
                            {t('penalty.done')}
                          </Tag>,
                        ]
                      : [
                          <Button
                            key="b"
                            size="small"
                            onClick={() => act.mutate({ path: `/tasks/${task.id}/done` })}
                          >
                            {t('penalty.done')}
                          </Button>,
                        ]
                  }
                >
                  {task.title}
                </List.Item>
              )}
            />
            <Space.Compact style={{ marginTop: 8, width: '100%' }}>
              <Input
                value={task}
                onChange={(e) => setTask(e.target.value)}
                placeholder={t('penalty.addTask')}
                maxLength={200}
              />
              <Button
                disabled={!task.trim()}
                onClick={() => act.mutate({ path: '/tasks', body: { title: task } })}
              >
                {t('penalty.addTask')}
              </Button>
            </Space.Compact>
          </Card>
        </Flex>
      )}
    </Drawer>
  );
}
