-- Search documents indexed under keys of (tenant, week) (src/search/buckets.ts): each lexeme of a
-- document is written as <8 hex of md5(tenant)><week>.<lexeme>, so a common pair costs one tenant's
-- week and not the installation's, and the tenant is in every key. The GIN index on
-- (tenant_id, tsv) read the tenant's whole posting list on every scan through btree_gin (about
-- 15 ms at 3 million messages whatever the words) and every match of a common pair (质量 差:
-- 57,000 documents at 3 million). tenant_id stays in every query's WHERE: an md5 prefix may collide.
-- The week's width (604,800 s) is BUCKET_SECONDS in src/search/buckets.ts. search_bucket_tsv calls
-- only pg_catalog functions: CREATE INDEX and VACUUM run it with search_path = pg_catalog (PostgreSQL 17).
-- Lexemes never hold chr(1) (the 'simple' parser splits on control characters).
CREATE OR REPLACE FUNCTION search_bucket(at timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ select floor(extract(epoch from at) / 604800)::integer $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_bucket_tsv(tenant uuid, at timestamptz, tsv tsvector) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$ DECLARE k text := left(md5(tenant::text), 8) || floor(extract(epoch from at) / 604800)::integer || '.';
BEGIN
  IF length(tsv) = 0 THEN RETURN tsv; END IF;
  -- One string operation over all lexemes: a sub-select per row (unnest, array) cost ~230 µs a
  -- document against ~20 µs this way, which is most of the index build.
  RETURN array_to_tsvector(string_to_array(k || array_to_string(tsvector_to_array(tsv), chr(1) || k), chr(1)));
END $$;
--> statement-breakpoint
-- Every lexeme of the terms (as plainto_tsquery('simple', terms) would read them) in every week of
-- the list: (w1.a & w1.b) | (w2.a & w2.b) …; lexemes are quoted, never parsed as tsquery syntax.
CREATE OR REPLACE FUNCTION search_bucket_query(tenant uuid, buckets integer[], terms text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ select coalesce(string_agg('(' || ands || ')', ' | '), '')::tsquery from (
  select string_agg('''' || replace(replace(k || l, '\', '\\'), '''', '\''') || '''', ' & ') as ands
  from unnest(buckets) b
  cross join lateral (select left(md5(tenant::text), 8) || b || '.' as k) kk
  cross join unnest(tsvector_to_array(to_tsvector('simple', terms))) l
  group by b) x $$;
--> statement-breakpoint
DROP INDEX IF EXISTS "search_docs_tsv";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_docs_bucket_tsv" ON "search_docs" USING gin (search_bucket_tsv("tenant_id", "at", "tsv"));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_docs_at" ON "search_docs" USING btree ("tenant_id","at");
--> statement-breakpoint
-- A search reads a few hundred rows per run of weeks; the planner overestimates a week's matches and
-- started two parallel workers for a run (about 30 ms each to start on two busy cores, more than the
-- run's own work). Searches are many, short and concurrent: no parallel scans of this table.
ALTER TABLE "search_docs" SET (parallel_workers = 0);
