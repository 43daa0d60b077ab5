// 本店学习: the tenant's adjustment layer, learned from its agents' corrections — before/after on
// those corrections (the "after" by cross-validation), and a retrain that runs in the background.
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAdjustment } from './triage-api.js';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

export function AdjustmentCard() {
  const { t } = useTranslation('triage');
  const { message } = App.useApp();
  const [waitingSince, setWaitingSince] = useState<string | null | undefined>(undefined);
  const query = useAdjustment(waitingSince !== undefined);
  const data = query.data;
  // The retrain finished when the row's training time moved.
  useEffect(() => {
    if (waitingSince !== undefined && data && data.trainedAt !== waitingSince) setWaitingSince(undefined);
  }, [data, waitingSince]);
  const retrain = useMutation({
    mutationFn: () => api<{ started: true }>('/triage/adjustment/retrain', { method: 'POST', body: {} }),
    onSuccess: () => {
      setWaitingSince(data?.trainedAt ?? null);
      void message.info(t('adjustment.started'));
    },
  });
  const busy = waitingSince !== undefined;
  return (
    <Card
      title={t('adjustment.title')}
      size="small"
      data-testid="adjustment-card"
      extra={
        <Button size="small" loading={busy || retrain.isPending} onClick={() => retrain.mutate()}>
          {busy ? t('adjustment.running') : t('adjustment.retrain')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('adjustment.hint')}</Typography.Paragraph>
      {!data ? null : data.status === 'none' ? (
        <Typography.Text>{t('adjustment.none', { min: data.minExamples })}</Typography.Text>
      ) : data.status === 'too_few' ? (
        <Typography.Text data-testid="adjustment-too-few">
          {t('adjustment.tooFew', { count: data.examples, min: data.minExamples })}
        </Typography.Text>
      ) : data.status === 'failed' ? (
        <Alert type="error" showIcon message={t('adjustment.failed')} description={data.error} />
      ) : (
        <Flex gap={48} wrap data-testid="adjustment-figures">
          <Statistic title={t('adjustment.examples')} value={data.examples} />
          {data.before && data.after && (
            <>
              <Statistic
                title={t('adjustment.exactBefore')}
                value={pct(data.before.exactMatch)}
                data-testid="adjustment-before"
              />
              <Statistic
                title={t('adjustment.exactAfter')}
                value={pct(data.after.exactMatch)}
                data-testid="adjustment-after"
              />
              <Statistic title={t('adjustment.f1Before')} value={pct(data.before.microF1)} />
              <Statistic title={t('adjustment.f1After')} value={pct(data.after.microF1)} />
            </>
          )}
        </Flex>
      )}
      {data?.trainedAt && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('adjustment.trainedAt', { at: dayjs(data.trainedAt).format('YYYY-MM-DD HH:mm') })}
        </Typography.Text>
      )}
    </Card>
  );
}
