import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Flex,
  type GetRef,
  type InputRef,
  Skeleton,
  Space,
  type Table,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Ticket } from '../../app/types.js';
import { CriticalLane } from '../triage/critical-lane.js';
import { BulkBar } from './bulk-bar.js';
import { FilterBar, SortSelect } from './filter-bar.js';
import { TicketTable } from './ticket-table.js';
import { useAvailableHeight } from './use-available-height.js';
import { useInboxFilters } from './use-inbox-filters.js';
import { useListKeyboard } from './use-list-keyboard.js';
import { useSelection } from './use-selection.js';
import { useTicketPages } from './use-ticket-pages.js';

type TableRef = GetRef<typeof Table<Ticket>>;

export default function InboxPage() {
  const { t } = useTranslation('inbox');
  const navigate = useNavigate();
  const { filters, setFilters, reset, isFiltered } = useInboxFilters();
  const pages = useTicketPages(filters);
  const { tickets, hasNextPage, isFetchingNextPage, fetchNextPage } = pages;

  const tableRef = useRef<TableRef | null>(null);
  const tagInputRef = useRef<InputRef | null>(null);
  const bodyRef = useRef<HTMLDivElement | null>(null);
  // Table body = window minus what is above it, the table header (~47 px) and the footer line.
  const height = useAvailableHeight(bodyRef, 47 + 20 + 44 + 2);

  const [checked, setChecked] = useState<string[]>([]);
  const total = pages.data?.pages[0]?.total;
  const selection = useSelection(bodyRef);
  const { select, clear, dispose } = selection;
  useEffect(() => dispose, [dispose]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts a new selection
  useEffect(() => {
    clear();
    setChecked([]);
  }, [filters, clear]);

  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const selectIndex = useCallback(
    (next: number) => {
      const ticket = tickets[next];
      select(next, ticket?.id, ticket?.number);
    },
    [tickets, select],
  );
  const move = useCallback(
    (delta: number) => {
      if (!tickets.length) return;
      const next = Math.min(tickets.length - 1, Math.max(0, selection.index.current + delta));
      selectIndex(next);
      tableRef.current?.scrollTo({ index: next, align: 'nearest' } as never);
      if (next > tickets.length - 60) loadMore();
    },
    [tickets.length, selection.index, selectIndex, loadMore],
  );
  const open = useCallback(
    (ticket?: Ticket) => {
      const target = ticket ?? tickets[selection.index.current];
      if (target) navigate(`/tickets/${target.id}`);
    },
    [tickets, selection.index, navigate],
  );
  const focusFilter = useCallback(() => tagInputRef.current?.focus(), []);
  const openSelected = useCallback(() => open(), [open]);
  useListKeyboard({ move, open: openSelected, focusFilter });

  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Space>
          <SortSelect value={filters.sort} onChange={(sort) => setFilters({ sort })} />
          <Button icon={<ReloadOutlined />} onClick={() => void pages.refetch()} loading={pages.isRefetching}>
            {t('common:actions.refresh')}
          </Button>
          <Link to="/tickets/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('newCase')}
            </Button>
          </Link>
        </Space>
      </Flex>
      <CriticalLane />
      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
          <FilterBar
            filters={filters}
            onChange={setFilters}
            onReset={reset}
            isFiltered={isFiltered}
            tagInputRef={tagInputRef}
          />
        </div>
        {checked.length > 0 && <BulkBar ids={checked} onDone={() => setChecked([])} />}
        <div ref={bodyRef} data-testid="inbox-table">
          {pages.isPending ? (
            <div style={{ padding: 16, height: height + 47, overflow: 'hidden' }}>
              <Skeleton active title={false} paragraph={{ rows: 12, width: '100%' }} />
            </div>
          ) : (
            <TicketTable
              tickets={tickets}
              height={height}
              onSelect={selectIndex}
              onOpen={open}
              onNearEnd={loadMore}
              tableRef={tableRef}
              checked={checked}
              onCheck={setChecked}
              empty={
                <Flex vertical gap={4} align="center">
                  <Typography.Text>{t('empty.title')}</Typography.Text>
                  <Typography.Text type="secondary">
                    {isFiltered ? t('empty.filtered') : t('empty.first')}
                  </Typography.Text>
                  {isFiltered ? (
                    <Button size="small" onClick={reset} style={{ marginTop: 8 }}>
                      {t('filters.reset')}
                    </Button>
                  ) : (
                    <Link to="/tickets/new" style={{ marginTop: 8 }}>
                      <Button size="small" type="primary" icon={<PlusOutlined />}>
                        {t('newCase')}
                      </Button>
                    </Link>
                  )}
                </Flex>
              }
            />
          )}
        </div>
        <Flex
          justify="space-between"
          align="center"
          style={{ padding: '10px 16px', borderTop: '1px solid #f0f0f0', fontSize: 12 }}
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="inbox-count">
            {hasNextPage
              ? total !== undefined
                ? t('total', { count: total, loaded: tickets.length })
                : t('loaded', { count: tickets.length })
              : t('loadedAll', { count: total ?? tickets.length })}
            {isFetchingNextPage && ` · ${t('common:states.loading')}`}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('shortcuts')}
          </Typography.Text>
        </Flex>
      </Card>
    </Flex>
  );
}
