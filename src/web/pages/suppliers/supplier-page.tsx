// 供应商详情: contacts, status, the scorecard (monthly units and defect rate), the claims that misled,
// audits, inspections and qualifications; merge into another supplier.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Select,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../app/api.js';
import { PageSpin } from '../../app/layout.js';
import { Chart } from '../sla/charts.js';
import { SupplierRecords } from './supplier-records.js';
import { type SupplierDetail, suppliersKey, useSupplier, useSuppliers } from './suppliers-api.js';
import { ratePct, VerdictTag } from './verdict-tag.js';

export default function SupplierPage() {
  const { t } = useTranslation('suppliers');
  const { id } = useParams();
  const supplier = useSupplier(id);
  if (supplier.isPending) return <PageSpin />;
  if (!supplier.data) return <Empty />;
  const s = supplier.data;
  return (
    <Flex vertical gap={16}>
      <Link to="/suppliers">{t('back')}</Link>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={12}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="supplier-name">
            {s.name}
          </Typography.Title>
          <VerdictTag scorecard={s.scorecard} />
        </Flex>
        <Merge supplier={s} />
      </Flex>
      {s.scorecard.verdict.status === 'consider_replacing' && (
        <Alert
          type="error"
          showIcon
          data-testid="supplier-replace-alert"
          title={t('verdict.consider_replacing')}
          description={t('verdict.considerDetail', {
            units: s.scorecard.unitsSold,
            complaints: s.scorecard.defectComplaints,
            rate: s.scorecard.verdict.ratePct,
            threshold: s.scorecard.verdict.thresholdPct,
          })}
        />
      )}
      <Row gutter={16}>
        <Col span={8}>
          <Card size="small" title={t('contacts')}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('status.label')}>{t(`status.${s.status}`)}</Descriptions.Item>
              {s.contacts.map((c) => (
                <Descriptions.Item key={c.name} label={c.role ?? t('contactName')}>
                  {c.name} {c.phone ?? ''} {c.email ?? ''}
                </Descriptions.Item>
              ))}
              {s.address && <Descriptions.Item label={t('address')}>{s.address}</Descriptions.Item>}
              {s.aliases.length > 0 && (
                <Descriptions.Item label={t('aliases')}>{s.aliases.join('、')}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col span={16}>
          <Scorecard supplier={s} />
        </Col>
      </Row>
      <Card size="small" title={t('claims.title')}>
        <Table
          size="small"
          rowKey={(c) => `${c.listingId}-${c.claim}`}
          dataSource={s.claims}
          pagination={false}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.empty')} />,
          }}
          columns={[
            {
              key: 'claim',
              title: t('claims.claim'),
              render: (_, c) => <Typography.Text mark>{c.claim ?? t('claims.none')}</Typography.Text>,
            },
            { key: 'listing', title: t('claims.listing'), dataIndex: 'title' },
            { key: 'n', title: t('claims.complaints'), width: 100, align: 'right', dataIndex: 'complaints' },
          ]}
        />
      </Card>
      <SupplierRecords supplier={s} />
    </Flex>
  );
}

function Scorecard({ supplier }: { supplier: SupplierDetail }) {
  const { t } = useTranslation('suppliers');
  const sc = supplier.scorecard;
  const option = useMemo((): EChartsOption | null => {
    if (!sc.months.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 48, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: sc.months.map((m) => m.month) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('chart.units'), type: 'bar', data: sc.months.map((m) => m.units) },
        {
          name: t('chart.rate'),
          type: 'line',
          yAxisIndex: 1,
          data: sc.months.map((m) => (m.units ? Math.round((m.complaints / m.units) * 10_000) / 100 : null)),
        },
      ],
    };
  }, [sc, t]);
  return (
    <Card size="small" title={t('scorecard')}>
      <Row gutter={16} style={{ marginBottom: 8 }}>
        <Col span={6}>
          <Statistic title={t('units')} value={sc.unitsSold} />
        </Col>
        <Col span={6}>
          <Statistic title={t('complaints')} value={sc.defectComplaints} />
        </Col>
        <Col span={6}>
          <Statistic title={t('rate')} value={ratePct(sc)} data-testid="supplier-rate" />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('lastAudit')}
            value={supplier.audits[0] ? `${supplier.audits[0].score}` : t('noAudit')}
          />
        </Col>
      </Row>
      {option ? (
        <Chart option={option} height={220} testId="supplier-chart" />
      ) : (
        <Empty description={t('chart.empty')} />
      )}
    </Card>
  );
}

function Merge({ supplier }: { supplier: SupplierDetail }) {
  const { t } = useTranslation('suppliers');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const all = useSuppliers('');
  const [into, setInto] = useState<string>();
  const merge = useMutation({
    mutationFn: () =>
      api<{ into: { name: string }; moved: { orderLines: number; skus: number } }>(
        `/suppliers/${supplier.id}/merge`,
        {
          method: 'POST',
          body: { intoId: into },
        },
      ),
    onSuccess: (r) => {
      void message.success(
        t('merge.done', { orderLines: r.moved.orderLines, skus: r.moved.skus, into: r.into.name }),
      );
      void queryClient.invalidateQueries({ queryKey: suppliersKey });
    },
  });
  return (
    <Flex gap={8}>
      <Select
        placeholder={t('merge.into')}
        style={{ width: 200 }}
        value={into}
        onChange={setInto}
        options={(all.data ?? [])
          .filter((s) => s.id !== supplier.id)
          .map((s) => ({ value: s.id, label: s.name }))}
      />
      <Popconfirm
        title={t('merge.confirm', { name: supplier.name })}
        onConfirm={() => merge.mutate()}
        disabled={!into}
      >
        <Button disabled={!into} loading={merge.isPending}>
          {t('merge.action')}
        </Button>
      </Popconfirm>
    </Flex>
  );
}
