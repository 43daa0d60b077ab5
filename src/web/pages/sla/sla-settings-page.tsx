import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  List,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { durationText } from '../../app/durations.js';
import { localName } from '../../app/local-name.js';
import { useShops } from '../../app/queries.js';
import { type CalendarDraft, CalendarFormModal } from './calendar-form.js';
import { HolidaysPanel } from './holidays-panel.js';
import { PeakEventsPanel } from './peak-events-panel.js';
import { type PolicyDraft, PolicyFormModal } from './policy-form.js';
import { type Calendar, type Policy, slaKeys, TARGET_NAMES, useCalendars, usePolicies } from './sla-api.js';

function useSave<T>(key: readonly string[], path: string) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation('sla');
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body?: T }) =>
      body === undefined
        ? api(`${path}/${id}`, { method: 'DELETE' })
        : api(id ? `${path}/${id}` : path, { method: id ? 'PATCH' : 'POST', body }),
    onSuccess: () => {
      message.success(t('settings.saved'));
      return client.invalidateQueries({ queryKey: key });
    },
  });
}

function PoliciesPanel() {
  const { t, i18n } = useTranslation('sla');
  const { data = [], isLoading } = usePolicies();
  const save = useSave<PolicyDraft>(slaKeys.policies, '/sla/policies');
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  const scope = (p: Policy) => {
    const parts = [
      ...(p.match.channels ?? []).map((c) => t(`common:channel.${c}`)),
      ...(p.match.kinds ?? []).map((c) => t(`common:kind.${c}`)),
      ...(p.match.severities ?? []).map((c) => t(`common:severity.${c}`)),
      ...(p.match.shopIds?.length ? [`${t('settings.shops')} × ${p.match.shopIds.length}`] : []),
    ];
    return parts.length ? parts.map((x) => <Tag key={x}>{x}</Tag>) : <Tag>{t('settings.any')}</Tag>;
  };
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('settings.newPolicy')}
        </Button>
      </Flex>
      <Table<Policy>
        rowKey="id"
        size="middle"
        loading={isLoading}
        dataSource={data}
        pagination={false}
        columns={[
          { title: t('settings.priority'), dataIndex: 'priority', width: 80 },
          {
            title: t('settings.name'),
            dataIndex: 'name',
            render: (name: string) => localName(name, i18n.language),
          },
          { title: t('settings.match'), key: 'match', render: (_, p) => scope(p) },
          {
            title: t('settings.targets'),
            key: 'targets',
            render: (_, p) => (
              <Flex vertical>
                {TARGET_NAMES.filter((n) => p.targets[n]).map((n) => (
                  <Typography.Text key={n} style={{ fontSize: 12 }}>
                    {t(`target.${n}`)}：{durationText(p.targets[n]!.minutes, i18n.language)} ·{' '}
                    {t(`settings.clock.${p.targets[n]!.clock}`)}
                  </Typography.Text>
                ))}
              </Flex>
            ),
          },
          {
            title: t('settings.enabled'),
            key: 'enabled',
            width: 90,
            render: (_, p) => (
              <Switch
                size="small"
                checked={p.enabled}
                onChange={(enabled) => save.mutate({ id: p.id, body: { enabled } as never })}
              />
            ),
          },
          {
            key: 'actions',
            width: 100,
            render: (_, p) => (
              <RowActions onEdit={() => setEditing(p)} onDelete={() => save.mutate({ id: p.id })} />
            ),
          },
        ]}
      />
      <PolicyFormModal
        open={editing !== null}
        initial={editing === 'new' ? null : editing}
        saving={save.isPending}
        onCancel={() => setEditing(null)}
        onSave={(draft) =>
          save.mutate(
            { id: editing === 'new' || !editing ? undefined : editing.id, body: draft },
            { onSuccess: () => setEditing(null) },
          )
        }
      />
    </Flex>
  );
}

