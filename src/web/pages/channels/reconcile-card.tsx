import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { deliveryAdvice, formatDeliveryError, isDeliveryCategory } from '../../../channels/delivery-error.js';
import { PlatformLabel, RelativeTime } from '../../app/labels.js';
import { channelsKey, fetchReconcile, type ReconcileShop, requestReconcile } from './channels-api.js';

/** A lag in words: "3 分钟", "2 小时 5 分钟", "1 天 4 小时" (never "4320 分钟"). */
export function lagWords(seconds: number, t: (key: string, o?: Record<string, unknown>) => string): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return t('reconcile.lag.now');
  if (minutes < 60) return t('reconcile.lag.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('reconcile.lag.hours', { count: hours, minutes: minutes % 60 });
  return t('reconcile.lag.days', { count: Math.floor(hours / 24), hours: hours % 24 });
}

/** Why the last run failed, in the merchant's words (the platform's own words beside, on hover). */
function FailureWords({ shop }: { shop: ReconcileShop }) {
  const { t, i18n } = useTranslation('channels');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const category = shop.lastErrorCategory ?? 'unknown';
  const advice = isDeliveryCategory(category)
    ? deliveryAdvice(formatDeliveryError(category, shop.lastError ?? ''), lang)
    : null;
  return (
    <Typography.Text type="danger" style={{ fontSize: 12 }} title={shop.lastError ?? undefined}>
      {t(shop.lastOutcome === 'partial' ? 'reconcile.partial' : 'reconcile.failed', {
        count: shop.consecutiveFailures,
      })}
      {advice ? ` ${advice}` : ''}
    </Typography.Text>
  );
}

/**
 * Channel health's reconciliation: per shop, when the reconciler last pulled the platform's lists,
 * how many events it found that webhooks had missed, how far behind it is, what failed; 立即对账.
 */
export function ReconcileCard() {
  const { t, i18n } = useTranslation('channels');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data, isLoading } = useQuery({
    queryKey: [...channelsKey, 'reconcile'],
    queryFn: fetchReconcile,
    refetchInterval: 10_000,
  });
  const run = useMutation({
    mutationFn: requestReconcile,
    onSuccess: () => {
      message.success(t('reconcile.requested'));
      void queryClient.invalidateQueries({ queryKey: [...channelsKey, 'reconcile'] });
    },
    onError: (error: Error) => message.error(error.message),
  });
  // Simulated (demo) shops are reconciled too, against the simulated platform their sends go to.
  const rows = (data ?? []).filter((s) => s.platform !== 'manual');
  return (
    <Card title={t('reconcile.title')} data-testid="reconcile-card">
      <Typography.Paragraph type="secondary">{t('reconcile.explain')}</Typography.Paragraph>
      <Table<ReconcileShop>
        rowKey="shopId"
        loading={isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('reconcile.empty') }}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('health.columns.shop'),
            key: 'shop',
            render: (_, s) => (
              <>
                <PlatformLabel platform={s.platform} name={s.name} />
                {s.simulated ? (
                  <Tooltip title={t('reconcile.simulatedWhy')}>
                    <Tag style={{ marginInlineStart: 8 }} data-testid="reconcile-simulated">
                      {t('reconcile.simulated')}
                    </Tag>
                  </Tooltip>
                ) : null}
                {s.feeds.length > 0 && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="reconcile-feeds">
                      {t('reconcile.pulls', {
                        feeds: s.feeds
                          .map((f) => t(`reconcile.feed.${f}`))
                          .join(i18n.language === 'en' ? ', ' : '、'),
                      })}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('reconcile.columns.last'),
            key: 'last',
            render: (_, s) =>
              s.turnedOff ? (
                <Typography.Text type="secondary">{t('reconcile.turnedOff')}</Typography.Text>
              ) : s.feeds.length === 0 ? (
                <Typography.Text type="secondary">{t('reconcile.noApi')}</Typography.Text>
              ) : s.running ? (
                <Badge status="processing" text={t('reconcile.running')} />
              ) : s.lastFinishedAt ? (
                <RelativeTime at={s.lastFinishedAt} />
              ) : (
                <Typography.Text type="secondary">{t('reconcile.never')}</Typography.Text>
              ),
          },
          {
            title: t('reconcile.columns.found'),
            key: 'found',
            align: 'right',
            render: (_, s) => (
              <span data-testid="reconcile-found">
                {t('reconcile.found', { count: s.lastFound, total: s.totalFound })}
              </span>
            ),
          },
          {
            title: t('reconcile.columns.lag'),
            key: 'lag',
            render: (_, s) => (s.lagSeconds === null ? '—' : lagWords(s.lagSeconds, t)),
          },
          {
            title: t('reconcile.columns.state'),
            key: 'state',
            render: (_, s) =>
              s.lastOutcome === 'failed' || s.lastOutcome === 'partial' ? (
                <FailureWords shop={s} />
              ) : s.lastOutcome === 'ok' ? (
                <Badge status="success" text={t('reconcile.ok')} />
              ) : (
                '—'
              ),
          },
          {
            title: '',
            key: 'run',
            render: (_, s) =>
              s.feeds.length > 0 && s.enabled ? (
                <Button
                  size="small"
                  loading={run.isPending && run.variables === s.shopId}
                  disabled={s.requested || s.running}
                  onClick={() => run.mutate(s.shopId)}
                >
                  {s.requested ? t('reconcile.queued') : t('reconcile.runNow')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
