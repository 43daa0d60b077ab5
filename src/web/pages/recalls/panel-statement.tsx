import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Input,
  Row,
  Segmented,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { dateTime } from './format.js';
import { type RecallDetail, useRecallMutation, useRecallQuery } from './recalls-api.js';
import { StatementPhotos } from './statement-photos.js';

type Finding = { type: string; masked: string; field: string };

type Statement = {
  locale: 'zh-CN' | 'en';
  text: string;
  version: number;
  savedAt: string | null;
  generated: boolean;
};
type Texts = { publicUrl: string; texts: Record<string, { text: string; length: number; limit: number }> };

function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  return (
    <Button
      size="small"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(() => message.success(t('statement.copied')))
      }
    >
      {t('statement.copy')}
    </Button>
  );
}

/** Stage 4: the statement in zh-CN and en, generated then edited and saved as versions, and the short texts. */
export function StatementPanel({ recall: r }: { recall: RecallDetail }) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const [locale, setLocale] = useState<'zh-CN' | 'en'>('zh-CN');
  const statement = useRecallQuery<Statement>(
    r.id,
    'statement',
    `/recalls/${r.id}/statement?locale=${locale}`,
  );
  const texts = useRecallQuery<Texts>(r.id, 'texts', `/recalls/${r.id}/texts?locale=${locale}`);
  const [draft, setDraft] = useState('');
  useEffect(() => {
    if (statement.data) setDraft(statement.data.text);
  }, [statement.data]);
  const [findings, setFindings] = useState<Finding[]>([]);
  // Checked first, so the merchant sees in its own language what would be published and must go.
  const save = useRecallMutation(r.id, async (text: string) => {
    const check = await api<{ findings: Finding[] }>(`/recalls/${r.id}/public-text/check`, {
      method: 'POST',
      body: { text },
    });
    setFindings(check.findings);
    if (check.findings.length) return null;
    return api<Statement>(`/recalls/${r.id}/statement`, { method: 'PUT', body: { locale, text } });
  });
  const locked = r.status === 'closed' || r.status === 'cancelled';
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary">{t('statement.intro')}</Typography.Paragraph>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented
          value={locale}
          onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
        {statement.data &&
          (statement.data.generated ? (
            <Tag color="gold">{t('statement.generated')}</Tag>
          ) : (
            <Tag color="green" data-testid="statement-version">
              {t('statement.version', {
                version: statement.data.version,
                at: dateTime(statement.data.savedAt),
              })}
            </Tag>
          ))}
      </Flex>
      {statement.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Input.TextArea
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          autoSize={{ minRows: 12, maxRows: 30 }}
          disabled={locked}
          data-testid="statement-editor"
        />
      )}
      {findings.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="statement-pii"
          message={t('statement.piiTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {findings.map((f) => (
                <li key={`${f.type}:${f.masked}`}>
                  {t('statement.piiItem', { type: t(`pii.${f.type}`), masked: f.masked })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Flex gap={8}>
        <Button
          type="primary"
          disabled={locked || !draft.trim()}
          loading={save.isPending}
          onClick={() =>
            save.mutate(draft, {
              onSuccess: (saved) => void (saved && message.success(t('statement.saved'))),
            })
          }
          data-testid="statement-save"
        >
          {t('statement.save')}
        </Button>
        <CopyButton text={draft} />
      </Flex>
      <Divider style={{ margin: '4px 0' }} />
      <StatementPhotos recall={r} />
      {texts.data && (
        <>
          <Typography.Title level={5}>{t('statement.texts')}</Typography.Title>
          <Row gutter={[12, 12]}>
            {(['platform', 'wechat', 'weibo', 'sms'] as const).map((m) => {
              const x = texts.data.texts[m];
              if (!x) return null;
              return (
                <Col xs={24} md={12} key={m}>
                  <Card
                    size="small"
                    title={t(`statement.medium.${m}`)}
                    extra={
                      <Flex gap={8} align="center">
                        <Typography.Text type={x.length > x.limit ? 'danger' : 'secondary'}>
                          {t('statement.limit', { length: x.length, limit: x.limit })}
                        </Typography.Text>
                        <CopyButton text={x.text} />
                      </Flex>
                    }
                    data-testid={`text-${m}`}
                  >
                    <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                      {x.text}
                    </Typography.Paragraph>
                  </Card>
                </Col>
              );
            })}
          </Row>
        </>
      )}
    </Flex>
  );
}
