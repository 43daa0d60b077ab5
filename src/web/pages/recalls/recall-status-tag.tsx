import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecallStatus } from './recalls-api.js';

const COLOR: Record<RecallStatus, string> = {
  draft: 'default',
  announced: 'orange',
  active: 'red',
  closing: 'gold',
  closed: 'green',
  cancelled: 'default',
};

export function RecallStatusTag({ status }: { status: RecallStatus }) {
  const { t } = useTranslation('recalls');
  return (
    <Tag color={COLOR[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
