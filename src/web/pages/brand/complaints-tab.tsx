import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Dropdown, Empty, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, apiUrl } from '../../app/api.js';
import {
  type Complaint,
  type ComplaintStatus,
  MOVES,
  useComplaints,
  useInvalidateBrand,
} from './brand-api.js';

const COLOUR: Partial<Record<ComplaintStatus, string>> = {
  submitted: 'blue',
  supplement_requested: 'orange',
  accepted: 'cyan',
  rejected: 'red',
  counter_noticed: 'orange',
  taken_down: 'green',
  reinstated: 'red',
};

function MoveMenu({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const move = useMutation({
    mutationFn: (to: ComplaintStatus) =>
      api(`/brand/complaints/${complaint.id}/status`, { method: 'POST', body: { to }, silent: true }),
    onSuccess: () => invalidate(),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const next = MOVES[complaint.status];
  if (!next.length) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: next.map((s) => ({ key: s, label: t(`status.${s}`), 'data-testid': `move-${s}` })),
        onClick: ({ key }) => move.mutate(key as ComplaintStatus),
      }}
    >
      <Button size="small" loading={move.isPending} data-testid={`move-${complaint.id}`}>
        {t('complaints.move')}
      </Button>
    </Dropdown>
  );
}

export function ComplaintsTab() {
  const { t, i18n } = useTranslation('brand');
  const { t: td } = useTranslation('brandDefence');
  const [status, setStatus] = useState('all');
  const list = useComplaints(status === 'all' ? undefined : status);
  return (
    <Card
      title={
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={[
            'all',
            'draft',
            'submitted',
            'supplement_requested',
            'counter_noticed',
            'taken_down',
            'rejected',
          ].map((s) => ({
            value: s,
            label: s === 'all' ? t('complaints.all') : t(`status.${s}`),
          }))}
        />
      }
    >
      <Table<Complaint>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 25, hideOnSinglePage: true }}
        data-testid="brand-complaints-table"
        locale={{ emptyText: <Empty description={t('complaints.empty')} /> }}
        columns={[
          {
            title: t('complaints.columns.type'),
            render: (_, c) => `${t(`platform.${c.platform}`)} · ${t(`type.${c.type}`)}`,
          },
          {
            title: t('complaints.columns.status'),
            render: (_, c) => <Tag color={COLOUR[c.status]}>{t(`status.${c.status}`)}</Tag>,
          },
          {
            title: t('complaints.columns.next'),
            render: (_, c) => (c.nextDueAt ? dayjs(c.nextDueAt).format('YYYY-MM-DD HH:mm') : '—'),
          },
          {
            title: (
              <Tooltip title={t('complaints.columns.precheckHelp')}>
                <span style={{ borderBottom: '1px dashed' }}>{t('complaints.columns.precheck')}</span>
              </Tooltip>
            ),
            render: (_, c) =>
              t('accounts.drafted', {
                estimate: Math.round(c.precheckEstimate * 100),
                score: c.precheckScore,
              }),
          },
          {
            title: t('complaints.columns.decided'),
            render: (_, c) => (c.decidedAt ? dayjs(c.decidedAt).format('YYYY-MM-DD') : '—'),
          },
          {
            title: '',
            render: (_, c) => (
              <Space>
                <MoveMenu complaint={c} />
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={apiUrl(`/brand/complaints/${c.id}/package`, {
                    locale: i18n.language === 'en' ? 'en' : 'zh-CN',
                  })}
                  data-testid={`package-${c.id}`}
                >
                  {td('complaintPackage')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
