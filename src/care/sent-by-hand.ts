import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import { markSentByHand } from '../tickets/ticket-repo.js';
import * as repo from './care-repo.js';
import * as followUpRepo from './follow-up-repo.js';

// What a person sent from the platform's back office, because the platform has no API for it: marked
// "sent by hand" (never "delivered"), and audited. Both run inside the caller's transaction.

/** A care message waiting for a person. */
export async function markCareSentByHand(scope: TenantScope, actor: Actor, id: string, now: Date) {
  const found = await repo.findMessage(scope, id);
  if (!found) throw new AppError('CARE_MESSAGE_NOT_FOUND', `care message ${id} not found`);
  if (found.state !== 'manual')
    throw new AppError('ILLEGAL_TRANSITION', `a ${found.state} care message is not waiting for a person`);
  await repo.markSentByHand(scope, id, actor.id ?? '', now);
  await recordAudit(
    scope,
    actor,
    [
      {
        entityType: 'care_message',
        entityId: id,
        action: 'care_message_sent_by_hand',
        after: { orderId: found.orderId },
      },
    ],
    now,
  );
  return (await repo.findMessage(scope, id))!;
}

/** A written follow-up on a case (the audit record is the case's). */
export async function markFollowUpSentByHand(scope: TenantScope, actor: Actor, id: string, now: Date) {
  const found = await followUpRepo.findFollowUp(scope, id);
  if (!found) throw new AppError('NOT_FOUND', `follow-up ${id} not found`);
  const marked = found.messageId ? await markSentByHand(scope, found.messageId) : [];
  if (!marked.length)
    throw new AppError('ILLEGAL_TRANSITION', `follow-up ${id} is not waiting for a person to send it`);
  await recordAudit(
    scope,
    actor,
    [
      {
        entityType: 'ticket',
        entityId: found.ticketId,
        action: 'message_sent_by_hand',
        before: { delivery: 'manual' },
        after: { delivery: 'sent_by_hand', messageId: found.messageId, purpose: 'follow_up' },
      },
    ],
    now,
  );
  return { id, ticketId: found.ticketId, deliveryStatus: 'sent_by_hand' as const };
}
