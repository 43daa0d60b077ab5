import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Drawer, Empty, Flex, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlatformLabel } from '../../app/labels.js';
import { useShops } from '../../app/queries.js';
import { fetchHistory, fetchReport, type ImportRun } from './imports-api.js';
import { ReportView } from './report-view.js';

const STATUS_COLOR: Record<ImportRun['status'], string> = {
  previewed: 'default',
  running: 'processing',
  completed: 'success',
  failed: 'error',
};

/** Every upload of the merchant, newest first; a row opens its report. */
export function ImportHistory() {
  const { t } = useTranslation('imports');
  const shops = useShops();
  const [openId, setOpenId] = useState<string>();
  const history = useInfiniteQuery({
    queryKey: ['imports', 'history'],
    queryFn: ({ pageParam }) => fetchHistory(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const report = useQuery({
    queryKey: ['imports', 'report', openId],
    queryFn: () => fetchReport(openId!),
    enabled: Boolean(openId),
  });
  const runs = history.data?.pages.flatMap((p) => p.items) ?? [];
  const shopOf = (id: string) => shops.data?.find((s) => s.id === id);

  return (
    <Card title={t('history.title')} styles={{ body: { padding: 0 } }}>
      <Table<ImportRun>
        rowKey="id"
        size="middle"
        loading={history.isPending}
        dataSource={runs}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="import-history"
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />,
        }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            key: 'time',
            title: t('history.time'),
            width: 160,
            render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm'),
          },
          {
            key: 'file',
            title: t('history.file'),
            render: (_, r) => (
              <Typography.Text ellipsis={{ tooltip: r.fileName }}>{r.fileName}</Typography.Text>
            ),
          },
          { key: 'kind', title: t('history.kind'), width: 140, render: (_, r) => t(`kinds.${r.kind}`) },
          {
            key: 'shop',
            title: t('history.shop'),
            width: 200,
            render: (_, r) => <PlatformLabel platform={r.platform} name={shopOf(r.shopId)?.name} />,
          },
          {
            key: 'status',
            title: t('history.status'),
            width: 110,
            render: (_, r) => (
              <Badge status={STATUS_COLOR[r.status] as never} text={t(`history.statuses.${r.status}`)} />
            ),
          },
          {
            key: 'counts',
            title: t('history.counts'),
            width: 170,
            render: (_, r) =>
              r.status === 'completed' || r.status === 'failed' ? (
                <span>
                  <Typography.Text type="success">{r.imported}</Typography.Text> / {r.skippedDuplicate} /{' '}
                  <Typography.Text type={r.failed ? 'danger' : undefined}>{r.failed}</Typography.Text>
                </span>
              ) : (
                '—'
              ),
          },
          { key: 'by', title: t('history.by'), width: 120, dataIndex: 'createdByName' },
        ]}
      />
      {history.hasNextPage && (
        <Flex justify="center" style={{ padding: 12 }}>
          <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            {t('history.more')}
          </Button>
        </Flex>
      )}
      <Drawer
        open={Boolean(openId)}
        onClose={() => setOpenId(undefined)}
        width={720}
        title={report.data?.fileName}
        loading={report.isPending}
      >
        {report.data && <ReportView report={report.data} />}
      </Drawer>
    </Card>
  );
}
