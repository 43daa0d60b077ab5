import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../app/api.js';
import { type Notification, slaKeys, useNotifications } from './sla-api.js';

function text(n: Notification, t: (k: string, o?: Record<string, unknown>) => string) {
  const target = n.target ? t(`target.${n.target}`) : '';
  return t(`bell.${n.kind}`, { number: n.ticketNumber, target, ...n.params });
}

/** Which shop it is about, platform first (抖店 · 旗舰店): a merchant may run several shops. */
function shopOf(n: Notification, t: (k: string, o?: Record<string, unknown>) => string) {
  if (!n.shopName) return '';
  const platform = n.shopPlatform ? t(`common:platform.${n.shopPlatform}`) : '';
  return platform ? `${platform} · ${n.shopName}` : n.shopName;
}

/** The header bell: unread SLA warnings, breaches, escalations and surge alerts. */
export function NotificationsBell() {
  const { t } = useTranslation('sla');
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data = [] } = useNotifications();
  const read = useMutation({
    mutationFn: (ids: string[] | 'all') => api('/sla/notifications/read', { method: 'POST', body: { ids } }),
    onSuccess: () => client.invalidateQueries({ queryKey: slaKeys.notifications }),
  });
  const content = (
    <Flex vertical style={{ width: 340 }}>
      {data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
      ) : (
        <List
          size="small"
          dataSource={data.slice(0, 20)}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: n.ticketId ? 'pointer' : undefined }}
              onClick={() => {
                read.mutate([n.id]);
                if (n.ticketId) navigate(`/tickets/${n.ticketId}`);
              }}
            >
              <Flex vertical>
                <Typography.Text
                  type={n.kind === 'breach' ? 'danger' : n.kind === 'warning' ? 'warning' : undefined}
                >
                  {text(n, t)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="notification-meta">
                  {[shopOf(n, t), dayjs(n.createdAt).format('MM-DD HH:mm')].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {data.length > 0 && (
        <Button type="link" onClick={() => read.mutate('all')}>
          {t('bell.markAll')}
        </Button>
      )}
    </Flex>
  );
  return (
    <Popover content={content} title={t('bell.title')} trigger="click" placement="bottomRight">
      <Badge count={data.length} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('bell.title')}
          data-testid="notifications-bell"
        />
      </Badge>
    </Popover>
  );
}
