import { CheckCircleOutlined, LoadingOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Finding } from './replycheck-api.js';

/** What the checks found in the draft: each place, the rule's category and why; blocking ones first. */
export function ReplyFindings({ findings, checking }: { findings: Finding[]; checking: boolean }) {
  const { t } = useTranslation('replycheck');
  if (checking && !findings.length) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="reply-check-status">
        <LoadingOutlined /> {t('findings.checking')}
      </Typography.Text>
    );
  }
  if (!findings.length) return null;
  const blocking = findings.filter((f) => f.severity === 'block');
  const sorted = [...blocking, ...findings.filter((f) => f.severity !== 'block')];
  return (
    <Alert
      type={blocking.length ? 'error' : 'warning'}
      showIcon
      data-testid="reply-findings"
      data-blocking={blocking.length > 0}
      title={
        blocking.length
          ? t('findings.blocked', { count: blocking.length })
          : t('findings.warned', { count: findings.length })
      }
      description={
        <Flex vertical gap={4}>
          {sorted.map((f) => (
            <Flex key={`${f.rule}-${f.start}`} gap={8} align="baseline" wrap data-testid="reply-finding">
              <Tag
                color={f.severity === 'block' ? 'red' : 'orange'}
                icon={f.severity === 'block' ? <StopOutlined /> : <WarningOutlined />}
              >
                {t(`category.${f.category}`)}
              </Tag>
              <Typography.Text mark>{t('findings.at', { text: f.text })}</Typography.Text>
              <Typography.Text>{f.message}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}

export function CleanMark() {
  const { t } = useTranslation('replycheck');
  return (
    <Typography.Text type="success" style={{ fontSize: 12 }} data-testid="reply-check-clean">
      <CheckCircleOutlined /> {t('findings.clean')}
    </Typography.Text>
  );
}
