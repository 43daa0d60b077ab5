// 本店情感适配: the tenant's sentiment delta, self-trained on its own buyers' texts — whether it is on,
// how many texts it read and when, and how often it agrees with the shipped model. No accuracy: the
// shop's texts have no labels.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Json } from '../../../http/json-dates.js';
import type { SentimentAdaptationView } from '../../../triage/sentiment-adaptation-views.js';
import { api } from '../../app/api.js';

type SentimentAdaptation = Json<typeof SentimentAdaptationView>;

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

export function SentimentAdaptationCard() {
  const { t } = useTranslation('triage');
  const { message } = App.useApp();
  const [waitingSince, setWaitingSince] = useState<string | null | undefined>(undefined);
  const query = useQuery({
    queryKey: ['triage', 'sentiment-adaptation'],
    queryFn: () => api<SentimentAdaptation>('/triage/sentiment-adaptation'),
    refetchInterval: waitingSince !== undefined ? 2_000 : false,
  });
  const data = query.data;
  // The training finished when the row's training time moved.
  useEffect(() => {
    if (waitingSince !== undefined && data && data.trainedAt !== waitingSince) setWaitingSince(undefined);
  }, [data, waitingSince]);
  const retrain = useMutation({
    mutationFn: () =>
      api<{ started: true }>('/triage/sentiment-adaptation/retrain', { method: 'POST', body: {} }),
    onSuccess: () => {
      setWaitingSince(data?.trainedAt ?? null);
      void message.info(t('sentimentAdaptation.started'));
    },
  });
  const busy = waitingSince !== undefined;
  const f = data?.figures;
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {t('sentimentAdaptation.title')}
          {data?.status === 'ready' && (
            <Tag color="green" data-testid="sentiment-adaptation-on">
              {t('sentimentAdaptation.on')}
            </Tag>
          )}
          {data?.status === 'held' && (
            <Tag color={data.inUse ? 'blue' : 'orange'} data-testid="sentiment-adaptation-held-tag">
              {t(data.inUse ? 'sentimentAdaptation.keptPrevious' : 'sentimentAdaptation.off')}
            </Tag>
          )}
        </Flex>
      }
      size="small"
      data-testid="sentiment-adaptation-card"
      extra={
        <Button size="small" loading={busy || retrain.isPending} onClick={() => retrain.mutate()}>
          {busy ? t('sentimentAdaptation.running') : t('sentimentAdaptation.retrain')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('sentimentAdaptation.hint', { max: data?.maxTexts ?? 5000 })}
      </Typography.Paragraph>
      {!data ? null : data.status === 'none' ? (
        <Typography.Text data-testid="sentiment-adaptation-none">
          {t('sentimentAdaptation.none', { min: data.minTexts })}
        </Typography.Text>
      ) : data.status === 'too_few' ? (
        <Typography.Text data-testid="sentiment-adaptation-too-few">
          {t('sentimentAdaptation.tooFew', { count: data.texts, min: data.minTexts })}
        </Typography.Text>
      ) : data.status === 'failed' ? (
        <Alert
          type="error"
          showIcon
          data-testid="sentiment-adaptation-failed"
          title={t('sentimentAdaptation.failed')}
          description={
            <>
              <div>{data.error}</div>
              <div>
                {data.inUse && data.deltaTrainedAt
                  ? t('sentimentAdaptation.failedKeepsPrevious', {
                      at: dayjs(data.deltaTrainedAt).format('YYYY-MM-DD HH:mm'),
                    })
                  : t('sentimentAdaptation.failedUsesPlatform')}
              </div>
            </>
          }
        />
      ) : data.status === 'held' ? (
        <HeldNotice data={data} />
      ) : (
        <Flex gap={48} wrap data-testid="sentiment-adaptation-figures">
          <Statistic
            title={t('sentimentAdaptation.texts')}
            value={data.texts}
            data-testid="sentiment-adaptation-texts"
          />
          <Statistic title={t('sentimentAdaptation.pseudo')} value={data.pseudoLabelled} />
          {f && data.texts > 0 && (
            <>
              <Statistic
                title={t('sentimentAdaptation.agree')}
                value={pct(f.agree / data.texts)}
                data-testid="sentiment-adaptation-agree"
              />
              <Flex vertical>
                <Statistic
                  title={t('sentimentAdaptation.changed')}
                  value={`${f.changed} (${pct(f.changed / data.texts)})`}
                  data-testid="sentiment-adaptation-changed"
                />
                <Typography.Text type="secondary">
                  {t('sentimentAdaptation.changedHow', {
                    pos: f.toPositive,
                    neg: f.toNegative,
                    neu: f.toNeutral,
                  })}
                </Typography.Text>
              </Flex>
            </>
          )}
        </Flex>
      )}
      {data?.status === 'ready' && data.guard && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('sentimentAdaptation.guardPassed', {
            n: data.guard.checkTexts,
            gap: pct(Math.abs(data.guard.leanGap)),
            limit: pct(data.guard.limit),
          })}
        </Typography.Text>
      )}
      {data?.trainedAt && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t(
            data.status === 'ready' || data.status === 'held'
              ? 'sentimentAdaptation.trainedAt'
              : 'sentimentAdaptation.checkedAt',
            {
              at: dayjs(data.trainedAt).format('YYYY-MM-DD HH:mm'),
            },
          )}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {t('sentimentAdaptation.noCorrections')}
      </Typography.Text>
    </Card>
  );
}

/**
 * The guard held the latest delta back (sentiment-guard.ts): why, in the figures it measured, and
 * what the shop's analyses use instead — never shown as on.
 */
function HeldNotice({ data }: { data: SentimentAdaptation }) {
  const { t } = useTranslation('triage');
  const g = data.guard;
  if (!g) return null;
  // The side the new model leans to on the texts it never saw, beyond what it learnt.
  const toward = g.leanGap < 0 ? 'negative' : 'positive';
  const sign = g.leanGap < 0 ? -1 : 1;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="sentiment-adaptation-held"
      title={t('sentimentAdaptation.held', {
        n: g.checkTexts,
        side: t(`sentimentAdaptation.side.${toward}`),
        aside: pct(sign * g.shiftAside),
        learnt: pct(sign * g.shiftLearnt),
        gap: pct(Math.abs(g.leanGap)),
        limit: pct(g.limit),
      })}
      description={
        data.inUse && data.deltaTrainedAt
          ? t('sentimentAdaptation.heldKeepsPrevious', {
              at: dayjs(data.deltaTrainedAt).format('YYYY-MM-DD HH:mm'),
            })
          : t('sentimentAdaptation.heldUsesPlatform')
      }
    />
  );
}
