DROP INDEX "recall_tasks_key";--> statement-breakpoint
ALTER TABLE "recall_tasks" ADD COLUMN "report_key" text;--> statement-breakpoint
ALTER TABLE "recalls" ADD COLUMN "serious_harm" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "recalls" ADD COLUMN "statement_photos" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "recall_tasks_key" ON "recall_tasks" USING btree ("tenant_id","recall_id","kind",coalesce("shop_id"::text, ''),coalesce("platform", ''),coalesce("report_key", ''));