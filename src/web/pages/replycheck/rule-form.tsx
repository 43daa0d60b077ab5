import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { type CheckCategory, type CheckRule, type RulePlatform, rulesKey } from './replycheck-api.js';

const CATEGORIES: CheckCategory[] = [
  'insult',
  'threat',
  'blame',
  'promise',
  'personal_data',
  'absolute_claim',
  'other_platform',
  'off_platform_contact',
];

type Values = {
  ruleId: string;
  category: CheckCategory;
  enabled: boolean;
  block: boolean;
  terms: string;
  allow: string;
  patterns: string;
  messageZh: string;
  messageEn: string;
  source: string;
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Edit one rule of a platform table (or add one of the shop's own when `rule` is null). */
export function RuleForm({
  platform,
  rule,
  open,
  onClose,
}: {
  platform: RulePlatform;
  rule: CheckRule | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('replycheck');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      ruleId: rule?.id ?? 'custom.',
      category: rule?.category ?? 'insult',
      enabled: rule?.enabled ?? true,
      block: rule?.severity === 'block',
      terms: rule?.terms.join('\n') ?? '',
      allow: rule?.allow.join('\n') ?? '',
      patterns: rule?.patterns.join('\n') ?? '',
      messageZh: rule?.message.zh ?? '',
      messageEn: rule?.message.en ?? '',
      source: rule?.source ?? '',
    });
  }, [open, rule, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<CheckRule>(`/reply-checks/rules/${platform}/${encodeURIComponent(v.ruleId)}`, {
        method: 'PUT',
        body: {
          ...(rule?.builtin ? {} : { category: v.category }),
          enabled: v.enabled,
          severity: v.block ? 'block' : 'warning',
          terms: lines(v.terms),
          allow: lines(v.allow),
          patterns: lines(v.patterns),
          message: { zh: v.messageZh, en: v.messageEn },
          source: v.source,
        },
      }),
    onSuccess: () => {
      void message.success(t('rules.saved'));
      void queryClient.invalidateQueries({ queryKey: rulesKey(platform) });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={rule ? `${t(`category.${rule.category}`)} · ${rule.id}` : t('rules.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rules.save')}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="rule-form">
        {!rule && (
          <>
            <Form.Item
              name="ruleId"
              label={t('rules.ruleId')}
              rules={[{ required: true, pattern: /^custom\.[a-z0-9_]{1,40}$/ }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="category" label={t('rules.rule')}>
              <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="enabled" label={t('rules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="block" label={t('severity.block')} valuePropName="checked">
          <Switch data-testid="rule-block" />
        </Form.Item>
        <Form.Item name="terms" label={t('rules.terms')} extra={t('rules.onePerLine')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="allow" label={t('rules.allow')} extra={t('rules.onePerLine')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="patterns" label={t('rules.patterns')} extra={t('rules.onePerLine')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="messageZh" label={t('rules.messageZh')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="messageEn" label={t('rules.messageEn')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="source" label={t('rules.source')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
