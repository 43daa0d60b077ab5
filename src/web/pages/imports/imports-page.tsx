import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ImportHistory } from './import-history.js';
import { ImportWizard } from './import-wizard.js';

export default function ImportsPage() {
  const { t } = useTranslation('imports');
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </div>
      <ImportWizard />
      <ImportHistory />
    </Flex>
  );
}
