import {
  App,
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { dateTime, durationText } from './format.js';
import { type RecallDetail, type RegulatorReport, useRecallMutation } from './recalls-api.js';

const STATE_COLOR: Record<RegulatorReport['state'], string> = {
  filed: 'success',
  overdue: 'error',
  due_soon: 'warning',
  open: 'processing',
  waiting: 'default',
};

/** "还剩 5 小时" / "已逾期 1 天 2 小时": how far the due time is from now, as people say it. */
export function useDueText() {
  const { t, i18n } = useTranslation('recalls');
  return (report: RegulatorReport, now = Date.now()) => {
    if (report.filedAt) return t('reports.filedAt', { at: dateTime(report.filedAt) });
    if (!report.dueAt) return t(`reports.waitingFor.${report.key}`, { defaultValue: t('reports.waiting') });
    const minutes = Math.round((Date.parse(report.dueAt) - now) / 60_000);
    const span = durationText(Math.max(1, Math.abs(minutes)), i18n.language);
    return minutes < 0 ? t('reports.late', { span }) : t('reports.left', { span });
  };
}

/** The next report that is not filed yet, the most urgent first (for the header and the steps). */
export function nextReport(reports: RegulatorReport[] | undefined): RegulatorReport | undefined {
  return (reports ?? [])
    .filter((r) => !r.filedAt && r.dueAt)
    .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0];
}

type FileValues = { filedAt: Dayjs; authority?: string; reference?: string; note?: string };

/** The reports owed to the regulator: due times, what is filed, and recording a filing. */
export function RegulatorReports({
  recall: r,
  reports,
}: {
  recall: RecallDetail;
  reports: RegulatorReport[];
}) {
  const { t, i18n } = useTranslation('recalls');
  const { message } = App.useApp();
  const zh = i18n.language.startsWith('zh');
  const dueText = useDueText();
  const [filing, setFiling] = useState<RegulatorReport | null>(null);
  const [form] = Form.useForm<FileValues>();
  const file = useRecallMutation(r.id, ({ key, v }: { key: string; v: FileValues }) =>
    api(`/recalls/${r.id}/reports/${key}/filed`, {
      method: 'POST',
      body: {
        filedAt: v.filedAt.toISOString(),
        ...(v.authority ? { authority: v.authority } : {}),
        ...(v.reference ? { reference: v.reference } : {}),
        ...(v.note ? { note: v.note } : {}),
      },
    }),
  );
  const closed = r.status === 'closed' || r.status === 'cancelled';
  return (
    <Flex vertical gap={8} data-testid="regulator-reports">
      <Typography.Text strong>{t('reports.title')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('reports.intro')}
      </Typography.Text>
      <List
        bordered
        size="small"
        dataSource={reports}
        locale={{ emptyText: <Empty description={t('reports.empty')} /> }}
        renderItem={(report) => (
          <List.Item
            data-testid={`report-${report.key}`}
            actions={
              !report.filedAt && !closed
                ? [
                    <Button
                      key="file"
                      size="small"
                      type={report.state === 'overdue' || report.state === 'due_soon' ? 'primary' : 'default'}
                      onClick={() => {
                        form.setFieldsValue({
                          filedAt: dayjs(),
                          authority: zh ? report.authority.zh : report.authority.en,
                        });
                        setFiling(report);
                      }}
                      data-testid={`report-file-${report.key}`}
                    >
                      {t('reports.record')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Flex gap={8} align="center" wrap>
                  <span>{t(`reports.key.${report.key}`)}</span>
                  <Tag color={STATE_COLOR[report.state]} data-state={report.state}>
                    {t(`reports.state.${report.state}`)}
                  </Tag>
                </Flex>
              }
              description={
                <Flex vertical gap={2}>
                  <span>
                    {report.dueAt
                      ? t(report.projected ? 'reports.dueProjected' : 'reports.due', {
                          at: dateTime(report.dueAt),
                        })
                      : ''}
                    {report.dueAt ? ' · ' : ''}
                    {dueText(report)}
                  </span>
                  <span>
                    {t('reports.to', { authority: zh ? report.authority.zh : report.authority.en })}
                    {report.filing?.reference
                      ? ` · ${t('reports.reference')}：${String(report.filing.reference)}`
                      : ''}
                  </span>
                  <Tooltip title={t('reports.uncertain')}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {zh ? report.basis.zh : report.basis.en}
                      {report.uncertain ? ' *' : ''}
                    </Typography.Text>
                  </Tooltip>
                </Flex>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!filing}
        title={filing ? t('reports.recordTitle', { report: t(`reports.key.${filing.key}`) }) : ''}
        okText={t('reports.save')}
        confirmLoading={file.isPending}
        onCancel={() => setFiling(null)}
        okButtonProps={{ 'data-testid': 'report-file-ok' } as never}
        onOk={async () => {
          const v = await form.validateFields();
          file.mutate(
            { key: filing!.key, v },
            {
              onSuccess: () => {
                message.success(t('reports.saved'));
                setFiling(null);
              },
            },
          );
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="filedAt" label={t('reports.filedAtLabel')} rules={[{ required: true }]}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="authority" label={t('reports.authority')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="reference" label={t('reports.reference')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="note" label={t('reports.note')}>
            <Input.TextArea maxLength={1000} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
