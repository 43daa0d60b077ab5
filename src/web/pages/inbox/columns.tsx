import { Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { TFunction } from 'i18next';
import { PlatformLabel, RelativeTime, SeverityTag, StatusBadge } from '../../app/labels.js';
import type { Ticket } from '../../app/types.js';
import { SlaBadge } from '../sla/sla-badge.js';
import { TriageChips } from '../triage/triage-chips.js';

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** Inbox columns; every cell is one line so virtual rows keep a fixed height. */
export function inboxColumns(t: TFunction): ColumnsType<Ticket> {
  return [
    {
      key: 'number',
      title: t('columns.number'),
      width: 64,
      render: (_, r) => <Typography.Text type="secondary">#{r.number}</Typography.Text>,
    },
    {
      key: 'subject',
      title: t('columns.subject'),
      render: (_, r) => (
        <Flex align="center" gap={6} style={{ minWidth: 0 }}>
          <Tag variant="filled" style={{ marginInlineEnd: 0, flex: 'none' }}>
            {t(`common:kind.${r.kind}`)}
          </Tag>
          <span style={{ ...ellipsis, fontWeight: r.status === 'new' ? 600 : undefined }} title={r.subject}>
            {r.subject}
          </span>
          {r.tags.slice(0, 2).map((tag) => (
            <Tag key={tag} color="geekblue" variant="outlined" style={{ marginInlineEnd: 0, flex: 'none' }}>
              {tag}
            </Tag>
          ))}
          <TriageChips ticket={r} compact />
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('columns.status'),
      width: 112,
      render: (_, r) => <StatusBadge status={r.status} />,
    },
    {
      key: 'severity',
      title: t('columns.severity'),
      width: 76,
      render: (_, r) => <SeverityTag severity={r.severity} />,
    },
    {
      key: 'customer',
      title: t('columns.customer'),
      width: 100,
      render: (_, r) => (
        <div style={ellipsis}>{r.customerName ?? <Typography.Text type="secondary">—</Typography.Text>}</div>
      ),
    },
    {
      key: 'shop',
      title: t('columns.shop'),
      width: 170,
      render: (_, r) => (
        <div style={ellipsis}>
          <PlatformLabel platform={r.shopPlatform} name={r.shopName} />
        </div>
      ),
    },
    {
      key: 'assignee',
      title: t('columns.assignee'),
      width: 92,
      render: (_, r) => (
        <div style={ellipsis}>
          {r.assigneeName ?? (
            <Typography.Text type="secondary">{t('common:states.unassigned')}</Typography.Text>
          )}
        </div>
      ),
    },
    {
      key: 'due',
      title: t('columns.due'),
      width: 100,
      render: (_, r) => <SlaBadge sla={r.sla} closed={r.status === 'closed'} />,
    },
    {
      key: 'updated',
      title: t('columns.updated'),
      width: 100,
      render: (_, r) => <RelativeTime at={r.updatedAt} />,
    },
  ];
}
