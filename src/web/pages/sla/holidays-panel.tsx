// 法定节假日: the years the calendars know, and for an admin, adding a year from a file (the State
// Council notice of a year after the release: 2027 and later) or removing one added that way.
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Flex, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { holidayProblems } from './holiday-problems.js';
import { type Holidays, slaKeys, useHolidays } from './sla-api.js';

const EXAMPLE = `{
  "year": 2027,
  "source": "国务院办公厅关于2027年部分节假日安排的通知",
  "holidays": [
    { "from": "2027-01-01", "to": "2027-01-03", "nameZh": "元旦" }
  ],
  "workdays": [
    { "date": "2027-01-09", "name": "元旦调休" }
  ]
}`;

export function HolidaysPanel() {
  const { t } = useTranslation('sla');
  const { message } = App.useApp();
  const { role } = useAuth();
  const client = useQueryClient();
  const { data } = useHolidays();
  const [problem, setProblem] = useState<string[] | null>(null);
  const done = (next: Holidays) => {
    client.setQueryData(slaKeys.holidays, next);
    void client.invalidateQueries({ queryKey: slaKeys.calendars });
  };
  const upload = useMutation({
    mutationFn: (file: unknown) =>
      api<Holidays>('/sla/holidays', { method: 'POST', body: file, silent: true }),
    onSuccess: (next, file) => {
      setProblem(null);
      done(next);
      const years = (Array.isArray(file) ? file : [file]).map((y) => (y as { year?: number }).year);
      void message.success(t('holidays.added', { years: years.filter(Boolean).join('、') }));
    },
    onError: (e) =>
      setProblem(e instanceof ApiError && e.status < 500 ? holidayProblems(e, t) : [t('holidays.failed')]),
  });
  const remove = useMutation({
    mutationFn: (year: number) => api<Holidays>(`/sla/holidays/${year}`, { method: 'DELETE' }),
    onSuccess: done,
  });
  if (!data) return null;
  const isAdmin = role === 'admin';
  const missing = data.missingYears;

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {t('settings.covered')}：{data.coveredYears.join('、')}
      </Typography.Text>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="holidays-missing"
          message={t('holidays.missing', { years: missing.join('、') })}
          description={isAdmin ? t('holidays.missingAdmin') : t('holidays.missingAskAdmin')}
        />
      )}
      {isAdmin && (
        <Card size="small" title={t('holidays.addTitle')} data-testid="holidays-upload-card">
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">{t('holidays.addHint')}</Typography.Text>
            <Upload
              accept=".json,application/json"
              showUploadList={false}
              beforeUpload={async (file) => {
                let parsed: unknown;
                try {
                  parsed = JSON.parse(await file.text());
                } catch {
                  setProblem([t('holidays.notJson', { name: file.name })]);
                  return Upload.LIST_IGNORE;
                }
                upload.mutate(parsed);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="holidays-upload">
                {t('holidays.choose')}
              </Button>
            </Upload>
            {problem && (
              <Alert
                type="error"
                showIcon
                data-testid="holidays-problem"
                message={t('holidays.refused')}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {problem.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                }
              />
            )}
            <Collapse
              size="small"
              items={[
                {
                  key: 'format',
                  label: t('holidays.format'),
                  children: (
                    <Flex vertical gap={4}>
                      <Typography.Text type="secondary">{t('holidays.formatHint')}</Typography.Text>
                      <Typography.Paragraph copyable={{ text: EXAMPLE }} style={{ margin: 0 }}>
                        <pre style={{ margin: 0, fontSize: 12 }}>{EXAMPLE}</pre>
                      </Typography.Paragraph>
                    </Flex>
                  ),
                },
              ]}
            />
          </Flex>
        </Card>
      )}
      {data.years.map((y) => (
        <Card
          key={y.year}
          size="small"
          data-testid={`holiday-year-${y.year}`}
          title={
            <Space>
              <span>{y.year}</span>
              {y.uploaded ? (
                <Tag color="green">{t('holidays.uploaded')}</Tag>
              ) : (
                <Tag>{t('holidays.builtin')}</Tag>
              )}
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {y.source}
              </Typography.Text>
            </Space>
          }
          extra={
            isAdmin && y.uploaded ? (
              <Popconfirm
                title={t('holidays.confirmRemove', { year: y.year })}
                onConfirm={() => remove.mutate(y.year)}
              >
                <Button size="small" danger icon={<DeleteOutlined />}>
                  {t('holidays.remove')}
                </Button>
              </Popconfirm>
            ) : undefined
          }
        >
          <Space wrap>
            {y.holidays.map((h) => (
              <Tag key={h.from} color="red">
                {h.nameZh} {h.from.slice(5)}
                {h.to !== h.from ? `–${h.to.slice(5)}` : ''}
              </Tag>
            ))}
            {y.workdays.map((w) => (
              <Tag key={w.date} color="blue">
                {t('settings.workday')} {w.date.slice(5)}
              </Tag>
            ))}
          </Space>
        </Card>
      ))}
    </Flex>
  );
}
