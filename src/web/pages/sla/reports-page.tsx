import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Table, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiUrl } from '../../app/api.js';
import { responseText } from '../../app/durations.js';
import { Chart } from './charts.js';
import { durationUnit } from './duration-unit.js';
import type { DailyRow } from './sla-api.js';

type Group = 'shop' | 'channel' | 'agent';

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

const scaled = (s: number | null, perSec: number) => (s === null ? null : Math.round(s * perSec * 10) / 10);
const largest = (values: (number | null)[]) => Math.max(0, ...values.map((v) => v ?? 0));

/** Daily SLA charts per shop, channel or agent, with CSV export. */
export default function ReportsPage() {
  const { t, i18n } = useTranslation('sla');
  const [groupBy, setGroupBy] = useState<Group>('channel');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(13, 'day'), dayjs()]);
  const query = {
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
    groupBy,
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai',
  };
  const { data = [], isLoading } = useQuery({
    queryKey: ['sla', 'reports', query],
    queryFn: async () => (await api<{ items: DailyRow[] }>('/sla/reports/daily', { query })).items,
  });

  const days = useMemo(() => [...new Set(data.map((r) => r.day))].sort(), [data]);
  const groups = useMemo(() => [...new Set(data.map((r) => r.label ?? r.key ?? '—'))], [data]);
  const series = (pick: (r: DailyRow) => number | null, type: 'line' | 'bar' = 'line') =>
    groups.map((g) => ({
      name: groupBy === 'channel' ? t(`common:channel.${g}`, g) : g,
      type,
      connectNulls: true,
      data: days.map((d) => {
        const row = data.find((r) => r.day === d && (r.label ?? r.key ?? '—') === g);
        return row ? pick(row) : null;
      }),
    }));
  const base = (unit: string): EChartsOption => ({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 16, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', name: unit },
  });

  const frtUnit = durationUnit(largest(data.map((r) => r.frtP90Sec ?? r.frtP50Sec)));
  const resolutionUnit = durationUnit(largest(data.map((r) => r.avgResolutionSec)));
  const charts: { key: string; title: string; option: EChartsOption; empty?: string }[] = [
    {
      key: 'frt',
      title: `${t('reports.frt')} · ${t('reports.p50')} / ${t('reports.p90')}`,
      option: {
        ...base(t(`reports.unit.${frtUnit.key}`)),
        series: [
          ...series((r) => scaled(r.frtP50Sec, frtUnit.perSec)).map((s) => ({
            ...s,
            name: `${s.name} ${t('reports.p50')}`,
          })),
          ...series((r) => scaled(r.frtP90Sec, frtUnit.perSec)).map((s) => ({
            ...s,
            name: `${s.name} ${t('reports.p90')}`,
            lineStyle: { type: 'dashed' as const },
          })),
        ],
      } as EChartsOption,
    },
    {
      key: 'within',
      title: t('reports.within'),
      option: { ...base('%'), series: series((r) => pct(r.withinTargetShare)) } as EChartsOption,
    },
    {
      key: 'three',
      title: t('reports.threeMin'),
      option: { ...base('%'), series: series((r) => pct(r.threeMinuteRate)) } as EChartsOption,
      empty: t('reports.noLiveChat'),
    },
    {
      key: 'resolution',
      title: t('reports.resolution'),
      option: {
        ...base(t(`reports.unit.${resolutionUnit.key}`)),
        series: series((r) => scaled(r.avgResolutionSec, resolutionUnit.perSec), 'bar'),
      } as EChartsOption,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-end" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('reports.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('reports.subtitle')}</Typography.Text>
        </div>
        <Flex gap={8} wrap>
          <Segmented
            value={groupBy}
            onChange={(v) => setGroupBy(v as Group)}
            options={(['shop', 'channel', 'agent'] as const).map((g) => ({
              value: g,
              label: t(`reports.groupBy.${g}`),
            }))}
          />
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
          {/* Off while loading and, saying why, when the days chosen hold no case. */}
          <Tooltip title={!isLoading && data.length === 0 ? t('reports.exportEmpty') : undefined}>
            <span>
              <Button
                icon={<DownloadOutlined />}
                disabled={isLoading || data.length === 0}
                href={isLoading || data.length === 0 ? undefined : apiUrl('/sla/reports/daily.csv', query)}
                data-testid="sla-csv"
              >
                {t('reports.export')}
              </Button>
            </span>
          </Tooltip>
        </Flex>
      </Flex>
      {!isLoading && data.length === 0 ? (
        <Card>
          <Empty description={t('reports.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {charts.map((c) => (
            <Col key={c.key} xs={24} xl={12}>
              <Card title={c.title} size="small" loading={isLoading}>
                <Chart option={c.option} testId={`sla-chart-${c.key}`} empty={c.empty} />
              </Card>
            </Col>
          ))}
          <Col span={24}>
            <Card size="small">
              <Table<DailyRow>
                size="small"
                rowKey={(r) => `${r.day}:${r.key}`}
                dataSource={data}
                pagination={{ pageSize: 20 }}
                columns={[
                  { title: t('reports.day'), dataIndex: 'day' },
                  {
                    title: t('reports.group'),
                    key: 'g',
                    render: (_, r) =>
                      groupBy === 'channel'
                        ? t(`common:channel.${r.key}`, r.key ?? '—')
                        : (r.label ?? r.key ?? '—'),
                  },
                  { title: t('reports.tickets'), dataIndex: 'tickets' },
                  {
                    title: t('reports.p50Col'),
                    key: 'p50',
                    render: (_, r) => responseText(r.frtP50Sec, i18n.language),
                  },
                  {
                    title: t('reports.p90Col'),
                    key: 'p90',
                    render: (_, r) => responseText(r.frtP90Sec, i18n.language),
                  },
                  {
                    title: t('reports.within'),
                    key: 'w',
                    render: (_, r) => (r.withinTargetShare === null ? '—' : `${pct(r.withinTargetShare)}%`),
                  },
                  {
                    title: t('reports.threeMin'),
                    key: 't',
                    render: (_, r) => (r.threeMinuteRate === null ? '—' : `${pct(r.threeMinuteRate)}%`),
                  },
                  {
                    title: t('reports.resolution'),
                    key: 'r',
                    render: (_, r) => responseText(r.avgResolutionSec, i18n.language),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
