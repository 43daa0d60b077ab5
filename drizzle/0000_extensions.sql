-- drizzle-kit emits no CREATE EXTENSION: the indexes below need these.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;
