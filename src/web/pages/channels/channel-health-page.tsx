import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { deliveryAdvice } from '../../../channels/delivery-error.js';
import { PlatformLabel, RelativeTime } from '../../app/labels.js';
import { useShops } from '../../app/queries.js';
import type { ShopWithSettings } from '../shops/adapter-values.js';
import { channelsKey, fetchHealth, type ShopHealth } from './channels-api.js';
import { ReconcileCard } from './reconcile-card.js';

function stateOf(s: ShopHealth): 'ok' | 'idle' | 'failing' | 'disabled' {
  if (!s.enabled) return 'disabled';
  if (s.dead > 0 || s.failing > 0 || s.outboxFailed > 0) return 'failing';
  return s.eventsLastHour > 0 ? 'ok' : 'idle';
}

const STATE_COLOR = { ok: 'green', idle: 'default', failing: 'red', disabled: 'gray' } as const;

const count = (n: number, danger = false, to?: string) =>
  n === 0 ? (
    <Typography.Text type="secondary">0</Typography.Text>
  ) : to ? (
    <Link to={to}>
      <Typography.Text type={danger ? 'danger' : undefined} strong={danger}>
        {n}
      </Typography.Text>
    </Link>
  ) : (
    <Typography.Text type={danger ? 'danger' : undefined}>{n}</Typography.Text>
  );

/** The Pinduoduo message-service connection: up or down, why, and when it retries. */
function MessageServiceState({ state }: { state: NonNullable<ShopHealth['messageService']> }) {
  const { t } = useTranslation('channels');
  const details = [
    state.lastError,
    state.reconnects > 0 ? t('health.messageService.reconnects', { count: state.reconnects }) : null,
    state.sharedWith > 0 ? t('health.messageService.shared', { count: state.sharedWith }) : null,
  ].filter(Boolean);
  return (
    <Tooltip title={details.length ? details.join('；') : undefined}>
      <Flex gap={6} align="center" style={{ fontSize: 12 }} data-testid="message-service-state">
        <Badge
          status={state.connected ? 'success' : 'error'}
          text={t(state.connected ? 'health.messageService.connected' : 'health.messageService.down')}
        />
        {state.connected && state.lastFrameAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('health.messageService.lastFrame')} <RelativeTime at={state.lastFrameAt} />
          </Typography.Text>
        )}
        {!state.connected && state.nextRetryAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('health.messageService.retry')} <RelativeTime at={state.nextRetryAt} />
          </Typography.Text>
        )}
      </Flex>
    </Tooltip>
  );
}

/** Why a shop "has failures", in the merchant's words: failed sends first, then dead or retrying events. */
function FailureWhy({ health: s }: { health: ShopHealth }) {
  const { t, i18n } = useTranslation('channels');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const lines: string[] = [];
  if (s.outboxFailed > 0) {
    lines.push(
      t('health.why.outbox', {
        count: s.outboxFailed,
        advice: deliveryAdvice(s.lastDeliveryError, lang) ?? '',
      }),
    );
  }
  if (s.dead > 0) lines.push(t('health.why.dead', { count: s.dead }));
  if (s.failing > 0) lines.push(t('health.why.failing', { count: s.failing }));
  return (
    <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="health-why">
      {lines.join(' ')}
    </Typography.Text>
  );
}

/** A shop whose platform token has expired, could not be renewed or is about to expire: say so here too. */
function AuthorisationWarning({ shopId }: { shopId: string }) {
  const { t } = useTranslation('channels');
  const shops = useShops();
  const a = (shops.data as ShopWithSettings[] | undefined)?.find((x) => x.id === shopId)?.authorisation;
  if (!a || (a.state !== 'expired' && a.state !== 'refresh_failed' && a.state !== 'expiring')) return null;
  return (
    <Link to="/settings/shops" data-testid="health-authorisation">
      <Tag color={a.state === 'expiring' ? 'gold' : 'red'}>{t(`health.authorisation.${a.state}`)}</Tag>
    </Link>
  );
}

