import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CheckRule } from './replycheck-api.js';

/**
 * A rule's source in the screen's language. The laws and platform rules cited exist in Chinese only:
 * English screens show the built-in English account and keep the Chinese as the original wording,
 * never a translation of it. A merchant's own source is shown as written.
 */
function useRuleSource(rule: CheckRule) {
  const { t, i18n } = useTranslation('replycheck');
  // The rule tables mark citations nobody has checked with the code's UNCERTAIN; a merchant reads
  // it as "to be verified".
  const readable = (text: string) => text.replaceAll('UNCERTAIN', t('rules.uncertain'));
  const english = i18n.language === 'en' && rule.sourceEn !== null;
  return {
    shown: readable(english ? (rule.sourceEn ?? '') : rule.source),
    original: english ? rule.source : null,
    t,
  };
}

export function RuleSourceCell({ rule }: { rule: CheckRule }) {
  const { shown, original, t } = useRuleSource(rule);
  const tooltip = original ? (
    <>
      {shown}
      <br />
      {t('rules.originalWording')}: <span lang="zh-CN">{original}</span>
    </>
  ) : (
    shown
  );
  return (
    <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip }} data-testid="rule-source">
      {shown}
    </Typography.Text>
  );
}

/** The source in full under the expanded rule, the original Chinese beside the English. */
export function RuleSourceLines({ rule }: { rule: CheckRule }) {
  const { shown, original, t } = useRuleSource(rule);
  if (!shown) return null;
  return (
    <div>
      <Typography.Text strong>{t('rules.source')}</Typography.Text>
      {t('rules.colon')}
      {shown}
      {original && (
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
          {t('rules.originalWording')}
          {t('rules.colon')}
          <span lang="zh-CN">{original}</span>
        </Typography.Paragraph>
      )}
    </div>
  );
}
