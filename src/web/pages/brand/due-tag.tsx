import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Due } from './defence-api.js';

const DUE_COLOUR = { overdue: 'red', due_soon: 'orange', pending: 'default', done: 'default' };

export function DueTag({ due }: { due: Due }) {
  const { t } = useTranslation('brandDefence');
  if (due.state === 'done') return null;
  return (
    <Tag color={DUE_COLOUR[due.state]}>
      {t(`defence.due.${due.state}`, { hours: due.hoursLeft, days: Math.floor(due.hoursLeft / 24) })}
    </Tag>
  );
}
