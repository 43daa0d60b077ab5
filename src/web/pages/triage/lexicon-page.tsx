// 分诊词库: the tenant's own lexicon terms (supervisors edit), and a box to try the triage on a text.
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { SeverityTag } from '../../app/labels.js';
import { hasRole } from '../../app/roles.js';
import { CATEGORIES, type LexiconEntry, lexiconKey, type TriageResult, useLexicon } from './triage-api.js';
import { termList } from './triage-chips.js';

type NewEntry = { term: string; category?: string; severity?: 'critical' | 'high' };

export default function LexiconPage() {
  const { t } = useTranslation('triage');
  const { message } = App.useApp();
  const { role } = useAuth();
  const canEdit = hasRole(role, 'supervisor');
  const queryClient = useQueryClient();
  const lexicon = useLexicon();
  const [form] = Form.useForm<NewEntry>();

  const add = useMutation({
    mutationFn: (body: NewEntry) => api<LexiconEntry>('/triage/lexicon', { method: 'POST', body }),
    onSuccess: (entry) => {
      void queryClient.invalidateQueries({ queryKey: lexiconKey });
      void message.success(t('lexicon.added', { term: entry.term }));
      form.resetFields();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<null>(`/triage/lexicon/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: lexiconKey });
      void message.success(t('lexicon.removed'));
    },
  });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('lexicon.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('lexicon.intro')}</Typography.Text>
      </div>
      <Card>
        {canEdit ? (
          <Form
            form={form}
            layout="inline"
            onFinish={(v) => {
              if (!v.category && !v.severity) {
                void message.warning(t('lexicon.needOne'));
                return;
              }
              add.mutate({
                term: v.term,
                ...(v.category ? { category: v.category } : {}),
                ...(v.severity ? { severity: v.severity } : {}),
              });
            }}
            style={{ marginBottom: 16, rowGap: 8 }}
          >
            <Form.Item name="term" rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input placeholder={t('lexicon.term')} style={{ width: 180 }} data-testid="lexicon-term" />
            </Form.Item>
            <Form.Item name="category">
              <Select
                allowClear
                placeholder={t('lexicon.category')}
                style={{ width: 180 }}
                options={CATEGORIES.map((c) => ({ value: c, label: t(`common:category.${c}`) }))}
                data-testid="lexicon-category"
              />
            </Form.Item>
            <Form.Item name="severity">
              <Select
                allowClear
                placeholder={t('lexicon.severity')}
                style={{ width: 160 }}
                options={(['high', 'critical'] as const).map((s) => ({
                  value: s,
                  label: t(`common:severity.${s}`),
                }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="lexicon-add">
              {t('lexicon.add')}
            </Button>
          </Form>
        ) : (
          <Alert type="info" showIcon title={t('lexicon.readOnly')} style={{ marginBottom: 16 }} />
        )}
        <Table<LexiconEntry>
          rowKey="id"
          size="small"
          loading={lexicon.isPending}
          dataSource={lexicon.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('lexicon.empty')} /> }}
          columns={[
            {
              key: 'term',
              title: t('lexicon.term'),
              render: (_, r) => <Typography.Text strong>{r.term}</Typography.Text>,
            },
            {
              key: 'category',
              title: t('lexicon.category'),
              render: (_, r) =>
                r.category ? (
                  <Tag color="purple">{t(`common:category.${r.category}`, { defaultValue: r.category })}</Tag>
                ) : (
                  '—'
                ),
            },
            {
              key: 'severity',
              title: t('lexicon.severity'),
              render: (_, r) => (r.severity ? <SeverityTag severity={r.severity} /> : '—'),
            },
            {
              key: 'createdAt',
              title: t('lexicon.addedAt'),
              width: 160,
              render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm'),
            },
            ...(canEdit
              ? [
                  {
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, r: LexiconEntry) => (
                      <Popconfirm
                        title={t('lexicon.confirmRemove', { term: r.term })}
                        onConfirm={() => remove.mutate(r.id)}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('lexicon.remove')}
                        />
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <TryIt />
    </Flex>
  );
}

function TryIt() {
  const { t } = useTranslation('triage');
  const [text, setText] = useState('');
  const analyze = useMutation({
    mutationFn: (body: { text: string }) => api<TriageResult>('/triage/analyze', { method: 'POST', body }),
  });
  const r = analyze.data;
  return (
    <Card title={t('lexicon.tryTitle')} size="small">
      <Flex vertical gap={12}>
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={100_000}
          placeholder={t('lexicon.tryPlaceholder')}
          data-testid="triage-try-text"
        />
        <div>
          <Button
            onClick={() => analyze.mutate({ text })}
            loading={analyze.isPending}
            data-testid="triage-try"
          >
            {t('lexicon.analyze')}
          </Button>
        </div>
        {r && (
          <Descriptions size="small" column={1} bordered data-testid="triage-try-result">
            <Descriptions.Item label={t('panel.language')}>{t(`language.${r.language}`)}</Descriptions.Item>
            <Descriptions.Item label={t('panel.sentiment')}>
              {t(`sentiment.${r.sentiment}`)} ({r.score.toFixed(2)})
              {r.explanation.sentiment.length > 0 &&
                ` · ${t('chips.words', { words: r.explanation.sentiment.join('、') })}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('panel.categories')}>
              <Flex vertical gap={4}>
                {r.categories.length === 0 && t('panel.none')}
                {r.categories.map((c) => (
                  <span key={c}>
                    <Tag color="purple">{t(`common:category.${c}`)}</Tag>
                    <Typography.Text type="secondary">
                      {termList(t, r.explanation.categories[c] ?? [])}
                    </Typography.Text>
                  </span>
                ))}
                {r.explanation.negated.length > 0 && (
                  <Typography.Text type="secondary">
                    {t('lexicon.negated', { terms: r.explanation.negated.join('、') })}
                  </Typography.Text>
                )}
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('panel.severity')}>
              <SeverityTag severity={r.severity} /> {t(`rule.${r.explanation.severity.code}`)}
              {r.explanation.severity.terms.length > 0 &&
                ` · ${t('chips.basis', { terms: r.explanation.severity.terms.join('、') })}`}
            </Descriptions.Item>
            {r.pii.length > 0 && (
              <Descriptions.Item label="PII">
                {r.pii.map((p) => `${t(`piiType.${p.type}`)} ${p.masked}`).join('；')}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Flex>
    </Card>
  );
}
