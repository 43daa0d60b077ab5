import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { CaseStep, StepContext } from '../tickets/case-pipeline.js';
import { findTicket, type TicketRow } from '../tickets/ticket-repo.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { type Agreement, MIN_EXAMPLES } from './adjustment.js';
import { createAdjustmentService } from './adjustment-service.js';
import { analyze, compileTenantLexicon, type TriageResult } from './analyze.js';
import { aspectCountsSince } from './aspect-repo.js';
import { aspectTable } from './aspects.js';
import type { Matcher } from './matcher.js';
import { maskPii } from './pii.js';
import { correctionReport } from './report.js';
import { messageTriage, rollUp, ticketTriageOf } from './rollup.js';
import { createSentimentAdaptationService } from './sentiment-adaptation-service.js';
import { type Category, TRIAGE_SEVERITIES, type TriageSeverity } from './taxonomy.js';
import {
  correctionsOf,
  correctionsSince,
  deleteLexicon,
  findTicketMessage,
  insertCorrections as insertCorrectionRows,
  insertLexicon,
  lexiconByTerm,
  listLexicon,
  setTicketTriage,
} from './triage-repo.js';

export type { CorrectionRow, LexiconRow } from './triage-repo.js';

/** A tenant's compiled lexicon is reused for this long; a change on this node invalidates it at once. */
const LEXICON_TTL_MS = 30_000;

/** `retrainDelayMs`: how long after a correction the tenant's layer retrains (null: never by itself). */
export type TriageServiceDeps = { db: Db; clock: Clock; retrainDelayMs?: number | null };