/**
 * The number columns' heads stay whole: squeezed by the webhook address, they wrapped one character
 * per line at 1366 px. Their heads never break (but the outbox pair, at its " / "); the shop's
 * address is cut instead, and the state's reason wraps.
 */
function withHeadsOnOneLine<T>(columns: ColumnsType<T>): ColumnsType<T> {
  return columns.map((c) =>
    c.key === 'shop' || c.key === 'state' || c.key === 'outbox'
      ? c
      : { ...c, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
  );
}

/** Per shop: how much the platform pushes, when it last did, and what failed. */
export default function ChannelHealthPage() {
  const { t } = useTranslation('channels');
  const { data, isLoading } = useQuery({
    queryKey: [...channelsKey, 'health'],
    queryFn: fetchHealth,
    refetchInterval: 10_000,
  });
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('health.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('health.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Table<ShopHealth>
          rowKey="shopId"
          loading={isLoading}
          dataSource={(data ?? []).filter((s) => s.platform !== 'manual')}
          pagination={false}
          locale={{ emptyText: t('health.empty') }}
          size="small"
          scroll={{ x: 1000 }}
          data-testid="channel-health"
          columns={withHeadsOnOneLine<ShopHealth>([
            {
              title: t('health.columns.shop'),
              key: 'shop',
              render: (_, s) => (
                <Flex vertical gap={2}>
                  <PlatformLabel platform={s.platform} name={s.name} />
                  <Tooltip title={t('health.webhook')}>
                    <Typography.Text
                      type="secondary"
                      copyable
                      ellipsis
                      style={{ fontSize: 12, maxWidth: 220 }}
                    >
                      {`${window.location.origin}/hooks/${s.platform}/${s.shopId}`}
                    </Typography.Text>
                  </Tooltip>
                  {s.messageService && <MessageServiceState state={s.messageService} />}
                  <AuthorisationWarning shopId={s.shopId} />
                </Flex>
              ),
            },
            {
              title: t('health.columns.state'),
              key: 'state',
              render: (_, s) => {
                const state = stateOf(s);
                return (
                  <Flex vertical gap={2} style={{ maxWidth: 240 }}>
                    <Badge color={STATE_COLOR[state]} text={t(`health.state.${state}`)} />
                    {state === 'failing' && <FailureWhy health={s} />}
                  </Flex>
                );
              },
            },
            { title: t('health.columns.rate'), dataIndex: 'eventsPerMinute', align: 'right' },
            { title: t('health.columns.lastHour'), dataIndex: 'eventsLastHour', align: 'right' },
            {
              title: t('health.columns.lastEvent'),
              dataIndex: 'lastEventAt',
              render: (at: string | null) => <RelativeTime at={at} />,
            },
            {
              title: t('health.columns.pending'),
              dataIndex: 'pending',
              align: 'right',
              render: (n: number) => count(n, false, '/channels/events?status=pending'),
            },
            {
              title: t('health.columns.failing'),
              dataIndex: 'failing',
              align: 'right',
              render: (n: number) => count(n, true, '/channels/events?status=pending'),
            },
            {
              title: t('health.columns.dead'),
              dataIndex: 'dead',
              align: 'right',
              render: (n: number) => count(n, true, '/channels/events?status=dead'),
            },
            {
              title: t('health.columns.unhandled'),
              dataIndex: 'unhandled',
              align: 'right',
              render: (n: number) => count(n, false, '/channels/events?status=unhandled'),
            },
            // Two columns, each header whole (one "待发送 / 发送失败" header broke mid-word).
            {
              title: t('health.columns.outboxPending'),
              key: 'outboxPending',
              align: 'right',
              render: (_, s) => count(s.outboxPending),
            },
            {
              title: t('health.columns.outboxFailed'),
              key: 'outboxFailed',
              align: 'right',
              render: (_, s) => count(s.outboxFailed, true, `/channels/failed?shopId=${s.shopId}`),
            },
          ])}
        />
      </Card>
      <ReconcileCard />
    </Flex>
  );
}
