import { Card, DatePicker, Flex, Select, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useShops } from '../../app/queries.js';
import { AlertsTab } from './alerts-tab.js';
import type { Filters } from './analytics-api.js';
import { MoneyTab } from './money-tab.js';
import { QualityTab } from './quality-tab.js';
import { ServiceTab } from './service-tab.js';

const PLATFORMS = ['douyin', 'pinduoduo', 'tiktok', 'taobao', 'manual'] as const;
const TABS = ['quality', 'money', 'service', 'alerts'] as const;
type Tab = (typeof TABS)[number];

/** The numbers a merchant asks for: quality, after-sales cost and service, filtered by date, shop and platform. */
export default function AnalyticsPage() {
  const { t } = useTranslation('analytics');
  const [params, setParams] = useSearchParams();
  const { data: shops = [] } = useShops();
  // Filters live in the address, so a view can be bookmarked or sent to a colleague.
  const to = params.get('to') ?? dayjs().format('YYYY-MM-DD');
  const from = params.get('from') ?? dayjs(to).subtract(27, 'day').format('YYYY-MM-DD');
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'quality';
  const filters: Filters = useMemo(
    () => ({
      from,
      to,
      shopId: params.get('shopId') ?? undefined,
      platform: params.get('platform') ?? undefined,
    }),
    [from, to, params],
  );
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-end" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
        </div>
      </Flex>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <DatePicker.RangePicker
            value={[dayjs(from), dayjs(to)]}
            allowClear={false}
            onChange={(v) =>
              v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })
            }
            presets={[7, 28, 90].map((days) => ({
              label: t('unit.day', { v: days }),
              value: [dayjs().subtract(days - 1, 'day'), dayjs()] as [Dayjs, Dayjs],
            }))}
            data-testid="analytics-range"
          />
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t('filters.allShops')}
            value={filters.shopId}
            onChange={(v) => set({ shopId: v })}
            options={shops.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="analytics-shop"
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('filters.allPlatforms')}
            value={filters.platform}
            onChange={(v) => set({ platform: v })}
            options={PLATFORMS.map((p) => ({ value: p, label: t(`common:platform.${p}`) }))}
            data-testid="analytics-platform"
          />
          <Typography.Text type="secondary">{t('filters.dayNote')}</Typography.Text>
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'quality', label: t('tabs.quality'), children: <QualityTab filters={filters} /> },
          { key: 'money', label: t('tabs.money'), children: <MoneyTab filters={filters} /> },
          { key: 'service', label: t('tabs.service'), children: <ServiceTab filters={filters} /> },
          { key: 'alerts', label: t('tabs.alerts'), children: <AlertsTab /> },
        ]}
      />
    </Flex>
  );
}
