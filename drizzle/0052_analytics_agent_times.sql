CREATE TABLE "analytics_summary_agent_times" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"assignee_id" uuid NOT NULL,
	"measure" text NOT NULL,
	"bucket" smallint NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_summary_agent_times_tenant_id_grain_day_assignee_id_measure_bucket_pk" PRIMARY KEY("tenant_id","grain","day","assignee_id","measure","bucket")
);
--> statement-breakpoint
DROP INDEX "analytics_facts_open";--> statement-breakpoint
-- The backlog (open cases by age, per agent, shop or platform) from the index alone, as the running
-- clocks are read (drizzle/0048): the columns it reads ride along.
CREATE INDEX IF NOT EXISTS analytics_facts_open_cover ON analytics_case_facts (tenant_id, created_at)
  INCLUDE (kind, shop_id, platform, assignee_id)
  WHERE status <> 'closed';
--> statement-breakpoint
-- The agent histograms start as the sum of the per-shop ones (analytics_summary_times) over shops: a
-- day the refresher has built there is built here with it; a day marked dirty is read from the
-- facts by both until the refresher comes, and the refresher builds both.
INSERT INTO analytics_summary_agent_times (tenant_id, grain, day, assignee_id, measure, bucket, cases)
SELECT tenant_id, grain, day, assignee_id, measure, bucket, sum(cases)
FROM analytics_summary_times
GROUP BY tenant_id, grain, day, assignee_id, measure, bucket;
