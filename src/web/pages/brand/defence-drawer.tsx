import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../../app/api.js';
import { attachEvidence, useInvalidateBrand } from './brand-api.js';
import { DEFENCE_MOVES, type DefenceDetail, type DefenceStatus, useDefence } from './defence-api.js';
import { DueTag } from './due-tag.js';
import { SourcingSummary } from './sourcing-summary.js';

const UPLOAD_KINDS = ['authorisation_letter', 'invoice', 'inspection_report', 'order_record', 'document'];

function Checklist({ d }: { d: DefenceDetail }) {
  const { t } = useTranslation('brandDefence');
  return (
    <Space wrap data-testid="defence-checklist">
      {d.checklist.items.map((i) => (
        <Tag key={i.kind} color={i.have ? 'green' : 'red'}>
          {t(`defence.kind.${i.kind}`)} ·{' '}
          {i.have ? t('defence.detail.have', { n: i.have }) : t('defence.detail.missing')}
        </Tag>
      ))}
    </Space>
  );
}

function Evidence({ d }: { d: DefenceDetail }) {
  const { t } = useTranslation('brandDefence');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const [kind, setKind] = useState('authorisation_letter');
  const upload = useMutation({
    mutationFn: (file: File) => attachEvidence('brand_defence', d.id, kind, file),
    onSuccess: () => invalidate(),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Flex vertical gap={8}>
      <List
        size="small"
        dataSource={d.evidence}
        locale={{ emptyText: '—' }}
        renderItem={(e) => (
          <List.Item extra={<Typography.Text code>{e.sha256.slice(0, 12)}</Typography.Text>}>
            {t(`defence.kind.${e.kind}`, { defaultValue: e.kind })} · {e.title}
          </List.Item>
        )}
      />
      <Space>
        <Select
          value={kind}
          onChange={setKind}
          style={{ width: 160 }}
          options={UPLOAD_KINDS.map((k) => ({ value: k, label: t(`defence.kind.${k}`) }))}
        />
        <Upload
          showUploadList={false}
          beforeUpload={(f) => {
            upload.mutate(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t('defence.detail.upload')}
          </Button>
        </Upload>
      </Space>
    </Flex>
  );
}

function Answer({ d }: { d: DefenceDetail }) {
  const { t } = useTranslation('brandDefence');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const [text, setText] = useState(d.response);
  const [note, setNote] = useState('');
  useEffect(() => setText(d.response), [d.response]);
  const draft = useMutation({
    mutationFn: (locale: 'zh-CN' | 'en') =>
      api<{ text: string }>(`/brand/defences/${d.id}/draft`, { query: { locale }, silent: true }),
    onSuccess: (r) => setText(r.text),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const save = useMutation({
    mutationFn: () =>
      api(`/brand/defences/${d.id}`, { method: 'PATCH', body: { response: text }, silent: true }),
    onSuccess: () => invalidate(),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const move = useMutation({
    mutationFn: (to: DefenceStatus) =>
      api(`/brand/defences/${d.id}/status`, {
        method: 'POST',
        silent: true,
        body: { to, ...(to === 'responded' ? { response: text } : { note }) },
      }),
    onSuccess: () => invalidate(),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const open = d.status === 'open' || d.status === 'responded';
  const outcomes = DEFENCE_MOVES[d.status].filter((s) => s !== 'responded');
  return (
    <Flex vertical gap={8}>
      {open ? (
        <Space>
          <Button
            onClick={() => draft.mutate('zh-CN')}
            loading={draft.isPending}
            data-testid="defence-draft-zh"
          >
            {t('defence.detail.draftZh')}
          </Button>
          <Button onClick={() => draft.mutate('en')} loading={draft.isPending}>
            {t('defence.detail.draftEn')}
          </Button>
        </Space>
      ) : null}
      <Input.TextArea
        rows={10}
        value={text}
        onChange={(e) => setText(e.target.value)}
        readOnly={!open}
        data-testid="defence-response"
      />
      {d.status === 'open' ? (
        <>
          <Typography.Text type="secondary">{t('defence.detail.notSent')}</Typography.Text>
          <Space>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('defence.detail.saveResponse')}
            </Button>
            <Button
              type="primary"
              disabled={!text.trim()}
              onClick={() => move.mutate('responded')}
              loading={move.isPending}
              data-testid="defence-responded"
            >
              {t('defence.detail.markResponded')}
            </Button>
          </Space>
        </>
      ) : null}
      {outcomes.length ? (
        <>
          <Typography.Text strong>{t('defence.detail.outcome')}</Typography.Text>
          <Input
            placeholder={t('defence.detail.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Space wrap>
            {outcomes.map((s) => (
              <Button key={s} onClick={() => move.mutate(s)} data-testid={`defence-move-${s}`}>
                {t(`defence.status.${s}`)}
              </Button>
            ))}
          </Space>
        </>
      ) : d.outcomeNote ? (
        <Typography.Text>{d.outcomeNote}</Typography.Text>
      ) : null}
    </Flex>
  );
}

/** One complaint against us: deadline, counter-evidence, the answer, the outcome. */
export function DefenceDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('brandDefence');
  const { t: tb } = useTranslation('brand');
  const q = useDefence(id);
  const d = q.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={720} title={t('defence.detail.title')} loading={q.isPending}>
      {d ? (
        <Flex vertical gap={16} data-testid="defence-drawer">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('defence.columns.listing')} span={2}>
              {d.listingUrl ? (
                <a href={d.listingUrl} target="_blank" rel="noreferrer noopener">
                  {d.listingTitle}
                </a>
              ) : (
                d.listingTitle
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('defence.columns.complainant')}>
              {d.complainant || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('defence.columns.type')}>{tb(`type.${d.type}`)}</Descriptions.Item>
            <Descriptions.Item label={t('defence.form.rightNo')}>{d.rightNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('defence.form.externalRef')}>
              {d.externalRef ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('defence.columns.due')}>
              {dayjs(d.responseDueAt).format('YYYY-MM-DD HH:mm')} <DueTag due={d.due} />
            </Descriptions.Item>
            <Descriptions.Item label={t('defence.columns.status')}>
              {t(`defence.status.${d.status}`)}
            </Descriptions.Item>
          </Descriptions>
          {d.ticketId ? <Link to={`/tickets/${d.ticketId}`}>{t('defence.detail.openCase')}</Link> : null}
          {d.claim ? <Typography.Paragraph type="secondary">{d.claim}</Typography.Paragraph> : null}
          <Typography.Title level={5}>{t('defence.detail.checklist')}</Typography.Title>
          <Checklist d={d} />
          <Typography.Title level={5}>{t('defence.detail.sourcing')}</Typography.Title>
          {!d.sku ? (
            <Alert type="info" showIcon message={t('defence.detail.noSku')} />
          ) : d.sourcing ? (
            <SourcingSummary s={d.sourcing} />
          ) : (
            <Alert type="warning" showIcon message={t('defence.detail.noRecord')} />
          )}
          <Typography.Title level={5}>{t('defence.detail.evidence')}</Typography.Title>
          <Evidence d={d} />
          <Typography.Title level={5}>{t('defence.detail.response')}</Typography.Title>
          <Answer d={d} />
        </Flex>
      ) : null}
    </Drawer>
  );
}
