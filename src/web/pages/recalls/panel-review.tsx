import { App, Button, Card, Checkbox, Col, Empty, Flex, Input, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { RecallChart } from './charts.js';
import { type Progress, type RecallDetail, useRecallMutation, useRecallQuery } from './recalls-api.js';

const KEYS = [
  'qc_failure',
  'supplier_decision',
  'inspection_change',
  'listing_change',
  'process_change',
  'monitoring_plan',
];
type Point = { day: string; value: number };
type Monitoring = {
  learnedAt: string;
  announcedAt: string | null;
  skuComplaints: Point[];
  shopComplaints: Point[];
  shopOrders: Point[];
  sentiment: Point[];
  inquiries: Point[];
  remediedUnits: Point[];
};

function DailyChart({
  title,
  series,
  mark,
  testId,
}: {
  title: string;
  series: { name: string; points: Point[] }[];
  mark?: string | null;
  testId: string;
}) {
  const { t } = useTranslation('recalls');
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.day)))].sort();
  return (
    <Card size="small" title={title}>
      {days.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.noData')} />
      ) : (
        <RecallChart
          height={200}
          testId={testId}
          option={{
            tooltip: { trigger: 'axis' },
            legend: series.length > 1 ? { bottom: 0 } : undefined,
            grid: { left: 40, right: 16, top: 16, bottom: series.length > 1 ? 40 : 24 },
            xAxis: { type: 'category', data: days },
            yAxis: { type: 'value' },
            series: series.map((s, i) => ({
              type: 'line' as const,
              name: s.name,
              smooth: true,
              data: days.map((d) => s.points.find((p) => p.day === d)?.value ?? 0),
              ...(i === 0 && mark
                ? {
                    markLine: {
                      symbol: 'none',
                      data: [{ xAxis: mark }],
                      label: { formatter: t('status.announced') },
                    },
                  }
                : {}),
            })),
          }}
        />
      )}
    </Card>
  );
}

/** Stage 9: the closing review checklist, post-recall monitoring and the trust-rebuilding message. */
export function ReviewPanel({
  recall: r,
  progress,
}: {
  recall: RecallDetail;
  progress: Progress | undefined;
}) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const monitoring = useRecallQuery<Monitoring>(r.id, 'monitoring', `/recalls/${r.id}/monitoring`);
  const [items, setItems] = useState(() =>
    KEYS.map((key) => r.review.find((i) => i.key === key) ?? { key, done: false, note: '' }),
  );
  useEffect(
    () => setItems(KEYS.map((key) => r.review.find((i) => i.key === key) ?? { key, done: false, note: '' })),
    [r.review],
  );
  const [trustText, setTrustText] = useState(t('review.trustDefault'));
  const save = useRecallMutation(r.id, () =>
    api(`/recalls/${r.id}/review`, { method: 'PUT', body: { items } }),
  );
  const trust = useRecallMutation(r.id, () =>
    api<{ queued: number }>(`/recalls/${r.id}/notices`, {
      method: 'POST',
      body: { wave: 'trust', textZh: trustText },
    }),
  );
  const editable = r.status !== 'closed' && r.status !== 'cancelled';
  const m = monitoring.data;
  const mark = r.announcedAt ? r.announcedAt.slice(0, 10) : null;
  const trustSent = progress?.waves.find((w) => w.wave === 'trust');
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary">{t('review.intro')}</Typography.Paragraph>
      <Card size="small" title={t('review.checklist')}>
        <Flex vertical gap={8}>
          {items.map((item, i) => (
            <Flex key={item.key} gap={12} align="center">
              <Checkbox
                checked={item.done}
                disabled={!editable}
                onChange={(e) =>
                  setItems(items.map((x, j) => (j === i ? { ...x, done: e.target.checked } : x)))
                }
                style={{ width: 260 }}
                data-testid={`review-${item.key}`}
              >
                {t(`review.items.${item.key}`)}
              </Checkbox>
              <Input
                value={item.note}
                disabled={!editable}
                onChange={(e) =>
                  setItems(items.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))
                }
              />
            </Flex>
          ))}
          <Button
            type="primary"
            style={{ alignSelf: 'flex-start' }}
            disabled={!editable}
            loading={save.isPending}
            onClick={() =>
              save.mutate(undefined, { onSuccess: () => void message.success(t('review.saved')) })
            }
            data-testid="review-save"
          >
            {t('review.save')}
          </Button>
        </Flex>
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('review.monitoring')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <DailyChart
            title={t('review.complaints')}
            testId="chart-sku-complaints"
            mark={mark}
            series={[{ name: t('review.complaints'), points: m?.skuComplaints ?? [] }]}
          />
        </Col>
        <Col xs={24} md={12}>
          <DailyChart
            title={t('review.shopComplaints')}
            testId="chart-shop-complaints"
            mark={mark}
            series={[
              { name: t('review.shopComplaints'), points: m?.shopComplaints ?? [] },
              { name: t('review.orders'), points: m?.shopOrders ?? [] },
            ]}
          />
        </Col>
        <Col xs={24} md={12}>
          <DailyChart
            title={t('review.sentiment')}
            testId="chart-sentiment"
            mark={mark}
            series={[{ name: t('review.sentiment'), points: m?.sentiment ?? [] }]}
          />
        </Col>
        <Col xs={24} md={12}>
          <DailyChart
            title={t('review.inquiriesPerDay')}
            testId="chart-inquiries"
            series={[
              { name: t('review.inquiriesPerDay'), points: m?.inquiries ?? [] },
              { name: t('review.remediedPerDay'), points: m?.remediedUnits ?? [] },
            ]}
          />
        </Col>
      </Row>
      <Card size="small" title={t('review.trust')}>
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('review.trustIntro')}</Typography.Text>
          {trustSent ? (
            <Typography.Text data-testid="trust-sent">
              {t('review.trustSent', { count: trustSent.queued })}
              {progress?.trust ? ` · ${t('review.response', progress.trust)}` : ''}
            </Typography.Text>
          ) : (
            <>
              <Input.TextArea
                value={trustText}
                onChange={(e) => setTrustText(e.target.value)}
                autoSize={{ minRows: 2 }}
                maxLength={500}
              />
              <Button
                style={{ alignSelf: 'flex-start' }}
                disabled={!editable || !progress?.waves.some((w) => w.wave === 'first') || !trustText.trim()}
                loading={trust.isPending}
                onClick={() => trust.mutate(undefined)}
                data-testid="trust-send"
              >
                {t('review.sendTrust')}
              </Button>
            </>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
