// On a case: the listing as its buyer saw it when paying (the snapshot) and the claim that misled.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { type ListingContent, yuan } from './quality-api.js';

type Link = {
  listingId: string;
  listingExternalId: string;
  claim: string | null;
  claimStart: number | null;
  claimEnd: number | null;
  seenAfter: boolean;
  snapshot: { version: number; validFrom: string; content: ListingContent };
};

export function SnapshotPanel({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('quality');
  const links = useQuery({
    queryKey: ['quality', 'complaint-links', ticketId],
    queryFn: async () =>
      (await api<{ items: Link[] }>('/quality/complaint-links', { query: { ticketId } })).items,
  });
  if (!links.data?.length) return null;
  return (
    <Card size="small" title={t('snapshot.title')} data-testid="snapshot-panel">
      <Flex vertical gap={12}>
        {links.data.map((l) => {
          const title = l.snapshot.content.title;
          const marked =
            l.claimStart !== null && l.claimEnd !== null ? (
              <>
                {title.slice(0, l.claimStart)}
                <mark data-testid="snapshot-claim" style={{ background: '#ffccc7' }}>
                  {title.slice(l.claimStart, l.claimEnd)}
                </mark>
                {title.slice(l.claimEnd)}
              </>
            ) : (
              title
            );
          return (
            <Flex vertical gap={4} key={l.listingId}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('snapshot.version', {
                  id: l.listingExternalId,
                  version: l.snapshot.version,
                  at: dayjs(l.snapshot.validFrom).format('YYYY-MM-DD HH:mm'),
                })}
              </Typography.Text>
              <Typography.Text strong data-testid="snapshot-title">
                {marked}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('snapshot.facts', {
                  material: l.snapshot.content.material ?? '—',
                  price: yuan(l.snapshot.content.priceFen),
                })}
              </Typography.Text>
              {l.seenAfter && <Alert type="warning" showIcon title={t('snapshot.seenAfter')} />}
              <Typography.Text>
                {l.claim ? t('snapshot.claim', { claim: l.claim }) : t('snapshot.noClaim')}
              </Typography.Text>
            </Flex>
          );
        })}
      </Flex>
    </Card>
  );
}
