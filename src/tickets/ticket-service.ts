import { type AuditEntry, diffFields, listAudit, recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { type messages, tickets } from '../db/schema/tickets.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secret-box.js';
import { findShop, findShops } from '../shops/shop-repo.js';
import * as catalog from './catalog-repo.js';
import { changeStatus, type StatusCommand, statusAfterMessage, type TicketState } from './ticket.js';
import * as repo from './ticket-repo.js';
import type { MessageDirection, Severity, TicketChannel, TicketKind } from './ticket-types.js';

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
};

export type NewMessage = {
  direction: MessageDirection;
  body: string;
  attachments?: Attachment[] | undefined;
  externalId?: string | undefined;
  authorName?: string | undefined;
  /** An automatic message (acknowledgement): no human first response, no status change. */
  automatic?: boolean | undefined;
};

export type CreatedTicket = { ticket: repo.TicketRow; first: repo.MessageRow | null };
export type WrittenMessage = { ticket: repo.TicketRow; message: repo.MessageRow; automatic: boolean };
export type StatusMove = { ticket: repo.TicketRow; from: string };

/**
 * Other domains (triage, SLA, outbox) plug in here; each runs inside the transaction that
 * changed the tickets and may write fields on them. Creations, messages and status moves come
 * as lists (one ticket at most once per call) so a batch of webhook events costs a few
 * statements, not a few per event.
 */
export type TicketHooks = {
  afterCreate?(scope: TenantScope, created: CreatedTicket[]): Promise<void>;
  afterMessage?(scope: TenantScope, written: WrittenMessage[]): Promise<void>;
  afterStatus?(scope: TenantScope, moved: StatusMove[]): Promise<void>;
  /** After an edit (subject, classification, assignee…), with the row as it was before. */
  afterUpdate?(scope: TenantScope, ticket: repo.TicketRow, before: repo.TicketRow): Promise<void>;
};

/** Several acts in one call may each have their own author (the platform a batch event came from). */
type By = { by?: Actor | undefined };
/**
 * reread: false — the caller needs no more than status and ids back, so skip reading rows the hooks wrote.
 * numbers — where createMany takes its ticket numbers (default: the tenant counter, locked until commit).
 */
export type BatchOptions = { reread?: boolean; numbers?: (count: number) => Promise<number> };

export type TicketServiceDeps = {
  db: Db;
  clock: Clock;
  hooks?: TicketHooks[];
  /** Seals full contact details; without it only the masked form is kept. */
  secretBox?: SecretBox;
};

const stateOf = (t: repo.TicketRow): TicketState => ({
  status: t.status,
  rootCause: t.rootCause,
  resolution: t.resolution,
  closedAt: t.closedAt,
  reopenCount: t.reopenCount,
});

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

export type TicketService = ReturnType<typeof createTicketService>;

