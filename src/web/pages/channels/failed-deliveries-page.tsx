import { ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { explainDeliveryFailure } from '../../../channels/delivery-reasons.js';
import { PlatformLabel, RelativeTime } from '../../app/labels.js';
import { useShops } from '../../app/queries.js';
import {
  channelsKey,
  fetchFailedDeliveries,
  type OutboxDelivery,
  retryDelivery,
  retryShopFailures,
} from './channels-api.js';
import { FailureReason } from './delivery-note.js';
import { DeliveryTag } from './delivery-tag.js';

/** Per shop: every outbound act the platform did not take, why, what to do, and "send again". */
export default function FailedDeliveriesPage() {
  const { t, i18n } = useTranslation('channels');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const shopId = params.get('shopId') ?? undefined;
  const shops = useShops();
  const shopName = (id: string) => shops.data?.find((s) => s.id === id)?.name ?? null;
  const queryClient = useQueryClient();
  const key = [...channelsKey, 'failed', shopId ?? 'all'];
  const failed = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchFailedDeliveries(shopId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 15_000,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: channelsKey });
  const retryOne = useMutation({
    mutationFn: retryDelivery,
    onSuccess: () => {
      void message.success(t('delivery.retried'));
      refresh();
    },
  });
  const retryAll = useMutation({
    mutationFn: retryShopFailures,
    onSuccess: (r) => {
      void message.success(t('failed.retriedAll', { count: r.retried }));
      refresh();
    },
  });
  const rows = failed.data?.pages.flatMap((p) => p.items) ?? [];
  const platformShops = (shops.data ?? []).filter((s) => s.platform !== 'manual');
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('failed.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('failed.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text>{t('failed.shop')}</Typography.Text>
            <Select
              style={{ minWidth: 220 }}
              value={shopId ?? ''}
              onChange={(v) => setParams(v ? { shopId: v } : {})}
              options={[
                { value: '', label: t('failed.allShops') },
                ...platformShops.map((s) => ({ value: s.id, label: s.name })),
              ]}
              data-testid="failed-shop"
            />
            {shopId && rows.length > 0 && (
              <Popconfirm title={t('failed.retryAll')} onConfirm={() => retryAll.mutate(shopId)}>
                <Button icon={<ReloadOutlined />} loading={retryAll.isPending} data-testid="retry-all">
                  {t('failed.retryAll')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
          <Table<OutboxDelivery>
            rowKey="id"
            loading={failed.isLoading}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('failed.empty') }}
            // The columns fit a 1366 px screen beside the menu; the attempts column was scrolled under the
            // fixed actions column.
            scroll={{ x: 1080 }}
            data-testid="failed-deliveries"
            columns={[
              {
                title: t('failed.columns.at'),
                dataIndex: 'createdAt',
                width: 100,
                render: (at: string) => <RelativeTime at={at} />,
              },
              {
                title: t('failed.columns.shop'),
                key: 'shop',
                width: 150,
                render: (_, r) => <PlatformLabel platform={r.platform} name={shopName(r.shopId)} />,
              },
              {
                title: t('failed.columns.kind'),
                key: 'kind',
                width: 100,
                render: (_, r) => (
                  <Flex vertical gap={4} align="start">
                    <span>{t(`failed.kind.${r.kind}`, { defaultValue: r.kind })}</span>
                    <DeliveryTag delivery={r.delivery} />
                  </Flex>
                ),
              },
              {
                title: t('failed.columns.ticket'),
                key: 'ticket',
                width: 200,
                render: (_, r) =>
                  r.ticketId ? (
                    <Link to={`/tickets/${r.ticketId}`}>
                      #{r.ticketNumber} {r.ticketSubject}
                    </Link>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ),
              },
              {
                // The reason is what the merchant reads: it gets the room the other columns leave.
                title: t('failed.columns.reason'),
                key: 'reason',
                width: 310,
                render: (_, r) => {
                  const why = explainDeliveryFailure(r.lastError, lang);
                  return why ? (
                    <Flex
                      vertical
                      gap={2}
                      style={{ maxWidth: 420 }}
                      data-testid="failed-reason"
                      data-category={why.category}
                    >
                      <FailureReason why={why} />
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  );
                },
              },
              { title: t('failed.columns.attempts'), dataIndex: 'attempts', align: 'right', width: 100 },
              {
                title: t('failed.columns.actions'),
                key: 'actions',
                fixed: 'right',
                width: 120,
                render: (_, r) => (
                  <Button
                    size="small"
                    icon={<ReloadOutlined />}
                    loading={retryOne.isPending && retryOne.variables === r.id}
                    onClick={() => retryOne.mutate(r.id)}
                    data-testid="retry-delivery"
                  >
                    {t('delivery.retry')}
                  </Button>
                ),
              },
            ]}
          />
          {failed.hasNextPage && (
            <Button onClick={() => void failed.fetchNextPage()} loading={failed.isFetchingNextPage}>
              {t('failed.more')}
            </Button>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
