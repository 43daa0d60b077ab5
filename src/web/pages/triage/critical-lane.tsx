// The "critical" lane above the inbox: open safety cases, due first, always in sight.
import { FireOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DueTime } from '../../app/labels.js';
import { useCriticalTickets } from './triage-api.js';
import { TriageChips } from './triage-chips.js';

const SHORT_SCREEN_PX = 900;

export function CriticalLane() {
  const { t } = useTranslation('triage');
  const critical = useCriticalTickets();
  const all = critical.data?.items ?? [];
  if (!all.length) return null;
  // On a laptop screen the lane keeps three rows, so the inbox under it still shows a page of cases.
  const items = all.slice(0, window.innerHeight < SHORT_SCREEN_PX ? 3 : all.length);
  const more = Boolean(critical.data?.nextCursor) || items.length < all.length;
  return (
    <Card
      size="small"
      data-testid="critical-lane"
      style={{ borderColor: '#ff4d4f', background: '#fff1f0' }}
      styles={{ body: { padding: '8px 16px' } }}
    >
      <Flex vertical gap={6}>
        <Flex align="center" justify="space-between">
          <Typography.Text strong style={{ color: '#cf1322' }}>
            <FireOutlined /> {t('lane.title')}
            <Typography.Text
              type="secondary"
              style={{ fontWeight: 'normal', marginInlineStart: 8, fontSize: 12 }}
            >
              {t('lane.hint')}
            </Typography.Text>
          </Typography.Text>
          {more && <Link to="/inbox?severity=critical&status=open">{t('lane.viewAll')}</Link>}
        </Flex>
        {items.map((ticket) => (
          <Flex key={ticket.id} align="center" gap={8} style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ flex: 'none' }}>
              #{ticket.number}
            </Typography.Text>
            <Link
              to={`/tickets/${ticket.id}`}
              style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}
            >
              {ticket.subject}
            </Link>
            <TriageChips ticket={ticket} compact />
            <span style={{ marginInlineStart: 'auto', flex: 'none' }}>
              <DueTime at={ticket.sla.dueAt} closed={false} />
            </span>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
