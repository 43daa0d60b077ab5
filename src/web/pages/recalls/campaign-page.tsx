import {
  Button,
  Card,
  Col,
  Flex,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Steps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../app/api.js';
import { dateTime, durationText } from './format.js';
import { ClosePanel } from './panel-close.js';
import { InquiriesPanel } from './panel-inquiries.js';
import { InvestigationPanel } from './panel-investigation.js';
import { NoticesPanel } from './panel-notices.js';
import { OpenPanel } from './panel-open.js';
import { PlatformsPanel } from './panel-platforms.js';
import { RemediesPanel } from './panel-remedies.js';
import { ReviewPanel } from './panel-review.js';
import { ScopePanel } from './panel-scope.js';
import { StatementPanel } from './panel-statement.js';
import { RecallStatusTag } from './recall-status-tag.js';
import {
  percent,
  type RecallDetail,
  type RecallStatus,
  STAGES,
  type StageKey,
  type StageState,
  useProgress,
  useRecall,
  useRecallMutation,
} from './recalls-api.js';
import { nextReport, useDueText } from './regulator-reports.js';

const STEP_STATUS: Record<StageState, 'finish' | 'process' | 'wait' | 'error'> = {
  done: 'finish',
  in_progress: 'process',
  todo: 'wait',
  attention: 'error',
  unfinished: 'wait',
};

const NEXT: Partial<Record<RecallStatus, RecallStatus>> = {
  draft: 'announced',
  announced: 'active',
  active: 'closing',
  closing: 'closed',
};

function StatusActions({ recall }: { recall: RecallDetail }) {
  const { t } = useTranslation('recalls');
  const move = useRecallMutation(recall.id, (status: RecallStatus) =>
    api(`/recalls/${recall.id}/status`, { method: 'POST', body: { status } }),
  );
  const next = NEXT[recall.status];
  const hasStatement = recall.statementVersions['zh-CN'] + recall.statementVersions.en > 0;
  const confirm =
    next === 'announced' ? t('action.announceConfirm') : next === 'closed' ? t('action.closedConfirm') : null;
  const forward = next && (
    <Button
      type="primary"
      danger={next === 'announced'}
      disabled={next === 'announced' && !hasStatement}
      loading={move.isPending}
      onClick={confirm ? undefined : () => move.mutate(next)}
      data-testid={`recall-move-${next}`}
    >
      {t(next === 'announced' ? 'action.announce' : `action.${next}`)}
    </Button>
  );
  return (
    <Space>
      {next === 'announced' && !hasStatement ? (
        <Tooltip title={t('action.needStatement')}>{forward}</Tooltip>
      ) : confirm && forward ? (
        <Popconfirm
          title={confirm}
          onConfirm={() => move.mutate(next!)}
          okButtonProps={{ 'data-testid': 'recall-move-confirm' } as never}
        >
          {forward}
        </Popconfirm>
      ) : (
        forward
      )}
      {recall.status !== 'closed' && recall.status !== 'cancelled' && (
        <Popconfirm title={t('action.cancelConfirm')} onConfirm={() => move.mutate('cancelled')}>
          <Button>{t('action.cancelled')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/** The campaign page: key figures, the ten stages as steps, and the work of the chosen stage. */
export default function CampaignPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('recalls');
  const dueText = useDueText();
  const recall = useRecall(id);
  const progress = useProgress(id);
  const [params, setParams] = useSearchParams();
  const [fallback] = useState<StageKey>('open');
  const stage = (
    STAGES.includes(params.get('stage') as StageKey) ? params.get('stage') : fallback
  ) as StageKey;

  if (recall.isError) {
    return <Result status="404" title="404" extra={<Link to="/recalls">{t('list.title')}</Link>} />;
  }
  if (!recall.data) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  const r = recall.data;
  const zh = i18n.language.startsWith('zh');
  const report = nextReport(progress.data?.reports);
  const panels: Record<StageKey, ReactNode> = {
    open: <OpenPanel recall={r} />,
    scope: <ScopePanel recall={r} />,
    platforms: <PlatformsPanel recall={r} progress={progress.data} />,
    statement: <StatementPanel recall={r} />,
    notices: <NoticesPanel recall={r} progress={progress.data} />,
    remedies: <RemediesPanel recall={r} progress={progress.data} />,
    inquiries: <InquiriesPanel recall={r} progress={progress.data} />,
    investigation: <InvestigationPanel recall={r} />,
    review: <ReviewPanel recall={r} progress={progress.data} />,
    close: <ClosePanel recall={r} progress={progress.data} />,
  };
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1440, margin: '0 auto' }}>
      <Card styles={{ body: { padding: '16px 20px' } }}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
            <Flex align="center" gap={10} wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="recall-title-heading">
                {r.title}
              </Typography.Title>
              <RecallStatusTag status={r.status} />
              <Tag>{t(`level.${r.hazardLevel}`)}</Tag>
            </Flex>
            <Space size={12} wrap>
              {r.sourceTicketId && <Link to={`/tickets/${r.sourceTicketId}`}>{t('header.source')}</Link>}
              {r.announcedAt && (
                <a
                  href={`/recalls/${r.publicId}`}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="recall-public-link"
                >
                  {t('header.publicPage')}
                </a>
              )}
            </Space>
          </Flex>
          <StatusActions recall={r} />
        </Flex>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={12} md={6} xl={3}>
            <Statistic
              title={t('header.affected')}
              value={r.totals.orders}
              data-testid="recall-affected-orders"
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Statistic title={t('header.units')} value={r.totals.units} />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Statistic title={t('header.buyers')} value={r.totals.customers} />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Statistic
              title={t('header.toAnnounce')}
              value={
                r.minutesToAnnounce === null
                  ? t('header.notAnnounced')
                  : durationText(r.minutesToAnnounce, i18n.language)
              }
              valueStyle={{ fontSize: 20 }}
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Statistic
              title={
                <Tooltip
                  title={r.clock.uncertain ? t('header.uncertain') : zh ? r.clock.basis.zh : r.clock.basis.en}
                >
                  {r.announcedAt ? t('header.completeBy') : t('header.startBy')}
                  {r.clock.uncertain ? ' *' : ''}
                </Tooltip>
              }
              value={dateTime(r.announcedAt ? r.clock.completeBy : r.clock.startBy)}
              valueStyle={{ fontSize: 18, color: r.clock.startMet === false ? '#cf1322' : undefined }}
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Statistic
              title={<Tooltip title={t('reports.uncertain')}>{t('header.nextReport')} *</Tooltip>}
              value={report ? t(`reports.key.${report.key}`) : t('header.noReportDue')}
              valueStyle={{ fontSize: 16, color: report?.state === 'overdue' ? '#cf1322' : undefined }}
              suffix={
                report ? (
                  <Typography.Text
                    type={
                      report.state === 'overdue'
                        ? 'danger'
                        : report.state === 'due_soon'
                          ? 'warning'
                          : 'secondary'
                    }
                    style={{ fontSize: 13 }}
                    data-testid="header-next-report"
                  >
                    {dueText(report)}
                  </Typography.Text>
                ) : null
              }
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Statistic
              title={t('header.completion')}
              value={progress.data ? percent(progress.data.completionPermille) : '—'}
              data-testid="recall-completion"
            />
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={6}>
          <Card>
            <Steps
              direction="vertical"
              size="small"
              current={STAGES.indexOf(stage)}
              onChange={(i) => setParams({ stage: STAGES[i]! }, { replace: true })}
              items={STAGES.map((key) => {
                const state = progress.data?.stages[key] ?? 'todo';
                return {
                  title: <span data-testid={`stage-${key}`}>{t(`stages.${key}`)}</span>,
                  description:
                    key === 'platforms' && report
                      ? `${t(`stageState.${state}`)} · ${t(`reports.key.${report.key}`)}：${dueText(report)}`
                      : t(`stageState.${state}`),
                  status:
                    key === stage && state !== 'done' && state !== 'attention'
                      ? 'process'
                      : STEP_STATUS[state],
                };
              })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          <Card title={t(`stages.${stage}`)} data-testid={`panel-${stage}`}>
            {panels[stage]}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
