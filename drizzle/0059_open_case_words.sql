-- The words of each open case (src/search/README.md, "The open cases' words"): one row per case that
-- is not closed, holding every lexeme of its search documents, under keys of its tenant. A text
-- filter of open cases (the inbox's default) reads this index, whose size follows the open cases and
-- not the history: with search_docs alone it found every match in every week and then threw the
-- closed cases away, and one case left open a year ago made it read the whole year. Kept by the
-- triggers below from search_docs and tickets.status, so every path that writes them (the ticket
-- service, imports, privacy erasure, SQL) keeps it right. pg_dump creates triggers after the data,
-- so a restore copies the rows as they were.
CREATE TABLE "open_case_words" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"words" "tsvector" NOT NULL,
	CONSTRAINT "open_case_words_tenant_id_ticket_id_pk" PRIMARY KEY("tenant_id","ticket_id")
);
--> statement-breakpoint
-- tickets.text_since (migration 0058) bounded the weeks read by the open cases' earliest document:
-- one case left open a year ago made it read the whole year. open_case_words replaces it.
DROP INDEX "tickets_open_text_since";--> statement-breakpoint
ALTER TABLE "tickets" DROP COLUMN "text_since";--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_case_tsv(tenant uuid, tsv tsvector) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$ DECLARE k text := left(md5(tenant::text), 8) || 'c.';
BEGIN
  IF length(tsv) = 0 THEN RETURN tsv; END IF;
  RETURN array_to_tsvector(string_to_array(k || array_to_string(tsvector_to_array(tsv), chr(1) || k), chr(1)));
END $$;
--> statement-breakpoint
-- Every lexeme of the terms (as plainto_tsquery('simple', terms) reads them) under the tenant's key,
-- ANDed; lexemes are quoted, never parsed as tsquery syntax.
CREATE OR REPLACE FUNCTION search_case_query(tenant uuid, terms text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ select coalesce(string_agg('''' || replace(replace(left(md5(tenant::text), 8) || 'c.' || l, '\', '\\'), '''', '\''') || '''', ' & '), '')::tsquery
  from unnest(tsvector_to_array(to_tsvector('simple', terms))) l $$;
--> statement-breakpoint
-- Every open case's words, before its index is built (one bulk build, not one insert a row).
INSERT INTO open_case_words (tenant_id, ticket_id, words)
SELECT d.tenant_id, d.ticket_id, array_to_tsvector(array_agg(DISTINCT l))
  FROM search_docs d
  JOIN tickets t ON t.tenant_id = d.tenant_id AND t.id = d.ticket_id AND t.status <> 'closed'
  CROSS JOIN LATERAL unnest(tsvector_to_array(d.tsv)) l
 GROUP BY d.tenant_id, d.ticket_id;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "open_case_words_tsv" ON "open_case_words" USING gin (search_case_tsv("tenant_id", "words"));
--> statement-breakpoint
-- Many short searches; no parallel scans (as search_docs, migration 0056). Vacuumed at 2% of its rows
-- changed (20% by default): each message rewrites its case's row and each closing deletes one, and
-- until a vacuum the index still returns the dead rows (at 3M messages with 20,000 open cases, 物流 慢
-- read 7,346 pages for 524 open matches, 178 ms, against 14 ms vacuumed). Statistics now: the plan of
-- a text filter follows the words' estimates, and a table this size waits for autovacuum.
ALTER TABLE "open_case_words" SET (parallel_workers = 0, autovacuum_vacuum_scale_factor = 0.02);--> statement-breakpoint
ANALYZE "open_case_words";
--> statement-breakpoint
-- The words of these cases afresh from their documents: dropped for a closed case or one without.
CREATE OR REPLACE FUNCTION open_case_words_refresh(tenant uuid, ids uuid[]) RETURNS void
LANGUAGE plpgsql
AS $$ BEGIN
  DELETE FROM open_case_words w WHERE w.tenant_id = tenant AND w.ticket_id = ANY (ids);
  INSERT INTO open_case_words (tenant_id, ticket_id, words)
  SELECT d.tenant_id, d.ticket_id, array_to_tsvector(array_agg(DISTINCT l))
    FROM search_docs d
    JOIN tickets t ON t.tenant_id = d.tenant_id AND t.id = d.ticket_id AND t.status <> 'closed'
    CROSS JOIN LATERAL unnest(tsvector_to_array(d.tsv)) l
   WHERE d.tenant_id = tenant AND d.ticket_id = ANY (ids)
   GROUP BY d.tenant_id, d.ticket_id;
END $$;
--> statement-breakpoint
-- New documents add their lexemes to their open cases' words (one statement per insert statement).
CREATE OR REPLACE FUNCTION open_case_words_on_insert() RETURNS trigger
LANGUAGE plpgsql
AS $$ BEGIN
  INSERT INTO open_case_words AS w (tenant_id, ticket_id, words)
  SELECT n.tenant_id, n.ticket_id, array_to_tsvector(array_agg(DISTINCT l))
    FROM new_docs n
    JOIN tickets t ON t.tenant_id = n.tenant_id AND t.id = n.ticket_id AND t.status <> 'closed'
    CROSS JOIN LATERAL unnest(tsvector_to_array(n.tsv)) l
   GROUP BY n.tenant_id, n.ticket_id
  ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET words = w.words || excluded.words;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A changed or deleted document (a new subject, privacy erasure) can take words away: its cases are
-- rebuilt from what is left.
CREATE OR REPLACE FUNCTION open_case_words_on_change() RETURNS trigger
LANGUAGE plpgsql
AS $$ DECLARE r record;
BEGIN
  FOR r IN SELECT tenant_id, array_agg(DISTINCT ticket_id) AS ids FROM changed_docs GROUP BY tenant_id LOOP
    PERFORM open_case_words_refresh(r.tenant_id, r.ids);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION open_case_words_on_status() RETURNS trigger
LANGUAGE plpgsql
AS $$ BEGIN
  PERFORM open_case_words_refresh(NEW.tenant_id, ARRAY[NEW.id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER open_case_words_docs_insert AFTER INSERT ON search_docs
REFERENCING NEW TABLE AS new_docs FOR EACH STATEMENT EXECUTE FUNCTION open_case_words_on_insert();
--> statement-breakpoint
CREATE TRIGGER open_case_words_docs_update AFTER UPDATE ON search_docs
REFERENCING NEW TABLE AS changed_docs FOR EACH STATEMENT EXECUTE FUNCTION open_case_words_on_change();
--> statement-breakpoint
CREATE TRIGGER open_case_words_docs_delete AFTER DELETE ON search_docs
REFERENCING OLD TABLE AS changed_docs FOR EACH STATEMENT EXECUTE FUNCTION open_case_words_on_change();
--> statement-breakpoint
-- A case that closes leaves the index; one that reopens comes back with all its words.
CREATE TRIGGER open_case_words_status AFTER UPDATE OF status ON tickets FOR EACH ROW
WHEN ((OLD.status = 'closed') IS DISTINCT FROM (NEW.status = 'closed'))
EXECUTE FUNCTION open_case_words_on_status();
