import {
  ApiOutlined,
  CheckCircleFilled,
  EditOutlined,
  MinusCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { PlatformLabel } from '../../app/labels.js';
import { shopsKey, useShops } from '../../app/queries.js';
import { hasRole } from '../../app/roles.js';
import { timeZoneLabel } from '../../app/time-zone-label.js';
import type { ShopWithSettings as Shop } from './adapter-values.js';
import { AuthorisationCell } from './authorisation-cell.js';
import { useAuthorisationResult } from './authorisation-result.js';
import { SelfTestModal } from './self-test-modal.js';
import { ShopFormModal } from './shop-form-modal.js';
import { WebhookCell } from './webhook-cell.js';

export default function ShopsPage() {
  const { t, i18n } = useTranslation('shops');
  const { message } = App.useApp();
  const { role } = useAuth();
  const isAdmin = hasRole(role, 'admin');
  const mayTest = hasRole(role, 'supervisor');
  const [testing, setTesting] = useState<Shop | null>(null);
  const shops = useShops();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ open: boolean; shop?: Shop }>({ open: false });
  useAuthorisationResult();

  const toggle = useMutation({
    mutationFn: (s: Shop) => api<Shop>(`/shops/${s.id}`, { method: 'PATCH', body: { enabled: !s.enabled } }),
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: shopsKey });
      void message.success(s.enabled ? t('enabledOn', { name: s.name }) : t('enabledOff', { name: s.name }));
    },
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
          <br />
          <Typography.Text type="secondary" data-testid="shop-webhook-note">
            {t('webhook.note')}
          </Typography.Text>
        </div>
        <Tooltip title={isAdmin ? undefined : t('adminOnly')}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!isAdmin}
            onClick={() => setEditing({ open: true })}
            data-testid="shop-add"
          >
            {t('add')}
          </Button>
        </Tooltip>
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Shop>
          rowKey="id"
          loading={shops.isPending}
          dataSource={shops.data}
          pagination={false}
          scroll={{ x: 1880 }}
          locale={{
            emptyText: (
              <Empty
                description={
                  <Flex vertical>
                    <span>{t('empty')}</span>
                    <Typography.Text type="secondary">{t('emptyHint')}</Typography.Text>
                  </Flex>
                }
              >
                {isAdmin && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true })}>
                    {t('add')}
                  </Button>
                )}
              </Empty>
            ),
          }}
          columns={[
            {
              key: 'name',
              title: t('columns.name'),
              width: 180,
              render: (_, s) => <Typography.Text strong>{s.name}</Typography.Text>,
            },
            {
              key: 'platform',
              title: t('columns.platform'),
              width: 150,
              render: (_, s) => <PlatformLabel platform={s.platform} />,
            },
            {
              key: 'appKey',
              title: t('columns.appKey'),
              width: 170,
              ellipsis: true,
              render: (_, s) =>
                s.appKey ? (
                  <Typography.Text code>{s.appKey}</Typography.Text>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            {
              key: 'secret',
              title: t('columns.appSecret'),
              width: 120,
              render: (_, s) =>
                s.hasAppSecret ? (
                  <Typography.Text type="success">
                    <CheckCircleFilled /> {t('secret.set')}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">
                    <MinusCircleOutlined /> {t('secret.unset')}
                  </Typography.Text>
                ),
            },
            {
              key: 'adapter',
              title: t('columns.adapter'),
              width: 200,
              render: (_, s) => <AdapterTags shop={s} />,
            },
            {
              key: 'authorisation',
              title: t('authorise.column'),
              width: 190,
              render: (_, s) => <AuthorisationCell shop={s} isAdmin={isAdmin} />,
            },
            {
              key: 'webhook',
              title: t('webhook.column'),
              width: 320,
              render: (_, s) => <WebhookCell shop={s} />,
            },
            {
              key: 'tz',
              title: t('columns.timezone'),
              width: 150,
              render: (_, s) => timeZoneLabel(s.timezone, i18n.language),
            },
            {
              key: 'enabled',
              title: t('columns.enabled'),
              width: 90,
              render: (_, s) => (
                <Switch
                  size="small"
                  checked={s.enabled}
                  disabled={!isAdmin}
                  loading={toggle.isPending && toggle.variables?.id === s.id}
                  onChange={() => toggle.mutate(s)}
                  aria-label={t('columns.enabled')}
                />
              ),
            },
            {
              key: 'created',
              title: t('columns.created'),
              width: 130,
              render: (_, s) => dayjs(s.createdAt).format('YYYY-MM-DD'),
            },
            {
              key: 'actions',
              title: t('columns.actions'),
              width: 200,
              // The table is wider than a 1920 px screen: editing stays in reach without scrolling.
              fixed: 'right',
              render: (_, s) => (
                <Flex gap={0}>
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    disabled={!isAdmin}
                    onClick={() => setEditing({ open: true, shop: s })}
                  >
                    {t('common:actions.edit')}
                  </Button>
                  <Tooltip
                    title={
                      s.platform === 'manual'
                        ? t('selfTest.manual')
                        : mayTest
                          ? undefined
                          : t('selfTest.supervisorOnly')
                    }
                  >
                    <Button
                      type="link"
                      size="small"
                      icon={<ApiOutlined />}
                      disabled={!mayTest || s.platform === 'manual'}
                      onClick={() => setTesting(s)}
                      data-testid="shop-self-test"
                    >
                      {t('selfTest.run')}
                    </Button>
                  </Tooltip>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <SelfTestModal shop={testing} onClose={() => setTesting(null)} />
      <ShopFormModal open={editing.open} shop={editing.shop} onClose={() => setEditing({ open: false })} />
    </Flex>
  );
}

/** What a shop's adapter settings change from the defaults, at a glance. */
function AdapterTags({ shop }: { shop: Shop }) {
  const { t } = useTranslation('shops');
  if (shop.platform === 'manual') return <Typography.Text type="secondary">—</Typography.Text>;
  const s = shop.settings ?? {};
  const overrides = Object.keys(s.outboundMethods ?? {}).length;
  const tags = [
    s.apiBaseUrl && (
      <Tooltip key="gateway" title={s.apiBaseUrl}>
        <Tag color="blue">{t('adapter.tags.gateway')}</Tag>
      </Tooltip>
    ),
    shop.hasAccessToken && (
      <Tag key="token" color="green" icon={<CheckCircleFilled />}>
        {t('adapter.tags.token')}
      </Tag>
    ),
    s.ingestPositiveReviews && <Tag key="positive">{t('adapter.tags.positive')}</Tag>,
    s.pddAmountUnit === 'yuan' && <Tag key="yuan">{t('adapter.tags.unitYuan')}</Tag>,
    s.pddMessageService && <Tag key="ws">{t('adapter.tags.messageService')}</Tag>,
    overrides > 0 && <Tag key="overrides">{t('adapter.tags.overrides', { count: overrides })}</Tag>,
  ].filter(Boolean);
  return tags.length ? (
    <Flex wrap gap={4} data-testid="shop-adapter-tags">
      {tags}
    </Flex>
  ) : (
    <Typography.Text type="secondary">{t('adapter.tags.none')}</Typography.Text>
  );
}