export function createTriageService({ db, clock, retrainDelayMs }: TriageServiceDeps) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);
  const compiled = new Map<string, { at: number; matcher: Matcher | undefined }>();

  async function tenantMatcher(scope: TenantScope): Promise<Matcher | undefined> {
    const hit = compiled.get(scope.tenantId);
    const now = Date.now();
    if (hit && now - hit.at < LEXICON_TTL_MS) return hit.matcher;
    const rows = await listLexicon(scope);
    const matcher = compileTenantLexicon(
      rows.map((r) => ({
        term: r.term,
        category: (r.category ?? undefined) as Category | undefined,
        severity: (r.severity ?? undefined) as 'critical' | 'high' | undefined,
      })),
    );
    compiled.set(scope.tenantId, { at: now, matcher });
    return matcher;
  }

  const adjustments = createAdjustmentService({
    db,
    clock,
    matcherOf: tenantMatcher,
    ...(retrainDelayMs !== undefined ? { retrainDelayMs } : {}),
  });

  // The tenant's sentiment delta, self-trained on its own buyers' texts (sentiment-delta.ts).
  const sentimentAdaptation = createSentimentAdaptationService({ db, clock });

  async function analyzeIn(scope: TenantScope, text: string): Promise<TriageResult> {
    // One after another: in a case's transaction the scope is one client, which runs a query at a
    // time (pg deprecates queueing them); each is cached per tenant, so they seldom reach the database.
    const tenant = await tenantMatcher(scope);
    const layer = await adjustments.layerFor(scope);
    const sentimentDelta = await sentimentAdaptation.deltaFor(scope);
    return analyze(text, { tenant, layer, sentimentDelta });
  }

  /** The roll-ups of several analyses, written on the tickets: the rows come back as stored. */
  async function applyRollUps(
    ctx: StepContext,
    list: { ticket: TicketRow; result: TriageResult; messageId: string | null }[],
  ) {
    return ctx.cases.setFields(
      ctx.actor,
      list.map(({ ticket, result, messageId }) => {
        const { triage, set } = rollUp(ticket, result, messageId);
        return { id: ticket.id, set: { ...set, triage: triage as unknown as Record<string, unknown> } };
      }),
    );
  }

  async function insertCorrections(
    scope: TenantScope,
    ticketId: string,
    who: { id: string | null; name: string },
    rows: { field: 'categories' | 'severity'; autoValue: string | string[]; agentValue: string | string[] }[],
    now: Date,
  ) {
    if (!rows.length) return [];
    if (rows.some((r) => r.field === 'categories')) adjustments.schedule(scope.tenantId);
    return insertCorrectionRows(
      scope,
      rows.map((r) => ({ id: newId(), ticketId, userId: who.id, userName: who.name, createdAt: now, ...r })),
    );
  }

  /** The triage step: classifies new cases and inbound messages; records an agent's corrections. */
  const step: CaseStep = {
    name: 'triage',
    async afterCreate(ctx, created) {
      const analysed = [];
      const messageVerdicts = [];
      for (const { ticket, first } of created) {
        const inbound = first && first.direction === 'inbound' ? first : null;
        if (inbound) {
          const result = await analyzeIn(ctx.scope, inbound.body);
          messageVerdicts.push({ id: inbound.id, set: { triage: messageTriage(result) } });
        }
        // The ticket reads its subject too: "收到的杯子有裂缝" says what the case is about.
        const text = inbound ? `${ticket.subject}\n${inbound.body}` : ticket.subject;
        analysed.push({ ticket, result: await analyzeIn(ctx.scope, text), messageId: inbound?.id ?? null });
      }
      if (messageVerdicts.length) sentimentAdaptation.noteTexts(ctx.scope.tenantId);
      const messages = await ctx.cases.setMessageFields(ctx.actor, messageVerdicts);
      return { tickets: await applyRollUps(ctx, analysed), messages };
    },

    async afterMessage(ctx, written) {
      const inbound = written.filter((w) => w.message.direction === 'inbound');
      if (!inbound.length) return undefined;
      const analysed = [];
      for (const { ticket, message } of inbound) {
        analysed.push({ ticket, result: await analyzeIn(ctx.scope, message.body), messageId: message.id });
      }
      sentimentAdaptation.noteTexts(ctx.scope.tenantId);
      const messages = await ctx.cases.setMessageFields(
        ctx.actor,
        analysed.map((a) => ({ id: a.messageId, set: { triage: messageTriage(a.result) } })),
      );
      return { tickets: await applyRollUps(ctx, analysed), messages };
    },

    // An agent edited the classification: their values win from now on, and the difference from the
    // automatic verdict is recorded for the corrections report.
    async afterUpdate(ctx, edited) {
      const changed = [];
      for (const { ticket, before } of edited) {
        const triage = ticketTriageOf(ticket.triage);
        if (!triage || ctx.actor.type === 'system') continue;
        const categoriesChanged =
          ticket.categories.length !== before.categories.length ||
          ticket.categories.some((c) => !before.categories.includes(c));
        const severityChanged = ticket.severity !== before.severity;
        if (!categoriesChanged && !severityChanged) continue;
        await insertCorrections(
          ctx.scope,
          ticket.id,
          { id: ctx.actor.id, name: ctx.actor.name },
          [
            ...(categoriesChanged
              ? [
                  {
                    field: 'categories' as const,
                    autoValue: triage.auto.categories,
                    agentValue: ticket.categories,
                  },
                ]
              : []),
            ...(severityChanged
              ? [{ field: 'severity' as const, autoValue: triage.auto.severity, agentValue: ticket.severity }]
              : []),
          ],
          clock.now(),
        );
        const locked = {
          categories: triage.locked.categories || categoriesChanged,
          severity: triage.locked.severity || severityChanged,
        };
        changed.push({
          id: ticket.id,
          set: { triage: { ...triage, locked } as unknown as Record<string, unknown> },
        });
      }
      return { tickets: await ctx.cases.setFields(ctx.actor, changed) };
    },
  };

  return {
    step,
    adjustments,
    sentimentAdaptation,

    async analyzeText(actor: Actor, text: string) {
      return analyzeIn(scopeOf(actor), text);
    },

    listLexicon: (actor: Actor) => listLexicon(scopeOf(actor)),

    async addLexicon(
      actor: Actor,
      input: { term: string; category?: Category | undefined; severity?: 'critical' | 'high' | undefined },
    ) {
      const term = input.term.trim().toLowerCase();
      if (!input.category && !input.severity) {
        throw new AppError('VALIDATION_FAILED', 'a lexicon entry needs a category, a severity, or both');
      }
      const scope = scopeOf(actor);
      const existing = await lexiconByTerm(scope, term);
      if (
        existing.some(
          (e) =>
            (e.category ?? null) === (input.category ?? null) &&
            (e.severity ?? null) === (input.severity ?? null),
        )
      ) {
        throw new AppError('CONFLICT', `the term "${term}" is already in the lexicon with these settings`);
      }
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const row = await insertLexicon(tx, {
          id: newId(),
          term,
          category: input.category ?? null,
          severity: input.severity ?? null,
          createdBy: actor.id,
          createdAt: now,
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'triage_lexicon',
              entityId: row.id,
              action: 'created',
              after: { term, category: input.category ?? null, severity: input.severity ?? null },
            },
          ],
          now,
        );
        compiled.delete(actor.tenantId);
        return row;
      });
    },

    async removeLexicon(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const now = clock.now();
      await scope.transaction(async (tx) => {
        const row = await deleteLexicon(tx, id);
        if (!row) throw new AppError('NOT_FOUND', `lexicon entry ${id} not found`);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'triage_lexicon',
              entityId: id,
              action: 'deleted',
              before: { term: row.term, category: row.category, severity: row.severity },
            },
          ],
          now,
        );
      });
      compiled.delete(actor.tenantId);
    },

    /**
     * An agent corrects (or confirms) the categories and/or severity of a ticket. A change goes
     * through the ticket service (so SLA and the other hooks see it; afterUpdate above records it);
     * a confirmation of the current value is recorded here.
     */
    async correct(
      actor: Actor,
      ticketService: TicketService,
      id: string,
      input: { categories?: Category[] | undefined; severity?: TriageSeverity | undefined },
    ) {
      const scope = scopeOf(actor);
      const ticket = await findTicket(scope, id);
      if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${id} not found`);
      const triage = ticketTriageOf(ticket.triage);
      if (!triage) throw new AppError('UNPROCESSABLE', 'this ticket has no automatic triage to correct');
      const categories = input.categories ? [...new Set(input.categories)] : undefined;
      const categoriesChange =
        categories !== undefined &&
        (categories.length !== ticket.categories.length ||
          categories.some((c) => !ticket.categories.includes(c)));
      const severityChange = input.severity !== undefined && input.severity !== ticket.severity;
      if (categoriesChange || severityChange) {
        await ticketService.update(actor, id, {
          ...(categoriesChange ? { categories } : {}),
          ...(severityChange ? { severity: input.severity } : {}),
        });
      }
      const confirm = [
        ...(categories !== undefined && !categoriesChange
          ? [{ field: 'categories' as const, autoValue: triage.auto.categories, agentValue: categories }]
          : []),
        ...(input.severity !== undefined && !severityChange
          ? [{ field: 'severity' as const, autoValue: triage.auto.severity, agentValue: input.severity }]
          : []),
      ];
      if (confirm.length) {
        const now = clock.now();
        await scope.transaction(async (tx) => {
          await insertCorrections(tx, id, { id: actor.id, name: actor.name }, confirm, now);
          const current = await findTicket(tx, id);
          const t = ticketTriageOf(current?.triage);
          if (t) {
            const next = {
              ...t,
              locked: {
                categories: t.locked.categories || confirm.some((c) => c.field === 'categories'),
                severity: t.locked.severity || confirm.some((c) => c.field === 'severity'),
              },
            };
            await setTicketTriage(tx, id, next as unknown as Record<string, unknown>);
          }
        });
      }
      return (await findTicket(scope, id))!;
    },

    /** The tenant's adjustment layer as the console shows it (never the layer's weights). */
    async adjustmentStatus(actor: Actor) {
      const row = await adjustments.status(actor.tenantId);
      return {
        status: row?.status ?? ('none' as const),
        examples: row?.examples ?? 0,
        minExamples: MIN_EXAMPLES,
        before: (row?.before ?? null) as Agreement | null,
        after: (row?.after ?? null) as Agreement | null,
        trainedAt: row?.trainedAt.toISOString() ?? null,
        error: row?.error ?? null,
      };
    },

    retrainAdjustment(actor: Actor) {
      adjustments.start(actor.tenantId);
    },

    async listCorrections(actor: Actor, ticketId: string) {
      const scope = scopeOf(actor);
      if (!(await findTicket(scope, ticketId))) {
        throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
      }
      return correctionsOf(scope, ticketId);
    },

    async report(actor: Actor, days: number) {
      const since = new Date(clock.now().getTime() - days * 86_400_000);
      const rows = await correctionsSince(scopeOf(actor), since);
      const aspects = await aspectCountsSince(scopeOf(actor), since);
      return {
        since: since.toISOString(),
        days,
        ...correctionReport(rows),
        aspects: { cases: aspects.cases, counts: aspectTable(aspects.rows) },
      };
    },

    /** The unmasked body of one message, for supervisors and admins; every reveal is audited. */
    async revealMessage(actor: Actor, ticketId: string, messageId: string) {
      const scope = scopeOf(actor);
      const message = await findTicketMessage(scope, ticketId, messageId);
      if (!message) throw new AppError('MESSAGE_NOT_FOUND', `message ${messageId} not found`);
      await recordAudit(
        scope,
        actor,
        [{ entityType: 'ticket', entityId: ticketId, action: 'pii_revealed', after: { messageId } }],
        clock.now(),
      );
      return { id: message.id, body: message.body };
    },
  };
}

export type TriageService = ReturnType<typeof createTriageService>;

/** Message bodies as agents see them: PII masked (supervisors may reveal one message at a time). */
export const maskedBody = (body: string) => maskPii(body);
export const SEVERITY_VALUES = TRIAGE_SEVERITIES;
