import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { humanDuration } from './disputes-api.js';

/** A deadline as time left (or overdue), coloured by urgency: a day ahead is orange, past is red. */
export function DueTag({ at, now = Date.now() }: { at: string | null; now?: number }) {
  const { t, i18n } = useTranslation('disputes');
  if (!at) return <Tag>{t('due.none')}</Tag>;
  const left = dayjs(at).valueOf() - now;
  const text =
    left < 0
      ? t('due.overdue', { time: humanDuration(left, i18n.language) })
      : t('due.left', { time: humanDuration(left, i18n.language) });
  const color = left < 0 ? 'red' : left < 86_400_000 ? 'orange' : 'blue';
  return (
    <Tooltip title={dayjs(at).format('YYYY-MM-DD HH:mm')}>
      <Tag color={color} data-testid="due-tag">
        {text}
      </Tag>
    </Tooltip>
  );
}
