import { useInfiniteQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiUrl } from '../../app/api.js';
import { PlatformLabel } from '../../app/labels.js';
import { RecallChart } from './charts.js';
import { dateTime } from './format.js';
import {
  type AffectedOrder,
  type RecallDetail,
  type RecallTask,
  recallKey,
  useRecallMutation,
  useRecallQuery,
  yuan,
} from './recalls-api.js';

type Diff = {
  addedOrders: number;
  removedOrders: number;
  addedUnits: number;
  removedUnits: number;
  added: string[];
  removed: string[];
};
type ByShop = {
  items: { shopId: string; shopName: string; platform: string; orders: number; units: number }[];
};

/** Stage 2: the affected orders (paged, exported), per shop, the frozen scope's diff, and stop-selling per shop. */
export function ScopePanel({ recall: r }: { recall: RecallDetail }) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const [diff, setDiff] = useState<Diff | null>(null);
  const pages = useInfiniteQuery({
    queryKey: [...recallKey(r.id), 'affected'],
    queryFn: ({ pageParam }) =>
      api<{ items: AffectedOrder[]; nextCursor: string | null }>(`/recalls/${r.id}/affected`, {
        query: { limit: 50, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const byShop = useRecallQuery<ByShop>(r.id, 'byShop', `/recalls/${r.id}/affected/by-shop`);
  const tasks = useRecallQuery<{ items: RecallTask[] }>(r.id, 'tasks', `/recalls/${r.id}/tasks`);
  const done = useRecallMutation(r.id, (taskId: string) =>
    api(`/recalls/${r.id}/tasks/${taskId}/done`, { method: 'POST', body: {} }),
  );
  const recompute = useRecallMutation(r.id, () =>
    api<Diff>(`/recalls/${r.id}/affected/recompute`, { method: 'POST' }),
  );
  const shops = byShop.data?.items ?? [];
  const stopSale = (tasks.data?.items ?? []).filter((x) => x.kind === 'stop_sale');
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          {r.frozenAt ? t('scope.frozen', { at: dateTime(r.frozenAt) }) : t('scope.live')}
        </Typography.Text>
        <Space>
          {r.frozenAt && r.status !== 'closed' && r.status !== 'cancelled' && (
            <Button onClick={async () => setDiff(await api<Diff>(`/recalls/${r.id}/affected/diff`))}>
              {t('scope.diff')}
            </Button>
          )}
          <Button href={apiUrl(`/recalls/${r.id}/affected/export`, { format: 'csv' })}>
            {t('scope.export')} CSV
          </Button>
          <Button href={apiUrl(`/recalls/${r.id}/affected/export`, { format: 'xlsx' })}>
            {t('scope.export')} XLSX
          </Button>
        </Space>
      </Flex>
      {diff && (
        <Card size="small" title={t('scope.diffTitle')}>
          {diff.addedOrders + diff.removedOrders === 0 ? (
            <Typography.Text>{t('scope.noDiff')}</Typography.Text>
          ) : (
            <Flex vertical gap={6}>
              <Typography.Text type="success">
                {t('scope.added', { orders: diff.addedOrders, units: diff.addedUnits })}{' '}
                {diff.added.join('、')}
              </Typography.Text>
              <Typography.Text type="danger">
                {t('scope.removed', { orders: diff.removedOrders, units: diff.removedUnits })}{' '}
                {diff.removed.join('、')}
              </Typography.Text>
              <Button
                type="primary"
                style={{ alignSelf: 'flex-start' }}
                loading={recompute.isPending}
                onClick={() =>
                  recompute.mutate(undefined, {
                    onSuccess: () => {
                      setDiff(null);
                      void message.success(t('scope.applied'));
                    },
                  })
                }
              >
                {t('scope.apply')}
              </Button>
            </Flex>
          )}
        </Card>
      )}
      {shops.length > 0 && (
        <RecallChart
          height={Math.max(120, shops.length * 44)}
          testId="chart-by-shop"
          option={{
            tooltip: { trigger: 'axis' },
            grid: { left: 120, right: 24, top: 10, bottom: 24 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: shops.map((s) => s.shopName) },
            series: [
              {
                type: 'bar',
                name: t('scope.units'),
                data: shops.map((s) => s.units),
                itemStyle: { color: '#cf1322' },
              },
            ],
          }}
        />
      )}
      {stopSale.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('scope.stopSale')}</Typography.Text>}
          bordered
          dataSource={stopSale}
          renderItem={(task) => {
            const shop = shops.find((s) => s.shopId === task.shopId);
            return (
              <List.Item
                actions={[
                  task.status === 'done' ? (
                    <Tag color="green" key="d">
                      {t('scope.stopSaleDone')} · {task.doneByName}
                    </Tag>
                  ) : (
                    <Button
                      size="small"
                      key="b"
                      onClick={() => done.mutate(task.id)}
                      data-testid="stop-sale-done"
                    >
                      {t('scope.markStopped')}
                    </Button>
                  ),
                ]}
              >
                <PlatformLabel platform={task.platform} name={shop?.shopName ?? ''} />
              </List.Item>
            );
          }}
        />
      )}
      <Table<AffectedOrder>
        rowKey="orderId"
        size="small"
        loading={pages.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('scope.empty')} /> }}
        data-testid="affected-table"
        columns={[
          { title: t('scope.order'), dataIndex: 'externalId' },
          {
            title: t('scope.shop'),
            render: (_, o) => <PlatformLabel platform={o.platform} name={o.shopName} />,
          },
          { title: t('scope.buyer'), render: (_, o) => o.customerName ?? '—' },
          { title: t('scope.items'), render: (_, o) => o.items.join('、') },
          { title: t('scope.batches'), render: (_, o) => o.batches.map((b) => <Tag key={b}>{b}</Tag>) },
          { title: t('scope.units'), dataIndex: 'units', align: 'right' },
          { title: t('scope.paid'), align: 'right', render: (_, o) => yuan(o.paidFen) },
        ]}
      />
      {pages.hasNextPage && (
        <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
          {t('scope.more')}
        </Button>
      )}
    </Flex>
  );
}
