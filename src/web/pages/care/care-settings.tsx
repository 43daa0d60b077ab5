// 设置: when and to whom care messages go, the limits per platform, and the switch per product.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Slider,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { type CareProduct, type CareSettings, LIMIT_KEYS } from './care-api.js';

export function CareSettingsTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('care');
  const { message } = App.useApp();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['care-settings'],
    queryFn: () => api<CareSettings>('/care/settings'),
  });
  const products = useQuery({
    queryKey: ['care-products'],
    queryFn: () => api<{ items: CareProduct[] }>('/care/products'),
  });
  const [form] = Form.useForm<CareSettings>();
  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        ...settings.data,
        publicBaseUrl: settings.data.publicBaseUrl ?? window.location.origin,
      });
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: CareSettings) =>
      api<CareSettings>('/care/settings', {
        method: 'PUT',
        body: { ...v, publicBaseUrl: v.publicBaseUrl || null },
      }),
    onSuccess: () => {
      void message.success(t('settings.saved'));
      void client.invalidateQueries({ queryKey: ['care-settings'] });
    },
  });
  const saveProduct = useMutation({
    mutationFn: (p: { productId: string; enabled: boolean; noteZh: string | null; noteEn: string | null }) =>
      api(`/care/products/${p.productId}`, {
        method: 'PUT',
        body: { enabled: p.enabled, noteZh: p.noteZh, noteEn: p.noteEn },
      }),
    onSuccess: () => {
      void message.success(t('products.saved'));
      void client.invalidateQueries({ queryKey: ['care-products'] });
    },
  });
  const [preview, setPreview] = useState<{ body: string; hasTips: boolean } | null>(null);
  const showPreview = async (productId: string) =>
    setPreview(
      await api<{ body: string; hasTips: boolean }>('/care/preview', { method: 'POST', body: { productId } }),
    );
  const [notes, setNotes] = useState<Record<string, string>>({});

  return (
    <Row gutter={16}>
      <Col span={10}>
        <Card title={t('settings.title')} loading={settings.isLoading}>
          <Form
            form={form}
            layout="vertical"
            disabled={!canEdit}
            onFinish={(v) => save.mutate(v)}
            data-testid="care-settings"
          >
            <Form.Item name="enabled" label={t('settings.enabled')} valuePropName="checked">
              <Switch data-testid="care-enabled" />
            </Form.Item>
            <Space size="large" wrap>
              <Form.Item name="delayHours" label={t('settings.delayHours')}>
                <InputNumber min={0} max={720} addonAfter={t('settings.hours')} />
              </Form.Item>
              <Form.Item name="withinDays" label={t('settings.withinDays')}>
                <InputNumber min={1} max={60} addonAfter={t('settings.days')} />
              </Form.Item>
            </Space>
            <Form.Item
              name="holdoutPercent"
              label={t('settings.holdoutPercent')}
              extra={t('settings.holdoutHelp')}
            >
              <Slider min={0} max={50} marks={{ 0: '0%', 10: '10%', 25: '25%', 50: '50%' }} />
            </Form.Item>
            <Form.Item name="effectDays" label={t('settings.effectDays')} extra={t('settings.effectHelp')}>
              <InputNumber min={7} max={180} addonAfter={t('settings.days')} />
            </Form.Item>
            <Form.Item
              name="allProducts"
              label={t('settings.allProducts')}
              extra={t('settings.allProductsHelp')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item name="publicBaseUrl" label={t('settings.publicBase')}>
              <Input />
            </Form.Item>
            <Space size="large" wrap align="start">
              <Form.Item
                name="followUpEnabled"
                label={t('settings.followUpEnabled')}
                extra={t('settings.followUpHelp')}
                valuePropName="checked"
              >
                <Switch data-testid="care-follow-up-enabled" />
              </Form.Item>
              <Form.Item name="followUpDays" label={t('settings.followUpDays')}>
                <InputNumber min={1} max={60} addonAfter={t('settings.days')} />
              </Form.Item>
            </Space>
            <Typography.Text strong>{t('settings.limits')}</Typography.Text>
            <Alert type="warning" showIcon style={{ margin: '8px 0' }} title={t('settings.limitsHelp')} />
            {LIMIT_KEYS.map((k) => (
              <Flex key={k} align="center" gap={8} style={{ marginBottom: 8 }}>
                <span style={{ width: 150 }}>
                  {t('settings.limitRow', { platform: t(`settings.platform.${k}`) })}
                </span>
                <Form.Item name={['limits', k, 'days']} noStyle>
                  <InputNumber min={1} max={365} style={{ width: 72 }} />
                </Form.Item>
                <span>{t('settings.limitDays')}</span>
                <span>{t('settings.limitMax')}</span>
                <Form.Item name={['limits', k, 'max']} noStyle>
                  <InputNumber min={0} max={50} style={{ width: 64 }} />
                </Form.Item>
                <span>{t('settings.limitUnit')}</span>
              </Flex>
            ))}
            {canEdit && (
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="care-save">
                {t('settings.save')}
              </Button>
            )}
          </Form>
        </Card>
      </Col>
      <Col span={14}>
        <Card title={t('products.title')}>
          <Table<CareProduct>
            rowKey="productId"
            size="small"
            loading={products.isLoading}
            dataSource={products.data?.items ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="care-products"
            columns={[
              { title: t('products.name'), dataIndex: 'name' },
              {
                title: t('products.usage'),
                width: 130,
                render: (_, p) =>
                  p.usageZh || p.usageEn ? (
                    <Flex vertical gap={2}>
                      {p.usageZh && <Tag color="green">{t('products.usageZh')}</Tag>}
                      {p.usageEn && <Tag color="green">{t('products.usageEn')}</Tag>}
                    </Flex>
                  ) : (
                    <Tag>{t('products.usageNone')}</Tag>
                  ),
              },
              {
                title: t('products.care'),
                width: 120,
                render: (_, p) => (
                  <Select
                    size="small"
                    disabled={!canEdit}
                    style={{ width: 110 }}
                    value={p.enabled === null ? 'default' : p.enabled ? 'on' : 'off'}
                    options={[
                      { value: 'default', label: t('products.default'), disabled: true },
                      { value: 'on', label: t('products.on') },
                      { value: 'off', label: t('products.off') },
                    ]}
                    onChange={(v) =>
                      saveProduct.mutate({
                        productId: p.productId,
                        enabled: v === 'on',
                        noteZh: p.noteZh,
                        noteEn: p.noteEn,
                      })
                    }
                  />
                ),
              },
              {
                title: t('products.note'),
                render: (_, p) => (
                  <Input
                    size="small"
                    disabled={!canEdit}
                    placeholder={t('products.notePlaceholder')}
                    value={notes[p.productId] ?? p.noteZh ?? ''}
                    maxLength={200}
                    onChange={(e) => setNotes({ ...notes, [p.productId]: e.target.value })}
                    onBlur={() => {
                      const next = notes[p.productId];
                      if (next === undefined || next === (p.noteZh ?? '')) return;
                      saveProduct.mutate({
                        productId: p.productId,
                        enabled: p.enabled ?? true,
                        noteZh: next.trim() || null,
                        noteEn: p.noteEn,
                      });
                    }}
                  />
                ),
              },
              {
                title: '',
                width: 70,
                render: (_, p) => (
                  <Button size="small" onClick={() => void showPreview(p.productId)}>
                    {t('products.preview')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Modal
        open={preview !== null}
        title={t('products.previewTitle')}
        footer={null}
        onCancel={() => setPreview(null)}
      >
        {preview && !preview.hasTips && <Alert type="warning" showIcon title={t('products.noTips')} />}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} data-testid="care-preview">
          {preview?.body}
        </Typography.Paragraph>
      </Modal>
    </Row>
  );
}
