// 商品合规: one shop's listings checked — counts by severity, findings by rule (chart), the listings
// worst first with each finding, fix tasks, documents, flagged SKUs, and the pre-publish check box.
import { Button, Card, Col, Empty, Flex, Input, Row, Select, Statistic, Table, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useShops } from '../../app/queries.js';
import { Chart } from '../sla/charts.js';
import { CheckBox } from './check-box.js';
import { DocumentModal, DocumentsCard, FlagsCard } from './documents-card.js';
import { FindingList, FindingSeverityTag, MarkedText } from './finding-list.js';
import { FINDING_SEVERITIES, type Listing, useListings, useSummary, yuan } from './quality-api.js';
import { TaskList } from './task-list.js';

const SEVERITY_HEX = { critical: '#cf1322', high: '#d4380d', medium: '#d48806', low: '#1677ff' } as const;

export default function CompliancePage() {
  const { t } = useTranslation('quality');
  const shops = useShops();
  const [shopId, setShopId] = useState<string>();
  const [severity, setSeverity] = useState<string>();
  const [q, setQ] = useState('');
  const [certFor, setCertFor] = useState<string | null>(null);
  useEffect(() => {
    if (!shopId && shops.data?.[0]) setShopId(shops.data[0].id);
  }, [shopId, shops.data]);
  const shop = shops.data?.find((s) => s.id === shopId);
  const summary = useSummary(shopId);
  const listings = useListings(shopId, severity, q);
  const items = listings.data?.items ?? [];

  const total = summary.data?.severities.reduce((n, s) => n + s.count, 0) ?? 0;
  const flawed = summary.data?.severities.filter((s) => s.severity).reduce((n, s) => n + s.count, 0) ?? 0;
  const openTasks = summary.data?.openTasks.reduce((n, s) => n + s.count, 0) ?? 0;

  const chart = useMemo((): EChartsOption | null => {
    const rules = [...new Set(summary.data?.rules.map((r) => r.rule) ?? [])];
    if (!rules.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 120, right: 16, top: 8, bottom: 40 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rules.map((r) => t(`rule.${r}`)) },
      series: FINDING_SEVERITIES.map((s) => ({
        name: t(`severity.${s}`),
        type: 'bar',
        stack: 'all',
        itemStyle: { color: SEVERITY_HEX[s] },
        data: rules.map((r) => summary.data?.rules.find((x) => x.rule === r && x.severity === s)?.count ?? 0),
      })),
    };
  }, [summary.data, t]);

  if (shops.data && shops.data.length === 0) return <Empty description={t('noShops')} />;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('intro')}</Typography.Text>
        </div>
        <Flex gap={8} align="center">
          <Typography.Text>{t('shop')}</Typography.Text>
          <Select
            style={{ width: 220 }}
            loading={shops.isPending}
            value={shopId}
            onChange={setShopId}
            options={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="quality-shop"
          />
        </Flex>
      </Flex>

      <Row gutter={16}>
        {[
          ['listings', total],
          ['withFindings', flawed],
          ['openTasks', openTasks],
          ['expiring', summary.data?.expiring.length ?? 0],
        ].map(([key, value]) => (
          <Col span={6} key={key}>
            <Card size="small" loading={summary.isPending}>
              <Statistic
                title={t(`cards.${key}`)}
                value={value as number}
                data-testid={`quality-card-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title={t('chart.title')} loading={summary.isPending}>
            {chart ? (
              <Chart option={chart} height={260} testId="quality-chart" />
            ) : (
              <Empty description={t('chart.empty')} />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <TaskList shopId={shopId} listings={items} />
        </Col>
      </Row>

      <Card
        size="small"
        title={t('table.title')}
        extra={
          <Flex gap={8}>
            <Select
              allowClear
              placeholder={t('table.allSeverities')}
              style={{ width: 120 }}
              value={severity}
              onChange={setSeverity}
              options={[...FINDING_SEVERITIES, 'clean'].map((s) => ({ value: s, label: t(`severity.${s}`) }))}
              data-testid="quality-severity"
            />
            <Input.Search allowClear placeholder={t('table.search')} onSearch={setQ} style={{ width: 220 }} />
          </Flex>
        }
      >
        <Table<Listing>
          rowKey="id"
          size="small"
          loading={listings.isPending}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="quality-listings"
          locale={{
            emptyText: (
              <Empty description={t('table.empty')}>
                <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
                <Link to="/imports">
                  <Button>{t('goImport')}</Button>
                </Link>
              </Empty>
            ),
          }}
          expandable={{
            rowExpandable: (l) => l.findings.length > 0,
            expandedRowRender: (l) => (
              <Flex vertical gap={4}>
                <FindingList findings={l.findings} />
                {l.findings.some((f) => f.params.document === 'inspection_certificate') && (
                  <Button
                    size="small"
                    style={{ alignSelf: 'flex-start' }}
                    onClick={() => setCertFor(l.id)}
                    data-testid="add-certificate"
                  >
                    {t('table.addCertificate')}
                  </Button>
                )}
              </Flex>
            ),
          }}
          columns={[
            {
              key: 'listing',
              title: t('table.listing'),
              render: (_, l) => (
                <Flex vertical>
                  <Typography.Text data-testid="listing-title">
                    <MarkedText
                      text={l.content.title}
                      findings={l.findings.filter((f) => f.field === 'title')}
                    />
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {l.externalId}
                    {l.content.skuCodes.length ? ` · ${l.content.skuCodes.join('、')}` : ''}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'price',
              title: t('table.price'),
              width: 160,
              render: (_, l) => `${yuan(l.content.priceFen)} / ${yuan(l.content.referencePriceFen)}`,
            },
            { key: 'findings', title: t('table.findings'), width: 80, render: (_, l) => l.findings.length },
            {
              key: 'worst',
              title: t('table.worst'),
              width: 110,
              render: (_, l) => <FindingSeverityTag severity={l.worstSeverity} />,
            },
            { key: 'version', title: t('table.version'), width: 70, render: (_, l) => l.version },
          ]}
        />
      </Card>

      <Row gutter={16}>
        <Col span={14}>
          <CheckBox shopId={shopId} platform={shop?.platform} />
        </Col>
        <Col span={10}>
          <Flex vertical gap={16}>
            {shopId && <DocumentsCard shopId={shopId} listings={items} />}
            {shopId && <FlagsCard shopId={shopId} />}
          </Flex>
        </Col>
      </Row>
      {shopId && (
        <DocumentModal
          shopId={shopId}
          listings={items}
          open={certFor !== null}
          initial={certFor ? { holder: certFor, kind: 'inspection_certificate' } : undefined}
          onClose={() => setCertFor(null)}
        />
      )}
    </Flex>
  );
}
