// 知识库: articles per shop and product, an editor with preview, and each product's public page.
import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { hasRole } from '../../app/roles.js';
import { ArticleEditor } from './article-editor.js';
import { type Article, KB_KINDS, type KbKind, type KbStatus, useArticles, useProducts } from './kb-api.js';

const STATUS_COLOR: Record<KbStatus, string> = { draft: 'default', published: 'green', archived: 'gray' };

export default function KbPage() {
  const { t } = useTranslation('kb');
  const { message } = App.useApp();
  const { role } = useAuth();
  const canEdit = hasRole(role, 'supervisor');
  const [kind, setKind] = useState<KbKind | undefined>();
  const [status, setStatus] = useState<KbStatus | undefined>();
  const articles = useArticles({ kind, status });
  const products = useProducts();
  const productName = new Map((products.data ?? []).map((p) => [p.id, p.name]));
  const [editing, setEditing] = useState<{ article: Article | null } | null>(null);
  const openPublic = async (productId: string) => {
    const page = await api<{ url: string }>(`/kb/products/${productId}/page`);
    window.open(page.url, '_blank', 'noopener');
  };
  return (
    <Card
      title={t('title')}
      extra={
        canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ article: null })}
            data-testid="kb-new"
          >
            {t('new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('filterKind')}
          style={{ width: 160 }}
          value={kind}
          onChange={setKind}
          options={KB_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t('filterStatus')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={(['draft', 'published', 'archived'] as const).map((s) => ({
            value: s,
            label: t(`status.${s}`),
          }))}
        />
      </Flex>
      <Table<Article>
        rowKey="id"
        loading={articles.isLoading}
        dataSource={articles.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        onRow={(a) => ({
          onClick: () => canEdit && setEditing({ article: a }),
          style: { cursor: canEdit ? 'pointer' : 'default' },
        })}
        data-testid="kb-table"
        columns={[
          { title: t('columns.title'), dataIndex: 'title' },
          { title: t('columns.kind'), width: 110, render: (_, a) => <Tag>{t(`kind.${a.kind}`)}</Tag> },
          {
            title: t('columns.product'),
            render: (_, a) =>
              a.productId ? (
                <Flex gap={4} align="center">
                  {productName.get(a.productId) ?? '—'}
                  <Button
                    size="small"
                    type="link"
                    icon={<LinkOutlined />}
                    onClick={(e) => {
                      e.stopPropagation();
                      void openPublic(a.productId!).catch(() => message.error('—'));
                    }}
                  >
                    {t('publicLink')}
                  </Button>
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('shopWide')}</Typography.Text>
              ),
          },
          { title: t('columns.locale'), width: 80, render: (_, a) => t(`locale.${a.locale}`) },
          {
            title: t('columns.status'),
            width: 90,
            render: (_, a) => <Tag color={STATUS_COLOR[a.status]}>{t(`status.${a.status}`)}</Tag>,
          },
          { title: t('columns.version'), width: 70, dataIndex: 'version' },
          {
            title: t('columns.updated'),
            width: 150,
            render: (_, a) => dayjs(a.updatedAt).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
      <ArticleEditor
        article={editing?.article ?? null}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}
