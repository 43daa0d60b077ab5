import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { exportUrl, type Filters } from './analytics-api.js';

/**
 * CSV and Excel downloads of one dashboard table, with the filters on screen. `rows` is how many
 * rows the view shows (undefined while it loads): with none, the buttons are off and say why, rather
 * than hand the merchant a file of headers.
 */
export function ExportButtons({
  table,
  filters,
  extra,
  rows,
}: {
  table: string;
  filters: Filters;
  extra?: Record<string, string | undefined>;
  rows: number | undefined;
}) {
  const { t } = useTranslation('analytics');
  const off = !rows;
  const button = (format: 'csv' | 'xlsx') => (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      disabled={off}
      href={off ? undefined : exportUrl(table, format, filters, extra)}
      data-testid={`export-${table}-${format}`}
    >
      {t(`export.${format}`)}
    </Button>
  );
  return (
    <Tooltip title={rows === 0 ? t('export.empty') : undefined}>
      <span data-testid={`export-${table}`} data-rows={rows ?? 'loading'}>
        <Space size={4}>
          {button('csv')}
          {button('xlsx')}
        </Space>
      </span>
    </Tooltip>
  );
}
