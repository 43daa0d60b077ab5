import type { AuditEntry } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { messages } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';
import { maskPii } from '../triage/pii.js';
import type { CreateTicketInput, NewMessage, TicketPatch } from './case-types.js';
import { findCustomers } from './catalog-repo.js';
import { maskPhone } from './references.js';
import { stateOf, statusAfterMessage } from './ticket.js';
import { insertMessages, type MessageRow, type TicketRow } from './ticket-repo.js';

/** Inserts messages (any tickets), naming a buyer's message after the buyer when the caller gave no name. */
export async function writeMessages(
  scope: TenantScope,
  actor: Actor,
  list: { ticket: TicketRow; msg: NewMessage; by?: Actor | undefined }[],
  now: Date,
): Promise<MessageRow[]> {
  if (!list.length) return [];
  const unnamed = [
    ...new Set(
      list.flatMap(({ ticket, msg }) =>
        msg.direction === 'inbound' && !msg.authorName && ticket.customerId ? [ticket.customerId] : [],
      ),
    ),
  ];
  const names = new Map(
    (unnamed.length ? await findCustomers(scope, unnamed) : []).map((c) => [c.id, c.name]),
  );
  const rows = list.map(
    ({ ticket, msg, by }): Omit<typeof messages.$inferInsert, 'tenantId'> & { id: string } => {
      const author = by ?? actor;
      const byCustomer = msg.direction === 'inbound';
      const customerName = byCustomer && ticket.customerId ? names.get(ticket.customerId) : undefined;
      return {
        id: newId(),
        ticketId: ticket.id,
        direction: msg.direction,
        channel: ticket.channel,
        authorType: byCustomer ? 'customer' : author.type,
        authorId: byCustomer ? ticket.customerId : author.id,
        authorName: msg.authorName ?? customerName ?? (byCustomer ? 'customer' : author.name),
        body: msg.body,
        attachments: (msg.attachments ?? []).map((a) => ({ ...a })) as never,
        externalId: msg.externalId ?? null,
        createdAt: now,
      };
    },
  );
  const stored = new Map((await insertMessages(scope, rows)).map((m) => [m.id, m]));
  return rows.map((r) => stored.get(r.id)!);
}

/**
 * What a message does to its ticket: the timestamps it sets, the status move it causes (none for an
 * automatic message) and the audit entries it leaves.
 */
export function planMessage(
  ticket: TicketRow,
  msg: NewMessage,
  message: MessageRow,
  by: Actor | undefined,
  now: Date,
  actor?: Actor,
) {
  const who = by ? { actor: by } : {};
  const change = msg.automatic ? null : statusAfterMessage(stateOf(ticket), msg.direction);
  const set: Partial<TicketRow> = { updatedAt: now, ...(change?.next ?? {}) };
  if (msg.direction === 'inbound') set.lastInboundAt = now;
  // firstRespondedAt is the SLA step's: a reply counts when the buyer has it, not when it is queued.
  if (msg.direction === 'outbound') set.lastOutboundAt = now;
  // Whoever answers an unassigned case by hand takes it, so it does not wait in the unassigned queue.
  const author = by ?? actor;
  const takerId =
    msg.direction === 'outbound' && !msg.automatic && !ticket.assigneeId && author?.type === 'user'
      ? author.id
      : null;
  if (takerId) set.assigneeId = takerId;
  const audits: AuditEntry[] = [
    {
      ...who,
      entityType: 'ticket',
      entityId: ticket.id,
      action: msg.purpose ? `${msg.purpose}_sent` : `message_${msg.direction}`,
      after: { messageId: message.id },
    },
  ];
  if (takerId) {
    audits.push({
      ...who,
      entityType: 'ticket',
      entityId: ticket.id,
      action: 'assigned',
      before: { assigneeId: null },
      after: { assigneeId: takerId },
    });
  }
  if (change) {
    audits.push({
      ...who,
      entityType: 'ticket',
      entityId: ticket.id,
      action: change.event,
      before: { status: ticket.status },
      after: { status: change.next.status },
    });
  }
  return { id: ticket.id, set, before: ticket, message, change, automatic: msg.automatic === true, audits };
}

/** The customers a batch of new cases brings with it (null where the case names an existing one or none). */
export function newCustomerRows(
  inputs: CreateTicketInput[],
  now: Date,
  seal: (v: string | undefined) => string | null,
) {
  return inputs.map((input) =>
    !input.customerId && input.customer
      ? {
          id: newId(),
          shopId: input.shopId ?? null,
          externalId: input.customer.externalId ?? null,
          name: input.customer.name,
          phoneMasked: input.customer.phone ? maskPhone(input.customer.phone) : null,
          phoneSealed: seal(input.customer.phone),
          email: input.customer.email ?? null,
          createdAt: now,
          updatedAt: now,
        }
      : null,
  );
}

/** The ticket rows of a batch of new cases, numbered from `firstNumber` in input order. */
export function newTicketRows(
  inputs: CreateTicketInput[],
  firstNumber: number,
  customerIds: (string | null)[],
  now: Date,
) {
  return inputs.map((input, i) => {
    const categories = [...new Set(input.categories ?? [])];
    return {
      id: newId(),
      number: firstNumber + i,
      kind: input.kind,
      channel: input.channel,
      // A subject is shown in lists, search and notices to every role: never with a phone or ID in it.
      subject: maskPii(input.subject),
      severity: input.severity ?? ('normal' as const),
      categories,
      category: categories[0] ?? null,
      tags: [...new Set(input.tags ?? [])],
      shopId: input.shopId ?? null,
      customerId: input.customerId ?? customerIds[i] ?? null,
      orderId: input.orderId ?? null,
      orderItemId: input.orderItemId ?? null,
      assigneeId: input.assigneeId ?? null,
      externalRef: input.externalRef ?? null,
      lastInboundAt: input.body ? now : null,
      createdAt: now,
      updatedAt: now,
    };
  });
}

/** The audit entry of a new case. */
export const createdAudit = (ticket: TicketRow, by: Actor | undefined): AuditEntry => ({
  ...(by ? { actor: by } : {}),
  entityType: 'ticket',
  entityId: ticket.id,
  action: 'created',
  after: {
    number: ticket.number,
    kind: ticket.kind,
    channel: ticket.channel,
    severity: ticket.severity,
    subject: ticket.subject,
  },
});

/** The columns a patch sets (categories deduplicated, the first one the main category). */
export function nextFields(patch: TicketPatch): Partial<TicketRow> {
  return {
    ...(patch.subject !== undefined ? { subject: maskPii(patch.subject) } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.severity !== undefined ? { severity: patch.severity } : {}),
    ...(patch.categories !== undefined
      ? { categories: [...new Set(patch.categories)], category: patch.categories[0] ?? null }
      : {}),
    ...(patch.tags !== undefined ? { tags: [...new Set(patch.tags)] } : {}),
    ...(patch.assigneeId !== undefined ? { assigneeId: patch.assigneeId } : {}),
    ...(patch.orderId !== undefined ? { orderId: patch.orderId, orderItemId: null } : {}),
    ...(patch.orderItemId !== undefined ? { orderItemId: patch.orderItemId } : {}),
  };
}
