import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Input, List, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { hasRole } from '../../app/roles.js';
import type { Playbook, Step, Template } from './playbooks-api.js';

const ACTIONS = ['reply', 'request_evidence', 'offer', 'check_tracking', 'internal_note', 'task', 'close'];

/** Playbooks per complaint category: the steps, their templates, editable by supervisors. */
export default function PlaybooksPage() {
  const { t, i18n } = useTranslation('playbooks');
  const { message } = App.useApp();
  const { role } = useAuth();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['playbooks'], queryFn: () => api<{ items: Playbook[] }>('/playbooks') });
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const templates = useQuery({
    queryKey: ['templates', locale],
    queryFn: () => api<{ items: Template[] }>('/templates', { query: { locale } }),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [steps, setSteps] = useState<Step[]>([]);
  const [enabled, setEnabled] = useState(true);
  const playbook = list.data?.items.find((p) => p.id === selected) ?? list.data?.items[0];
  useEffect(() => {
    if (playbook) {
      setSteps(playbook.steps);
      setEnabled(playbook.enabled);
    }
  }, [playbook]);
  const save = useMutation({
    mutationFn: () =>
      api<Playbook>(`/playbooks/${playbook?.id}`, { method: 'PATCH', body: { steps, enabled } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['playbooks'] });
      void client.invalidateQueries({ queryKey: ['ticket'] });
      void message.success(t('playbooks.saved'));
    },
  });
  const canEdit = hasRole(role, 'supervisor');
  const update = (i: number, patch: Partial<Step>) =>
    setSteps((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const move = (i: number, d: number) =>
    setSteps((s) => {
      const next = [...s];
      const [item] = next.splice(i, 1);
      next.splice(i + d, 0, item!);
      return next;
    });
  // A template by its name (the first of its shop variants), not its key.
  const templateOptions = [...new Set((templates.data?.items ?? []).map((x) => x.key))].map((k) => ({
    value: k,
    label: (templates.data?.items ?? []).find((x) => x.key === k && !x.shopId)?.name ?? k,
  }));
  return (
    <Card>
      <Typography.Title level={4}>{t('playbooks.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('playbooks.intro')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <List
            size="small"
            bordered
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            renderItem={(p) => (
              <List.Item
                onClick={() => setSelected(p.id)}
                style={{
                  cursor: 'pointer',
                  background: p.id === playbook?.id ? 'rgba(22,104,220,0.08)' : undefined,
                }}
              >
                {t(`category.${p.category}`, { ns: 'common' })}
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} md={18}>
          {playbook && (
            <Flex vertical gap={12}>
              <Flex justify="space-between" align="center">
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t(`category.${playbook.category}`, { ns: 'common' })}
                </Typography.Title>
                <Flex gap={12} align="center">
                  <span>
                    {t('playbooks.enabled')}{' '}
                    <Switch checked={enabled} onChange={setEnabled} disabled={!canEdit} />
                  </span>
                  {canEdit && (
                    <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
                      {t('playbooks.save')}
                    </Button>
                  )}
                </Flex>
              </Flex>
              {steps.map((s, i) => (
                <Card size="small" key={s.key}>
                  <Row gutter={8}>
                    <Col span={10}>
                      <Input
                        addonBefore={t('playbooks.titleZh')}
                        value={s.title.zh}
                        disabled={!canEdit}
                        onChange={(e) => update(i, { title: { ...s.title, zh: e.target.value } })}
                      />
                    </Col>
                    <Col span={10}>
                      <Input
                        addonBefore={t('playbooks.titleEn')}
                        value={s.title.en}
                        disabled={!canEdit}
                        onChange={(e) => update(i, { title: { ...s.title, en: e.target.value } })}
                      />
                    </Col>
                    <Col span={4}>
                      <Flex gap={4} justify="flex-end">
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={!canEdit || i === 0}
                          onClick={() => move(i, -1)}
                        />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={!canEdit || i === steps.length - 1}
                          onClick={() => move(i, 1)}
                        />
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={!canEdit}
                          onClick={() => setSteps((x) => x.filter((_, j) => j !== i))}
                        />
                      </Flex>
                    </Col>
                  </Row>
                  <Flex gap={8} style={{ marginTop: 8 }}>
                    <Select
                      style={{ width: 200 }}
                      value={s.action}
                      disabled={!canEdit}
                      options={ACTIONS.map((a) => ({ value: a, label: t(`playbooks.actions.${a}`) }))}
                      onChange={(action) => update(i, { action })}
                    />
                    <Select
                      style={{ width: 260 }}
                      allowClear
                      placeholder={t('playbooks.template')}
                      value={s.templateKey}
                      disabled={!canEdit}
                      options={templateOptions}
                      onChange={(templateKey) =>
                        update(i, templateKey ? { templateKey } : { templateKey: undefined })
                      }
                    />
                  </Flex>
                </Card>
              ))}
              {canEdit && (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() =>
                    setSteps((s) => [
                      ...s,
                      {
                        key: `step_${s.length + 1}_${Date.now().toString(36).slice(-3)}`,
                        action: 'reply',
                        title: { zh: '新步骤', en: 'New step' },
                      },
                    ])
                  }
                >
                  {t('playbooks.addStep')}
                </Button>
              )}
            </Flex>
          )}
        </Col>
      </Row>
    </Card>
  );
}
