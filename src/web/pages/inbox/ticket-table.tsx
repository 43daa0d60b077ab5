import type { GetRef } from 'antd';
import { Empty, Table } from 'antd';
import { type ReactNode, type RefObject, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../app/types.js';
import { inboxColumns } from './columns.js';
import './inbox.css';

type TableRef = GetRef<typeof Table<Ticket>>;

type Props = {
  tickets: Ticket[];
  height: number;
  onSelect: (index: number) => void;
  onOpen: (ticket: Ticket) => void;
  onNearEnd: () => void;
  empty: ReactNode;
  tableRef: RefObject<TableRef | null>;
  checked: string[];
  onCheck: (ids: string[]) => void;
};

/** Two lines (subject, chips) and the cell padding of inbox.css. */
export const ROW_HEIGHT = 60;

/** The virtualised inbox: only the rows in view are in the DOM, so 10,000 loaded tickets stay smooth. */
export function TicketTable({
  tickets,
  height,
  onSelect,
  onOpen,
  onNearEnd,
  empty,
  tableRef,
  checked,
  onCheck,
}: Props) {
  const { t, i18n } = useTranslation('inbox');
  const columns = useMemo(() => inboxColumns(t, i18n.language), [t, i18n.language]);
  return (
    <Table<Ticket>
      // Cells re-render only when their ticket changes, so a new language re-mounts the rows.
      key={i18n.language}
      ref={tableRef}
      className="inbox-table"
      virtual
      size="middle"
      rowKey="id"
      columns={columns}
      dataSource={tickets}
      pagination={false}
      rowSelection={{
        selectedRowKeys: checked,
        onChange: (keys) => onCheck(keys as string[]),
        columnWidth: 40,
        preserveSelectedRowKeys: false,
      }}
      scroll={{ x: 1080, y: height }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      onRow={(record, index) => ({
        onClick: (e) => {
          // Ticking a row's box selects it for a bulk action; anywhere else opens the case.
          if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
          onOpen(record);
        },
        onMouseDown: () => index !== undefined && onSelect(index),
        'data-ticket-number': record.number,
      })}
      onScroll={(e) => {
        const el = e.currentTarget as HTMLElement;
        if (el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 40) onNearEnd();
      }}
    />
  );
}
