// 客服辅导: scorecards per agent with a sample to review, held replies of agents in training, examples.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, List, Row, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { hasRole } from '../../app/roles.js';
import { AgentDrawer } from './agent-drawer.js';
import { MyApprovals, PendingApprovals } from './approvals.js';
import type { Review, Scorecard } from './coaching-api.js';

function Examples() {
  const { t } = useTranslation('coaching');
  const list = useQuery({
    queryKey: ['coaching-examples'],
    queryFn: () => api<{ items: (Review & { number: number; subject: string })[] }>('/coaching/examples'),
  });
  return (
    <Card title={t('examples')} data-testid="coaching-examples">
      <List
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('examplesEmpty') }}
        renderItem={(r) => (
          <List.Item>
            <Flex vertical gap={2}>
              <Flex gap={8} align="center">
                <Tag color={r.example === 'good' ? 'green' : 'red'}>
                  {t(`example.${r.example ?? 'none'}`)}
                </Tag>
                <Link to={`/tickets/${r.ticketId}`}>
                  #{r.number} {r.subject}
                </Link>
              </Flex>
              {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Scorecards() {
  const { t } = useTranslation('coaching');
  const { message } = App.useApp();
  const client = useQueryClient();
  const range = useMemo(
    () => ({
      from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    }),
    [],
  );
  const cards = useQuery({
    queryKey: ['coaching-cards', range],
    queryFn: () => api<{ items: Scorecard[] }>('/coaching/scorecards', { query: range }),
  });
  const training = useMutation({
    mutationFn: (v: { agentId: string; training: boolean }) =>
      api(`/coaching/trainees/${v.agentId}`, { method: 'PUT', body: { training: v.training } }),
    onSuccess: () => {
      void message.success(t('trainingSaved'));
      void client.invalidateQueries({ queryKey: ['coaching-cards'] });
    },
  });
  const [open, setOpen] = useState<Scorecard | null>(null);
  const dash = (v: number | null, suffix = '') => (v === null ? t('none') : `${v}${suffix}`);
  return (
    <Card title={t('cards')} extra={t('range')}>
      <Table<Scorecard>
        rowKey="agentId"
        size="small"
        loading={cards.isLoading}
        dataSource={cards.data?.items ?? []}
        pagination={false}
        data-testid="coaching-cards"
        columns={[
          { title: t('columns.agent'), dataIndex: 'name' },
          { title: t('columns.cases'), dataIndex: 'cases', width: 80 },
          {
            title: t('columns.score'),
            width: 90,
            render: (_, c) =>
              c.score === null ? (
                t('none')
              ) : (
                <Tag color={c.score >= 85 ? 'green' : c.score >= 60 ? 'gold' : 'red'}>{c.score}</Tag>
              ),
          },
          { title: t('columns.onTime'), width: 120, render: (_, c) => dash(c.onTimeShare, '%') },
          { title: t('columns.findings'), width: 150, render: (_, c) => dash(c.findingsPer100Replies) },
          { title: t('columns.reopened'), dataIndex: 'reopened', width: 90 },
          {
            title: t('columns.csat'),
            width: 90,
            render: (_, c) => (c.csat === null ? t('none') : t('csatValue', { value: c.csat })),
          },
          { title: t('columns.reviewed'), dataIndex: 'reviewed', width: 80 },
          {
            title: t('columns.training'),
            width: 150,
            render: (_, c) => (
              <Flex gap={6} align="center">
                <Switch
                  size="small"
                  checked={c.training}
                  onChange={(v) => training.mutate({ agentId: c.agentId, training: v })}
                  data-testid={`training-${c.name}`}
                />
                {c.training && <Typography.Text type="warning">{t('trainingOn')}</Typography.Text>}
              </Flex>
            ),
          },
          {
            title: '',
            width: 70,
            render: (_, c) => (
              <Button size="small" onClick={() => setOpen(c)} data-testid={`coach-${c.name}`}>
                {t('view')}
              </Button>
            ),
          },
        ]}
      />
      <AgentDrawer agent={open} range={range} onClose={() => setOpen(null)} />
    </Card>
  );
}

export default function CoachingPage() {
  const { t } = useTranslation('coaching');
  const { role } = useAuth();
  const supervisor = hasRole(role, 'supervisor');
  return (
    <Flex vertical gap={16}>
      <Card title={t('title')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('intro')}
        </Typography.Paragraph>
      </Card>
      {supervisor && <Scorecards />}
      <Row gutter={16}>
        <Col span={12}>{supervisor ? <PendingApprovals /> : <MyApprovals />}</Col>
        <Col span={12}>
          <Examples />
        </Col>
      </Row>
    </Flex>
  );
}
