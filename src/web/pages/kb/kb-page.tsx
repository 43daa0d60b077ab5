// 知识库: articles per shop and product, an editor with preview, and each product's public page.
import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useShops } from '../../app/queries.js';
import { hasRole } from '../../app/roles.js';
import { ArticleEditor } from './article-editor.js';
import { type ArticleGroup, groupArticles } from './article-groups.js';
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
  const shopName = new Map((useShops().data ?? []).map((s) => [s.id, s.name]));
  const groups = groupArticles(articles.data?.items ?? [], (id) => productName.get(id));
  // The same shop at the same place in every row.
  const sortedByShop = (copies: Article[]) =>
    [...copies].sort((a, b) =>
      (shopName.get(a.shopId ?? '') ?? '').localeCompare(shopName.get(b.shopId ?? '') ?? ''),
    );
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
      <Table<ArticleGroup>
        rowKey="key"
        loading={articles.isLoading}
        dataSource={groups}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        onRow={(g) => ({
          onClick: () => canEdit && setEditing({ article: g.first }),
          style: { cursor: canEdit ? 'pointer' : 'default' },
        })}
        data-testid="kb-table"
        columns={[
          { title: t('columns.title'), width: 220, render: (_, g) => g.first.title },
          {
            title: t('columns.shops'),
            width: 290,
            render: (_, g) => (
              <Flex gap={4} wrap data-testid="kb-shops">
                {sortedByShop(g.copies).map((a) => (
                  <Tooltip key={a.id} title={canEdit && g.copies.length > 1 ? t('editCopy') : undefined}>
                    <Tag
                      style={{ cursor: canEdit ? 'pointer' : 'default', marginInlineEnd: 0 }}
                      onClick={(e) => {
                        e.stopPropagation();
                        if (canEdit) setEditing({ article: a });
                      }}
                    >
                      {(a.shopId && shopName.get(a.shopId)) ?? t('allShops')}
                    </Tag>
                  </Tooltip>
                ))}
              </Flex>
            ),
          },
          {
            title: t('columns.kind'),
            width: 110,
            render: (_, g) => <Tag>{t(`kind.${g.first.kind}`)}</Tag>,
          },
          {
            title: t('columns.product'),
            render: (_, { first: a }) =>
              a.productId ? (
                <Flex vertical align="flex-start">
                  {productName.get(a.productId) ?? '—'}
                  <Button
                    size="small"
                    type="link"
                    style={{ paddingInline: 0 }}
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
          { title: t('columns.locale'), width: 80, render: (_, g) => t(`locale.${g.first.locale}`) },
          {
            title: t('columns.status'),
            width: 90,
            render: (_, g) => <Tag color={STATUS_COLOR[g.first.status]}>{t(`status.${g.first.status}`)}</Tag>,
          },
          { title: t('columns.version'), width: 70, render: (_, g) => g.first.version },
          {
            title: t('columns.updated'),
            width: 150,
            render: (_, g) => dayjs(g.first.updatedAt).format('YYYY-MM-DD HH:mm'),
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
