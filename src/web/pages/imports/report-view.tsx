import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { failuresCsvUrl, type ImportFailure, type ImportReport } from './imports-api.js';

/** Per-cell problems in the reader's language; the server's English text when it has no codes. */
function reasonText(f: ImportFailure, t: TFunction<'imports'>): string {
  if (!f.problems?.length) return f.reason;
  return f.problems
    .map((p) =>
      t('report.cellReason', {
        column: p.column,
        reason: t(`reasons.${p.code}` as never, { ...p.params, defaultValue: p.code }) as string,
      }),
    )
    .join(t('report.joiner'));
}

/** The report of one run: counts, then every problem row by line, with a CSV of them to fix and re-import. */
export function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation('imports');
  return (
    <Flex vertical gap={16} data-testid="import-report">
      {report.status === 'failed' && report.error && (
        <Alert type="error" showIcon message={t('report.failedRun')} description={report.error} />
      )}
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic
              title={t('report.imported')}
              value={report.imported}
              valueStyle={{ color: '#389e0d' }}
            />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title={t('report.duplicate')} value={report.skippedDuplicate} />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic
              title={t('report.failed')}
              value={report.failed}
              valueStyle={report.failed ? { color: '#cf1322' } : undefined}
            />
          </Card>
        </Col>
      </Row>
      {report.failures.length > 0 ? (
        <Flex vertical gap={8}>
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{t('report.failedRows')}</Typography.Text>
            <Button
              icon={<DownloadOutlined />}
              href={failuresCsvUrl(report.id)}
              data-testid="import-failures-csv"
            >
              {t('report.download')}
            </Button>
          </Flex>
          <Table<ImportFailure>
            size="small"
            rowKey={(f) => `${f.line}-${f.reason}`}
            dataSource={report.failures}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { key: 'line', title: t('report.line'), dataIndex: 'line', width: 80 },
              {
                key: 'column',
                title: t('report.column'),
                dataIndex: 'column',
                width: 160,
                render: (c?: string) => c ?? '—',
              },
              { key: 'reason', title: t('report.reason'), render: (_: unknown, f) => reasonText(f, t) },
            ]}
          />
        </Flex>
      ) : (
        report.status === 'completed' && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.allGood')} />
        )
      )}
    </Flex>
  );
}