export function createTicketService({ db, clock, hooks = [], secretBox }: TicketServiceDeps) {
  const seal = (value: string | undefined) => (value && secretBox ? secretBox.seal(value) : null);
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFind(scope: TenantScope, id: string) {
    const ticket = await repo.findTicket(scope, id);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${id} not found`);
    return ticket;
  }

  async function mustLock(scope: TenantScope, id: string) {
    const ticket = await repo.lockTicket(scope, id);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${id} not found`);
    return ticket;
  }

  async function checkReferences(
    scope: TenantScope,
    refs: {
      shopId?: string | null | undefined;
      customerId?: string | null | undefined;
      orderId?: string | null | undefined;
      assigneeId?: string | null | undefined;
    },
  ) {
    await checkReferencesOf(scope, [refs]);
  }

  /** Every shop, customer, order and assignee named exists in the tenant: one query per kind. */
  async function checkReferencesOf(
    scope: TenantScope,
    list: {
      shopId?: string | null | undefined;
      customerId?: string | null | undefined;
      orderId?: string | null | undefined;
      assigneeId?: string | null | undefined;
    }[],
  ) {
    const distinct = (key: 'shopId' | 'customerId' | 'orderId' | 'assigneeId') => [
      ...new Set(list.flatMap((r) => (r[key] ? [r[key]] : []))),
    ];
    const shopIds = distinct('shopId');
    if (shopIds.length) {
      const found = new Set((await findShops(scope, shopIds)).map((s) => s.id));
      const missing = shopIds.find((id) => !found.has(id));
      if (missing) throw new AppError('SHOP_NOT_FOUND', `shop ${missing} not found`);
    }
    const customerIds = distinct('customerId');
    if (customerIds.length) {
      const found = new Set((await catalog.findCustomers(scope, customerIds)).map((c) => c.id));
      const missing = customerIds.find((id) => !found.has(id));
      if (missing) throw new AppError('CUSTOMER_NOT_FOUND', `customer ${missing} not found`);
    }
    const orderIds = distinct('orderId');
    if (orderIds.length) {
      const orders = new Map((await catalog.findOrders(scope, orderIds)).map((o) => [o.id, o]));
      for (const refs of list) {
        if (!refs.orderId) continue;
        const order = orders.get(refs.orderId);
        if (!order) throw new AppError('ORDER_NOT_FOUND', `order ${refs.orderId} not found`);
        if (refs.shopId && order.shopId !== refs.shopId) {
          throw new AppError('VALIDATION_FAILED', 'the order belongs to another shop than the ticket');
        }
      }
    }
    for (const id of distinct('assigneeId')) {
      if (!(await repo.findUserName(scope, id))) throw new AppError('USER_NOT_FOUND', `user ${id} not found`);
    }
  }

  /** Inserts messages (any tickets), naming a buyer's message after the buyer when the caller gave no name. */
  async function writeMessages(
    scope: TenantScope,
    actor: Actor,
    list: { ticket: repo.TicketRow; msg: NewMessage; by?: Actor | undefined }[],
    now: Date,
  ): Promise<repo.MessageRow[]> {
    if (!list.length) return [];
    const unnamed = [
      ...new Set(
        list.flatMap(({ ticket, msg }) =>
          msg.direction === 'inbound' && !msg.authorName && ticket.customerId ? [ticket.customerId] : [],
        ),
      ),
    ];
    const names = new Map(
      (unnamed.length ? await catalog.findCustomers(scope, unnamed) : []).map((c) => [c.id, c.name]),
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
    const stored = new Map((await repo.insertMessages(scope, rows)).map((m) => [m.id, m]));
    return rows.map((r) => stored.get(r.id)!);
  }

  /** Locks the tickets (in id order, so two batches never deadlock) and returns them by id. */
  async function mustLockAll(scope: TenantScope, ids: string[]) {
    if (new Set(ids).size !== ids.length) throw new Error('a ticket appears twice in one batch');
    const rows = new Map((await repo.lockTickets(scope, ids)).map((t) => [t.id, t]));
    for (const id of ids) {
      if (!rows.has(id)) throw new AppError('TICKET_NOT_FOUND', `ticket ${id} not found`);
    }
    return rows;
  }

  /** The tickets as stored after the hooks (which may have written them), in the order of `ids`. */
  async function reread(
    scope: TenantScope,
    ids: string[],
    fallback: Map<string, repo.TicketRow>,
    options: BatchOptions,
  ) {
    if (!hooks.length || options.reread === false) return ids.map((id) => fallback.get(id)!);
    const rows = new Map((await repo.findTickets(scope, ids)).map((t) => [t.id, t]));
    return ids.map((id) => rows.get(id) ?? fallback.get(id)!);
  }

  async function createMany(actor: Actor, inputs: (CreateTicketInput & By)[], options: BatchOptions = {}) {
    if (!inputs.length) return [];
    const scope = scopeOf(actor);
    await checkReferencesOf(scope, inputs);
    const now = clock.now();
    return scope.transaction(async (tx) => {
      const newCustomers = inputs.map((input) =>
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
      const customerRows = newCustomers.flatMap((c) => (c ? [c] : []));
      if (customerRows.length) await catalog.insertCustomers(tx, customerRows);
      const firstNumber = await (options.numbers ?? ((n: number) => repo.reserveTicketNumbers(tx, n)))(
        inputs.length,
      );
      const inserted = await repo.insertTickets(
        tx,
        inputs.map((input, i) => {
          const categories = [...new Set(input.categories ?? [])];
          return {
            id: newId(),
            number: firstNumber + i,
            kind: input.kind,
            channel: input.channel,
            subject: input.subject,
            severity: input.severity ?? 'normal',
            categories,
            category: categories[0] ?? null,
            tags: [...new Set(input.tags ?? [])],
            shopId: input.shopId ?? null,
            customerId: input.customerId ?? newCustomers[i]?.id ?? null,
            orderId: input.orderId ?? null,
            assigneeId: input.assigneeId ?? null,
            externalRef: input.externalRef ?? null,
            lastInboundAt: input.body ? now : null,
            createdAt: now,
            updatedAt: now,
          };
        }),
      );
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
      await recordAudit(
        tx,
        actor,
        created.map((ticket, i) => ({
          ...(inputs[i]!.by ? { actor: inputs[i]!.by } : {}),
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
        })),
        now,
      );
      const items = created.map((ticket) => ({ ticket, first: firsts.get(ticket.id) ?? null }));
      for (const hook of hooks) await hook.afterCreate?.(tx, items);
      return reread(
        tx,
        created.map((t) => t.id),
        new Map(created.map((t) => [t.id, t])),
        options,
      );
    });
  }

  async function addMessages(
    actor: Actor,
    list: ({ id: string; msg: NewMessage } & By)[],
    options: BatchOptions = {},
  ) {
    if (!list.length) return [];
    const scope = scopeOf(actor);
    const now = clock.now();
    return scope.transaction(async (tx) => {
      const locked = await mustLockAll(
        tx,
        list.map((m) => m.id),
      );
      const written = await writeMessages(
        tx,
        actor,
        list.map(({ id, msg, by }) => ({ ticket: locked.get(id)!, msg, by })),
        now,
      );
      const audits: AuditEntry[] = [];
      const plans = list.map(({ id, msg, by }, i) => {
        const ticket = locked.get(id)!;
        const who = by ? { actor: by } : {};
        const message = written[i]!;
        const change = msg.automatic ? null : statusAfterMessage(stateOf(ticket), msg.direction);
        const set: Partial<repo.TicketRow> = { updatedAt: now, ...(change?.next ?? {}) };
        if (msg.direction === 'inbound') set.lastInboundAt = now;
        if (msg.direction === 'outbound') {
          set.lastOutboundAt = now;
          if (!ticket.firstRespondedAt && !msg.automatic) set.firstRespondedAt = now;
        }
        audits.push({
          ...who,
          entityType: 'ticket',
          entityId: id,
          action: `message_${msg.direction}`,
          after: { messageId: message.id },
        });
        if (change) {
          audits.push({
            ...who,
            entityType: 'ticket',
            entityId: id,
            action: change.event,
            before: { status: ticket.status },
            after: { status: change.next.status },
          });
        }
        return { id, set, before: ticket, message, change, automatic: msg.automatic === true };
      });
      const updated = new Map(
        (
          await tx.updateEach(
            tickets,
            plans.map((p) => ({ id: p.id, set: p.set })),
          )
        ).map((t) => [t.id, t as repo.TicketRow]),
      );
      await recordAudit(tx, actor, audits, now);
      const messageItems = plans.map((p) => ({
        ticket: updated.get(p.id)!,
        message: p.message,
        automatic: p.automatic,
      }));
      const moves = plans.flatMap((p) =>
        p.change ? [{ ticket: updated.get(p.id)!, from: p.before.status as string }] : [],
      );
      for (const hook of hooks) {
        await hook.afterMessage?.(tx, messageItems);
        if (moves.length) await hook.afterStatus?.(tx, moves);
      }
      // Hooks (SLA due times, triage, the outbox) may have written the rows: answer with what is stored.
      const ids = plans.map((p) => p.id);
      const current = await reread(tx, ids, updated, options);
      const stored =
        hooks.length && options.reread !== false
          ? new Map(
              (
                await repo.findMessages(
                  tx,
                  written.map((m) => m.id),
                )
              ).map((m) => [m.id, m]),
            )
          : new Map<string, repo.MessageRow>();
      return plans.map((p, i) => ({ message: stored.get(p.message.id) ?? p.message, ticket: current[i]! }));
    });
  }

  async function changeStatuses(
    actor: Actor,
    list: ({ id: string; cmd: StatusCommand } & By)[],
    options: BatchOptions = {},
  ) {
    if (!list.length) return [];
    const scope = scopeOf(actor);
    const now = clock.now();
    return scope.transaction(async (tx) => {
      const locked = await mustLockAll(
        tx,
        list.map((m) => m.id),
      );
      const plans = list.map(({ id, cmd, by }) => {
        const ticket = locked.get(id)!;
        return { id, by, before: ticket, ...changeStatus(stateOf(ticket), cmd, now) };
      });
      const updated = new Map(
        (
          await tx.updateEach(
            tickets,
            plans.map((p) => ({ id: p.id, set: { ...p.next, updatedAt: now } })),
          )
        ).map((t) => [t.id, t as repo.TicketRow]),
      );
      await recordAudit(
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
      for (const hook of hooks) await hook.afterStatus?.(tx, moves);
      return reread(
        tx,
        plans.map((p) => p.id),
        updated,
        options,
      );
    });
  }

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

    async update(actor: Actor, id: string, patch: TicketPatch) {
      const scope = scopeOf(actor);
      await checkReferences(scope, { assigneeId: patch.assigneeId, orderId: patch.orderId });
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const ticket = await mustLock(tx, id);
        if (patch.orderId) await checkReferences(tx, { orderId: patch.orderId, shopId: ticket.shopId });
        const next: Partial<repo.TicketRow> = {
          ...(patch.subject !== undefined ? { subject: patch.subject } : {}),
          ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
          ...(patch.severity !== undefined ? { severity: patch.severity } : {}),
          ...(patch.categories !== undefined
            ? { categories: [...new Set(patch.categories)], category: patch.categories[0] ?? null }
            : {}),
          ...(patch.tags !== undefined ? { tags: [...new Set(patch.tags)] } : {}),
          ...(patch.assigneeId !== undefined ? { assigneeId: patch.assigneeId } : {}),
          ...(patch.orderId !== undefined ? { orderId: patch.orderId } : {}),
        };
        const diff = diffFields(ticket as Record<string, unknown>, next as Record<string, unknown>);
        if (!diff.changed) return ticket;
        const updated = await repo.updateTicket(tx, id, { ...next, updatedAt: now });
        const action =
          Object.keys(diff.after).length === 1 && 'assigneeId' in diff.after ? 'assigned' : 'updated';
        await recordAudit(
          tx,
          actor,
          [{ entityType: 'ticket', entityId: id, action, before: diff.before, after: diff.after }],
          now,
        );
        for (const hook of hooks) await hook.afterUpdate?.(tx, updated, ticket);
        return hooks.length ? ((await repo.findTicket(tx, id)) ?? updated) : updated;
      });
    },

    async audit(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      await mustFind(scope, id);
      return listAudit(scope, 'ticket', id);
    },

    // Catalog: customers, products with SKUs, orders with items.
    async createCustomer(
      actor: Actor,
      input: {
        name: string;
        shopId?: string | undefined;
        externalId?: string | undefined;
        phone?: string | undefined;
        email?: string | undefined;
        locale?: string | undefined;
      },
    ) {
      const scope = scopeOf(actor);
      await checkReferences(scope, { shopId: input.shopId });
      const now = clock.now();
      return catalog.insertCustomer(scope, {
        id: newId(),
        shopId: input.shopId ?? null,
        externalId: input.externalId ?? null,
        name: input.name,
        phoneMasked: input.phone ? maskPhone(input.phone) : null,
        phoneSealed: seal(input.phone),
        email: input.email ?? null,
        locale: input.locale ?? 'zh-CN',
        createdAt: now,
        updatedAt: now,
      });
    },

    /** The full contact details, for a role that needs them to call or ship; every look is audited. */
    async revealCustomerContact(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const customer = await catalog.findCustomer(scope, id);
      if (!customer) throw new AppError('CUSTOMER_NOT_FOUND', `customer ${id} not found`);
      const open = (sealed: string | null) => (sealed && secretBox ? secretBox.open(sealed) : null);
      await recordAudit(
        scope,
        actor,
        [{ entityType: 'customer', entityId: id, action: 'contact_revealed' }],
        clock.now(),
      );
      return { phone: open(customer.phoneSealed), address: open(customer.addressSealed) };
    },

    searchCustomers: (actor: Actor, q: string | undefined, limit: number) =>
      catalog.searchCustomers(scopeOf(actor), q, limit),

    async getCustomer(actor: Actor, id: string) {
      const customer = await catalog.findCustomer(scopeOf(actor), id);
      if (!customer) throw new AppError('CUSTOMER_NOT_FOUND', `customer ${id} not found`);
      return customer;
    },

    async createProduct(
      actor: Actor,
      input: {
        name: string;
        shopId?: string | undefined;
        externalId?: string | undefined;
        category?: string | undefined;
        supplier?: string | undefined;
        skus: { code: string; name: string; priceFen?: number | undefined; supplier?: string | undefined }[];
      },
    ) {
      const scope = scopeOf(actor);
      await checkReferences(scope, { shopId: input.shopId });
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const product = await catalog.insertProduct(tx, {
          id: newId(),
          shopId: input.shopId ?? null,
          externalId: input.externalId ?? null,
          name: input.name,
          category: input.category ?? null,
          supplier: input.supplier ?? null,
          createdAt: now,
        });
        const skus = await catalog.insertSkus(
          tx,
          input.skus.map((s) => ({
            id: newId(),
            productId: product.id,
            code: s.code,
            name: s.name,
            priceFen: s.priceFen ?? null,
            supplier: s.supplier ?? null,
            createdAt: now,
          })),
        );
        return { product, skus };
      });
    },

    async listProducts(actor: Actor, limit: number) {
      const scope = scopeOf(actor);
      const products = await catalog.listProducts(scope, limit);
      const skus = await catalog.listSkus(
        scope,
        products.map((p) => p.id),
      );
      return products.map((product) => ({ product, skus: skus.filter((s) => s.productId === product.id) }));
    },

    async createOrder(
      actor: Actor,
      input: {
        shopId: string;
        externalId: string;
        customerId?: string | undefined;
        status?: string | undefined;
        currency?: string | undefined;
        paidAt?: Date | undefined;
        shippedAt?: Date | undefined;
        deliveredAt?: Date | undefined;
        carrier?: string | undefined;
        trackingNo?: string | undefined;
        items: {
          skuId?: string | undefined;
          name: string;
          quantity: number;
          unitPriceFen: number;
          paidFen?: number | undefined;
          batch?: string | undefined;
          supplier?: string | undefined;
        }[];
      },
    ) {
      const scope = scopeOf(actor);
      await checkReferences(scope, { shopId: input.shopId, customerId: input.customerId });
      const skuIds = input.items.flatMap((i) => (i.skuId ? [i.skuId] : []));
      const skus = await catalog.findSkus(scope, skuIds);
      for (const id of skuIds) {
        if (!skus.some((s) => s.id === id)) throw new AppError('PRODUCT_NOT_FOUND', `sku ${id} not found`);
      }
      if (await catalog.findOrderByExternalId(scope, input.shopId, input.externalId)) {
        throw new AppError('CONFLICT', `order ${input.externalId} already exists in this shop`);
      }
      const now = clock.now();
      const items = input.items.map((i) => {
        const sku = i.skuId ? skus.find((s) => s.id === i.skuId) : undefined;
        return {
          id: newId(),
          productId: sku?.productId ?? null,
          skuId: i.skuId ?? null,
          name: i.name,
          quantity: i.quantity,
          unitPriceFen: i.unitPriceFen,
          paidFen: i.paidFen ?? i.unitPriceFen * i.quantity,
          batch: i.batch ?? null,
          supplier: i.supplier ?? sku?.supplier ?? null,
        };
      });
      return scope.transaction(async (tx) => {
        const order = await catalog.insertOrder(tx, {
          id: newId(),
          shopId: input.shopId,
          customerId: input.customerId ?? null,
          externalId: input.externalId,
          status: input.status ?? 'paid',
          totalFen: items.reduce((sum, i) => sum + i.paidFen, 0),
          currency: input.currency ?? 'CNY',
          paidAt: input.paidAt ?? null,
          shippedAt: input.shippedAt ?? null,
          deliveredAt: input.deliveredAt ?? null,
          carrier: input.carrier ?? null,
          trackingNo: input.trackingNo ?? null,
          createdAt: now,
        });
        const rows = await catalog.insertOrderItems(
          tx,
          items.map((i) => ({ ...i, orderId: order.id })),
        );
        return { order, items: rows };
      });
    },

    async getOrder(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const order = await catalog.findOrder(scope, id);
      if (!order) throw new AppError('ORDER_NOT_FOUND', `order ${id} not found`);
      return { order, items: await catalog.listOrderItems(scope, id) };
    },

    listOrders: (actor: Actor, customerId: string | undefined, limit: number) =>
      catalog.listOrders(scopeOf(actor), customerId, limit),
  };
}
