import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, List, Modal, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.js';
import { type Listing, useFloors, useInvalidateBrand, useListings, yuan } from './brand-api.js';
import { PriceHistory } from './price-history.js';
import { WarningModal, WarningsCard } from './warnings.js';

function FloorModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const [form] = Form.useForm<{ sku: string; productName?: string; min: number }>();
  const save = useMutation({
    mutationFn: (v: { sku: string; productName?: string; min: number }) =>
      api('/brand/price-floors', {
        method: 'PUT',
        silent: true,
        body: { sku: v.sku, productName: v.productName, minPriceFen: Math.round(v.min * 100) },
      }),
    onSuccess: () => {
      form.resetFields();
      onClose();
      return invalidate();
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal
      open={open}
      title={t('price.addFloor')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="sku" label={t('price.form.sku')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="productName" label={t('price.form.product')}>
          <Input />
        </Form.Item>
        <Form.Item name="min" label={t('price.form.min')} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Watched listings with a SKU and a price against the minimum advertised price. */
export function PriceTab() {
  const { t } = useTranslation('brand');
  const list = useListings({ priced: 'true' });
  const floors = useFloors();
  const [adding, setAdding] = useState(false);
  const [warning, setWarning] = useState<Listing | null>(null);
  const { t: td } = useTranslation('brandDefence');
  return (
    <Row gutter={16}>
      <Col xs={24} lg={17}>
        <Card>
          <Table<Listing>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 25, hideOnSinglePage: true }}
            data-testid="brand-price-table"
            expandable={{
              expandedRowRender: (l) => <PriceHistory listingId={l.id} floorFen={l.price.floorFen} />,
            }}
            locale={{ emptyText: <Empty description={t('price.empty')} /> }}
            columns={[
              {
                title: t('price.columns.listing'),
                render: (_, l) => (
                  <a href={l.url} target="_blank" rel="noreferrer noopener">
                    {l.title || l.url}
                  </a>
                ),
              },
              { title: t('price.columns.seller'), dataIndex: 'sellerName' },
              {
                title: t('price.columns.standing'),
                render: (_, l) => (
                  <Tag color={l.standing === 'authorised' ? 'blue' : 'default'}>
                    {t(`standing.${l.standing}`)}
                  </Tag>
                ),
              },
              { title: t('price.columns.sku'), dataIndex: 'sku' },
              { title: t('price.columns.price'), render: (_, l) => yuan(l.priceFen) },
              { title: t('price.columns.floor'), render: (_, l) => yuan(l.price.floorFen) },
              {
                title: t('price.columns.gap'),
                render: (_, l) => (l.price.gapFen ? yuan(l.price.gapFen) : '—'),
              },
              {
                title: t('price.columns.action'),
                render: (_, l) =>
                  l.price.action === 'warn_reseller' ? (
                    <Button
                      size="small"
                      danger
                      onClick={() => setWarning(l)}
                      data-testid="price-warn_reseller"
                    >
                      {td('warning.record')}
                    </Button>
                  ) : l.price.action ? (
                    <Tag color="red" data-testid={`price-${l.price.action}`}>
                      {t(`price.action.${l.price.action}`)}
                    </Tag>
                  ) : l.price.state === 'ok' ? (
                    <Tag color="green">{t('price.ok')}</Tag>
                  ) : (
                    t('price.noFloor')
                  ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={7}>
        <WarningsCard />
        <Card
          style={{ marginTop: 16 }}
          title={t('price.floors')}
          size="small"
          loading={floors.isPending}
          extra={
            <Button size="small" onClick={() => setAdding(true)}>
              {t('price.addFloor')}
            </Button>
          }
        >
          {floors.data?.length ? (
            <List
              size="small"
              dataSource={floors.data}
              renderItem={(f) => (
                <List.Item extra={yuan(f.minPriceFen)}>
                  {f.sku} · {f.productName || '—'}
                </List.Item>
              )}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
      </Col>
      <FloorModal open={adding} onClose={() => setAdding(false)} />
      <WarningModal listing={warning} onClose={() => setWarning(null)} />
    </Row>
  );
}
