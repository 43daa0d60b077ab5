import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { TicketService } from '../tickets/ticket-service.js';
import * as repo from './coaching-repo.js';
import { scoreCase, weekOf } from './score.js';

export type CoachingService = ReturnType<typeof createCoachingService>;

const MAX_CASES = 5000;
const avg = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;

/** A case's facts with its score. */
const scored = (c: repo.ClosedCase) => ({
  ...c,
  ...scoreCase({
    ...c,
    playbook: c.playbookTotal === null ? null : { done: c.playbookDone ?? 0, total: c.playbookTotal },
  }),
});

// A stable pseudo-random order per period: the same sample on every look, a new one each period.
function sampleOf<T extends { ticketId: string }>(items: T[], seed: string, size: number): T[] {
  const key = (id: string) => {
    let h = 2166136261;
    for (const ch of `${seed}|${id}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return h >>> 0;
  };
  return [...items].sort((a, b) => key(a.ticketId) - key(b.ticketId)).slice(0, size);
}

/**
 * Coaching: each agent's closed cases scored (response time, reply checks, playbook, outcome,
 * satisfaction), a sample per agent for supervisors to review, note and mark as examples, scorecards
 * over time, and a training mode in which an agent's replies wait for a supervisor's approval.
 */
export function createCoachingService({
  db,
  clock,
  tickets,
}: {
  db: Db;
  clock: Clock;
  tickets: TicketService;
}) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustBeUser(actor: Actor, userId: string) {
    const user = await repo.findUser(scopeOf(actor), userId);
    if (!user) throw new AppError('USER_NOT_FOUND', `user ${userId} not found`);
    return user;
  }

  return {
    async scorecards(actor: Actor, from: Date, to: Date) {
      const scope = scopeOf(actor);
      const [cases, users, training, reviews] = await Promise.all([
        repo.closedCases(scope, { from, to }, MAX_CASES),
        repo.listUsers(scope),
        repo.trainees(scope),
        repo.reviewCounts(scope),
      ]);
      const inTraining = new Set(training.map((t) => t.userId));
      const reviewed = new Map(reviews.map((r) => [r.agent_id, r]));
      const all = cases.map(scored);
      return users.map((u) => {
        const mine = all.filter((c) => c.agentId === u.id);
        const replies = mine.reduce((s, c) => s + c.replies, 0);
        const findings = mine.reduce((s, c) => s + c.findings, 0);
        const responded = mine.filter((c) => c.parts.response !== null);
        return {
          agentId: u.id,
          name: u.name,
          role: u.role,
          training: inTraining.has(u.id),
          cases: mine.length,
          score: avg(mine.map((c) => c.total)),
          onTimeShare: responded.length
            ? Math.round((100 * responded.filter((c) => c.parts.response === 100).length) / responded.length)
            : null,
          findingsPer100Replies: replies ? Math.round((1000 * findings) / replies) / 10 : null,
          reopened: mine.filter((c) => c.reopened).length,
          csat: avg(mine.flatMap((c) => (c.csat === null ? [] : [c.csat]))),
          reviewed: Number(reviewed.get(u.id)?.reviewed ?? 0),
          examples: Number(reviewed.get(u.id)?.examples ?? 0),
        };
      });
    },

    /** One agent's week-by-week score and case count. */
    async trend(actor: Actor, agentId: string, from: Date, to: Date) {
      await mustBeUser(actor, agentId);
      const cases = (await repo.closedCases(scopeOf(actor), { from, to, agentId }, MAX_CASES)).map(scored);
      const weeks = new Map<string, number[]>();
      for (const c of cases)
        weeks.set(weekOf(c.closedAt), [...(weeks.get(weekOf(c.closedAt)) ?? []), c.total]);
      return [...weeks.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([week, totals]) => ({ week, cases: totals.length, score: avg(totals)! }));
    },

    /** A sample of an agent's closed cases in the period, scored, with any review. */
    async sample(actor: Actor, agentId: string, from: Date, to: Date, size: number) {
      await mustBeUser(actor, agentId);
      const scope = scopeOf(actor);
      const cases = (await repo.closedCases(scope, { from, to, agentId }, MAX_CASES)).map(scored);
      const picked = sampleOf(cases, `${from.toISOString()}|${to.toISOString()}`, size);
      const reviews = new Map(
        (
          await repo.reviewsOf(
            scope,
            picked.map((c) => c.ticketId),
          )
        ).map((r) => [r.ticketId, r]),
      );
      return {
        total: cases.length,
        items: picked.map((c) => ({ ...c, review: reviews.get(c.ticketId) ?? null })),
      };
    },

    async review(
      actor: Actor,
      ticketId: string,
      input: { note: string | null; example: 'good' | 'bad' | null },
    ) {
      const scope = scopeOf(actor);
      const ticket = await repo.findTicket(scope, ticketId);
      if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
      const now = clock.now();
      const saved = await repo.upsertReview(scope, {
        ticketId,
        agentId: ticket.assigneeId,
        note: input.note,
        example: input.example,
        reviewedBy: actor.id ?? ticket.id,
        reviewedByName: actor.name,
        reviewedAt: now,
      });
      await recordAudit(
        scope,
        actor,
        [{ entityType: 'ticket', entityId: ticketId, action: 'coaching_reviewed', after: input }],
        now,
      );
      return saved;
    },

    /** Cases supervisors marked as examples, for every agent to learn from. */
    async examples(actor: Actor) {
      const scope = scopeOf(actor);
      const rows = await repo.examples(scope, 50);
      const subjects = new Map<string, { number: number; subject: string }>();
      for (const r of rows) {
        const t = await repo.findTicket(scope, r.ticketId);
        if (t) subjects.set(r.ticketId, { number: t.number, subject: t.subject });
      }
      return rows.map((r) => ({ ...r, ...(subjects.get(r.ticketId) ?? { number: 0, subject: '' }) }));
    },

    async me(actor: Actor) {
      return { training: actor.id ? await repo.isTrainee(scopeOf(actor), actor.id) : false };
    },

    async setTraining(actor: Actor, userId: string, training: boolean) {
      const user = await mustBeUser(actor, userId);
      const scope = scopeOf(actor);
      await repo.setTrainee(scope, userId, training, actor.id);
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'user',
            entityId: userId,
            action: training ? 'training_on' : 'training_off',
            after: { training },
          },
        ],
        clock.now(),
      );
      return { userId: user.id, training };
    },

    /** A trainee's reply, held for a supervisor (nothing reaches the buyer yet). */
    async submit(actor: Actor, ticketId: string, body: string) {
      const scope = scopeOf(actor);
      const ticket = await repo.findTicket(scope, ticketId);
      if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
      if (!actor.id || actor.type !== 'user')
        throw new AppError('FORBIDDEN', 'only a person submits a reply');
      return repo.insertApproval(scope, {
        id: newId(),
        ticketId,
        agentId: actor.id,
        agentName: actor.name,
        body,
        status: 'pending',
        sentBody: null,
        messageId: null,
        decisionNote: null,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
      });
    },

    approvals(actor: Actor, status: 'pending' | 'approved' | 'rejected' | undefined, own: boolean) {
      return repo.listApprovals(scopeOf(actor), { status, agentId: own ? (actor.id ?? '') : undefined }, 200);
    },

    /**
     * Approves a held reply: it goes to the buyer through the ticket service as the trainee's message
     * (its author, for coaching and the thread) and the supervisor's approval (the transaction's
     * actor, audited as reply_approved with the approval). The reply checks run on it like on any
     * reply; a blocking finding refuses it and nothing changes.
     */
    async approve(actor: Actor, id: string, body: string | undefined, note: string | null) {
      return scopeOf(actor).transaction(async (tx) => {
        const found = await repo.findApproval(tx, id);
        if (!found) throw new AppError('APPROVAL_NOT_FOUND', `approval ${id} not found`);
        if (!(await repo.lockPending(tx, id)))
          throw new AppError('ILLEGAL_TRANSITION', `this reply was already ${found.status}`);
        const text = body?.trim() || found.body;
        const trainee: Actor = {
          tenantId: actor.tenantId,
          type: 'user',
          id: found.agentId,
          name: found.agentName,
          role: 'agent',
        };
        const [written] = await tickets
          .within(tx)
          .addMessages(actor, [
            { id: found.ticketId, by: trainee, msg: { direction: 'outbound', body: text } },
          ]);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'ticket',
              entityId: found.ticketId,
              action: 'reply_approved',
              after: {
                approvalId: id,
                messageId: written!.message.id,
                agentId: found.agentId,
                edited: text !== found.body,
              },
            },
          ],
          clock.now(),
        );
        const [row] = await repo.decideApproval(tx, id, {
          status: 'approved',
          sentBody: text,
          messageId: written!.message.id,
          decisionNote: note,
          decidedBy: actor.id,
          decidedByName: actor.name,
          decidedAt: clock.now(),
        });
        return row!;
      });
    },

    async reject(actor: Actor, id: string, note: string) {
      return scopeOf(actor).transaction(async (tx) => {
        const found = await repo.findApproval(tx, id);
        if (!found) throw new AppError('APPROVAL_NOT_FOUND', `approval ${id} not found`);
        if (!(await repo.lockPending(tx, id)))
          throw new AppError('ILLEGAL_TRANSITION', `this reply was already ${found.status}`);
        const [row] = await repo.decideApproval(tx, id, {
          status: 'rejected',
          decisionNote: note,
          decidedBy: actor.id,
          decidedByName: actor.name,
          decidedAt: clock.now(),
        });
        return row!;
      });
    },
  };
}
