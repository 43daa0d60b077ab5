import { GiftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Modal, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.js';
import { formatFen } from '../../app/labels.js';
import { hasRole } from '../../app/roles.js';
import { DeliveryTag } from '../channels/delivery-tag.js';
import { MarkSentByHand } from '../channels/retry-delivery.js';
import { OfferFields, type OfferFormValues, toOfferBody } from './offer-form.js';
import {
  type Offer,
  useCounterOffer,
  useCreateOffer,
  useDecideOffer,
  useExposure,
  useLimits,
  useOffers,
  useTellOffer,
  useTicketPlaybook,
} from './playbooks-api.js';

const STATUS_COLOR: Record<Offer['status'], string> = {
  awaiting_approval: 'gold',
  proposed: 'blue',
  countered: 'default',
  accepted: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

export function OfferSummary({ offer }: { offer: Offer }) {
  const { t } = useTranslation('playbooks');
  return (
    <span>
      <Typography.Text strong>{t(`remedy.${offer.remedy}`)}</Typography.Text>
      {offer.amountFen > 0 && <> {formatFen(offer.amountFen)}</>}
      {offer.couponFen > 0 && (
        <>
          {' + '}
          {t('remedy.coupon')} {formatFen(offer.couponFen)}
        </>
      )}
    </span>
  );
}

/** Offers and counter-offers of the case, round by round, with approvals and the next moves. */
export function OfferPanel({ ticketId, closed }: { ticketId: string; closed: boolean }) {
  const { t } = useTranslation('playbooks');
  const { message } = App.useApp();
  const { role } = useAuth();
  const offers = useOffers(ticketId);
  const limits = useLimits();
  // The playbook's offer step suggests the remedy and the add-on coupon.
  const suggested = useTicketPlaybook(ticketId).data?.playbook?.steps.find((s) => s.action === 'offer');
  // The exposure guides the offer: statutory compensation and the price-protection difference.
  const stakes = (useExposure(ticketId).data?.lines ?? []).filter(
    (l) => l.applies && l.rule !== 'seven_day_return',
  );
  const create = useCreateOffer(ticketId);
  const counter = useCounterOffer(ticketId);
  const decide = useDecideOffer(ticketId);
  const tell = useTellOffer(ticketId);
  const [form] = Form.useForm<OfferFormValues>();
  const [counterForm] = Form.useForm<OfferFormValues>();
  const [composing, setComposing] = useState(false);
  const [countering, setCountering] = useState<Offer | null>(null);
  const items = offers.data ?? [];
  const limit = role && limits.data ? limits.data[role] : undefined;

  const submit = (values: OfferFormValues) =>
    create.mutate(toOfferBody(values), {
      onSuccess: (o) => {
        setComposing(false);
        form.resetFields();
        void message.success(o.status === 'awaiting_approval' ? t('offer.waiting') : t('offer.created'));
      },
    });

  const act = (offer: Offer, action: 'accept' | 'approve' | 'reject') =>
    decide.mutate({ offerId: offer.id, action });

  return (
    <Card
      size="small"
      title={
        <span>
          <GiftOutlined /> {t('offer.title')}
        </span>
      }
      extra={
        !closed && (
          <Button size="small" type="primary" onClick={() => setComposing((v) => !v)} data-testid="offer-new">
            {t('offer.new')}
          </Button>
        )
      }
      className="ticket-side"
      data-testid="offer-panel"
    >
      {composing && stakes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={stakes.map((l) => `${t(`exposure.${l.rule}`)} ${formatFen(l.amountFen ?? 0)}`).join('；')}
          data-testid="offer-stakes"
        />
      )}
      {composing && (
        <Form
          form={form}
          layout="vertical"
          size="small"
          onFinish={submit}
          initialValues={{ remedy: suggested?.remedies?.[0] ?? 'exchange' }}
        >
          <OfferFields prefix="offer" />
          {/* The playbook's coupon is a suggestion the agent adds on purpose, never a pre-filled amount. */}
          {suggested?.couponFen ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="offer-coupon-hint">
              {t('offer.couponHint', { amount: formatFen(suggested.couponFen) })}{' '}
              <Typography.Link onClick={() => form.setFieldValue('coupon', (suggested.couponFen ?? 0) / 100)}>
                {t('offer.couponAdd')}
              </Typography.Link>
            </Typography.Paragraph>
          ) : null}
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {limit !== undefined &&
                t('offer.limitHint', { limit: limit === null ? t('offer.unlimited') : formatFen(limit) })}
            </Typography.Text>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="offer-submit">
              {t('offer.submit')}
            </Button>
          </Flex>
        </Form>
      )}
      {items.length === 0 && !composing && (
        <Typography.Text type="secondary">{t('offer.empty')}</Typography.Text>
      )}
      {items.length > 0 && (
        <Timeline
          style={{ marginTop: 12 }}
          items={items.map((o) => ({
            color: STATUS_COLOR[o.status] === 'default' ? 'gray' : STATUS_COLOR[o.status],
            children: (
              <Flex vertical gap={4} data-testid="offer-round" data-status={o.status} data-party={o.party}>
                <Flex gap={6} wrap align="center">
                  <Tag>{t('offer.round', { n: o.round })}</Tag>
                  <Tag color={o.party === 'buyer' ? 'purple' : 'cyan'}>{t(`party.${o.party}`)}</Tag>
                  <Tag color={STATUS_COLOR[o.status]}>{t(`offerStatus.${o.status}`)}</Tag>
                </Flex>
                <OfferSummary offer={o} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {o.proposedByName} · {dayjs(o.createdAt).format('MM-DD HH:mm')}
                  {o.requiredRole &&
                    o.status === 'awaiting_approval' &&
                    ` · ${t('offer.needs', { role: t(`role.${o.requiredRole}`) })}`}
                  {o.approvedByName && ` · ${t('offer.approvedBy', { name: o.approvedByName })}`}
                </Typography.Text>
                {o.note && <Typography.Text style={{ fontSize: 12 }}>{o.note}</Typography.Text>}
                {o.party === 'shop' && o.status !== 'awaiting_approval' && <ToldLine offer={o} />}
                {!closed && o.status === 'proposed' && o.party === 'shop' && !buyerHas(o) && (
                  <Flex vertical gap={4}>
                    {byHand(o) && (
                      <Typography.Text
                        type="warning"
                        style={{ fontSize: 12 }}
                        data-testid="offer-by-hand-hint"
                      >
                        {t('offer.byHandHint')}
                      </Typography.Text>
                    )}
                    <Flex gap={6} wrap>
                      {o.told?.messageId && byHand(o) ? (
                        // The platform cannot take it: sending it again would fail the same way.
                        <MarkSentByHand messageId={o.told.messageId} ticketId={o.ticketId} primary />
                      ) : (
                        <Button
                          size="small"
                          type="primary"
                          loading={tell.isPending}
                          disabled={o.told?.via === 'message' && o.told.delivery?.state !== 'failed'}
                          onClick={() => tell.mutate({ offerId: o.id, via: 'message' })}
                          data-testid="offer-tell-message"
                        >
                          {o.told?.delivery?.state === 'failed'
                            ? t('offer.tellAgain')
                            : t('offer.tellMessage')}
                        </Button>
                      )}
                      <Button
                        size="small"
                        onClick={() => tell.mutate({ offerId: o.id, via: 'phone' })}
                        data-testid="offer-tell-phone"
                      >
                        {t('offer.tellPhone')}
                      </Button>
                    </Flex>
                  </Flex>
                )}
                {!closed && o.status === 'proposed' && (
                  <Flex gap={6} wrap>
                    <Button
                      size="small"
                      type="primary"
                      ghost
                      disabled={o.party === 'shop' && !buyerHas(o)}
                      title={o.party === 'shop' && !buyerHas(o) ? t('offer.acceptWaits') : undefined}
                      onClick={() => act(o, 'accept')}
                      data-testid="offer-accept"
                    >
                      {o.party === 'shop' ? t('offer.accept') : t('offer.acceptBuyer')}
                    </Button>
                    {o.party === 'shop' && (
                      <Button size="small" onClick={() => setCountering(o)} data-testid="offer-counter">
                        {t('offer.counter')}
                      </Button>
                    )}
                    <Button size="small" danger onClick={() => act(o, 'reject')}>
                      {t('offer.reject')}
                    </Button>
                  </Flex>
                )}
                {!closed && o.status === 'awaiting_approval' && hasRole(role, 'supervisor') && (
                  <Flex gap={6}>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => act(o, 'approve')}
                      data-testid="offer-approve"
                    >
                      {t('offer.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => act(o, 'reject')}>
                      {t('offer.reject')}
                    </Button>
                  </Flex>
                )}
              </Flex>
            ),
          }))}
        />
      )}
      <Modal
        open={countering !== null}
        title={t('offer.counterTitle')}
        onCancel={() => setCountering(null)}
        onOk={() => counterForm.submit()}
        confirmLoading={counter.isPending}
        okButtonProps={{ 'data-testid': 'counter-submit' } as never}
        destroyOnHidden
      >
        <Form
          form={counterForm}
          layout="vertical"
          preserve={false}
          initialValues={{ remedy: 'refund' }}
          onFinish={(values) =>
            countering &&
            counter.mutate(
              { offerId: countering.id, body: toOfferBody(values) },
              { onSuccess: () => setCountering(null) },
            )
          }
        >
          <OfferFields prefix="counter" />
        </Form>
      </Modal>
    </Card>
  );
}

/** The offer's message waits for a person: the platform has no API for it. */
const byHand = (o: Offer) => o.told?.via === 'message' && o.told.delivery?.manual === true;

/** The buyer has a shop offer once its message was delivered or an agent told them by phone. */
const buyerHas = (o: Offer) =>
  o.told?.via === 'phone' || (o.told?.via === 'message' && o.told.delivery?.state === 'sent');

/** How the offer reached the buyer (or did not yet), with the true delivery state of its message. */
function ToldLine({ offer }: { offer: Offer }) {
  const { t } = useTranslation('playbooks');
  const told = offer.told;
  if (!told) {
    return offer.status === 'proposed' ? (
      <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="offer-told" data-state="untold">
        {t('offer.untold')}
      </Typography.Text>
    ) : null;
  }
  return (
    <Flex
      gap={6}
      align="center"
      wrap
      data-testid="offer-told"
      data-state={told.via === 'phone' ? 'phone' : (told.delivery?.state ?? 'sent')}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {told.via === 'phone'
          ? t('offer.toldPhone', { name: told.byName, at: dayjs(told.at).format('MM-DD HH:mm') })
          : t('offer.toldMessage', { name: told.byName, at: dayjs(told.at).format('MM-DD HH:mm') })}
      </Typography.Text>
      {told.via === 'message' && told.delivery && <DeliveryTag delivery={told.delivery} />}
    </Flex>
  );
}
