import { CameraOutlined, ImportOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Popover,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.js';
import {
  attachEvidence,
  type Listing,
  reasonText,
  useInvalidateBrand,
  useListings,
  yuan,
} from './brand-api.js';
import { FileComplaintModal } from './file-complaint-modal.js';
import { ImportModal } from './import-modal.js';

const VERDICT_COLOUR = { strong: 'green', fair: 'gold', weak: 'red' } as const;

export function PrecheckTag({ listing }: { listing: Listing }) {
  const { t } = useTranslation('brand');
  const p = listing.precheck;
  const reasons = p.reasons.map((r) => (
    <li key={r.code} style={{ color: r.state === 'fail' ? '#cf1322' : '#ad6800' }}>
      {reasonText(t, r)}
    </li>
  ));
  return (
    <Popover
      title={t('watch.score', { score: p.score, estimate: Math.round(p.estimate * 100) })}
      content={
        <div style={{ maxWidth: 360 }}>
          {reasons.length ? (
            <ul style={{ margin: 0, paddingLeft: 18 }}>{reasons}</ul>
          ) : (
            t(`verdict.${p.verdict}`)
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
            {t('watch.scoreHelp')}
          </Typography.Paragraph>
        </div>
      }
    >
      <Space direction="vertical" size={0}>
        {/* The verdict with the number it follows from (the estimate), never the evidence points,
            which can be high on a complaint a failed check makes weak. */}
        <Tag color={VERDICT_COLOUR[p.verdict]} data-testid={`verdict-${p.verdict}`}>
          {t('watch.tag', { verdict: t(`verdict.${p.verdict}`), estimate: Math.round(p.estimate * 100) })}
        </Tag>
        {p.reasons[0] && (
          <Typography.Text
            type={p.reasons[0].state === 'fail' ? 'danger' : 'warning'}
            style={{ fontSize: 12 }}
          >
            {reasonText(t, p.reasons[0])}
          </Typography.Text>
        )}
      </Space>
    </Popover>
  );
}

function CaptureButton({ listing }: { listing: Listing }) {
  const { t } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const capture = useMutation({
    mutationFn: (file: File) => attachEvidence('brand_listing', listing.id, 'listing_snapshot', file),
    onSuccess: () => invalidate(),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Upload
      showUploadList={false}
      accept="image/*,application/pdf"
      beforeUpload={(file) => {
        capture.mutate(file);
        return false;
      }}
    >
      <Button
        size="small"
        icon={<CameraOutlined />}
        loading={capture.isPending}
        data-testid={`capture-${listing.id}`}
      >
        {t('watch.capture')}
      </Button>
    </Upload>
  );
}

export function WatchTab() {
  const { t } = useTranslation('brand');
  const [status, setStatus] = useState<string>('watching');
  const list = useListings({ status: status === 'all' ? undefined : status });
  const [importing, setImporting] = useState(false);
  const [filing, setFiling] = useState<Listing | null>(null);
  return (
    <Card
      title={
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={['watching', 'complained', 'taken_down', 'all'].map((s) => ({
            value: s,
            label: s === 'all' ? t('complaints.all') : t(`listingStatus.${s}`),
          }))}
        />
      }
      extra={
        <Button
          type="primary"
          icon={<ImportOutlined />}
          onClick={() => setImporting(true)}
          data-testid="brand-import"
        >
          {t('watch.import')}
        </Button>
      }
    >
      <Table<Listing>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 25, hideOnSinglePage: true }}
        data-testid="brand-watch-table"
        locale={{ emptyText: <Empty description={t('watch.empty')} /> }}
        columns={[
          {
            title: t('watch.columns.listing'),
            render: (_, l) => (
              <Space direction="vertical" size={0} style={{ maxWidth: 320 }}>
                <Typography.Link href={l.url} target="_blank" rel="noreferrer noopener" ellipsis>
                  {l.title || l.url}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`platform.${l.platform}`)}
                  {l.goodsClass ? ` · 第 ${l.goodsClass} 类` : ''} ·{' '}
                  {t('watch.captured', { n: l.evidenceCount })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('watch.columns.seller'),
            render: (_, l) => (
              <Space direction="vertical" size={0}>
                {l.sellerName}
                {l.standing !== 'unauthorised' && <Tag color="blue">{t(`standing.${l.standing}`)}</Tag>}
              </Space>
            ),
          },
          { title: t('watch.columns.price'), render: (_, l) => yuan(l.priceFen) },
          { title: t('watch.columns.right'), render: (_, l) => l.rightName ?? '—' },
          {
            title: t('watch.columns.type'),
            render: (_, l) => (l.infringement ? t(`type.${l.infringement}`) : '—'),
          },
          { title: t('watch.columns.precheck'), render: (_, l) => <PrecheckTag listing={l} /> },
          { title: t('watch.columns.status'), render: (_, l) => <Tag>{t(`listingStatus.${l.status}`)}</Tag> },
          {
            title: t('watch.columns.actions'),
            render: (_, l) => (
              <Flex gap={6} wrap>
                <CaptureButton listing={l} />
                {l.status === 'watching' && (
                  <Button
                    size="small"
                    type={l.precheck.verdict === 'weak' ? 'default' : 'primary'}
                    disabled={l.precheck.verdict === 'weak'}
                    onClick={() => setFiling(l)}
                    data-testid={`file-${l.id}`}
                  >
                    {t('watch.file')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
      <FileComplaintModal listing={filing} onClose={() => setFiling(null)} />
    </Card>
  );
}
