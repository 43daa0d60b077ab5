import { App, Button, Card, Empty, Flex, Input, List, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { RecallChart } from './charts.js';
import { dateTime } from './format.js';
import { type Progress, type RecallDetail, useRecallMutation, useRecallQuery } from './recalls-api.js';

type Inquiry = {
  id: string;
  ticketId: string;
  ticketNumber: number;
  customerName: string | null;
  question: string;
  inScope: boolean;
  answerState: string;
  suggestedAnswer: string;
  createdAt: string;
};

/** Stage 7: the recall queue with the campaign's answer, automatic answering and the expected volume. */
export function InquiriesPanel({
  recall: r,
  progress,
}: {
  recall: RecallDetail;
  progress: Progress | undefined;
}) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const queue = useRecallQuery<{ items: Inquiry[] }>(r.id, 'inquiries', `/recalls/${r.id}/inquiries`);
  const [answerZh, setAnswerZh] = useState(r.answerZh ?? '');
  useEffect(() => setAnswerZh(r.answerZh ?? ''), [r.answerZh]);
  const patch = useRecallMutation(r.id, (body: Record<string, unknown>) =>
    api(`/recalls/${r.id}`, { method: 'PATCH', body }),
  );
  const answer = useRecallMutation(r.id, (inquiryId: string | undefined) =>
    api<{ answered: number }>(`/recalls/${r.id}/inquiries/answer`, {
      method: 'POST',
      body: inquiryId ? { inquiryId } : {},
    }),
  );
  const items = queue.data?.items ?? [];
  const expected = progress?.expectedInquiries ?? [];
  const editable = r.status !== 'closed' && r.status !== 'cancelled';
  const done = (res: { answered: number }) =>
    void message.success(t('inquiries.answered', { count: res.answered }));
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary">{t('inquiries.intro')}</Typography.Paragraph>
      <Card size="small" title={t('inquiries.campaignAnswer')}>
        <Flex vertical gap={8}>
          <Input.TextArea
            value={answerZh}
            onChange={(e) => setAnswerZh(e.target.value)}
            autoSize={{ minRows: 2 }}
            disabled={!editable}
          />
          <Flex justify="space-between" align="center">
            <Flex gap={8} align="center">
              <Switch
                checked={r.autoReply}
                disabled={!editable}
                onChange={(autoReply) => patch.mutate({ autoReply })}
                data-testid="inquiries-auto"
              />
              <Typography.Text>{t('inquiries.auto')}</Typography.Text>
              <Typography.Text type="secondary">{t('inquiries.autoHelp')}</Typography.Text>
            </Flex>
            <Button disabled={!editable || !answerZh.trim()} onClick={() => patch.mutate({ answerZh })}>
              {t('inquiries.saveAnswer')}
            </Button>
          </Flex>
        </Flex>
      </Card>
      {expected.length > 0 && (
        <RecallChart
          height={200}
          testId="chart-expected-inquiries"
          option={{
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 40, right: 16, top: 16, bottom: 40 },
            xAxis: {
              type: 'category',
              data: expected.map((d) => t('inquiries.expectedDay', { day: d.day })),
            },
            yAxis: { type: 'value', minInterval: 1, name: t('inquiries.expected') },
            series: [
              {
                type: 'bar',
                name: t('chart.expected'),
                data: expected.map((d) => d.expected),
                itemStyle: { color: '#faad14' },
              },
            ],
          }}
        />
      )}
      <Flex justify="space-between" align="center">
        <Typography.Text strong>
          {t('stages.inquiries')} · {items.length}
        </Typography.Text>
        <Button
          disabled={!items.some((i) => i.answerState !== 'answered')}
          loading={answer.isPending}
          onClick={() => answer.mutate(undefined, { onSuccess: done })}
        >
          {t('inquiries.answerAll')}
        </Button>
      </Flex>
      <List
        loading={queue.isPending}
        bordered
        dataSource={items}
        locale={{ emptyText: <Empty description={t('inquiries.empty')} /> }}
        data-testid="inquiries-list"
        renderItem={(i) => (
          <List.Item
            actions={
              i.answerState === 'answered'
                ? [
                    <Tag key="a" color="green">
                      {t('inquiries.state.answered')}
                    </Tag>,
                  ]
                : [
                    <Button
                      key="s"
                      type="primary"
                      size="small"
                      onClick={() => answer.mutate(i.id, { onSuccess: done })}
                      data-testid="inquiry-answer"
                    >
                      {t('inquiries.answer')}
                    </Button>,
                  ]
            }
          >
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex gap={8} align="center" wrap>
                <Link to={`/tickets/${i.ticketId}`}>#{i.ticketNumber}</Link>
                <Typography.Text>{i.customerName ?? ''}</Typography.Text>
                <Tag color={i.inScope ? 'red' : 'default'}>
                  {i.inScope ? t('inquiries.inScope') : t('inquiries.notInScope')}
                </Tag>
                <Tag>{t(`inquiries.state.${i.answerState}`)}</Tag>
                <Typography.Text type="secondary">{dateTime(i.createdAt)}</Typography.Text>
              </Flex>
              <Typography.Text strong data-testid="inquiry-question">
                {i.question}
              </Typography.Text>
              <Typography.Paragraph
                type="secondary"
                style={{ marginBottom: 0 }}
                data-testid="inquiry-suggested"
              >
                {i.suggestedAnswer}
              </Typography.Paragraph>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}
