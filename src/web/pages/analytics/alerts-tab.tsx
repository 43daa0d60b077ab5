import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../app/api.js';

type SpikeAlert = {
  id: string;
  sku: string;
  batch: string;
  signal: 'safety' | 'quality';
  status: 'open' | 'dismissed' | 'recall_opened';
  windowFrom: string;
  windowTo: string;
  observed: number;
  expected: number;
  pValue: number;
  evidence: {
    windowLines?: number;
    windowRatePer1000?: number | null;
    baselineRatePer1000?: number;
    baseline?: 'own' | 'shop';
    baselineFrom?: string;
    baselineTo?: string;
    caseIds?: string[];
    firstReportAt?: string;
  };
  recallId: string | null;
  decidedByName: string | null;
  raisedAt: string;
};

/** "Possible recall" alerts: a batch's safety or quality complaints beyond its own baseline. */
export function AlertsTab() {
  const { t, i18n } = useTranslation('analytics');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data = [], isLoading } = useQuery({
    queryKey: ['analytics', 'alerts'],
    queryFn: async () => (await api<{ items: SpikeAlert[] }>('/analytics/alerts')).items,
  });
  const recall = useMutation({
    mutationFn: (id: string) =>
      api<{ recallId: string }>(`/analytics/alerts/${id}/recall`, {
        method: 'POST',
        body: { locale: i18n.language === 'en' ? 'en' : 'zh-CN' },
      }),
    onSuccess: ({ recallId }) => {
      message.success(t('alerts.recallOpened'));
      void client.invalidateQueries({ queryKey: ['analytics', 'alerts'] });
      navigate(`/recalls/campaigns/${recallId}`);
    },
  });
  const dismiss = useMutation({
    mutationFn: (id: string) => api(`/analytics/alerts/${id}/dismiss`, { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['analytics', 'alerts'] }),
  });

  if (!isLoading && data.length === 0)
    return (
      <Card>
        <Empty description={t('alerts.none')} />
      </Card>
    );
  return (
    <Flex vertical gap={12} data-testid="alerts">
      <Typography.Text type="secondary">{t('alerts.explain')}</Typography.Text>
      {data.map((a) => (
        <Card
          key={a.id}
          size="small"
          loading={isLoading}
          data-testid={`alert-${a.status}`}
          title={
            <Space>
              <Tag color={a.signal === 'safety' ? 'red' : 'orange'}>{t(`alerts.signal.${a.signal}`)}</Tag>
              <span>{t('alerts.title', { sku: a.sku, batch: a.batch || t('none.batch') })}</span>
            </Space>
          }
          extra={
            a.status === 'open' ? (
              <Space>
                <Button
                  danger
                  type="primary"
                  loading={recall.isPending}
                  onClick={() => recall.mutate(a.id)}
                  data-testid="alert-open-recall"
                >
                  {t('alerts.openRecall')}
                </Button>
                <Button onClick={() => dismiss.mutate(a.id)}>{t('alerts.dismiss')}</Button>
              </Space>
            ) : a.status === 'recall_opened' && a.recallId ? (
              <Link to={`/recalls/campaigns/${a.recallId}`}>{t('alerts.viewRecall')}</Link>
            ) : (
              <Tag>{t('alerts.dismissed', { name: a.decidedByName ?? '' })}</Tag>
            )
          }
        >
          {a.status === 'open' && (
            <Alert
              type={a.signal === 'safety' ? 'error' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              title={t('alerts.summary', {
                observed: a.observed,
                expected: a.expected,
                from: a.windowFrom,
                to: a.windowTo,
              })}
            />
          )}
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('alerts.observed')}>{a.observed}</Descriptions.Item>
            <Descriptions.Item label={t('alerts.expected')}>{a.expected}</Descriptions.Item>
            <Descriptions.Item label={t('alerts.pValue')}>
              {a.pValue < 0.0001 ? '< 0.0001' : a.pValue.toFixed(4)}
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.windowRate')}>
              {a.evidence.windowRatePer1000 ?? '—'}‰ ({t('alerts.lines', { n: a.evidence.windowLines ?? 0 })})
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.baselineRate')}>
              {a.evidence.baselineRatePer1000 ?? '—'}‰ ·{' '}
              {a.evidence.baseline === 'own'
                ? t('alerts.ownBaseline', { from: a.evidence.baselineFrom, to: a.evidence.baselineTo })
                : t('alerts.shopBaseline')}
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.firstReport')}>
              {a.evidence.firstReportAt ? dayjs(a.evidence.firstReportAt).format('YYYY-MM-DD HH:mm') : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap size={4}>
            <Typography.Text type="secondary">{t('alerts.cases')}</Typography.Text>
            {(a.evidence.caseIds ?? []).map((id, i) => (
              <Link key={id} to={`/tickets/${id}`}>
                {t('alerts.case', { n: i + 1 })}
              </Link>
            ))}
          </Space>
        </Card>
      ))}
    </Flex>
  );
}
