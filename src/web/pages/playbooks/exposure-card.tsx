import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Empty, List, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../app/labels.js';
import { useExposure } from './playbooks-api.js';

/** The stakes on the case, each line with the rule it comes from. */
export function ExposureCard({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation('playbooks');
  const exposure = useExposure(ticketId);
  const zh = i18n.language.startsWith('zh');
  const lines = exposure.data?.lines ?? [];
  return (
    <Card
      size="small"
      title={
        <span>
          <SafetyCertificateOutlined /> {t('exposure.title')}
        </span>
      }
      loading={exposure.isPending}
      className="ticket-side"
      data-testid="exposure-card"
    >
      {lines.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('exposure.none')}
          style={{ margin: '8px 0' }}
        />
      ) : (
        <List
          size="small"
          dataSource={lines}
          renderItem={(line) => (
            <List.Item data-rule={line.rule}>
              <List.Item.Meta
                title={
                  <span>
                    {t(`exposure.${line.rule}`)}{' '}
                    <Tag color={line.applies ? 'orange' : 'default'}>
                      {line.applies ? t('exposure.applies') : t('exposure.notApplies')}
                    </Tag>
                    {line.uncertain && <Tag color="gold">{t('exposure.uncertain')}</Tag>}
                    {line.applies && line.amountFen !== null && line.amountFen > 0 && (
                      <Typography.Text strong>{formatFen(line.amountFen)}</Typography.Text>
                    )}
                  </span>
                }
                description={
                  <>
                    <div>
                      {t(`exposure.reason.${line.reason}`, { defaultValue: line.reason })}
                      {typeof line.detail.deadline === 'string' &&
                        ` · ${t('exposure.deadline', { at: dayjs(line.detail.deadline).format('MM-DD HH:mm') })}`}
                    </div>
                    <Tooltip title={zh ? line.citation.zh : line.citation.en}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                        {zh ? line.citation.zh : line.citation.en}
                      </Typography.Text>
                    </Tooltip>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
