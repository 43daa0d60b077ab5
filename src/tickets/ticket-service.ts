// Over 400 lines: the four list operations of the case pipeline share its run (held rows, the steps' context, the single write at the end); apart they would pass them all around.
import { type AuditEntry, diffFields, listAudit, recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import type { SecretBox } from '../shared/secret-box.js';
import { findShop } from '../shops/shop-repo.js';
import {
  type CaseStep,
  type CaseWriter,
  emptyLatest,
  refresh,
  remember,
  type StepContext,
} from './case-pipeline.js';
import {
  createdAudit,
  newCustomerRows,
  newTicketRows,
  nextFields,
  planMessage,
  writeMessages,
} from './case-rows.js';
import type { BatchOptions, By, CreateTicketInput, NewMessage, TicketPatch } from './case-types.js';
import * as catalog from './catalog-repo.js';
import { flush, type HeldCases, hold, holdNone, keptFor, setHeld } from './held-cases.js';
import { checkReferences } from './references.js';
import { markMessageSentByHand } from './sent-by-hand.js';
import { changeStatus, type StatusCommand, stateOf } from './ticket.js';
import type { ReserveNumbers } from './ticket-numbers.js';
import * as repo from './ticket-repo.js';

export type TicketServiceDeps = {
  db: Db;
  clock: Clock;
  /** The case pipeline (src/pipeline.ts): the steps that run, in order, after every case change. */
  steps?: readonly CaseStep[];
  /** Seals full contact details; without it only the masked form is kept. */
  secretBox?: SecretBox | undefined;
  /** Where ticket numbers come from (`ticketNumberReserver`); by default the case's own transaction. */
  reserveNumbers?: ReserveNumbers | undefined;
  /** Internal: the pipeline run this service writes in (`ctx.cases`), whose rows it holds. */
  held?: HeldCases | undefined;
};

export type TicketService = ReturnType<typeof createTicketService>;

/**
 * Every write to a case goes through here: createMany, addMessages, changeStatuses and update (the
 * single forms call the list forms). Each writes its rows and audit entries, then runs the case
 * pipeline's steps in the same transaction and answers with the rows as the steps left them.
 */
export function createTicketService({
  db,
  clock,
  steps = [],
  secretBox,
  reserveNumbers,
  held: run,
}: TicketServiceDeps) {
  const seal = (value: string | undefined) => (value && secretBox ? secretBox.seal(value) : null);
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFind(scope: TenantScope, id: string) {
    const ticket = await repo.findTicket(scope, id);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${id} not found`);
    return ticket;
  }

  /**
   * Locks the tickets (in id order, so two batches never deadlock) and returns them by id; the ones
   * this pipeline run already holds are not read again (they are locked, and the table may lag them).
   */
  async function mustLockAll(scope: TenantScope, held: HeldCases, ids: string[]) {
    if (new Set(ids).size !== ids.length) throw new Error('a ticket appears twice in one batch');
    const toLock = ids.filter((id) => !held.rows.has(id));
    if (toLock.length) hold(held, await repo.lockTickets(scope, toLock));
    const rows = new Map<string, repo.TicketRow>();
    for (const id of ids) {
      const row = held.rows.get(id);
      if (!row) throw new AppError('TICKET_NOT_FOUND', `ticket ${id} not found`);
      rows.set(id, row);
    }
    return rows;
  }

  /**
   * The rows a list operation holds: in a pipeline run already under way (a step's write through
   * `ctx.cases`) that run's; else the operation starts a run of its own (see held-cases.ts).
   */
  const holding = (): HeldCases => run ?? holdNone();

  /**
   * A list operation's transaction: its own (a savepoint when one is open), except in a pipeline run
   * already under way, which is one transaction: a failure there fails the whole run (an inbox batch
   * is then processed event by event), so a savepoint per operation bought nothing but round trips.
   */
  const inTransaction = <T>(scope: TenantScope, fn: (tx: TenantScope) => Promise<T>): Promise<T> =>
    run ? fn(scope) : scope.transaction(fn);

  /**
   * The audit entries of an operation: in a pipeline run already under way, held with their actor and
   * time and written in one statement at the run's end (an inbox batch's rounds wrote one each).
   */
  async function audit(tx: TenantScope, actor: Actor, entries: AuditEntry[], at: Date) {
    if (!run) return recordAudit(tx, actor, entries, at);
    const held = keptFor<AuditEntry[]>(run, 'audit', () => []);
    for (const e of entries) held.push({ ...e, actor: e.actor ?? actor, at: e.at ?? at });
    if (!run.atEnd.has('audit')) run.atEnd.set('audit', (scope) => recordAudit(scope, actor, held, at));
  }

  /** The end of a list operation: a run of its own writes each ticket it changed, once. */
  const finish = async (tx: TenantScope, held: HeldCases) => {
    if (held !== run) await flush(tx, held);
  };

  /** A ticket as the run holds it now (as stored, once flushed). */
  const current = (held: HeldCases, t: repo.TicketRow) => held.rows.get(t.id) ?? t;

  /** What the steps get: the transaction, the actor, and this service's writes on the same transaction. */
  function stepContext(tx: TenantScope, actor: Actor, held: HeldCases): StepContext {
    let writer: CaseWriter | undefined;
    const cases = (): CaseWriter => {
      writer ??= createTicketService({ db: tx.db, clock, steps, secretBox, reserveNumbers, held });
      return writer;
    };
    return {
      scope: tx,
      actor,
      cases: {
        addMessages: (...args) => cases().addMessages(...args),
        setFields: (...args) => cases().setFields(...args),
        setMessageFields: (...args) => cases().setMessageFields(...args),
      },
      run: {
        kept: (name, init) => keptFor(held, name, init),
        atEnd: (name, write) => {
          if (!held.atEnd.has(name)) held.atEnd.set(name, write);
        },
      },
    };
  }

  async function createMany(actor: Actor, inputs: (CreateTicketInput & By)[], options: BatchOptions = {}) {
    if (!inputs.length) return [];
    const scope = scopeOf(actor);
    await checkReferences(scope, inputs);
    const now = clock.now();
    return inTransaction(scope, async (tx) => {
      const held = holding();
      const newCustomers = newCustomerRows(inputs, now, seal);
      const customerRows = newCustomers.flatMap((c) => (c ? [c] : []));
      if (customerRows.length) await catalog.insertCustomers(tx, customerRows);
      const firstNumber = await (
        options.numbers ??
        ((n: number) => (reserveNumbers ? reserveNumbers(tx.tenantId, n) : repo.reserveTicketNumbers(tx, n)))
      )(inputs.length);
      const inserted = await repo.insertTickets(
        tx,
        newTicketRows(
          inputs,
          firstNumber,
          newCustomers.map((c) => c?.id ?? null),
          now,
        ),
      );
      hold(held, inserted);
      const byNumber = new Map(inserted.map((t) => [t.number, t]));
      const created = inputs.map((_, i) => byNumber.get(firstNumber + i)!);
      const withBody = inputs.flatMap((input, i) =>
        input.body
          ? [
              {
                ticket: created[i]!,
                msg: { direction: 'inbound' as const, body: input.body, authorName: input.customer?.name },
                by: input.by,
              },
            ]
          : [],
      );
      const firsts = new Map((await writeMessages(tx, actor, withBody, now)).map((m) => [m.ticketId, m]));
      await audit(
        tx,
        actor,
        created.map((ticket, i) => createdAudit(ticket, inputs[i]!.by)),
        now,
      );
      const items = created.map((ticket) => ({ ticket, first: firsts.get(ticket.id) ?? null }));
      const latest = emptyLatest();
      const ctx = stepContext(tx, actor, held);
      for (const step of steps) remember(latest, await step.afterCreate?.(ctx, refresh(items, latest)));
      await finish(tx, held);
      return refresh(items, latest).map((i) => current(held, i.ticket));
    });
  }

  async function addMessages(
    actor: Actor,
    list: ({ id: string; msg: NewMessage } & By)[],
    _options: BatchOptions = {},
  ) {
    if (!list.length) return [];
    const scope = scopeOf(actor);
    const now = clock.now();
    return inTransaction(scope, async (tx) => {
      const held = holding();
      const locked = await mustLockAll(
        tx,
        held,
        list.map((m) => m.id),
      );
      const written = await writeMessages(
        tx,
        actor,
        list.map(({ id, msg, by }) => ({ ticket: locked.get(id)!, msg, by })),
        now,
      );
      const plans = list.map(({ id, msg, by }, i) =>
        planMessage(locked.get(id)!, msg, written[i]!, by, now, actor),
      );
      const audits = plans.flatMap((p) => p.audits);
      const updated = new Map(
        setHeld(
          held,
          plans.map((p) => ({ id: p.id, set: p.set })),
        ).map((t) => [t.id, t]),
      );
      await audit(tx, actor, audits, now);
      const messageItems = plans.map((p) => ({
        ticket: updated.get(p.id)!,
        message: p.message,
        automatic: p.automatic,
      }));
      const moves = plans.flatMap((p) =>
        p.change ? [{ ticket: updated.get(p.id)!, from: p.before.status as string }] : [],
      );
      const latest = emptyLatest();
      const ctx = stepContext(tx, actor, held);
      for (const step of steps) {
        remember(latest, await step.afterMessage?.(ctx, refresh(messageItems, latest)));
        if (moves.length) remember(latest, await step.afterStatus?.(ctx, refresh(moves, latest)));
      }
      await finish(tx, held);
      return refresh(messageItems, latest).map(({ message, ticket }) => ({
        message,
        ticket: current(held, ticket),
      }));
    });
  }

  async function changeStatuses(
    actor: Actor,
    list: ({ id: string; cmd: StatusCommand } & By)[],
    _options: BatchOptions = {},
  ) {
    if (!list.length) return [];
    const scope = scopeOf(actor);
    const now = clock.now();
    return inTransaction(scope, async (tx) => {
      const held = holding();
      const locked = await mustLockAll(
        tx,
        held,
        list.map((m) => m.id),
      );
      const plans = list.map(({ id, cmd, by }) => {
        const ticket = locked.get(id)!;
        return { id, by, before: ticket, ...changeStatus(stateOf(ticket), cmd, now) };
      });
      const updated = new Map(
        setHeld(
          held,
          plans.map((p) => ({ id: p.id, set: { ...p.next, updatedAt: now } })),
        ).map((t) => [t.id, t]),
      );
      await audit(
        tx,
        actor,
        plans.map(({ id, by, before, next, event }) => ({
          ...(by ? { actor: by } : {}),
          entityType: 'ticket',
          entityId: id,
          action: event,
          before: { status: before.status },
          after: {
            status: next.status,
            ...(event === 'closed' ? { rootCause: next.rootCause, resolution: next.resolution } : {}),
          },
        })),
        now,
      );
      const moves = plans.map((p) => ({ ticket: updated.get(p.id)!, from: p.before.status as string }));
      const latest = emptyLatest();
      const ctx = stepContext(tx, actor, held);
      for (const step of steps) remember(latest, await step.afterStatus?.(ctx, refresh(moves, latest)));
      await finish(tx, held);
      return refresh(moves, latest).map((m) => current(held, m.ticket));
    });
  }

  /**
   * Edits (subject, classification, tags, assignee, order). A patch may be a function of the row as
   * locked, so a worker's edit (one severity up, a tag added) never overwrites a concurrent one. Each
   * changed ticket is audited (`action`, or 'assigned'/'updated') and runs through the pipeline.
   */
  async function updateMany(
    actor: Actor,
    list: ({
      id: string;
      patch: TicketPatch | ((current: repo.TicketRow) => TicketPatch);
      action?: string;
    } & By)[],
    _options: BatchOptions = {},
  ) {
    if (!list.length) return [];
    const scope = scopeOf(actor);
    const given = list.flatMap((e) => (typeof e.patch === 'function' ? [] : [e.patch]));
    await checkReferences(
      scope,
      given.map((p) => ({ assigneeId: p.assigneeId, orderId: p.orderId })),
    );
    const now = clock.now();
    return inTransaction(scope, async (tx) => {
      const held = holding();
      const locked = await mustLockAll(
        tx,
        held,
        list.map((e) => e.id),
      );
      const plans = list.map(({ id, patch, action, by }) => {
        const ticket = locked.get(id)!;
        const derived = typeof patch === 'function';
        const next = nextFields(derived ? patch(ticket) : patch);
        const diff = diffFields(ticket as Record<string, unknown>, next as Record<string, unknown>);
        return { ticket, next, diff, action, by, derived };
      });
      const changed = plans.filter((p) => p.diff.changed);
      // A derived patch's assignee and order, and every order against the ticket's shop.
      await checkReferences(
        tx,
        changed.flatMap((p) =>
          p.derived || p.next.orderId || p.next.orderItemId
            ? [
                {
                  assigneeId: p.derived ? p.next.assigneeId : undefined,
                  orderId: p.next.orderItemId ? (p.next.orderId ?? p.ticket.orderId) : p.next.orderId,
                  orderItemId: p.next.orderItemId,
                  shopId: p.next.orderId ? p.ticket.shopId : undefined,
                },
              ]
            : [],
        ),
      );
      const updated = new Map(
        setHeld(
          held,
          changed.map((p) => ({ id: p.ticket.id, set: { ...p.next, updatedAt: now } })),
        ).map((t) => [t.id, t]),
      );
      await audit(
        tx,
        actor,
        changed.map(({ ticket, diff, action, by }) => ({
          ...(by ? { actor: by } : {}),
          entityType: 'ticket',
          entityId: ticket.id,
          action:
            action ??
            (Object.keys(diff.after).length === 1 && 'assigneeId' in diff.after ? 'assigned' : 'updated'),
          before: diff.before,
          after: diff.after,
        })),
        now,
      );
      const edits = changed.map((p) => ({ ticket: updated.get(p.ticket.id)!, before: p.ticket }));
      const latest = emptyLatest();
      if (edits.length) {
        const ctx = stepContext(tx, actor, held);
        for (const step of steps) remember(latest, await step.afterUpdate?.(ctx, refresh(edits, latest)));
      }
      await finish(tx, held);
      const after = new Map(refresh(edits, latest).map((e) => [e.ticket.id, e.ticket]));
      return plans.map((p) => current(held, after.get(p.ticket.id) ?? p.ticket));
    });
  }

  /** A step's derived fields (see CaseWriter.setFields). */
  const setFields: CaseWriter['setFields'] = async (actor, list) => {
    if (!list.length) return [];
    if (!run) return repo.updateTickets(scopeOf(actor), list);
    // In a pipeline run: held tickets change in the run (written at its end), others now.
    const inRun = list.filter((e) => run.rows.has(e.id));
    const others = list.filter((e) => !run.rows.has(e.id));
    const written = others.length ? await repo.updateTickets(scopeOf(actor), others) : [];
    hold(run, written);
    return [...setHeld(run, inRun), ...written];
  };
  const setMessageFields: CaseWriter['setMessageFields'] = async (actor, list) =>
    list.length ? repo.updateMessages(scopeOf(actor), list) : [];

  return {
    async create(actor: Actor, input: CreateTicketInput) {
      return (await createMany(actor, [input]))[0]!;
    },

    /** Creates several tickets in one transaction (the inbox worker's batch): a few statements in all. */
    createMany,

    list: (
      actor: Actor,
      filter: repo.TicketFilter,
      sort: repo.TicketSort,
      limit: number,
      cursor: repo.Cursor | null,
    ) => repo.listTickets(scopeOf(actor), filter, sort, limit, cursor),

    count: (actor: Actor, filter: repo.TicketFilter) => repo.countTickets(scopeOf(actor), filter),

    async get(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const ticket = await mustFind(scope, id);
      const [shop, customer, order, assigneeName] = await Promise.all([
        ticket.shopId ? findShop(scope, ticket.shopId) : undefined,
        ticket.customerId ? catalog.findCustomer(scope, ticket.customerId) : undefined,
        ticket.orderId ? catalog.findOrder(scope, ticket.orderId) : undefined,
        ticket.assigneeId ? repo.findUserName(scope, ticket.assigneeId) : undefined,
      ]);
      const items = order ? await catalog.listOrderItems(scope, order.id) : [];
      return { ticket, shop, customer, order, items, assigneeName: assigneeName ?? null };
    },

    async messages(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      await mustFind(scope, id);
      return repo.listMessages(scope, id);
    },

    /** A reply the agent sent in the platform's back office (no API for it): sent by hand, audited. */
    async markSentByHand(actor: Actor, id: string, messageId: string) {
      return scopeOf(actor).transaction((tx) => markMessageSentByHand(tx, actor, id, messageId, clock.now()));
    },

    async addMessage(actor: Actor, id: string, msg: NewMessage) {
      return (await addMessages(actor, [{ id, msg }]))[0]!;
    },

    /** One message on each of several tickets, in one transaction. */
    addMessages,

    async changeStatus(actor: Actor, id: string, cmd: StatusCommand) {
      return (await changeStatuses(actor, [{ id, cmd }]))[0]!;
    },

    /** One status command on each of several tickets, in one transaction. */
    changeStatuses,

    setFields,
    setMessageFields,

    async update(actor: Actor, id: string, patch: TicketPatch) {
      return (await updateMany(actor, [{ id, patch }]))[0]!;
    },

    /** Edits to several tickets in one transaction (the SLA escalations, the blocklist tag). */
    updateMany,

    /**
     * The same operations as one pipeline run on a transaction already open (the inbox worker's batch
     * of one tenant): each ticket they change is written once, by `done` — call it before anything
     * outside these operations reads or writes those tickets.
     */
    inOneRun(tx: TenantScope) {
      const held = holdNone();
      return {
        tickets: createTicketService({ db: tx.db, clock, steps, secretBox, reserveNumbers, held }),
        done: () => flush(tx, held),
      };
    },

    /** The same operations on a transaction already open (a worker's or another service's). */
    within: (tx: TenantScope) => createTicketService({ db: tx.db, clock, steps, secretBox, reserveNumbers }),

    async audit(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      await mustFind(scope, id);
      return listAudit(scope, 'ticket', id);
    },
  };
}
