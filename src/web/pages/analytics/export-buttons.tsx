import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { exportUrl, type Filters } from './analytics-api.js';

/** CSV and Excel downloads of one dashboard table, with the filters on screen. */
export function ExportButtons({
  table,
  filters,
  extra,
}: {
  table: string;
  filters: Filters;
  extra?: Record<string, string | undefined>;
}) {
  const { t } = useTranslation('analytics');
  return (
    <Space size={4}>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        href={exportUrl(table, 'csv', filters, extra)}
        data-testid={`export-${table}-csv`}
      >
        {t('export.csv')}
      </Button>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        href={exportUrl(table, 'xlsx', filters, extra)}
        data-testid={`export-${table}-xlsx`}
      >
        {t('export.xlsx')}
      </Button>
    </Space>
  );
}
