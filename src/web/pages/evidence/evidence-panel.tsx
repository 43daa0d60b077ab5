import {
  DeleteOutlined,
  DownloadOutlined,
  FileProtectOutlined,
  HistoryOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Drawer,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actorName } from '../../app/actor-name.js';
import { ApiError, api } from '../../app/api.js';
import {
  contentUrl,
  EVIDENCE_KINDS,
  type Evidence,
  type EvidenceKind,
  type SubjectType,
  uploadEvidence,
  useCustody,
  useEvidence,
  useFreeze,
  useInvalidateEvidence,
} from './evidence-api.js';

export const formatBytes = (n: number) =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The evidence of one subject (a case, an order, a dispute, a penalty): list, upload, custody, download. */
export function EvidencePanel({
  subjectType,
  subjectId,
  freezeTicketId,
  defaultKind = 'photo',
  title,
}: {
  subjectType: SubjectType;
  subjectId: string;
  /** On a case: the "save the chat as evidence" button. */
  freezeTicketId?: string | undefined;
  defaultKind?: EvidenceKind;
  title?: string;
}) {
  const { t } = useTranslation('evidence');
  const { message } = App.useApp();
  const list = useEvidence(subjectType, subjectId);
  const invalidate = useInvalidateEvidence();
  const [kind, setKind] = useState<EvidenceKind>(defaultKind);
  const [label, setLabel] = useState('');
  const [custodyOf, setCustodyOf] = useState<Evidence | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadEvidence(subjectType, subjectId, file, kind, label || undefined),
    onSuccess: (item) => {
      message.success(t('upload.done', { name: item.fileName }));
      setLabel('');
      return invalidate();
    },
    onError: (error) => message.error(error instanceof ApiError ? error.message : String(error)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/evidence/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t('deleted'));
      return invalidate();
    },
  });

  return (
    <Flex vertical gap={12} data-testid={`evidence-panel-${subjectType}`}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>{title ?? t(`title.${subjectType}`)}</Typography.Text>
        <Space wrap>
          {freezeTicketId && <FreezeButton ticketId={freezeTicketId} />}
          <Select
            value={kind}
            onChange={setKind}
            style={{ width: 150 }}
            aria-label={t('upload.kind')}
            data-testid={`evidence-kind-${subjectType}`}
            options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <Input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            placeholder={t('upload.title')}
            style={{ width: 180 }}
            maxLength={200}
          />
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button
              icon={<UploadOutlined />}
              loading={upload.isPending}
              data-testid={`evidence-upload-${subjectType}`}
            >
              {t('upload.button')}
            </Button>
          </Upload>
        </Space>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('upload.hint')}
      </Typography.Text>
      <Table<Evidence>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
        columns={[
          {
            title: t('columns.title'),
            width: 240,
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text>{r.title}</Typography.Text>
                {r.title !== r.fileName && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.fileName}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('columns.kind'),
            width: 130,
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={r.source === 'frozen' ? 'purple' : 'blue'}>{t(`kind.${r.kind}`)}</Tag>
                {r.source !== 'upload' && <Tag>{t(`source.${r.source}`)}</Tag>}
              </Space>
            ),
          },
          { title: t('columns.size'), width: 90, render: (_, r) => formatBytes(r.bytes) },
          {
            title: t('columns.hash'),
            width: 120,
            render: (_, r) => (
              <Tooltip title={r.sha256}>
                <Typography.Text code copyable={{ text: r.sha256 }}>
                  {r.sha256.slice(0, 10)}
                </Typography.Text>
              </Tooltip>
            ),
          },
          {
            title: t('columns.location'),
            width: 150,
            render: (_, r) =>
              r.location === 'not_applicable' ? (
                '—'
              ) : (
                <Tag
                  color={
                    r.location === 'unremovable' ? 'red' : r.location === 'removed' ? 'green' : 'default'
                  }
                >
                  {t(`location.${r.location}`)}
                </Tag>
              ),
          },
          {
            title: t('columns.by'),
            width: 150,
            render: (_, r) => (
              <Flex vertical>
                <span>{r.createdByName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'actions',
            width: 150,
            render: (_, r) => (
              <Space size={2}>
                <Tooltip title={t('download')}>
                  <Button type="text" size="small" icon={<DownloadOutlined />} href={contentUrl(r.id)} />
                </Tooltip>
                {r.shareable && r.location === 'removed' && (
                  <Tooltip title={t('shareable')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<FileProtectOutlined />}
                      href={contentUrl(r.id, 'shareable')}
                    />
                  </Tooltip>
                )}
                <Tooltip title={t('custody')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<HistoryOutlined />}
                    onClick={() => setCustodyOf(r)}
                  />
                </Tooltip>
                <Popconfirm title={t('deleteConfirm')} onConfirm={() => remove.mutate(r.id)}>
                  <Tooltip title={t('delete')}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} />
                  </Tooltip>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <CustodyDrawer item={custodyOf} onClose={() => setCustodyOf(null)} />
    </Flex>
  );
}

function FreezeButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('evidence');
  const { message } = App.useApp();
  const freeze = useFreeze(ticketId);
  return (
    <Popconfirm
      title={t('freeze.confirm')}
      onConfirm={() =>
        freeze.mutateAsync().then((r) => {
          message.success(t('freeze.done', { count: r.items.length }));
        })
      }
    >
      <Button type="primary" ghost loading={freeze.isPending} data-testid="freeze-chat">
        {t('freeze.button')}
      </Button>
    </Popconfirm>
  );
}

function CustodyDrawer({ item, onClose }: { item: Evidence | null; onClose: () => void }) {
  const { t } = useTranslation('evidence');
  const custody = useCustody(item?.id ?? null);
  return (
    <Drawer open={!!item} onClose={onClose} title={`${t('custody')} · ${item?.title ?? ''}`} size="default">
      {custody.data?.length ? (
        <Timeline
          items={custody.data.map((c) => ({
            children: (
              <Flex vertical>
                <span>
                  #{c.seq} {t(`custodyAction.${c.action}`)} · {actorName(c.actorName, c.actorType ?? '', t)}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(c.at).format('YYYY-MM-DD HH:mm:ss')} · {c.hash.slice(0, 16)}…
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      ) : (
        <Empty description={t('empty')} />
      )}
    </Drawer>
  );
}
