import { createHash } from 'node:crypto';
import type { Actor } from '../auth/roles.js';
import type { Clock } from '../shared/clock.js';
import { field, heading, renderPdf } from '../shared/pdf.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { EvidenceRow } from './evidence-repo.js';
import type { EvidenceService } from './evidence-service.js';

type Locale = 'zh-CN' | 'en';

const T = {
  chatTitle: ['会话存证', 'Chat record'],
  orderTitle: ['订单存证', 'Order record'],
  frozenAt: ['存证时间', 'Frozen at'],
  frozenBy: ['存证人', 'Frozen by'],
  caseNo: ['工单号', 'Case'],
  subject: ['主题', 'Subject'],
  messages: ['消息', 'Messages'],
  order: ['订单号', 'Order'],
  status: ['状态', 'Status'],
  total: ['实付', 'Total paid'],
  paidAt: ['付款时间', 'Paid'],
  shippedAt: ['发货时间', 'Shipped'],
  deliveredAt: ['签收时间', 'Delivered'],
  tracking: ['物流单号', 'Tracking'],
  items: ['商品', 'Items'],
  hash: ['消息记录 SHA-256（规范化 JSON）', 'SHA-256 of the messages (canonical JSON)'],
  buyer: ['买家', 'Buyer'],
  shop: ['商家', 'Shop'],
  attachments: ['附件', 'Attachments'],
} as const;

const time = (at: Date | null | undefined, locale: Locale) =>
  at
    ? `${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(at)}${locale === 'zh-CN' ? '（北京时间）' : ' (Beijing time)'}`
    : '—';

/**
 * "Save as evidence": the case's chat thread (every message with its time, author and direction) and
 * its order are rendered into PDFs and filed on the case as chat_record and order_record, frozen:
 * later messages do not change them. Read through the ticket service's public operations only.
 */
export async function freezeCase(
  deps: { tickets: TicketService; evidence: EvidenceService; clock: Clock },
  actor: Actor,
  ticketId: string,
  locale: Locale = 'zh-CN',
): Promise<EvidenceRow[]> {
  const t = (key: keyof typeof T) => T[key][locale === 'zh-CN' ? 0 : 1];
  const { ticket, order, items } = await deps.tickets.get(actor, ticketId);
  const messages = await deps.tickets.messages(actor, ticketId);
  const now = deps.clock.now();
  const canonical = JSON.stringify(
    messages.map((m) => [
      m.id,
      m.createdAt.toISOString(),
      m.direction,
      m.authorType,
      m.authorName,
      m.body,
      m.attachments,
    ]),
  );
  const threadSha = createHash('sha256').update(canonical).digest('hex');
  const chat = await renderPdf({ title: t('chatTitle'), at: now, lang: locale }, (doc) => {
    doc.fontSize(18).text(t('chatTitle')).moveDown(0.4);
    field(doc, t('caseNo'), `#${ticket.number}`, locale);
    field(doc, t('subject'), ticket.subject, locale);
    if (order) field(doc, t('order'), order.externalId, locale);
    field(doc, t('frozenAt'), time(now, locale), locale);
    field(doc, t('frozenBy'), actor.name, locale);
    heading(doc, `${t('messages')} (${messages.length})`);
    for (const m of messages) {
      const who =
        m.direction === 'inbound' ? `${t('buyer')} ${m.authorName}` : `${t('shop')} ${m.authorName}`;
      doc
        .fontSize(9)
        .fillColor('#6b7280')
        .text(`${time(m.createdAt, locale)} · ${who}`);
      doc
        .fontSize(10)
        .fillColor('#111827')
        .text(m.body || '—');
      if (m.attachments.length) {
        doc
          .fontSize(8)
          .fillColor('#6b7280')
          .text(`${t('attachments')}: ${m.attachments.map((a) => a.name).join(', ')}`);
      }
      doc.fillColor('#111827').moveDown(0.3);
    }
    doc
      .moveDown(0.5)
      .fontSize(8)
      .fillColor('#6b7280')
      .text(`${t('hash')}: ${threadSha}`);
  });
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  const filed: EvidenceRow[] = [
    await deps.evidence.attach(
      actor,
      {
        subjectType: 'ticket',
        subjectId: ticketId,
        fileName: `chat-${ticket.number}-${stamp}.pdf`,
        content: chat,
        kind: 'chat_record',
        title: `${t('chatTitle')} #${ticket.number}`,
        details: { messages: messages.length, threadSha256: threadSha },
      },
      'frozen',
    ),
  ];
  if (order) {
    const orderPdf = await renderPdf({ title: t('orderTitle'), at: now, lang: locale }, (doc) => {
      doc.fontSize(18).text(t('orderTitle')).moveDown(0.4);
      field(doc, t('order'), order.externalId, locale);
      field(doc, t('status'), order.status, locale);
      field(doc, t('total'), `¥${(order.totalFen / 100).toFixed(2)}`, locale);
      field(doc, t('paidAt'), time(order.paidAt, locale), locale);
      field(doc, t('shippedAt'), time(order.shippedAt, locale), locale);
      field(doc, t('deliveredAt'), time(order.deliveredAt, locale), locale);
      field(doc, t('tracking'), [order.carrier, order.trackingNo].filter(Boolean).join(' ') || '—', locale);
      heading(doc, t('items'));
      for (const i of items) {
        doc.text(
          `${i.name} × ${i.quantity} · ¥${(i.paidFen / 100).toFixed(2)}${i.batch ? ` · ${i.batch}` : ''}`,
        );
      }
      field(doc, t('frozenAt'), time(now, locale), locale);
    });
    filed.push(
      await deps.evidence.attach(
        actor,
        {
          subjectType: 'order',
          subjectId: order.id,
          fileName: `order-${order.externalId}-${stamp}.pdf`.replace(/[^\w.-]/g, '_'),
          content: orderPdf,
          kind: 'order_record',
          title: `${t('orderTitle')} ${order.externalId}`,
        },
        'frozen',
      ),
    );
  }
  return filed;
}
