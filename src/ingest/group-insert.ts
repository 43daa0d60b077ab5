import type { Database } from '../db/client.js';
import { cleanText, cleanValue } from '../http/text-hygiene.js';
import { newId } from '../shared/ids.js';

export type InboxInsert = {
  tenantId: string;
  shopId: string;
  platform: string;
  externalEventId: string;
  eventType: string;
  /** JSON text for the jsonb column. */
  payload: string;
  receivedAt: Date;
  /** The record version (src/channels/pull.ts): a pushed and a pulled copy of one change are one event. */
  versionKey?: string | null;
};

/** The reconciler's rows: `pull:<version key>`, so a second pull of the same record is a repeat. */
export const PULLED_PREFIX = 'pull:';

type Waiter = { rows: InboxInsert[]; resolve: (inserted: number) => void; reject: (e: unknown) => void };

/**
 * Group commit for webhook inserts: requests that arrive in the same turn of the event loop, or
 * while an insert is running, are written together by the next one (one statement, one commit),
 * and each request is answered only after
 * the statement holding its rows has committed. Under light load this is one insert per request;
 * under a surge the batches grow, so the commit cost is shared. Rows are cleaned first (NUL and lone
 * surrogates, which text and jsonb refuse); if a grouped statement still fails, each request's rows
 * are written on their own, so one tenant's bad event fails only its own request.
 */
export function createGroupInserter(database: Database, maxRows = 500) {
  const queue: Waiter[] = [];
  let running = false;

  async function flush() {
    running = true;
    while (queue.length) {
      const batch: Waiter[] = [];
      let rows = 0;
      while (queue.length && (rows === 0 || rows + queue[0]!.rows.length <= maxRows)) {
        const w = queue.shift()!;
        batch.push(w);
        rows += w.rows.length;
      }
      try {
        settle(batch, await insertRows(batch.flatMap((w) => w.rows)));
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        else {
          for (const w of batch) {
            try {
              settle([w], await insertRows(w.rows));
            } catch (own) {
              w.reject(own);
            }
          }
        }
      }
    }
    running = false;
  }

  // Each stored row is credited once, to the first request that carried it: a redelivery grouped
  // into the same statement as the first delivery was not stored again.
  function settle(batch: Waiter[], keys: Set<string>) {
    for (const w of batch) {
      w.resolve(w.rows.filter((r) => keys.delete(`${r.tenantId}|${r.platform}|${r.externalEventId}`)).length);
    }
  }

  async function insertRows(rows: InboxInsert[]): Promise<Set<string>> {
    const params: unknown[] = [];
    const values = rows.map((r) => {
      params.push(
        newId(),
        r.tenantId,
        r.shopId,
        r.platform,
        r.externalEventId,
        r.eventType,
        r.payload,
        r.receivedAt.toISOString(),
        r.versionKey ?? null,
      );
      const n = params.length;
      return `($${n - 8}::uuid, $${n - 7}::uuid, $${n - 6}::uuid, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}::jsonb, $${n - 1}::timestamptz, $${n})`;
    });
    // A version already in the inbox the other way is not stored again: a pulled record whose change
    // a push brought (any row with its version), a push whose change was already pulled (its pull: row).
    const inserted = await database.query<{ tenant_id: string; platform: string; external_event_id: string }>(
      `insert into inbox_events (id, tenant_id, shop_id, platform, external_event_id, event_type, payload, received_at, next_attempt_at, version_key)
       select v.id, v.tenant_id, v.shop_id, v.platform, v.external_event_id, v.event_type, v.payload, v.received_at, v.received_at, v.version_key
       from (values ${values.join(', ')}) as v(id, tenant_id, shop_id, platform, external_event_id, event_type, payload, received_at, version_key)
       where v.version_key is null
          or (v.external_event_id like '${PULLED_PREFIX}%' and not exists (
                select 1 from inbox_events e
                where e.tenant_id = v.tenant_id and e.platform = v.platform and e.version_key = v.version_key))
          or (v.external_event_id not like '${PULLED_PREFIX}%' and not exists (
                select 1 from inbox_events e
                where e.tenant_id = v.tenant_id and e.platform = v.platform
                  and e.external_event_id = '${PULLED_PREFIX}' || v.version_key))
       on conflict do nothing returning tenant_id, platform, external_event_id`,
      params,
    );
    return new Set(inserted.map((r) => `${r.tenant_id}|${r.platform}|${r.external_event_id}`));
  }

  return {
    /** Resolves with how many of the rows were new (the others were already stored) once committed. */
    insert(rows: InboxInsert[]): Promise<number> {
      return new Promise((resolve, reject) => {
        queue.push({ rows: rows.map(cleanRow), resolve, reject });
        if (!running) {
          // The first insert waits for the requests already read in this turn of the event loop: on
          // PGlite, whose statements run on this thread, each request was otherwise a statement (and a
          // commit) of its own; on PostgreSQL a burst's first statement held one request.
          running = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}

// A JSON escape of a UTF-16 surrogate (\ud800–\udfff): jsonb refuses a lone one, so such text is re-encoded.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/** What PostgreSQL can store: ids and types without NUL or lone surrogates; jsonb text without either. */
export function cleanRow(row: InboxInsert): InboxInsert {
  const externalEventId = cleanText(row.externalEventId.replaceAll('\u0000', '\uFFFD'));
  const eventType = cleanText(row.eventType.replaceAll('\u0000', '\uFFFD'));
  let payload = row.payload;
  if (SURROGATE_ESCAPE.test(payload)) {
    try {
      payload = JSON.stringify(cleanValue(JSON.parse(payload)));
    } catch {
      // not JSON: left for the statement to refuse (this request only)
    }
  }
  if (externalEventId === row.externalEventId && eventType === row.eventType && payload === row.payload) {
    return row;
  }
  return { ...row, externalEventId, eventType, payload };
}
