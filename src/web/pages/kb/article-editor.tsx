import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Flex, Form, Input, Row, Select, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { ArticlePreview } from './article-preview.js';
import { type Article, KB_KINDS, type KbKind, type KbStatus, useProducts, useVersions } from './kb-api.js';

type Values = {
  title: string;
  kind: KbKind;
  locale: 'zh-CN' | 'en';
  productId?: string | null;
  body: string;
};

/** Write or edit an article with a live preview; every save is a version. */
export function ArticleEditor({
  article,
  open,
  onClose,
}: {
  article: Article | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('kb');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const products = useProducts();
  const versions = useVersions(article?.id ?? null);
  const title = Form.useWatch('title', form) ?? '';
  const body = Form.useWatch('body', form) ?? '';
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      article
        ? {
            title: article.title,
            kind: article.kind,
            locale: article.locale,
            productId: article.productId,
            body: article.body,
          }
        : { title: '', kind: 'usage', locale: 'zh-CN', productId: null, body: '' },
    );
  }, [open, article, form]);
  const save = useMutation({
    mutationFn: async ({ values, status }: { values: Values; status: KbStatus }) =>
      article
        ? api<Article>(`/kb/articles/${article.id}`, {
            method: 'PATCH',
            body: { title: values.title, kind: values.kind, body: values.body, status },
          })
        : api<Article>('/kb/articles', {
            method: 'POST',
            body: { ...values, productId: values.productId ?? null, status },
          }),
    onSuccess: (saved) => {
      void message.success(t('saved', { version: saved.version }));
      void client.invalidateQueries({ queryKey: ['kb-articles'] });
      void client.invalidateQueries({ queryKey: ['kb-versions'] });
      onClose();
    },
  });
  const submit = (status: KbStatus) =>
    form.validateFields().then((values) => save.mutate({ values, status }));
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      width={1000}
      title={article ? t('edit') : t('new')}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          {article?.status === 'published' && (
            <Button onClick={() => submit('draft')} loading={save.isPending}>
              {t('unpublish')}
            </Button>
          )}
          <Button
            onClick={() => submit(article?.status === 'published' ? 'published' : 'draft')}
            loading={save.isPending}
            data-testid="kb-save"
          >
            {t('saveDraft')}
          </Button>
          <Button
            type="primary"
            onClick={() => submit('published')}
            loading={save.isPending}
            data-testid="kb-publish"
          >
            {t('publish')}
          </Button>
        </Flex>
      }
    >
      <Row gutter={24}>
        <Col span={12}>
          <Form form={form} layout="vertical" data-testid="kb-form">
            <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, max: 200 }]}>
              <Input data-testid="kb-title" />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item name="kind" label={t('fields.kind')} style={{ flex: 1 }}>
                <Select options={KB_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
              </Form.Item>
              <Form.Item name="locale" label={t('fields.locale')} style={{ flex: 1 }}>
                <Select
                  disabled={!!article}
                  options={(['zh-CN', 'en'] as const).map((l) => ({ value: l, label: t(`locale.${l}`) }))}
                />
              </Form.Item>
            </Flex>
            <Form.Item name="productId" label={t('fields.product')}>
              <Select
                allowClear
                disabled={!!article}
                loading={products.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                options={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                data-testid="kb-product"
              />
            </Form.Item>
            <Form.Item
              name="body"
              label={t('fields.body')}
              extra={t('bodyHelp')}
              rules={[{ required: true, max: 50_000 }]}
            >
              <Input.TextArea autoSize={{ minRows: 12, maxRows: 24 }} data-testid="kb-body" />
            </Form.Item>
          </Form>
        </Col>
        <Col span={12}>
          <Typography.Text type="secondary">{t('preview')}</Typography.Text>
          <div
            style={{
              border: '1px solid #f0f0f0',
              borderRadius: 8,
              padding: 16,
              marginTop: 8,
              minHeight: 200,
            }}
          >
            <ArticlePreview title={title} body={body} empty={t('previewEmpty')} />
          </div>
          {article && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {t('versions')}
              </Typography.Title>
              <Timeline
                items={(versions.data ?? []).map((v) => ({
                  content: t('versionBy', {
                    version: v.version,
                    name: v.editedByName,
                    at: dayjs(v.createdAt).format('YYYY-MM-DD HH:mm'),
                  }),
                  color: v.status === 'published' ? 'green' : 'gray',
                }))}
              />
            </>
          )}
        </Col>
      </Row>
    </Drawer>
  );
}
