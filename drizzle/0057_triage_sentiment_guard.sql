-- The guard on a tenant's sentiment delta (src/triage/sentiment-guard.ts): a delta it refuses is
-- recorded with status 'held' and the guard's figures, and the delta in use (the previous one, if
-- any) keeps its own training time. Rows of before keep their delta, trained when they were.
ALTER TABLE "triage_sentiment_adaptations" ADD COLUMN "delta_trained_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "triage_sentiment_adaptations" ADD COLUMN "guard" jsonb;--> statement-breakpoint
UPDATE "triage_sentiment_adaptations" SET "delta_trained_at" = "trained_at" WHERE "delta" IS NOT NULL;
