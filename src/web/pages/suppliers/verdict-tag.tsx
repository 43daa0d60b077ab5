import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Scorecard } from './suppliers-api.js';

/** The scorecard's verdict; "consider replacing" says the numbers behind it. */
export function VerdictTag({ scorecard }: { scorecard: Scorecard }) {
  const { t } = useTranslation('suppliers');
  const v = scorecard.verdict;
  if (v.status === 'consider_replacing') {
    const detail = t('verdict.considerDetail', {
      units: scorecard.unitsSold,
      complaints: scorecard.defectComplaints,
      rate: v.ratePct,
      threshold: v.thresholdPct,
    });
    return (
      <Tooltip title={detail}>
        <Tag color="red" data-testid="verdict-replace">
          {t('verdict.consider_replacing')}
        </Tag>
      </Tooltip>
    );
  }
  if (v.status === 'ok') return <Tag color="green">{t('verdict.ok')}</Tag>;
  return <Tag>{t('verdict.too_few_units', { min: v.minUnits })}</Tag>;
}

export const ratePct = (s: Scorecard) => (s.verdict.ratePct === null ? '—' : `${s.verdict.ratePct}%`);
