import type { Actor } from '../auth/roles.js';
import type { MessageRow, TicketRow } from './ticket-repo.js';
import type { MessageDirection, Severity, TicketChannel, TicketKind } from './ticket-types.js';

/** What the ticket service's list operations take and what the case pipeline's steps receive. */

export type Attachment = {
  name: string;
  url?: string | undefined;
  sha256?: string | undefined;
  kind?: string | undefined;
};

export type CreateTicketInput = {
  kind: TicketKind;
  channel: TicketChannel;
  subject: string;
  body?: string | undefined;
  severity?: Severity | undefined;
  categories?: string[] | undefined;
  tags?: string[] | undefined;
  shopId?: string | undefined;
  customerId?: string | undefined;
  customer?:
    | {
        name: string;
        externalId?: string | undefined;
        phone?: string | undefined;
        email?: string | undefined;
      }
    | undefined;
  orderId?: string | undefined;
  /** One line of that order (the SKU the case is about). */
  orderItemId?: string | undefined;
  assigneeId?: string | undefined;
  externalRef?: string | undefined;
};

export type TicketPatch = {
  subject?: string | undefined;
  kind?: TicketKind | undefined;
  severity?: Severity | undefined;
  categories?: string[] | undefined;
  tags?: string[] | undefined;
  assigneeId?: string | null | undefined;
  orderId?: string | null | undefined;
  /** One line of the case's order; a new order without one clears it. */
  orderItemId?: string | null | undefined;
};

export type NewMessage = {
  direction: MessageDirection;
  body: string;
  attachments?: Attachment[] | undefined;
  externalId?: string | undefined;
  authorName?: string | undefined;
  /** An automatic message (acknowledgement, survey): no human first response, no status change. */
  automatic?: boolean | undefined;
  /** What the message is for when a domain sends it ('acknowledgement', 'survey'…): audited as `<purpose>_sent`. */
  purpose?: string | undefined;
};

export type CreatedTicket = { ticket: TicketRow; first: MessageRow | null };
export type WrittenMessage = { ticket: TicketRow; message: MessageRow; automatic: boolean };
export type StatusMove = { ticket: TicketRow; from: string };

/** An edit (subject, classification, assignee…) with the row as it was before. */
export type TicketEdit = { ticket: TicketRow; before: TicketRow };

/** Several acts in one call may each have their own author (the platform a batch event came from). */
export type By = { by?: Actor | undefined };

/**
 * numbers — where createMany takes its ticket numbers (default: the tenant counter, locked until commit).
 * reread — no longer read: the pipeline's steps return the rows they change, so nothing is read back.
 */
export type BatchOptions = { reread?: boolean; numbers?: (count: number) => Promise<number> };
