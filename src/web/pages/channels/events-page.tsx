import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { PlatformLabel, RelativeTime } from '../../app/labels.js';
import { useShops } from '../../app/queries.js';
import { hasRole } from '../../app/roles.js';
import {
  channelsKey,
  fetchEvent,
  fetchEvents,
  type InboundEvent,
  type InboxStatus,
  replayEvent,
} from './channels-api.js';

const TABS = ['dead', 'unhandled', 'pending', 'all'] as const;
type Tab = (typeof TABS)[number];
const STATUS_COLOR: Record<InboxStatus, string> = {
  pending: 'processing',
  processed: 'success',
  unhandled: 'warning',
  dead: 'error',
};

function Payload({ id }: { id: string }) {
  const { t } = useTranslation('channels');
  const { data, isLoading } = useQuery({
    queryKey: [...channelsKey, 'event', id],
    queryFn: () => fetchEvent(id),
  });
  if (isLoading) return <Typography.Text type="secondary">…</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong>{t('events.payload')}</Typography.Text>
      <pre
        style={{
          maxHeight: 320,
          overflow: 'auto',
          margin: 0,
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {JSON.stringify(data?.payload, null, 2)}
      </pre>
    </Flex>
  );
}

/** Dead letters (with their reason and a replay button), unhandled event types, and the pending queue. */
export default function EventsPage() {
  const { t } = useTranslation('channels');
  const { message } = App.useApp();
  const { role } = useAuth();
  const canReplay = hasRole(role, 'supervisor');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as Tab)
    : 'dead';
  const status = tab === 'all' ? undefined : tab;
  const shops = useShops();
  const shopName = (id: string) => shops.data?.find((s) => s.id === id)?.name ?? null;
  const queryClient = useQueryClient();

  const events = useInfiniteQuery({
    queryKey: [...channelsKey, 'events', tab],
    queryFn: ({ pageParam }) => fetchEvents(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 15_000,
  });
  const replay = useMutation({
    mutationFn: replayEvent,
    onSuccess: () => {
      message.success(t('events.replayed'));
      void queryClient.invalidateQueries({ queryKey: channelsKey });
    },
  });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('events.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('events.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Flex vertical gap={12}>
          <Segmented
            value={tab}
            onChange={(v) => setParams({ status: String(v) })}
            options={TABS.map((k) => ({ value: k, label: t(`events.tabs.${k}`) }))}
          />
          <Table<InboundEvent>
            rowKey="id"
            loading={events.isLoading}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('events.empty') }}
            scroll={{ x: 1000 }}
            data-testid="ingest-events"
            expandable={{ expandedRowRender: (e) => <Payload id={e.id} /> }}
            columns={[
              {
                title: t('events.columns.received'),
                dataIndex: 'receivedAt',
                render: (at: string) => <RelativeTime at={at} />,
              },
              {
                title: t('events.columns.shop'),
                key: 'shop',
                render: (_, e) => <PlatformLabel platform={e.platform} name={shopName(e.shopId)} />,
              },
              {
                title: t('events.columns.type'),
                key: 'type',
                render: (_, e) => (
                  <Flex gap={6} align="center" wrap>
                    <Typography.Text code>{e.eventType}</Typography.Text>
                    <Tag color={STATUS_COLOR[e.status]}>{t(`events.status.${e.status}`)}</Tag>
                  </Flex>
                ),
              },
              {
                title: t('events.columns.externalId'),
                dataIndex: 'externalEventId',
                render: (v: string) => (
                  <Typography.Text copyable style={{ fontSize: 12 }}>
                    {v}
                  </Typography.Text>
                ),
              },
              { title: t('events.columns.attempts'), dataIndex: 'attempts', align: 'right' },
              {
                title: t('events.columns.reason'),
                dataIndex: 'lastError',
                render: (v: string | null) =>
                  v ? (
                    <Tooltip title={v}>
                      <Typography.Text type="danger" ellipsis style={{ maxWidth: 280 }}>
                        {v}
                      </Typography.Text>
                    </Tooltip>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ),
              },
              {
                title: t('events.columns.ticket'),
                dataIndex: 'ticketId',
                render: (id: string | null) =>
                  id ? (
                    <Link to={`/tickets/${id}`}>{t('events.openTicket')}</Link>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ),
              },
              {
                title: t('events.columns.actions'),
                key: 'actions',
                render: (_, e) =>
                  e.status === 'dead' || e.status === 'unhandled' ? (
                    <Tooltip title={canReplay ? undefined : t('events.supervisorOnly')}>
                      <Popconfirm
                        title={t('events.replayConfirm')}
                        onConfirm={() => replay.mutate(e.id)}
                        disabled={!canReplay}
                      >
                        <Button
                          size="small"
                          disabled={!canReplay}
                          loading={replay.isPending && replay.variables === e.id}
                        >
                          {t('events.replay')}
                        </Button>
                      </Popconfirm>
                    </Tooltip>
                  ) : null,
              },
            ]}
          />
          {events.hasNextPage && (
            <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
              {t('events.more')}
            </Button>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
