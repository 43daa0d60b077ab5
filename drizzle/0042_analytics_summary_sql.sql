-- The summaries' dirty marks (src/db/schema/analytics-summary.ts): every write to the case facts or
-- the feedback marks the days it touches — the case's day, its remedy's day (money_day) and the days
-- of its satisfaction answers — in the writer's transaction; the refresher rebuilds those days and
-- their weeks, and readers read marked days from the facts meanwhile. A mark is one small insert per
-- statement and day: no summary row is locked by a writer.
CREATE OR REPLACE FUNCTION aftercare_analytics_summary_facts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_summary_dirty (tenant_id, day)
    SELECT tenant_id, d FROM (
      SELECT o.tenant_id, o.day AS d FROM old_rows o
      UNION SELECT o.tenant_id, o.money_day FROM old_rows o WHERE o.money_day IS NOT NULL
      UNION SELECT fb.tenant_id, aftercare_local_day(fb.at) FROM old_rows o
        JOIN analytics_feedback fb ON fb.tenant_id = o.tenant_id AND fb.ticket_id = o.ticket_id
    ) x;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO analytics_summary_dirty (tenant_id, day)
    SELECT tenant_id, d FROM (
      SELECT n.tenant_id, n.day AS d FROM new_rows n
      UNION SELECT n.tenant_id, n.money_day FROM new_rows n WHERE n.money_day IS NOT NULL
      UNION SELECT fb.tenant_id, aftercare_local_day(fb.at) FROM new_rows n
        JOIN analytics_feedback fb ON fb.tenant_id = n.tenant_id AND fb.ticket_id = n.ticket_id
    ) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- An answer counts on its own day (satisfaction) and on its case's day (a review turned positive).
CREATE OR REPLACE FUNCTION aftercare_analytics_summary_feedback() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_summary_dirty (tenant_id, day)
    SELECT tenant_id, d FROM (
      SELECT o.tenant_id, aftercare_local_day(o.at) AS d FROM old_rows o
      UNION SELECT f.tenant_id, f.day FROM old_rows o
        JOIN analytics_case_facts f ON f.tenant_id = o.tenant_id AND f.ticket_id = o.ticket_id
    ) x;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO analytics_summary_dirty (tenant_id, day)
    SELECT tenant_id, d FROM (
      SELECT n.tenant_id, aftercare_local_day(n.at) AS d FROM new_rows n
      UNION SELECT f.tenant_id, f.day FROM new_rows n
        JOIN analytics_case_facts f ON f.tenant_id = n.tenant_id AND f.ticket_id = n.ticket_id
    ) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_summary_facts_insert ON analytics_case_facts;
--> statement-breakpoint
CREATE TRIGGER analytics_summary_facts_insert AFTER INSERT ON analytics_case_facts REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_summary_facts();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_summary_facts_update ON analytics_case_facts;
--> statement-breakpoint
CREATE TRIGGER analytics_summary_facts_update AFTER UPDATE ON analytics_case_facts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_summary_facts();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_summary_facts_delete ON analytics_case_facts;
--> statement-breakpoint
CREATE TRIGGER analytics_summary_facts_delete AFTER DELETE ON analytics_case_facts REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_summary_facts();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_summary_feedback_insert ON analytics_feedback;
--> statement-breakpoint
CREATE TRIGGER analytics_summary_feedback_insert AFTER INSERT ON analytics_feedback REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_summary_feedback();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_summary_feedback_update ON analytics_feedback;
--> statement-breakpoint
CREATE TRIGGER analytics_summary_feedback_update AFTER UPDATE ON analytics_feedback REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_summary_feedback();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_summary_feedback_delete ON analytics_feedback;
--> statement-breakpoint
CREATE TRIGGER analytics_summary_feedback_delete AFTER DELETE ON analytics_feedback REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_summary_feedback();
--> statement-breakpoint
-- What was written before: every day with facts, remedies or answers waits for the refresher (and is
-- read from the facts until it comes).
INSERT INTO analytics_summary_dirty (tenant_id, day)
SELECT tenant_id, day FROM analytics_case_facts
UNION SELECT tenant_id, money_day FROM analytics_case_facts WHERE money_day IS NOT NULL
UNION SELECT tenant_id, aftercare_local_day(at) FROM analytics_feedback;