function CalendarPreview({ id }: { id: string }) {
  const { t } = useTranslation('sla');
  const { data } = useQuery({
    queryKey: ['sla', 'calendar-preview', id],
    queryFn: () =>
      api<{
        timezone: string;
        days: { date: string; intervals: [string, string][]; note: string | null; warning: string | null }[];
      }>(`/sla/calendars/${id}/preview`),
  });
  return (
    <List
      size="small"
      dataSource={data?.days ?? []}
      renderItem={(d) => (
        <List.Item>
          <Space>
            <Typography.Text style={{ width: 100, display: 'inline-block' }}>{d.date}</Typography.Text>
            {d.intervals.length ? (
              d.intervals.map(([a, b]) => (
                <Tag key={a} color="green">
                  {dayjs(a).format('HH:mm')}–{dayjs(b).format('HH:mm')}
                </Tag>
              ))
            ) : (
              <Tag>{t('settings.off')}</Tag>
            )}
            {d.note && <Tag color="blue">{d.note}</Tag>}
            {d.warning && <Tag color="orange">{t('settings.warning')}</Tag>}
          </Space>
        </List.Item>
      )}
    />
  );
}

function CalendarsPanel() {
  const { t, i18n } = useTranslation('sla');
  const { data = [], isLoading } = useCalendars();
  const shops = useShops();
  const save = useSave<CalendarDraft>(slaKeys.calendars, '/sla/calendars');
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const weekday = t('settings.weekday', { returnObjects: true }) as string[];
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('settings.newCalendar')}
        </Button>
      </Flex>
      {data.flatMap((c) => c.warnings).length > 0 && (
        // The server's warnings name the years without holiday data; worded here in the console's language.
        <Alert
          type="warning"
          showIcon
          message={t('holidays.missing', {
            years: [...new Set(data.flatMap((c) => c.warnings.map((w) => /\d{4}/.exec(w)?.[0] ?? '')))]
              .filter(Boolean)
              .sort()
              .join('、'),
          })}
        />
      )}
      <Table<Calendar>
        rowKey="id"
        size="middle"
        loading={isLoading}
        dataSource={data}
        pagination={false}
        expandable={{ expandedRowRender: (c) => <CalendarPreview id={c.id} />, expandIcon: undefined }}
        columns={[
          {
            title: t('settings.name'),
            dataIndex: 'name',
            render: (name: string) => localName(name, i18n.language),
          },
          {
            title: t('settings.shops'),
            dataIndex: 'shopId',
            render: (id) =>
              id ? (shops.data?.find((s) => s.id === id)?.name ?? id) : t('settings.shopDefault'),
          },
          { title: t('settings.timezone'), dataIndex: 'timezone' },
          {
            title: t('settings.hours'),
            key: 'hours',
            render: (_, c) =>
              c.hours.map((h) => (
                <Tag key={`${h.day}${h.start}`}>
                  {weekday[h.day]} {h.start}–{h.end}
                </Tag>
              )),
          },
          {
            title: t('settings.holidayRegion'),
            dataIndex: 'holidays',
            render: (h) => (h === 'CN' ? t('settings.holidayCN') : t('settings.holidayNone')),
          },
          {
            key: 'actions',
            width: 100,
            render: (_, c) => (
              <RowActions onEdit={() => setEditing(c)} onDelete={() => save.mutate({ id: c.id })} />
            ),
          },
        ]}
      />
      <CalendarFormModal
        open={editing !== null}
        initial={editing === 'new' ? null : editing}
        saving={save.isPending}
        onCancel={() => setEditing(null)}
        onSave={(draft) =>
          save.mutate(
            { id: editing === 'new' || !editing ? undefined : editing.id, body: draft },
            { onSuccess: () => setEditing(null) },
          )
        }
      />
    </Flex>
  );
}

/** SLA policies, business calendars, holidays and peak events. */
/** Edit and (confirmed) delete buttons of a settings row. */
function RowActions({ onEdit, onDelete }: { onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation('sla');
  return (
    <Space>
      <Button size="small" icon={<EditOutlined />} aria-label={t('settings.edit')} onClick={onEdit} />
      <Popconfirm title={t('settings.confirmDelete')} onConfirm={onDelete}>
        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('settings.delete')} />
      </Popconfirm>
    </Space>
  );
}

export default function SlaSettingsPage() {
  const { t } = useTranslation('sla');
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('settings.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('settings.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Tabs
          items={[
            { key: 'policies', label: t('settings.policies'), children: <PoliciesPanel /> },
            { key: 'calendars', label: t('settings.calendars'), children: <CalendarsPanel /> },
            { key: 'holidays', label: t('settings.holidays'), children: <HolidaysPanel /> },
            { key: 'peaks', label: t('peaks.title'), children: <PeakEventsPanel /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
