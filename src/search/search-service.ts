import { type Actor, hasRole } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { CaseStep } from '../tickets/case-pipeline.js';
import type { TicketFilter, TicketListRow } from '../tickets/ticket-repo.js';
import { findPii, maskPii } from '../triage/pii.js';
import * as repo from './search-repo.js';
import { buildSnippet, findMatches, type Highlight, queryTerms, type Snippet } from './terms.js';

/** Most documents ranked per search: bounds the cost of a term found in a large share of all messages. */
export const DEFAULT_RANK_CAP = 2_000;

export type SearchResult = {
  ticket: TicketListRow;
  rank: number;
  /** The best-matching message, or null when only the subject matched. */
  messageId: string | null;
  snippet: Snippet;
  subjectHighlights: Highlight[];
};

/** The search step: indexes subjects and messages in the case's transaction, one statement per call. */
export const searchIndexStep: CaseStep = {
  name: 'search',
  async afterCreate({ scope }, created) {
    await repo.indexDocuments(
      scope,
      created.map((c) => c.ticket),
      created.flatMap((c) => (c.first ? [c.first] : [])),
    );
    return undefined;
  },
  async afterMessage({ scope }, written) {
    await repo.indexDocuments(
      scope,
      [],
      written.map((w) => w.message),
    );
    return undefined;
  },
  async afterUpdate({ scope }, edited) {
    for (const { ticket, before } of edited) {
      if (ticket.subject !== before.subject) await repo.indexSubject(scope, ticket);
    }
    return undefined;
  },
};

export type SearchService = ReturnType<typeof createSearchService>;

export function createSearchService({ db, rankCap = DEFAULT_RANK_CAP }: { db: Db; rankCap?: number }) {
  return {
    async search(
      actor: Actor,
      query: string,
      filter: TicketFilter,
      limit: number,
      cursor: repo.SearchCursor | null,
    ): Promise<{
      terms: string[];
      items: SearchResult[];
      ranked: number;
      capped: boolean;
      nextCursor: repo.SearchCursor | null;
    }> {
      // Whether a number belongs to a customer is itself personal data: only roles that may reveal it ask.
      if (!hasRole(actor.role, 'supervisor') && findPii(query).some((h) => h.type !== 'address')) {
        throw new AppError(
          'FORBIDDEN',
          'searching by a phone, ID, card number or e-mail needs a supervisor (the answer would tell whose it is)',
        );
      }
      const terms = queryTerms(query);
      if (!terms.length) return { terms, items: [], ranked: 0, capped: false, nextCursor: null };
      const scope = scopeTo(db, actor.tenantId);
      const { hits, ranked, capped, nextCursor } = await repo.searchTickets(
        scope,
        terms,
        filter,
        limit,
        cursor,
        rankCap,
      );
      const messageIds = hits.filter((h) => !h.subject).map((h) => h.docId);
      const [rows, bodies] = await Promise.all([
        repo.ticketRows(
          scope,
          hits.map((h) => h.ticketId),
        ),
        repo.messageBodies(scope, messageIds),
      ]);
      const ticketById = new Map(rows.map((r) => [r.id, r]));
      const bodyById = new Map(bodies.map((b) => [b.id, b.body]));
      const items: SearchResult[] = [];
      for (const hit of hits) {
        const ticket = ticketById.get(hit.ticketId);
        if (!ticket) continue; // deleted between the two reads
        const body = hit.subject ? undefined : bodyById.get(hit.docId);
        items.push({
          ticket,
          rank: hit.rank,
          messageId: body === undefined ? null : hit.docId,
          // Snippets are shown like the thread: personal data masked (triage/pii.ts).
          snippet: buildSnippet(maskPii(body ?? ticket.subject), terms),
          subjectHighlights: findMatches(ticket.subject, terms),
        });
      }
      return { terms, items, ranked, capped, nextCursor };
    },

    /** Backfill for messages written around the ticket service (bulk imports). */
    async indexMissing(tenantId: string, batch = 1000) {
      const scope = scopeTo(db, tenantId);
      let total = 0;
      for (
        let n = await repo.indexMissingMessages(scope, batch);
        n > 0;
        n = await repo.indexMissingMessages(scope, batch)
      ) {
        total += n;
      }
      return total;
    },
  };
}
