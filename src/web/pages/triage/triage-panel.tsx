// The ticket page's triage card: chips with explanations, and the agent's correction control.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Form, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import type { Ticket } from '../../app/types.js';
import { AspectTags } from './aspect-tags.js';
import { CATEGORIES, type Category, TRIAGE_SEVERITIES, type TriageSeverity, triageOf } from './triage-api.js';
import { TriageChips } from './triage-chips.js';

type Correction = { categories?: Category[]; severity?: TriageSeverity };

export function TriagePanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('triage');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Correction>();
  const triage = triageOf(ticket);

  const correct = useMutation({
    mutationFn: (body: Correction) =>
      api<Ticket>(`/tickets/${ticket.id}/triage/corrections`, { method: 'POST', body }),
    onSuccess: (_updated, body) => {
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      void message.success(open ? t('panel.saved') : t('panel.confirmed'));
      setOpen(false);
      return body;
    },
  });

  const locked = [
    ...(triage?.locked.categories ? [t('panel.categories')] : []),
    ...(triage?.locked.severity ? [t('panel.severity')] : []),
  ];

  return (
    <Card
      size="small"
      title={t('panel.title')}
      data-testid="triage-panel"
      extra={
        triage && (
          <Space size={4}>
            <Button
              size="small"
              onClick={() =>
                correct.mutate({ categories: ticket.categories as Category[], severity: ticket.severity })
              }
              loading={correct.isPending && !open}
            >
              {t('panel.confirm')}
            </Button>
            <Button
              size="small"
              type="primary"
              ghost
              onClick={() => {
                form.setFieldsValue({
                  categories: ticket.categories as Category[],
                  severity: ticket.severity,
                });
                setOpen(true);
              }}
              data-testid="triage-correct"
            >
              {t('panel.correct')}
            </Button>
          </Space>
        )
      }
    >
      {!triage ? (
        <Typography.Text type="secondary">{t('panel.noTriage')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <TriageChips ticket={ticket} showSeverity />
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('panel.language')}>
              {t(`language.${triage.auto.language}`, { defaultValue: triage.auto.language })}
            </Descriptions.Item>
            <Descriptions.Item label={t('panel.sentiment')}>
              {t(`sentiment.${triage.auto.sentiment}`)} ({triage.auto.score.toFixed(2)})
            </Descriptions.Item>
            <Descriptions.Item label={t('panel.auto')}>
              {triage.auto.categories.map((c) => t(`common:category.${c}`, { defaultValue: c })).join('、') ||
                t('panel.none')}
              {' · '}
              {t(`common:severity.${triage.auto.severity}`)}
            </Descriptions.Item>
          </Descriptions>
          <AspectTags aspects={triage.auto.aspects ?? []} />
          {triage.auto.pii.length > 0 && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('chips.pii', { types: triage.auto.pii.map((p) => t(`piiType.${p}`)).join('、') })}
            </Typography.Text>
          )}
          {locked.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('panel.locked', { fields: locked.join('、') })}
            </Typography.Text>
          )}
        </Flex>
      )}
      <Modal
        open={open}
        title={t('panel.modalTitle')}
        okText={t('panel.save')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={correct.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('panel.modalHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(values) => correct.mutate(values)}>
          <Form.Item name="categories" label={t('panel.categories')}>
            <Select
              mode="multiple"
              allowClear
              options={CATEGORIES.map((c) => ({ value: c, label: t(`common:category.${c}`) }))}
              data-testid="triage-categories"
            />
          </Form.Item>
          <Form.Item name="severity" label={t('panel.severity')}>
            <Select
              options={TRIAGE_SEVERITIES.map((s) => ({ value: s, label: t(`common:severity.${s}`) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
