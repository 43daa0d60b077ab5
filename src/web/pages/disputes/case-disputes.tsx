import { Button, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDisputes } from './disputes-api.js';
import { DueTag } from './due-tag.js';
import { OpenDisputeModal } from './open-dispute-modal.js';

/** The disputes of one case, on the case's evidence tab, with "open a dispute". */
export function CaseDisputes({
  ticketId,
  platform,
}: {
  ticketId: string;
  platform: string | null | undefined;
}) {
  const { t } = useTranslation('disputes');
  const list = useDisputes({ ticketId });
  const [open, setOpen] = useState(false);
  return (
    <Flex vertical gap={8} data-testid="case-disputes">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('caseDisputes.title')}</Typography.Text>
        <Button onClick={() => setOpen(true)} data-testid="open-dispute">
          {t('caseDisputes.open')}
        </Button>
      </Flex>
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseDisputes.none')} />,
        }}
        renderItem={(d) => (
          <List.Item>
            <Space wrap>
              <Link to={`/disputes/${d.id}`}>
                {t(`type.${d.type}`)} · {t(`forum.${d.platform}`)}
              </Link>
              <Tag>{d.outcome ? t(`outcome.${d.outcome}`) : t(`status.${d.status}`)}</Tag>
              {d.status !== 'closed' && <DueTag at={d.nextDueAt} />}
            </Space>
          </List.Item>
        )}
      />
      <OpenDisputeModal open={open} onClose={() => setOpen(false)} ticketId={ticketId} platform={platform} />
    </Flex>
  );
}
