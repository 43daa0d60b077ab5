import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { AccountRates } from './account-rates.js';
import { ComplaintsTab } from './complaints-tab.js';
import { DefencesTab } from './defences-tab.js';
import { PortfolioTab } from './portfolio-tab.js';
import { PriceTab } from './price-tab.js';
import { SourcingTab } from './sourcing-tab.js';
import { WatchTab } from './watch-tab.js';

const TABS = ['watch', 'complaints', 'portfolio', 'price', 'defences', 'sourcing'] as const;

export default function BrandPage() {
  const { t } = useTranslation('brand');
  const { t: td } = useTranslation('brandDefence');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'watch';
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1440, margin: '0 auto' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('intro')}</Typography.Text>
      </div>
      <AccountRates />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'watch', label: t('tabs.watch'), children: <WatchTab /> },
          { key: 'complaints', label: t('tabs.complaints'), children: <ComplaintsTab /> },
          { key: 'portfolio', label: t('tabs.portfolio'), children: <PortfolioTab /> },
          { key: 'price', label: t('tabs.price'), children: <PriceTab /> },
          { key: 'defences', label: td('tabs.defences'), children: <DefencesTab /> },
          { key: 'sourcing', label: td('tabs.sourcing'), children: <SourcingTab /> },
        ]}
      />
    </Flex>
  );
}
