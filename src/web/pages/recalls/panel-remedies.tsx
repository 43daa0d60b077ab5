import { App, Button, Empty, Flex, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { DeliveryReason } from '../channels/delivery-note.js';
import { RetryOutbox } from '../channels/retry-delivery.js';
import { RecallChart } from './charts.js';
import {
  type AffectedOrder,
  type Progress,
  type RecallDetail,
  type RemedyChoice,
  useRecallMutation,
  useRecallQuery,
  yuan,
} from './recalls-api.js';

type RemedyState = 'queued' | 'retrying' | 'sent' | 'failed' | 'manual' | 'done_by_hand';
type Step = {
  kind: string;
  taskId: string;
  outboxId: string | null;
  state: 'queued' | 'retrying' | 'sent' | 'failed';
  manual: boolean;
  doneByHand: boolean;
  reason: string | null;
  attempts: number;
  sentAt: string | null;
};
type Remedy = {
  id: string;
  externalId: string;
  shopName: string;
  ticketId: string;
  ticketNumber: number | null;
  remedy: RemedyChoice;
  units: number;
  amountFen: number;
  state: RemedyState;
  reason: string | null;
  retryOutboxId: string | null;
  steps: Step[];
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  returnReceivedAt: string | null;
};
const STATE_COLOR: Record<RemedyState, string> = {
  queued: 'processing',
  retrying: 'warning',
  sent: 'success',
  failed: 'error',
  manual: 'orange',
  done_by_hand: 'green',
};

/**
 * The remedy's true delivery state: sent only once the platform accepted every step; failed with
 * the platform's reason and a retry; each step (refund, return instruction) in the tooltip.
 */
function RemedyStateCell({ remedy: x, recallId }: { remedy: Remedy; recallId: string }) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const openManual = x.steps.filter((s) => s.manual);
  const markDone = useRecallMutation(recallId, async () => {
    for (const s of openManual) await api(`/tasks/${s.taskId}/complete`, { method: 'POST', body: {} });
  });
  const steps = x.steps.map((s) => (
    <div key={`${s.kind}:${s.taskId}`}>
      {t(`remedies.step.${s.kind}`, { defaultValue: s.kind })}：
      {t(`remedies.state.${s.doneByHand ? 'done_by_hand' : s.manual ? 'manual' : s.state}`)}
      {s.attempts > 1 ? ` · ${t('remedies.attempts', { n: s.attempts })}` : ''}
    </div>
  ));
  return (
    <Flex vertical gap={2} align="flex-start">
      <Tooltip title={steps.length ? steps : undefined}>
        <Tag color={STATE_COLOR[x.state]} data-state={x.state} data-testid="remedy-state">
          {t(`remedies.state.${x.state}`)}
        </Tag>
      </Tooltip>
      {(x.state === 'failed' || x.state === 'retrying') && x.reason && <DeliveryReason error={x.reason} />}
      {x.state === 'manual' && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('remedies.manualHint')}
        </Typography.Text>
      )}
      {x.state === 'manual' && openManual.length > 0 && (
        <Button
          size="small"
          loading={markDone.isPending}
          onClick={() =>
            Modal.confirm({
              title: t('remedies.markDoneConfirm'),
              content: openManual
                .map((s) => t(`remedies.step.${s.kind}`, { defaultValue: s.kind }))
                .join('、'),
              okText: t('remedies.markDone'),
              onOk: () =>
                markDone.mutateAsync().then(
                  () => message.success(t('remedies.markedDone')),
                  (e: Error) => message.error(e.message),
                ),
            })
          }
          data-testid="remedy-mark-done"
        >
          {t('remedies.markDone')}
        </Button>
      )}
      {x.retryOutboxId && <RetryOutbox outboxId={x.retryOutboxId} />}
    </Flex>
  );
}

/** Completion per shop: units remedied, in progress and remaining against units sold. */
export function CompletionChart({ progress }: { progress: Progress | undefined }) {
  const { t } = useTranslation('recalls');
  const shops = progress?.byShop ?? [];
  if (!shops.length) return <Empty description={t('review.noData')} />;
  return (
    <RecallChart
      height={Math.max(140, shops.length * 56)}
      testId="chart-completion"
      option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0 },
        grid: { left: 120, right: 24, top: 10, bottom: 36 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: shops.map((s) => s.shopName) },
        series: [
          {
            type: 'bar',
            stack: 'u',
            name: t('chart.remedied'),
            data: shops.map((s) => s.remediedUnits),
            itemStyle: { color: '#52c41a' },
          },
          {
            type: 'bar',
            stack: 'u',
            name: t('chart.inProgress'),
            data: shops.map((s) => s.inProgressUnits),
            itemStyle: { color: '#1677ff' },
          },
          {
            type: 'bar',
            stack: 'u',
            name: t('chart.remaining'),
            data: shops.map((s) => Math.max(0, s.units - s.remediedUnits - s.inProgressUnits)),
            itemStyle: { color: '#d9d9d9' },
          },
        ],
      }}
    />
  );
}

