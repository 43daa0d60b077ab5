// One finding in the merchant's words (rule, message with its values, citation), and a text with
// its finding spans marked.
import { Flex, List, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Finding, type FindingSeverity, yuan } from './quality-api.js';

export const SEVERITY_COLOR: Record<FindingSeverity, string> = {
  critical: 'red',
  high: 'volcano',
  medium: 'gold',
  low: 'blue',
};

export function FindingSeverityTag({ severity }: { severity: FindingSeverity | null }) {
  const { t } = useTranslation('quality');
  if (!severity) return <Tag color="green">{t('severity.clean')}</Tag>;
  return <Tag color={SEVERITY_COLOR[severity]}>{t(`severity.${severity}`)}</Tag>;
}

export function useFindingMessage() {
  const { t } = useTranslation('quality');
  return (f: Finding): string => {
    const p = f.params;
    switch (f.rule) {
      case 'fictitious_discount':
        return t(`message.fictitious_discount_${p.basis}`, {
          reference: yuan(p.reference as number),
          lowest: yuan(p.lowest as number | null),
        });
      case 'title_fact_missing':
        return t(p.given ? 'message.title_fact_missing_given' : 'message.title_fact_missing', {
          fact: t(`fact.${p.fact}`),
          given: p.given,
        });
      case 'qualification_missing':
      case 'qualification_expired':
        return (
          t(`message.${f.rule}`, { document: t(`document.${p.document}`), expiredOn: p.expiredOn }) +
          t(`why.${p.why}`, { threshold: yuan(p.threshold as number), defaultValue: '' })
        );
      default:
        return t(`message.${f.rule}`, { ...p, text: f.text, defaultValue: t(`rule.${f.rule}`) });
    }
  };
}

export function FindingList({ findings, testId }: { findings: Finding[]; testId?: string }) {
  const { t, i18n } = useTranslation('quality');
  const message = useFindingMessage();
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={findings}
      renderItem={(f) => (
        <List.Item data-testid="finding" data-rule={f.rule}>
          <Flex vertical gap={2} style={{ width: '100%' }}>
            <Flex gap={8} align="center" wrap>
              <FindingSeverityTag severity={f.severity} />
              <Typography.Text strong>{t(`rule.${f.rule}`)}</Typography.Text>
              <Typography.Text>{message(f)}</Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('citation')}：{i18n.language.startsWith('zh') ? f.citation : f.citationEn}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** The text with each finding's span marked in its severity's colour. */
export function MarkedText({ text, findings }: { text: string; findings: Finding[] }) {
  const message = useFindingMessage();
  const spans = findings
    .filter((f) => f.start !== null && f.end !== null)
    .sort((a, b) => a.start! - b.start!);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const f of spans) {
    if (f.start! < at) continue;
    if (f.start! > at) parts.push(text.slice(at, f.start!));
    parts.push(
      <Tooltip key={`${f.start}-${f.rule}`} title={message(f)}>
        <mark
          data-testid="finding-span"
          style={{
            background: f.severity === 'critical' ? '#ffccc7' : '#fff1b8',
            padding: '0 2px',
            borderRadius: 2,
          }}
        >
          {text.slice(f.start!, f.end!)}
        </mark>
      </Tooltip>,
    );
    at = f.end!;
  }
  parts.push(text.slice(at));
  return <span>{parts}</span>;
}
