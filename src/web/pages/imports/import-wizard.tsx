import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Radio,
  Select,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api.js';
import { PlatformLabel } from '../../app/labels.js';
import { useShops } from '../../app/queries.js';
import {
  ENCODINGS,
  fetchReport,
  IMPORT_KINDS,
  type ImportKind,
  type ImportPreview,
  type ImportReport,
  MAX_IMPORT_MIB,
  runImport,
  uploadImport,
} from './imports-api.js';
import { ReportView } from './report-view.js';

const PREVIEW_ROWS = 10;

/** Choose kind, shop and file → check the column mapping → import → report. */
export function ImportWizard() {
  const { t } = useTranslation('imports');
  const { t: tc } = useTranslation();
  const shops = useShops();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>('reviews');
  const [shopId, setShopId] = useState<string>();
  const [encoding, setEncoding] = useState<string>('auto');
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [saveMapping, setSaveMapping] = useState(true);
  const [report, setReport] = useState<ImportReport>();
  const [uploadError, setUploadError] = useState<string>();

  const upload = useMutation({
    mutationFn: () => uploadImport({ kind, shopId: shopId!, encoding, file: file! }),
    onMutate: () => setUploadError(undefined),
    onSuccess: (p) => {
      setPreview(p);
      setMapping(p.suggestedMapping);
      setStep(1);
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
    },
    onError: (e: ApiError) => setUploadError(e.message),
  });

  const run = useMutation({
    mutationFn: () => runImport(preview!.run.id, mapping, saveMapping),
    onSuccess: (r) => {
      setReport(r);
      setStep(2);
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });

  // A long run answers 202 and goes on: its report is read back until it is no longer running.
  const progress = useQuery({
    queryKey: ['imports', 'report', report?.id, 'poll'],
    queryFn: () => fetchReport(report!.id),
    enabled: report?.status === 'running',
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1500),
  });
  const shown = progress.data && progress.data.id === report?.id ? progress.data : report;

  const missing = useMemo(
    () =>
      (preview?.fields ?? []).filter((f) => f.required && !mapping[f.key]).map((f) => t(`fields.${f.key}`)),
    [preview, mapping, t],
  );

  const restart = () => {
    setStep(0);
    setPreview(undefined);
    setReport(undefined);
    setFile(undefined);
    setUploadError(undefined);
  };

  const shop = shops.data?.find((s) => s.id === (preview?.run.shopId ?? shopId));

  return (
    <Card data-testid="import-wizard">
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('steps.choose') }, { title: t('steps.map') }, { title: t('steps.report') }]}
      />
      {step === 0 && (
        <Form layout="vertical" style={{ maxWidth: 640 }} onFinish={() => upload.mutate()}>
          <Form.Item label={t('choose.kind')} extra={t(`kindHints.${kind}`)}>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              optionType="button"
              options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
              data-testid="import-kind"
            />
          </Form.Item>
          <Form.Item label={t('choose.shop')} required>
            {shops.data && shops.data.length === 0 ? (
              <Alert type="warning" showIcon message={t('choose.noShops')} />
            ) : (
              <Select
                value={shopId}
                onChange={setShopId}
                placeholder={t('choose.shopPlaceholder')}
                loading={shops.isPending}
                options={(shops.data ?? []).map((s) => ({
                  value: s.id,
                  label: <PlatformLabel platform={s.platform} name={s.name} />,
                }))}
                data-testid="import-shop"
              />
            )}
          </Form.Item>
          <Form.Item label={t('choose.encoding')}>
            <Select
              value={encoding}
              onChange={setEncoding}
              style={{ width: 280 }}
              options={ENCODINGS.map((e) => ({
                value: e,
                label: e === 'auto' ? t('choose.encodingAuto') : e.toUpperCase(),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('choose.file')} required>
            <Upload.Dragger
              accept=".csv,.txt,.tsv,.xlsx"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false; // uploaded with the form, not on drop
              }}
              onRemove={() => setFile(undefined)}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
              data-testid="import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('choose.drop')}</p>
              <p className="ant-upload-hint">{t('choose.dropHint', { size: MAX_IMPORT_MIB })}</p>
            </Upload.Dragger>
          </Form.Item>
          {uploadError && (
            <Alert
              type="error"
              showIcon
              message={uploadError}
              style={{ marginBottom: 16 }}
              data-testid="import-upload-error"
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            disabled={!shopId || !file}
            loading={upload.isPending}
            data-testid="import-upload"
          >
            {t('choose.upload')}
          </Button>
        </Form>
      )}

      {step === 1 && preview && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
            <Descriptions.Item label={t('map.file')}>{preview.run.fileName}</Descriptions.Item>
            <Descriptions.Item label={t('choose.shop')}>
              <PlatformLabel platform={shop?.platform} name={shop?.name} />
            </Descriptions.Item>
            <Descriptions.Item label={t('map.encoding')}>
              <Tag data-testid="import-encoding">
                {preview.run.format === 'xlsx' ? 'XLSX' : preview.run.encoding}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('map.rows')}>{preview.run.rowCount}</Descriptions.Item>
          </Descriptions>
          <Alert
            type="info"
            showIcon
            message={preview.mappingFromSaved ? t('map.fromSaved') : t('map.suggested')}
          />
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={preview.fields}
            data-testid="import-mapping"
            columns={[
              {
                key: 'field',
                title: t('map.field'),
                width: 200,
                render: (_: unknown, f) => (
                  <span>
                    {t(`fields.${f.key}`)} {f.required && <Tag color="red">{t('map.required')}</Tag>}
                  </span>
                ),
              },
              {
                key: 'column',
                title: t('map.column'),
                width: 260,
                render: (_: unknown, f) => (
                  <Select
                    style={{ width: '100%' }}
                    allowClear
                    showSearch
                    value={mapping[f.key]}
                    placeholder={t('map.notMapped')}
                    status={f.required && !mapping[f.key] ? 'error' : undefined}
                    onChange={(header?: string) =>
                      setMapping((m) => {
                        const next = { ...m };
                        if (header) next[f.key] = header;
                        else delete next[f.key];
                        return next;
                      })
                    }
                    options={preview.run.headers.map((h) => ({ value: h, label: h }))}
                    data-testid={`import-map-${f.key}`}
                  />
                ),
              },
              {
                key: 'sample',
                title: t('map.sample'),
                render: (_: unknown, f) => {
                  const index = mapping[f.key] ? preview.run.headers.indexOf(mapping[f.key]!) : -1;
                  const value = index >= 0 ? preview.sampleRows[0]?.cells[index] : undefined;
                  return (
                    <Typography.Text type="secondary" ellipsis={{ tooltip: value }}>
                      {value ?? '—'}
                    </Typography.Text>
                  );
                },
              },
            ]}
          />
          <Typography.Text strong>
            {t('map.preview', { n: Math.min(PREVIEW_ROWS, preview.sampleRows.length) })}
          </Typography.Text>
          <Table
            size="small"
            rowKey="line"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={preview.sampleRows.slice(0, PREVIEW_ROWS)}
            columns={[
              { key: 'line', title: t('map.line'), dataIndex: 'line', width: 60, fixed: 'left' as const },
              ...preview.run.headers.map((h, i) => ({
                key: `c${i}`,
                title: h,
                render: (_: unknown, r: { cells: string[] }) => (
                  <Typography.Text ellipsis={{ tooltip: r.cells[i] }} style={{ maxWidth: 220 }}>
                    {r.cells[i]}
                  </Typography.Text>
                ),
              })),
            ]}
          />
          {missing.length > 0 && (
            <Alert type="warning" showIcon message={t('map.missing', { fields: missing.join('、') })} />
          )}
          <Checkbox checked={saveMapping} onChange={(e) => setSaveMapping(e.target.checked)}>
            {t('map.save', {
              platform: tc(`platform.${preview.run.platform}`, { defaultValue: preview.run.platform }),
              kind: t(`kinds.${preview.run.kind}`),
            })}
          </Checkbox>
          <Flex gap={8}>
            <Button onClick={restart}>{t('map.back')}</Button>
            <Button
              type="primary"
              disabled={missing.length > 0}
              loading={run.isPending}
              onClick={() => run.mutate()}
              data-testid="import-run"
            >
              {t('map.run')}
            </Button>
          </Flex>
        </Flex>
      )}

      {step === 2 && shown && (
        <Flex vertical gap={16}>
          {shown.status === 'running' ? (
            <Alert type="info" showIcon message={t('report.running', { rows: shown.rowCount })} />
          ) : (
            <ReportView report={shown} />
          )}
          <div>
            <Button type="primary" onClick={restart} data-testid="import-again">
              {t('report.again')}
            </Button>
          </div>
        </Flex>
      )}
    </Card>
  );
}
