// One agent: score by week, a random sample of closed cases scored part by part, and the review form.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Empty, Flex, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import type { Review, SampleCase, Scorecard } from './coaching-api.js';
import { TrendChart } from './trend-chart.js';

const PARTS = ['response', 'checks', 'playbook', 'outcome', 'satisfaction'] as const;
const color = (v: number) => (v >= 85 ? 'green' : v >= 60 ? 'gold' : 'red');

function ReviewForm({ c }: { c: SampleCase }) {
  const { t } = useTranslation('coaching');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [note, setNote] = useState(c.review?.note ?? '');
  const [example, setExample] = useState<'good' | 'bad' | 'none'>(c.review?.example ?? 'none');
  const save = useMutation({
    mutationFn: () =>
      api<Review>(`/coaching/reviews/${c.ticketId}`, {
        method: 'PUT',
        body: { note: note.trim() || null, example: example === 'none' ? null : example },
      }),
    onSuccess: () => {
      void message.success(t('reviewSaved'));
      void client.invalidateQueries({ queryKey: ['coaching-sample'] });
      void client.invalidateQueries({ queryKey: ['coaching-cards'] });
    },
  });
  return (
    <Flex vertical gap={6} data-testid={`review-${c.number}`}>
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('reviewPlaceholder')}
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={2000}
      />
      <Flex gap={8}>
        <Select
          size="small"
          value={example}
          style={{ width: 130 }}
          onChange={setExample}
          options={(['none', 'good', 'bad'] as const).map((v) => ({ value: v, label: t(`example.${v}`) }))}
        />
        <Button size="small" type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          {t('saveReview')}
        </Button>
      </Flex>
    </Flex>
  );
}

export function AgentDrawer({
  agent,
  range,
  onClose,
}: {
  agent: Scorecard | null;
  range: { from: string; to: string };
  onClose: () => void;
}) {
  const { t } = useTranslation('coaching');
  const sample = useQuery({
    enabled: agent !== null,
    queryKey: ['coaching-sample', agent?.agentId, range],
    queryFn: () =>
      api<{ total: number; items: SampleCase[] }>(`/coaching/agents/${agent!.agentId}/sample`, {
        query: { ...range, size: 10 },
      }),
  });
  const trend = useQuery({
    enabled: agent !== null,
    queryKey: ['coaching-trend', agent?.agentId],
    queryFn: () =>
      api<{ items: { week: string; score: number; cases: number }[] }>(
        `/coaching/agents/${agent!.agentId}/trend`,
        {
          query: { from: new Date(Date.now() - 84 * 86_400_000).toISOString(), to: range.to },
        },
      ),
  });
  return (
    <Drawer
      open={agent !== null}
      onClose={onClose}
      width={980}
      title={agent ? t('drawerTitle', { name: agent.name }) : ''}
      data-testid="coaching-drawer"
    >
      <Typography.Title level={5}>{t('trend')}</Typography.Title>
      {trend.data?.items.length ? (
        <TrendChart weeks={trend.data.items} />
      ) : (
        <Empty description={t('noCases')} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {sample.data ? t('sampleTotal', { total: sample.data.total, count: sample.data.items.length }) : ''}
        {' · '}
        {t('partsHelp')}
      </Typography.Paragraph>
      <Table<SampleCase>
        rowKey="ticketId"
        size="small"
        loading={sample.isLoading}
        dataSource={sample.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('noCases') }}
        columns={[
          {
            title: t('case'),
            width: 170,
            render: (_, c) => (
              <Flex vertical>
                <Link to={`/tickets/${c.ticketId}`}>#{c.number}</Link>
                <Typography.Text ellipsis style={{ maxWidth: 160 }}>
                  {c.subject}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('total'),
            width: 70,
            render: (_, c) => <Tag color={color(c.total)}>{c.total}</Tag>,
          },
          {
            title: PARTS.map((p) => t(`parts.${p}`)).join(' / '),
            width: 260,
            render: (_, c) => (
              <Flex gap={4} wrap>
                {PARTS.map((p) => {
                  const v = c.parts[p];
                  return (
                    <Tooltip key={p} title={t(`parts.${p}`)}>
                      <Tag color={v === null ? 'default' : color(v)}>{v ?? t('none')}</Tag>
                    </Tooltip>
                  );
                })}
              </Flex>
            ),
          },
          { title: t('reviewNote'), render: (_, c) => <ReviewForm key={c.ticketId} c={c} /> },
        ]}
      />
    </Drawer>
  );
}
