-- The clocks still running (a first response or a resolution not come yet) are counted against the
-- time of asking, so no summary can hold them: a dashboard reads them from this partial index alone
-- (an index-only scan), which carries every column the service figures read.
CREATE INDEX IF NOT EXISTS analytics_facts_running_cover ON analytics_case_facts (tenant_id, day)
  INCLUDE (shop_id, platform, assignee_id, kind, channel, created_at, first_responded_at,
           first_response_due_at, closed_at, resolution_due_at)
  WHERE first_responded_at IS NULL OR closed_at IS NULL;
--> statement-breakpoint
-- The order-lines summary (analytics_summary_lines) is folded from the daily rollup: a write to the
-- rollup marks its days like a write to the facts does.
CREATE OR REPLACE FUNCTION aftercare_analytics_summary_lines() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_summary_dirty (tenant_id, day) SELECT DISTINCT tenant_id, day FROM old_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO analytics_summary_dirty (tenant_id, day) SELECT DISTINCT tenant_id, day FROM new_rows;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_summary_lines_insert ON analytics_order_lines_daily;
--> statement-breakpoint
CREATE TRIGGER analytics_summary_lines_insert AFTER INSERT ON analytics_order_lines_daily REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_summary_lines();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_summary_lines_update ON analytics_order_lines_daily;
--> statement-breakpoint
CREATE TRIGGER analytics_summary_lines_update AFTER UPDATE ON analytics_order_lines_daily REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_summary_lines();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_summary_lines_delete ON analytics_order_lines_daily;
--> statement-breakpoint
CREATE TRIGGER analytics_summary_lines_delete AFTER DELETE ON analytics_order_lines_daily REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_summary_lines();
--> statement-breakpoint
-- The new summaries start empty: every day with order lines or cases waits for the refresher (and is
-- read from the rollup and the facts until it comes).
INSERT INTO analytics_summary_dirty (tenant_id, day)
SELECT DISTINCT tenant_id, day FROM analytics_order_lines_daily
UNION SELECT DISTINCT tenant_id, day FROM analytics_case_facts WHERE counterfeit OR safety;
