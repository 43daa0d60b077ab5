import { Button, Card, Descriptions, Flex, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.js';
import { DueTime, RelativeTime, SEVERITY_COLOR } from '../../app/labels.js';
import { useUsers } from '../../app/queries.js';
import { tagLabel, tagValue } from '../../app/tag-label.js';
import { SEVERITIES, type Severity, type TicketDetail } from '../../app/types.js';
import { useUpdateTicket } from './use-ticket.js';

/** Assignee, severity and tags (editable), then the case's facts. */
export function PropertiesPanel({ ticket }: { ticket: TicketDetail }) {
  const { t, i18n } = useTranslation('ticket');
  const { me } = useAuth();
  const users = useUsers();
  const update = useUpdateTicket(ticket.id);
  const myId = me?.user?.id;

  const userOptions = (users.data ?? [])
    .filter((u) => !u.disabled || u.id === ticket.assigneeId)
    .map((u) => ({ value: u.id, label: u.name }));
  if (ticket.assigneeId && !userOptions.some((o) => o.value === ticket.assigneeId)) {
    userOptions.push({ value: ticket.assigneeId, label: ticket.assigneeName ?? '…' });
  }

  return (
    <Card title={t('props.title')} size="small" className="ticket-side">
      <Descriptions column={1} size="small" colon={false}>
        <Descriptions.Item label={t('props.assignee')}>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('common:states.unassigned')}
              value={ticket.assigneeId ?? undefined}
              loading={users.isPending || update.isPending}
              options={userOptions}
              onChange={(assigneeId) => update.mutate({ assigneeId: assigneeId ?? null })}
              data-testid="assignee-select"
            />
            {myId && ticket.assigneeId !== myId && (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, alignSelf: 'flex-start' }}
                onClick={() => update.mutate({ assigneeId: myId })}
              >
                {t('props.assignToMe')}
              </Button>
            )}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('props.severity')}>
          <Select<Severity>
            style={{ width: '100%' }}
            value={ticket.severity}
            onChange={(severity) => update.mutate({ severity })}
            options={SEVERITIES.map((s) => ({
              value: s,
              label: (
                <Tag color={SEVERITY_COLOR[s]} style={{ marginInlineEnd: 0 }}>
                  {t(`common:severity.${s}`)}
                </Tag>
              ),
            }))}
            data-testid="severity-select"
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('props.tags')}>
          <Select
            mode="tags"
            style={{ width: '100%' }}
            placeholder={t('props.addTag')}
            value={ticket.tags}
            // A system tag (导入) shows by its name; what is typed is stored as its code.
            options={ticket.tags.map((tag) => ({ value: tag, label: tagLabel(tag, i18n.language) }))}
            maxCount={20}
            tokenSeparators={[',', '，']}
            open={false}
            suffixIcon={null}
            onChange={(tags: string[]) =>
              update.mutate({ tags: tags.map((s) => tagValue(s).slice(0, 40)).filter(Boolean) })
            }
            data-testid="tags-editor"
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('props.kind')}>{t(`common:kind.${ticket.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('props.channel')}>
          {t(`common:channel.${ticket.channel}`)}
        </Descriptions.Item>
        {ticket.categories.length > 0 && (
          <Descriptions.Item label={t('props.category')}>
            <Flex gap={4} wrap>
              {ticket.categories.map((c) => (
                <Tag key={c} style={{ marginInlineEnd: 0 }}>
                  {t(`common:category.${c}`, { defaultValue: c })}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('props.due')}>
          <DueTime at={ticket.sla.dueAt} closed={ticket.status === 'closed'} />
        </Descriptions.Item>
        <Descriptions.Item label={t('props.created')}>
          <RelativeTime at={ticket.createdAt} />
        </Descriptions.Item>
        <Descriptions.Item label={t('props.updated')}>
          <RelativeTime at={ticket.updatedAt} />
        </Descriptions.Item>
        {ticket.rootCause && (
          <Descriptions.Item label={t('props.rootCause')}>
            {t(`common:rootCause.${ticket.rootCause}`)}
          </Descriptions.Item>
        )}
        {ticket.resolution && (
          <Descriptions.Item label={t('props.resolution')}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{ticket.resolution}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
