import type { Actor } from '../auth/roles.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type {
  BatchOptions,
  By,
  CreatedTicket,
  NewMessage,
  StatusMove,
  TicketEdit,
  WrittenMessage,
} from './case-types.js';
import type { MessageRow, TicketRow } from './ticket-repo.js';

/**
 * The case pipeline: after the ticket service has written a case change (creation, messages, status
 * moves, an edit), each step of `src/pipeline.ts` runs once, in the declared order, inside the same
 * transaction. A step receives the actor and the rows as the steps before it left them, and returns
 * the rows it changed (as they now stand); it never mutates the rows it was given. The steps after it,
 * and the caller of the ticket service, see the returned rows.
 *
 * A step that writes to a case goes through `ctx.cases`, the same list operations on the same
 * transaction, so its write runs through the whole pipeline too (the SLA acknowledgement and the
 * satisfaction survey are indexed, queued and timed like any other message).
 */
export type CaseStep = {
  /** For errors and the architecture map: the domain the step belongs to. */
  readonly name: string;
  afterCreate?(ctx: StepContext, created: readonly CreatedTicket[]): Promise<StepChanges | undefined>;
  afterMessage?(ctx: StepContext, written: readonly WrittenMessage[]): Promise<StepChanges | undefined>;
  afterStatus?(ctx: StepContext, moved: readonly StatusMove[]): Promise<StepChanges | undefined>;
  /** After edits (subject, classification, assignee…), each with the row as it was before. */
  afterUpdate?(ctx: StepContext, edited: readonly TicketEdit[]): Promise<StepChanges | undefined>;
};

/** The rows a step changed, as they now stand in the database. */
export type StepChanges = { tickets?: readonly TicketRow[]; messages?: readonly MessageRow[] };

export type StepContext = {
  /** The transaction, scoped to the tenant. */
  scope: TenantScope;
  /** Who made the change the steps are reacting to. */
  actor: Actor;
  /** The ticket service's writes on this same transaction. */
  cases: CaseWriter;
  /** What a step keeps across the operations of one run, and its writes held for the run's end. */
  run: StepRun;
};

/**
 * One pipeline run's room for a step (a run: one list operation with the operations its steps cause,
 * or an inbox batch's operations, `tickets.inOneRun`). A step that would otherwise read and write its
 * own rows once per operation (the SLA clock: creation, the acknowledgement, the next message, a status
 * move) keeps them here and writes them once, at the run's end, in the same transaction.
 */
export type StepRun = {
  /** The step's state for the rest of the run, made by `init` the first time `name` is asked for. */
  kept<T>(name: string, init: () => T): T;
  /**
   * Registers a write for the run's end, on the run's transaction (`scope`); a name registered
   * already keeps its first write.
   */
  atEnd(name: string, write: (scope: TenantScope) => Promise<void>): void;
};

/** What a step may write to a case: messages (through the whole pipeline) and its own derived fields. */
export type CaseWriter = {
  addMessages(
    actor: Actor,
    list: ({ id: string; msg: NewMessage } & By)[],
    options?: BatchOptions,
  ): Promise<{ message: MessageRow; ticket: TicketRow }[]>;
  /**
   * Fields a step derives and owns (triage's verdict, SLA due times, a tag): written as given, with
   * no audit entry and no pipeline run; the rows come back as stored.
   */
  setFields(actor: Actor, list: { id: string; set: DerivedFields }[]): Promise<TicketRow[]>;
  /** The same for messages: a step's verdict on a message (triage). */
  setMessageFields(actor: Actor, list: { id: string; set: DerivedMessageFields }[]): Promise<MessageRow[]>;
};

export type DerivedMessageFields = Partial<Pick<MessageRow, 'triage'>>;

/** The columns a step may set through setFields; the rest change only through the list operations. */
export type DerivedFields = Partial<
  Pick<
    TicketRow,
    | 'severity'
    | 'categories'
    | 'category'
    | 'kind'
    | 'tags'
    | 'triage'
    | 'language'
    | 'sentiment'
    | 'sentimentScore'
    | 'resolution'
    | 'firstResponseDueAt'
    | 'nextResponseDueAt'
    | 'resolutionDueAt'
    | 'slaDueAt'
    | 'slaState'
    | 'firstRespondedAt'
  >
>;

/** The latest rows by id: what the steps so far have returned. */
export type Latest = { tickets: Map<string, TicketRow>; messages: Map<string, MessageRow> };

export const emptyLatest = (): Latest => ({ tickets: new Map(), messages: new Map() });

export function remember(latest: Latest, changes: StepChanges | undefined): void {
  for (const t of changes?.tickets ?? []) latest.tickets.set(t.id, t);
  for (const m of changes?.messages ?? []) latest.messages.set(m.id, m);
}

/** The items with their ticket and message rows replaced by the latest ones (new objects, inputs untouched). */
export function refresh<T extends { ticket: TicketRow; first?: MessageRow | null; message?: MessageRow }>(
  items: readonly T[],
  latest: Latest,
): T[] {
  return items.map((item) => {
    const next = { ...item, ticket: latest.tickets.get(item.ticket.id) ?? item.ticket };
    if (item.first) next.first = latest.messages.get(item.first.id) ?? item.first;
    if (item.message) next.message = latest.messages.get(item.message.id) ?? item.message;
    return next;
  });
}
