import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  allowsPublic,
  personalVariables,
  TEMPLATE_AUDIENCES,
  type TemplateAudience,
} from '../../../playbooks/template-audience.js';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useShops } from '../../app/queries.js';
import { hasRole } from '../../app/roles.js';
import type { Template } from './playbooks-api.js';

type Values = { name: string; body: string; shopId?: string; key?: string; audience: TemplateAudience };

type Editing =
  | { mode: 'edit'; template: Template }
  | { mode: 'new'; key?: string; locale: 'zh-CN' | 'en'; body?: string; name?: string; override?: boolean };

/** The template library: the tenant's templates and the shops' overrides, in Chinese and English. */
export default function TemplatesPage() {
  const { t, i18n } = useTranslation('playbooks');
  const { message } = App.useApp();
  const { role } = useAuth();
  const client = useQueryClient();
  const shops = useShops();
  // The templates in the console's language first; the switch shows the other language's.
  const [locale, setLocale] = useState<'zh-CN' | 'en'>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<Values>();
  const watchedBody = Form.useWatch('body', form) ?? '';
  const watchedAudience = Form.useWatch('audience', form) ?? 'private';
  const personal = allowsPublic(watchedAudience) ? personalVariables(watchedBody) : [];
  const list = useQuery({
    queryKey: ['templates', locale],
    queryFn: () => api<{ items: Template[]; variables: string[] }>('/templates', { query: { locale } }),
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      editing?.mode === 'edit'
        ? api<Template>(`/templates/${editing.template.id}`, {
            method: 'PATCH',
            body: { name: v.name, body: v.body, audience: v.audience },
          })
        : api<Template>('/templates', { method: 'POST', body: { ...v, locale: editing?.locale ?? locale } }),
    onSuccess: () => {
      setEditing(null);
      void client.invalidateQueries({ queryKey: ['templates'] });
      void client.invalidateQueries({ queryKey: ['ticket'] });
      void message.success(t('templates.saved'));
    },
  });
  const canEdit = hasRole(role, 'supervisor');
  const shopName = (id: string | null) =>
    id ? (shops.data?.find((s) => s.id === id)?.name ?? id) : t('templates.allShops');
  const open = (e: Editing) => {
    setEditing(e);
    form.setFieldsValue(
      e.mode === 'edit'
        ? { name: e.template.name, body: e.template.body, audience: e.template.audience }
        : { name: e.name ?? '', body: e.body ?? '', key: e.key, shopId: undefined, audience: 'private' },
    );
  };
  return (
    <Card>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4}>{t('templates.title')}</Typography.Title>
        <Flex gap={8}>
          <Segmented
            value={locale}
            onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
            options={[
              { value: 'zh-CN', label: t('templates.localeZh') },
              { value: 'en', label: t('templates.localeEn') },
            ]}
          />
          {canEdit && (
            <Button type="primary" onClick={() => open({ mode: 'new', locale })}>
              {t('templates.add')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">
        {t('templates.intro', { vars: (list.data?.variables ?? []).map((v) => `{${v}}`).join(' ') })}
      </Typography.Paragraph>
      <Table<Template>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="templates-table"
        columns={[
          {
            title: t('templates.name'),
            render: (_, x) => (
              <Flex vertical>
                <Typography.Text strong>{x.name}</Typography.Text>
                {/* The key (first_apology…) is the playbooks' reference, shown in the edit form only. */}
                {x.builtIn && (
                  <span>
                    <Tag>{t('templates.builtIn')}</Tag>
                  </span>
                )}
              </Flex>
            ),
            width: 220,
          },
          { title: t('templates.shop'), render: (_, x) => shopName(x.shopId), width: 160 },
          {
            title: t('templates.audience'),
            width: 120,
            render: (_, x) => (
              <Tag color={x.audience === 'private' ? 'default' : 'blue'} data-testid="template-audience">
                {t(`templates.audiences.${x.audience}`)}
              </Tag>
            ),
          },
          {
            title: t('templates.body'),
            render: (_, x) => (
              <Typography.Paragraph
                ellipsis={{ rows: 2, expandable: true }}
                style={{ margin: 0, whiteSpace: 'pre-wrap' }}
              >
                {x.body}
              </Typography.Paragraph>
            ),
          },
          {
            title: '',
            width: 180,
            render: (_, x) =>
              canEdit && (
                <Flex gap={4}>
                  <Button size="small" onClick={() => open({ mode: 'edit', template: x })}>
                    {t('templates.edit')}
                  </Button>
                  {!x.shopId && (
                    <Button
                      size="small"
                      onClick={() =>
                        open({
                          mode: 'new',
                          key: x.key,
                          locale: x.locale,
                          body: x.body,
                          name: x.name,
                          override: true,
                        })
                      }
                    >
                      {t('templates.override')}
                    </Button>
                  )}
                </Flex>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        width={640}
        title={editing?.mode === 'edit' ? editing.template.name : t('templates.add')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ disabled: personal.length > 0 }}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {editing?.mode === 'new' && (
            <>
              <Form.Item
                name="shopId"
                label={t('templates.shop')}
                rules={editing.override ? [{ required: true }] : []}
              >
                <Select
                  allowClear
                  placeholder={t('templates.allShops')}
                  options={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                />
              </Form.Item>
              <Form.Item
                name="key"
                label={t('templates.key')}
                rules={[{ pattern: /^[a-z][a-z0-9_]{1,59}$/ }]}
              >
                <Input disabled={editing.override} placeholder="custom_…" />
              </Form.Item>
            </>
          )}
          <Form.Item name="name" label={t('templates.name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="body" label={t('templates.body')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={4000} />
          </Form.Item>
          <Form.Item name="audience" label={t('templates.audience')} extra={t('templates.audienceHint')}>
            <Radio.Group
              options={TEMPLATE_AUDIENCES.map((a) => ({ value: a, label: t(`templates.audiences.${a}`) }))}
              data-testid="template-audience-input"
            />
          </Form.Item>
          {personal.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="template-audience-warning"
              message={t('templates.personalData', { names: personal.map((v) => `{${v}}`).join('、') })}
            />
          )}
        </Form>
      </Modal>
    </Card>
  );
}