/** Stage 6: the buyers' chosen remedies, carried out through offers and the outbox, and completion. */
export function RemediesPanel({
  recall: r,
  progress,
}: {
  recall: RecallDetail;
  progress: Progress | undefined;
}) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const [choosing, setChoosing] = useState(false);
  const [orderId, setOrderId] = useState<string>();
  const [remedy, setRemedy] = useState<RemedyChoice>(r.remedies[0] ?? 'refund');
  const [tracking, setTracking] = useState<Remedy | null>(null);
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const list = useRecallQuery<{ items: Remedy[] }>(r.id, 'remedies', `/recalls/${r.id}/remedies`);
  const orders = useRecallQuery<{ items: AffectedOrder[] }>(
    r.id,
    'affected-pick',
    `/recalls/${r.id}/affected?limit=500`,
    choosing,
  );
  const choose = useRecallMutation(r.id, () =>
    api(`/recalls/${r.id}/remedies`, { method: 'POST', body: { orderId, remedy } }),
  );
  const track = useRecallMutation(
    r.id,
    (body: { carrier?: string; trackingNo?: string; received?: boolean }) =>
      api(`/recalls/${r.id}/remedies/${tracking?.id}`, { method: 'PATCH', body }),
  );
  const open = r.status === 'announced' || r.status === 'active' || r.status === 'closing';
  const taken = new Set((list.data?.items ?? []).map((x) => x.externalId));
  const notReached = (progress?.byShop ?? []).reduce((s, x) => s + x.notReached, 0);
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary">{t('remedies.intro')}</Typography.Paragraph>
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('remedies.completion')}</Typography.Text>
        <Space>
          <Tag color={notReached ? 'orange' : 'green'} data-testid="not-reached">
            {t('remedies.notReached')}: {notReached}
          </Tag>
          <Button
            type="primary"
            disabled={!open}
            onClick={() => setChoosing(true)}
            data-testid="remedy-choose"
          >
            {t('remedies.choose')}
          </Button>
        </Space>
      </Flex>
      <CompletionChart progress={progress} />
      <Table<Remedy>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('remedies.empty')} /> }}
        data-testid="remedies-table"
        columns={[
          { title: t('remedies.order'), dataIndex: 'externalId' },
          { title: t('scope.shop'), dataIndex: 'shopName' },
          { title: t('remedies.remedy'), render: (_, x) => t(`remedy.${x.remedy}`) },
          { title: t('scope.units'), dataIndex: 'units', align: 'right' },
          { title: t('remedies.amount'), align: 'right', render: (_, x) => yuan(x.amountFen) },
          { title: t('remedies.delivery'), render: (_, x) => <RemedyStateCell remedy={x} recallId={r.id} /> },
          {
            title: t('remedies.case'),
            render: (_, x) => <Link to={`/tickets/${x.ticketId}`}>#{x.ticketNumber}</Link>,
          },
          {
            title: t('remedies.tracking'),
            render: (_, x) =>
              x.remedy === 'refund' ? (
                '—'
              ) : x.returnReceivedAt ? (
                <Tag color="green">{t('remedies.received')}</Tag>
              ) : (
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    setTracking(x);
                    setCarrier(x.returnCarrier ?? '');
                    setTrackingNo(x.returnTrackingNo ?? '');
                  }}
                >
                  {x.returnTrackingNo
                    ? `${x.returnCarrier ?? ''} ${x.returnTrackingNo}`
                    : t('remedies.saveTracking')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={choosing}
        title={t('remedies.choose')}
        onCancel={() => setChoosing(false)}
        okButtonProps={
          { disabled: !orderId, loading: choose.isPending, 'data-testid': 'remedy-submit' } as never
        }
        onOk={() =>
          choose.mutate(undefined, {
            onSuccess: () => {
              setChoosing(false);
              setOrderId(undefined);
              void message.success(t('remedies.created'));
            },
          })
        }
        destroyOnHidden
      >
        <Flex vertical gap={12}>
          <Select
            showSearch
            placeholder={t('remedies.order')}
            value={orderId}
            onChange={setOrderId}
            loading={orders.isPending}
            optionFilterProp="label"
            data-testid="remedy-order"
            options={(orders.data?.items ?? [])
              .filter((o) => !taken.has(o.externalId))
              .map((o) => ({
                value: o.orderId,
                label: `${o.externalId} · ${o.customerName ?? ''} · ${o.units}`,
              }))}
          />
          <Select
            value={remedy}
            onChange={setRemedy}
            data-testid="remedy-kind"
            options={r.remedies.map((x) => ({ value: x, label: t(`remedy.${x}`) }))}
          />
        </Flex>
      </Modal>
      <Modal
        open={tracking !== null}
        title={t('remedies.tracking')}
        onCancel={() => setTracking(null)}
        footer={
          <Space>
            <Button onClick={() => track.mutate({ received: true }, { onSuccess: () => setTracking(null) })}>
              {t('remedies.received')}
            </Button>
            <Button
              type="primary"
              onClick={() => track.mutate({ carrier, trackingNo }, { onSuccess: () => setTracking(null) })}
              disabled={!carrier.trim() || !trackingNo.trim()}
            >
              {t('remedies.saveTracking')}
            </Button>
          </Space>
        }
      >
        <Flex vertical gap={8}>
          <Input
            placeholder={t('remedies.carrier')}
            value={carrier}
            onChange={(e) => setCarrier(e.target.value)}
          />
          <Input
            placeholder={t('remedies.trackingNo')}
            value={trackingNo}
            onChange={(e) => setTrackingNo(e.target.value)}
          />
        </Flex>
      </Modal>
    </Flex>
  );
}
