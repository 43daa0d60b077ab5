import { LinkOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DELIVERY_TITLE } from '../../../channels/delivery-error.js';
import type { Json } from '../../../http/json-dates.js';
import type { AuthorisationView } from '../../../shops/shop-routes.js';
import { api } from '../../app/api.js';
import { shopsKey } from '../../app/queries.js';

type ShopLike = {
  id: string;
  platform: string;
  settings?: { simulated?: boolean | undefined } | undefined;
  authorisation?: Authorisation | undefined;
};

/** A shop's platform authorisation as the server shows it. */
export type Authorisation = Json<typeof AuthorisationView>;

const COLOR: Record<Authorisation['state'], string> = {
  authorised: 'green',
  expiring: 'gold',
  expired: 'red',
  refresh_failed: 'red',
  manual: 'blue',
  none: 'default',
};

/** A shop's platform authorisation: its state, when it ends, and the buttons to (re)authorise or renew. */
export function AuthorisationCell({ shop, isAdmin }: { shop: ShopLike; isAdmin: boolean }) {
  const { t, i18n } = useTranslation('shops');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const a = shop.authorisation;
  const en = i18n.language.startsWith('en');

  const start = useMutation({
    mutationFn: () =>
      api<{ url: string; redirectUri: string; redirectRegistered: boolean }>(`/shops/${shop.id}/authorise`, {
        method: 'POST',
      }),
    onSuccess: (r) => {
      const go = () => window.location.assign(r.url);
      if (!r.redirectRegistered) return go();
      // TikTok and Douyin return to the address registered with the app, not one we can send.
      modal.confirm({
        title: t('authorise.registerTitle'),
        content: (
          <Flex vertical gap={8}>
            <Typography.Text>{t('authorise.registerBody')}</Typography.Text>
            <Typography.Text code copyable data-testid="authorise-redirect">
              {r.redirectUri}
            </Typography.Text>
          </Flex>
        ),
        okText: t('authorise.continue'),
        cancelText: t('common:actions.cancel'),
        onOk: go,
      });
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });

  const refresh = useMutation({
    mutationFn: () => api<Authorisation>(`/shops/${shop.id}/authorise/refresh`, { method: 'POST' }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: shopsKey });
      if (r.error) void message.error(t('authorise.refreshFailed'));
      else void message.success(t('authorise.refreshed', { at: dayjs(r.expiresAt).format('MM-DD HH:mm') }));
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });

  const simulated = shop.settings?.simulated === true;
  if (shop.platform === 'manual') return <Typography.Text type="secondary">—</Typography.Text>;
  if (!a) return null;
  const until = a.expiresAt ? dayjs(a.expiresAt).format('YYYY-MM-DD HH:mm') : null;
  const reason = a.error
    ? en
      ? DELIVERY_TITLE[a.error.category].en
      : DELIVERY_TITLE[a.error.category].zh
    : null;
  return (
    <Flex vertical gap={4} align="start" data-testid="shop-authorisation" data-state={a.state}>
      <Tooltip title={a.error ? `${reason}：${a.error.message}` : undefined}>
        <Tag color={COLOR[a.state]}>{t(`authorise.state.${a.state}`, { reason })}</Tag>
      </Tooltip>
      {until && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('authorise.until', { at: until })}
        </Typography.Text>
      )}
      {isAdmin && (
        <Flex gap={0}>
          <Tooltip title={simulated ? t('authorise.simulated') : undefined}>
            <Button
              type="link"
              size="small"
              icon={<LinkOutlined />}
              loading={start.isPending}
              onClick={() => start.mutate()}
              disabled={simulated}
              data-testid="shop-authorise"
            >
              {a.via === 'oauth' ? t('authorise.again') : t('authorise.start')}
            </Button>
          </Tooltip>
          {a.canRefresh && (
            <Button
              type="link"
              size="small"
              icon={<SyncOutlined />}
              loading={refresh.isPending}
              onClick={() => refresh.mutate()}
              data-testid="shop-authorise-refresh"
            >
              {t('authorise.refresh')}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
}
