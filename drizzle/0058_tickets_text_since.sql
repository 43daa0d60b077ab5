-- The earliest time of each case's search documents (src/search/search-repo.ts keeps it lower than or
-- equal to every document's "at"): a text filter on open cases reads only the weeks from the open
-- cases' earliest on (src/tickets/ticket-repo.ts textScope), as the search index is keyed by week. A
-- case without documents takes its creation time, which its first documents can only lower; a new
-- case its own (ticket-repo.ts insertTickets), so indexing its first words writes nothing more. No
-- column default: a row written with an older created_at and no text_since (a bulk load in SQL) is
-- null, which lifts the bound (safe), where a default of now() would have hidden its words.
ALTER TABLE "tickets" ADD COLUMN "text_since" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "tickets" t SET "text_since" = least(t."created_at", d.since)
FROM (SELECT "tenant_id", "ticket_id", min("at") AS since FROM "search_docs" GROUP BY "tenant_id", "ticket_id") d
WHERE d."tenant_id" = t."tenant_id" AND d."ticket_id" = t."id";--> statement-breakpoint
UPDATE "tickets" SET "text_since" = "created_at" WHERE "text_since" IS NULL;--> statement-breakpoint
CREATE INDEX "tickets_open_text_since" ON "tickets" USING btree ("tenant_id","text_since" NULLS FIRST) WHERE status <> 'closed';
