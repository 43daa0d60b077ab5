import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Divider, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../app/api.js';
import { PlatformLabel } from '../../app/labels.js';
import { useShops } from '../../app/queries.js';
import { tagValue } from '../../app/tag-label.js';
import {
  SEVERITIES,
  type Severity,
  TICKET_CHANNELS,
  TICKET_KINDS,
  type Ticket,
  type TicketChannel,
  type TicketKind,
} from '../../app/types.js';
import { type Order, OrderPicker } from './order-picker.js';

type CaseForm = {
  kind: TicketKind;
  channel: TicketChannel;
  shopId?: string;
  severity: Severity;
  customerName?: string;
  customerPhone?: string;
  subject: string;
  body?: string;
  tags?: string[];
  orderId?: string;
  orderItemId?: string;
};

const PHONE = /^\+?[\d\s-]{5,20}$/;

/** A case typed in by hand: a hotline call, an e-mail, a complaint from a shop floor. */
export default function NewCasePage() {
  const { t } = useTranslation('newCase');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const shops = useShops();
  const [form] = Form.useForm<CaseForm>();
  const shopId: string | undefined = Form.useWatch('shopId', form);
  const [order, setOrder] = useState<Order | undefined>();
  // An order belongs to one shop: choosing it chooses the shop.
  const onOrder = useCallback(
    (o: Order | undefined) => {
      setOrder(o);
      if (o && form.getFieldValue('shopId') !== o.shopId) form.setFieldValue('shopId', o.shopId);
    },
    [form],
  );

  const create = useMutation({
    mutationFn: (v: CaseForm) =>
      api<Ticket>('/tickets', {
        method: 'POST',
        body: {
          kind: v.kind,
          channel: v.channel,
          severity: v.severity,
          subject: v.subject.trim(),
          body: v.body?.trim() || undefined,
          shopId: v.shopId || undefined,
          tags: v.tags?.length ? v.tags.map(tagValue) : undefined,
          orderId: v.orderId || undefined,
          orderItemId: (v.orderId && v.orderItemId) || undefined,
          customer: v.customerName?.trim()
            ? { name: v.customerName.trim(), phone: v.customerPhone?.trim() || undefined }
            : undefined,
          // The order's buyer, unless someone else called in.
          customerId: !v.customerName?.trim() && order?.customerId ? order.customerId : undefined,
        },
      }),
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      void message.success(t('created', { number: ticket.number }));
      navigate(`/tickets/${ticket.id}`);
    },
  });

  const enumOptions = (ns: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`common:${ns}.${value}`) }));
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('validation.required', { field }),
  });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880, margin: '0 auto' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </div>
      <Card>
        <Form<CaseForm>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ kind: 'complaint', channel: 'hotline', severity: 'normal' }}
          onFinish={(v) => create.mutate(v)}
          data-testid="new-case-form"
        >
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
            {t('sections.case')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('fields.kind')} rules={[{ required: true }]}>
                <Select options={enumOptions('kind', TICKET_KINDS)} data-testid="case-kind" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t('fields.channel')} rules={[{ required: true }]}>
                <Select options={enumOptions('channel', TICKET_CHANNELS)} data-testid="case-channel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="severity" label={t('fields.severity')} rules={[{ required: true }]}>
                <Select options={enumOptions('severity', SEVERITIES)} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="shopId"
            label={t('fields.shop')}
            extra={
              shops.data && shops.data.length === 0 ? (
                <Link to="/settings/shops">{t('noShops')}</Link>
              ) : undefined
            }
          >
            <Select
              allowClear
              loading={shops.isPending}
              placeholder={t('fields.shopPlaceholder')}
              options={(shops.data ?? [])
                .filter((s) => s.enabled)
                .map((s) => ({
                  value: s.id,
                  label: <PlatformLabel platform={s.platform} name={s.name} />,
                  name: s.name,
                }))}
              showSearch={{ optionFilterProp: 'name' }}
              data-testid="case-shop"
            />
          </Form.Item>
          <OrderPicker shopId={shopId} onOrder={onOrder} />
          <Form.Item name="subject" label={t('fields.subject')} rules={[required(t('fields.subject'))]}>
            <Input
              maxLength={200}
              showCount
              placeholder={t('fields.subjectPlaceholder')}
              data-testid="case-subject"
            />
          </Form.Item>
          <Form.Item name="body" label={t('fields.body')}>
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 12 }}
              maxLength={20_000}
              placeholder={t('fields.bodyPlaceholder')}
              data-testid="case-body"
            />
          </Form.Item>
          <Form.Item name="tags" label={t('fields.tags')}>
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              maxCount={20}
              tokenSeparators={[',', '，']}
              placeholder={t('fields.tagsPlaceholder')}
            />
          </Form.Item>
          <Divider titlePlacement="start" plain>
            {t('sections.customer')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="customerName" label={t('fields.customerName')}>
                <Input maxLength={100} data-testid="case-customer-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="customerPhone"
                label={t('fields.customerPhone')}
                extra={t('fields.phoneHint')}
                rules={[{ pattern: PHONE, message: t('validation.phone') }]}
              >
                <Input maxLength={20} inputMode="tel" data-testid="case-customer-phone" />
              </Form.Item>
            </Col>
          </Row>
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => navigate(-1)}>{t('common:actions.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="case-submit">
              {t('submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
