import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import * as repo from './ticket-repo.js';

/**
 * An agent sent a reply (or an offer's message) from the platform's back office, because the platform
 * has no API for it, and says so: the message becomes sent_by_hand — shown as sent by hand, never as
 * delivered by the platform — and the case's audit records who said it. Runs in the caller's
 * transaction.
 */
export async function markMessageSentByHand(
  scope: TenantScope,
  actor: Actor,
  ticketId: string,
  messageId: string,
  now: Date,
) {
  const ticket = await repo.findTicket(scope, ticketId);
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
  const [marked] = await repo.markSentByHand(scope, messageId, ticketId);
  if (!marked) {
    const [message] = await repo.findMessages(scope, [messageId]);
    if (message?.ticketId !== ticketId)
      throw new AppError('NOT_FOUND', `message ${messageId} not found on this case`);
    throw new AppError('ILLEGAL_TRANSITION', 'this message is not waiting for a person to send it');
  }
  await recordAudit(
    scope,
    actor,
    [
      {
        entityType: 'ticket',
        entityId: ticketId,
        action: 'message_sent_by_hand',
        before: { delivery: 'manual' },
        after: { delivery: 'sent_by_hand', messageId },
      },
    ],
    now,
  );
  return marked;
}
