import { Alert, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { dateOnly, dateTime } from './format.js';
import { type RecallDetail, yuan } from './recalls-api.js';

/** Stage 1: what the campaign is, when the risk was learned of and the legal clock. */
export function OpenPanel({ recall: r }: { recall: RecallDetail }) {
  const { t, i18n } = useTranslation('recalls');
  const zh = i18n.language.startsWith('zh');
  return (
    <>
      {r.clock.startMet === false && (
        <Alert type="error" showIcon title={t('header.startMissed')} style={{ marginBottom: 12 }} />
      )}
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('overview.hazard')} span={2}>
          {r.hazard}
        </Descriptions.Item>
        <Descriptions.Item label={t('overview.level')}>{t(`level.${r.hazardLevel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('overview.role')}>{t(`role.${r.role}`)}</Descriptions.Item>
        <Descriptions.Item label={t('overview.source')}>{t(`source.${r.source}`)}</Descriptions.Item>
        <Descriptions.Item label={t('overview.learnedAt')}>{dateTime(r.learnedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('overview.owner')}>{r.ownerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('overview.remedies')}>
          {r.remedies.map((x) => (
            <Tag key={x}>{t(`remedy.${x}`)}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('overview.budget')}>
          {r.budgetFen === null ? t('overview.noBudget') : yuan(r.budgetFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('overview.deadline')}>{dateOnly(r.claimDeadline)}</Descriptions.Item>
        <Descriptions.Item label={t('header.startBy')}>{dateTime(r.clock.startBy)}</Descriptions.Item>
        <Descriptions.Item label={t('header.completeBy')}>{dateTime(r.clock.completeBy)}</Descriptions.Item>
        <Descriptions.Item label={t('overview.basis')} span={2}>
          {zh ? r.clock.basis.zh : r.clock.basis.en}
          {r.clock.uncertain && (
            <Tag color="warning" style={{ marginInlineStart: 8 }}>
              {t('header.uncertain')}
            </Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
