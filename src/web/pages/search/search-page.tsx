import { Button, Empty, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Highlighted } from './highlighted.js';
import { filtersFromSearch, useSearchResults } from './use-search.js';
import './search.css';

const STATUSES = [
  'open',
  'new',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'resolution_proposed',
  'resolving',
  'follow_up',
  'closed',
];
const SEVERITIES = ['critical', 'high', 'normal', 'low'];

/** /search?q=…&(inbox filters): every matching case, best match first, paged. */
export default function SearchPage() {
  const { t } = useTranslation('search');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  // Here no status means every status (the page is reached from anywhere); the header passes the inbox's.
  const filters = useMemo(() => {
    const f = filtersFromSearch(params.toString());
    if (!params.get('status')) delete f.status;
    return f;
  }, [params]);
  const results = useSearchResults(q, filters);
  const pages = results.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const first = pages[0];

  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const listParam = (key: string) => (params.get(key) ? params.get(key)!.split(',') : []);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {q ? t('resultsFor', { q }) : t('title')}
      </Typography.Title>
      <Space wrap>
        <Input.Search
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          placeholder={t('placeholder')}
          maxLength={1000}
          allowClear
          style={{ width: 420 }}
          data-testid="search-page-input"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('statusFilter')}
          style={{ minWidth: 200 }}
          value={listParam('status')}
          onChange={(v: string[]) => update({ status: v.join(',') || undefined })}
          options={STATUSES.map((s) => ({ value: s, label: t(`common:status.${s}`) }))}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('severityFilter')}
          style={{ minWidth: 160 }}
          value={listParam('severity')}
          onChange={(v: string[]) => update({ severity: v.join(',') || undefined })}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`common:severity.${s}`) }))}
        />
      </Space>
      {first && first.terms.length > 0 && (
        <Typography.Text type="secondary">{t('terms', { terms: first.terms.join(' · ') })}</Typography.Text>
      )}
      {first?.capped && (
        <Typography.Text type="warning">{t('capped', { count: first.ranked })}</Typography.Text>
      )}
      <List
        loading={results.isLoading}
        dataSource={items}
        locale={{
          emptyText: q ? <Empty description={t('noResults')} /> : <Empty description={t('placeholder')} />,
        }}
        renderItem={(item) => (
          <List.Item key={item.id} data-testid="search-result">
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  <Link to={`/tickets/${item.id}`}>
                    <Typography.Text type="secondary">#{item.number} </Typography.Text>
                    <Highlighted text={item.subject} ranges={item.search.subjectHighlights} />
                  </Link>
                  <Tag>{t(`common:status.${item.status}`)}</Tag>
                  <Tag
                    color={
                      item.severity === 'critical' ? 'red' : item.severity === 'high' ? 'orange' : undefined
                    }
                  >
                    {t(`common:severity.${item.severity}`)}
                  </Tag>
                  {item.shopName && <Typography.Text type="secondary">{item.shopName}</Typography.Text>}
                </Space>
              }
              description={
                item.search.messageId ? (
                  <Highlighted text={item.search.snippet} ranges={item.search.highlights} />
                ) : (
                  t('subjectMatch')
                )
              }
            />
          </List.Item>
        )}
      />
      {results.hasNextPage && (
        <Button onClick={() => results.fetchNextPage()} loading={results.isFetchingNextPage}>
          {t('loadMore')}
        </Button>
      )}
    </Flex>
  );
}
