import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorResponses } from '../http/schemas.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { filterOf, ListQuery } from '../tickets/ticket-routes.js';
import { TicketView, toTicketView } from '../tickets/ticket-views.js';
import type { SearchCursor } from './search-repo.js';
import type { SearchService } from './search-service.js';

const SearchQuery = ListQuery.omit({ sort: true, q: true }).extend({
  q: z
    .string()
    .max(1000, 'at most 1,000 characters')
    .refine((s) => s.trim().length > 0, 'type something to search for'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const Range = z.tuple([z.number().int(), z.number().int()]);

const SearchItem = TicketView.extend({
  search: z.object({
    rank: z.number(),
    messageId: z.uuid().nullable(),
    /** Plain text; highlights are [start, end) UTF-16 offsets into it, for the client to mark. */
    snippet: z.string(),
    highlights: z.array(Range),
    subjectHighlights: z.array(Range),
  }),
});

const isCursor = (v: unknown): v is SearchCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as SearchCursor).r === 'number' &&
  Number.isFinite((v as SearchCursor).r) &&
  typeof (v as SearchCursor).id === 'string' &&
  UUID_PATTERN.test((v as SearchCursor).id);

export const searchRoutes: FastifyPluginAsyncZod<{ search: SearchService }> = async (app, { search }) => {
  app.get(
    '/search',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['search'],
        summary:
          'Full-text search of subjects and messages (Chinese and English), with the inbox filters; best match first',
        querystring: SearchQuery,
        response: {
          200: z.object({
            items: z.array(SearchItem),
            /** The words searched for, after segmentation (every one must occur). */
            terms: z.array(z.string()),
            /** Matching documents read and ranked. */
            ranked: z.number().int(),
            /** More documents matched than were ranked: narrow the search or add filters. */
            capped: z.boolean(),
            nextCursor: z.string().nullable(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { q, limit, cursor } = req.query;
      const result = await search.search(
        actor,
        q,
        filterOf(actor, { ...req.query, sort: 'due' }),
        limit,
        decodeCursor(cursor, isCursor),
      );
      return {
        items: result.items.map((r) => ({
          ...toTicketView(r.ticket),
          search: {
            rank: r.rank,
            messageId: r.messageId,
            snippet: r.snippet.text,
            highlights: r.snippet.highlights,
            subjectHighlights: r.subjectHighlights,
          },
        })),
        terms: result.terms,
        ranked: result.ranked,
        capped: result.capped,
        nextCursor: result.nextCursor ? encodeCursor(result.nextCursor) : null,
      };
    },
  );
};
