// 智能助手: its settings, how it did (answered / handed over / wrote again in 24 h), a try box and its log.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Slider,
  Statistic,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { hasRole } from '../../app/roles.js';

const INTENTS = [
  'where_is_parcel',
  'ship_time',
  'return_how',
  'size_fit',
  'invoice',
  'how_to_use',
  'is_genuine',
] as const;
const CHANNELS = ['live_chat', 'platform_message', 'wechat', 'email'] as const;

type Settings = {
  enabled: boolean;
  threshold: number;
  channels: string[];
  intents: string[];
  shipWithinHours: number;
  publicBaseUrl: string | null;
};
type Stats = { answered: number; handedOver: number; reopenedWithin24h: number };
type LogItem = {
  id: string;
  ticketId: string;
  intent: string | null;
  confidence: number;
  outcome: 'answered' | 'handed_over';
  reason: string | null;
  createdAt: string;
};
type Preview = {
  intent: string | null;
  confidence: number;
  outcome: 'answered' | 'handed_over';
  reason: string | null;
  answer: string | null;
  draft: string | null;
};

const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 1000) / 10}%` : '—');

export default function AssistantPage() {
  const { t } = useTranslation('assistant');
  // No share beside a count with nothing to share of (was "0 占 —").
  const share = (n: number, d: number) => (d ? <small>{t('share', { pct: pct(n, d) })}</small> : undefined);
  const { message } = App.useApp();
  const { role } = useAuth();
  const canEdit = hasRole(role, 'supervisor');
  const client = useQueryClient();
  const range = useMemo(
    () => ({ from: dayjs().subtract(7, 'day').toISOString(), to: dayjs().add(1, 'minute').toISOString() }),
    [],
  );
  const settings = useQuery({
    queryKey: ['assistant-settings'],
    queryFn: () => api<Settings>('/assistant/settings'),
  });
  const stats = useQuery({
    queryKey: ['assistant-stats', range],
    queryFn: () => api<Stats>('/assistant/stats', { query: range }),
  });
  const log = useQuery({
    queryKey: ['assistant-log', range],
    queryFn: () => api<{ items: LogItem[] }>('/assistant/log', { query: { ...range, limit: 100 } }),
  });
  const [form] = Form.useForm<Settings>();
  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        ...settings.data,
        publicBaseUrl: settings.data.publicBaseUrl ?? window.location.origin,
      });
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: Settings) =>
      api<Settings>('/assistant/settings', {
        method: 'PUT',
        body: { ...v, publicBaseUrl: v.publicBaseUrl || null },
      }),
    onSuccess: () => {
      void message.success(t('saved'));
      void client.invalidateQueries({ queryKey: ['assistant-settings'] });
    },
  });
  const [text, setText] = useState('');
  const preview = useMutation({
    mutationFn: (body: { text: string }) => api<Preview>('/assistant/preview', { method: 'POST', body }),
  });
  const s = stats.data;
  const total = s ? s.answered + s.handedOver : 0;
  return (
    <Flex vertical gap={16}>
      <Card title={t('title')}>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col span={8}>
            <Statistic
              title={t('answered')}
              value={s?.answered ?? 0}
              loading={stats.isLoading}
              suffix={share(s?.answered ?? 0, total)}
            />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('handedOver')}
              value={s?.handedOver ?? 0}
              loading={stats.isLoading}
              suffix={share(s?.handedOver ?? 0, total)}
            />
          </Col>
          <Col span={8}>
            <Tooltip title={t('reopenedHelp')}>
              <Statistic
                title={t('reopened')}
                value={s?.reopenedWithin24h ?? 0}
                loading={stats.isLoading}
                suffix={share(s?.reopenedWithin24h ?? 0, s?.answered ?? 0)}
              />
            </Tooltip>
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('stats')}
        </Typography.Text>
      </Card>
      <Row gutter={16}>
        <Col span={12}>
          <Card title={t('settings')} loading={settings.isLoading}>
            <Form
              form={form}
              layout="vertical"
              disabled={!canEdit}
              onFinish={(v) => save.mutate(v)}
              data-testid="assistant-settings"
            >
              <Form.Item name="enabled" label={t('enabled')} valuePropName="checked">
                <Switch data-testid="assistant-enabled" />
              </Form.Item>
              <Form.Item name="threshold" label={t('threshold')} extra={t('thresholdHelp')}>
                <Slider min={0.5} max={1} step={0.05} marks={{ 0.5: '0.5', 0.75: '0.75', 1: '1' }} />
              </Form.Item>
              <Form.Item name="channels" label={t('channels')}>
                <Checkbox.Group options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
              </Form.Item>
              <Form.Item name="intents" label={t('intents')}>
                <Checkbox.Group options={INTENTS.map((i) => ({ value: i, label: t(`intent.${i}`) }))} />
              </Form.Item>
              <Form.Item name="shipWithinHours" label={t('shipWithin')}>
                <InputNumber
                  min={1}
                  max={720}
                  addonAfter={t('hours', { count: 0 }).replace('0', '').trim()}
                />
              </Form.Item>
              <Form.Item name="publicBaseUrl" label={t('publicBase')}>
                <Input />
              </Form.Item>
              {canEdit && (
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={save.isPending}
                  data-testid="assistant-save"
                >
                  {t('save')}
                </Button>
              )}
            </Form>
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('tryTitle')}>
            <Flex vertical gap={8}>
              <Input.TextArea
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t('tryPlaceholder')}
                autoSize={{ minRows: 2 }}
                maxLength={2000}
              />
              <Button
                onClick={() => text.trim() && preview.mutate({ text })}
                loading={preview.isPending}
                data-testid="assistant-try"
              >
                {t('tryButton')}
              </Button>
              {preview.data && (
                <Alert
                  type={preview.data.outcome === 'answered' ? 'success' : 'warning'}
                  title={`${t(`result.${preview.data.outcome}`)} · ${preview.data.intent ? t(`intent.${preview.data.intent}`) : t('none')} · ${t('confidence', { value: preview.data.confidence })}`}
                  description={
                    <Flex vertical gap={4}>
                      {preview.data.reason && (
                        <span>
                          {t(`reason.${preview.data.reason}`, { defaultValue: preview.data.reason })}
                        </span>
                      )}
                      {(preview.data.answer ?? preview.data.draft) && (
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                          {preview.data.answer ?? preview.data.draft}
                        </Typography.Paragraph>
                      )}
                    </Flex>
                  }
                />
              )}
            </Flex>
          </Card>
        </Col>
      </Row>
      <Card title={t('log')}>
        <Table<LogItem>
          rowKey="id"
          size="small"
          loading={log.isLoading}
          dataSource={log.data?.items ?? []}
          locale={{ emptyText: t('empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="assistant-log"
          columns={[
            {
              title: t('columns.at'),
              width: 150,
              render: (_, l) => dayjs(l.createdAt).format('MM-DD HH:mm:ss'),
            },
            {
              title: t('columns.intent'),
              render: (_, l) => (l.intent ? t(`intent.${l.intent}`) : t('none')),
            },
            { title: t('columns.confidence'), width: 90, render: (_, l) => l.confidence.toFixed(2) },
            {
              title: t('columns.outcome'),
              width: 110,
              render: (_, l) => (
                <Tag color={l.outcome === 'answered' ? 'green' : 'orange'}>
                  {l.outcome === 'answered' ? t('answered') : t('handedOver')}
                </Tag>
              ),
            },
            {
              title: t('columns.reason'),
              render: (_, l) => (l.reason ? t(`reason.${l.reason}`, { defaultValue: l.reason }) : t('none')),
            },
            {
              title: t('columns.ticket'),
              width: 80,
              render: (_, l) => <Link to={`/tickets/${l.ticketId}`}>{t('open')}</Link>,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
