-- The SLA alert key and the next check, defined once (ARCHITECTURE.md: "one alert key").
-- A key names one raised alert: a new next-response cycle (a new due time) raises again.
CREATE OR REPLACE FUNCTION sla_alert_key(target text, level text, due_at timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  -- An epoch does not depend on the session's time zone, so the key is immutable.
  RETURN target || ':' || level || ':' || (extract(epoch from due_at) * 1000)::bigint;
--> statement-breakpoint
-- The earliest warning or breach of a clock not yet raised (warning at 75 %, breach at 100 % of each
-- pending target; a warning only before its breach): ticket_sla.next_check_at is generated from it,
-- so the clock's writer and the sweeper never compute it apart.
CREATE OR REPLACE FUNCTION sla_next_check(
  first_warn timestamptz, first_due timestamptz,
  next_warn timestamptz, next_due timestamptz,
  resolution_warn timestamptz, resolution_due timestamptz,
  alerts text[]
) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN least(
    CASE WHEN first_warn < first_due AND NOT sla_alert_key('firstResponse', 'warning', first_due) = ANY(alerts) THEN first_warn END,
    CASE WHEN NOT sla_alert_key('firstResponse', 'breach', first_due) = ANY(alerts) THEN first_due END,
    CASE WHEN next_warn < next_due AND NOT sla_alert_key('nextResponse', 'warning', next_due) = ANY(alerts) THEN next_warn END,
    CASE WHEN NOT sla_alert_key('nextResponse', 'breach', next_due) = ANY(alerts) THEN next_due END,
    CASE WHEN resolution_warn < resolution_due AND NOT sla_alert_key('resolution', 'warning', resolution_due) = ANY(alerts) THEN resolution_warn END,
    CASE WHEN NOT sla_alert_key('resolution', 'breach', resolution_due) = ANY(alerts) THEN resolution_due END
  );
