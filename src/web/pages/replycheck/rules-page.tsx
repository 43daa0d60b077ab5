// 回复检查规则: one rule table per platform; supervisors edit terms, exceptions, patterns and blocking.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Popconfirm, Segmented, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { hasRole } from '../../app/roles.js';
import { type CheckRule, RULE_PLATFORMS, type RulePlatform, rulesKey, useRules } from './replycheck-api.js';
import { RuleForm } from './rule-form.js';
import { RuleSourceCell, RuleSourceLines } from './rule-source.js';

export default function ReplyCheckRulesPage() {
  const { t, i18n } = useTranslation('replycheck');
  const { role } = useAuth();
  const canEdit = hasRole(role, 'supervisor');
  const [platform, setPlatform] = useState<RulePlatform>('douyin');
  const rules = useRules(platform);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ rule: CheckRule | null } | null>(null);
  const reset = useMutation({
    mutationFn: (id: string) => api(`/reply-checks/rules/${platform}/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesKey(platform) }),
  });
  const en = i18n.language === 'en';
  return (
    <Card title={t('rules.title')} data-testid="reply-check-rules">
      <Typography.Paragraph type="secondary">{t('rules.intro')}</Typography.Paragraph>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={8}>
        <Segmented<RulePlatform>
          value={platform}
          onChange={setPlatform}
          options={RULE_PLATFORMS.map((p) => ({ value: p, label: t(`rules.platforms.${p}`) }))}
        />
        {canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing({ rule: null })}>
            {t('rules.add')}
          </Button>
        )}
      </Flex>
      <Table<CheckRule>
        rowKey="id"
        loading={rules.isLoading}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        // Fixed layout: the long citations in 依据 are cut with an ellipsis instead of squeezing the
        // rule's name into a column one character wide.
        tableLayout="fixed"
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('rules.empty') }}
        expandable={{
          expandedRowRender: (r) => (
            <Flex vertical gap={6}>
              {r.detector ? <Typography.Text>{t('rules.detector')}</Typography.Text> : null}
              {r.publicOnly ? <Typography.Text>{t('rules.publicOnly')}</Typography.Text> : null}
              {r.terms.length > 0 && (
                <div>
                  <Typography.Text strong>{t('rules.terms')}</Typography.Text>
                  {t('rules.colon')}
                  {r.terms.map((term) => (
                    <Tag key={term}>{term}</Tag>
                  ))}
                </div>
              )}
              {r.patterns.length > 0 && (
                <div>
                  <Typography.Text strong>{t('rules.patterns')}</Typography.Text>
                  {t('rules.colon')}
                  {r.patterns.map((p) => (
                    <Tag key={p}>
                      <code>{p}</code>
                    </Tag>
                  ))}
                </div>
              )}
              {r.allow.length > 0 && (
                <div>
                  <Typography.Text strong>{t('rules.allow')}</Typography.Text>
                  {t('rules.colon')}
                  {r.allow.map((w) => (
                    <Tag key={w} color="green">
                      {w}
                    </Tag>
                  ))}
                </div>
              )}
              <RuleSourceLines rule={r} />
            </Flex>
          ),
        }}
        columns={[
          {
            title: t('rules.rule'),
            width: 300,
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text strong>{t(`category.${r.category}`)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {en ? r.message.en : r.message.zh}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('rules.enabled'),
            width: 80,
            render: (_, r) => <Switch size="small" checked={r.enabled} disabled />,
          },
          {
            title: t('rules.severity'),
            width: 90,
            render: (_, r) => (
              <Tag color={r.severity === 'block' ? 'red' : 'orange'}>{t(`severity.${r.severity}`)}</Tag>
            ),
          },
          {
            title: t('rules.terms'),
            width: 110,
            render: (_, r) => t('rules.termsCount', { count: r.terms.length }),
          },
          {
            title: t('rules.source'),
            ellipsis: true,
            render: (_, r) => <RuleSourceCell rule={r} />,
          },
          {
            title: '',
            width: 170,
            render: (_, r) => (
              <Flex gap={4} align="center">
                <Tag>{r.builtin ? t('rules.builtin') : t('rules.custom')}</Tag>
                {r.edited && <Tag color="blue">{t('rules.edited')}</Tag>}
                {canEdit && (
                  <Button size="small" type="link" onClick={() => setEditing({ rule: r })}>
                    {t('rules.edit')}
                  </Button>
                )}
                {canEdit && r.edited && (
                  <Popconfirm title={t('rules.resetConfirm')} onConfirm={() => reset.mutate(r.id)}>
                    <Button size="small" type="link" danger>
                      {t('rules.reset')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <RuleForm
        platform={platform}
        rule={editing?.rule ?? null}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}
