-- A case's facts are rebuilt only when a column they are made of changed. 0019's update trigger
-- rebuilt the facts of every updated case, and since 0051 that is a statement planned for its ids
-- (EXECUTE) on each update — also for the many updates that touch only updated_at, last_outbound_at,
-- next_response_due_at or the SLA marks (about five per batch of the inbox worker, where the facts
-- then wrote nothing). The trigger now compares the old and new rows and passes on the changed ones.
-- A column list (AFTER UPDATE OF ...) cannot be used: PostgreSQL refuses transition tables on it.
-- The columns are the ones aftercare_upsert_case_facts (0051) reads from tickets; add any it comes
-- to read. Nothing to backfill: the facts written are the same.
--
-- And the facts of a few cases (the writes of a case or of a batch of the inbox worker: up to 64
-- ids) are written by a static statement, whose plan PL/pgSQL keeps for the session, instead of
-- planning 0051's statement again on each write (about 2 ms on PGlite, several times per batch).
-- Larger sets (backfills, imports, bulk moves) keep 0051's EXECUTE, planned for the ids given.
-- The two statements are the same text but for $1/$2 (ids/tenant): change both or neither.
CREATE OR REPLACE FUNCTION aftercare_upsert_case_facts(ids uuid[], tenant uuid) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  IF cardinality(ids) <= 64 THEN
  WITH c AS MATERIALIZED (
    SELECT t.* FROM (SELECT DISTINCT u.id FROM unnest(ids) AS u(id)) u
    JOIN tickets t ON t.tenant_id = tenant AND t.id = u.id
  ), li AS (
    SELECT DISTINCT ON (c.id) c.id AS ticket_id, oi.sku_id, oi.batch, oi.supplier_id,
           p.category AS product_category, oi.paid_fen
    FROM c
    JOIN order_items oi ON oi.tenant_id = tenant AND oi.order_id = c.order_id
    LEFT JOIN products p ON p.tenant_id = tenant AND p.id = oi.product_id
    ORDER BY c.id, oi.id IS NOT DISTINCT FROM c.order_item_id DESC, oi.paid_fen DESC, oi.id
  )
  INSERT INTO analytics_case_facts AS f (
    tenant_id, ticket_id, day, created_at, shop_id, platform, kind, channel, category, severity,
    status, root_cause, assignee_id, order_id, sku_id, batch, supplier_id, product_category,
    paid_fen, safety, quality, counterfeit, first_responded_at, first_response_due_at, closed_at, resolution_due_at)
  SELECT t.tenant_id, t.id, aftercare_local_day(t.created_at), t.created_at, t.shop_id, s.platform,
         t.kind, t.channel, t.category, t.severity, t.status, t.root_cause, t.assignee_id, t.order_id,
         li.sku_id, li.batch, li.supplier_id, li.product_category, li.paid_fen,
         coalesce('safety_hazard' = ANY (t.categories) OR t.category = 'safety_hazard', false),
         coalesce(t.categories && ARRAY['quality_defect', 'not_as_described', 'counterfeit_suspected', 'safety_hazard']
           OR t.category IN ('quality_defect', 'not_as_described', 'counterfeit_suspected', 'safety_hazard'), false),
         coalesce('counterfeit_suspected' = ANY (t.categories) OR t.category = 'counterfeit_suspected', false),
         t.first_responded_at, t.first_response_due_at, t.closed_at, t.resolution_due_at
  FROM c t
  LEFT JOIN shops s ON s.tenant_id = t.tenant_id AND s.id = t.shop_id
  LEFT JOIN li ON li.ticket_id = t.id
  ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET
    day = excluded.day, created_at = excluded.created_at, shop_id = excluded.shop_id,
    platform = excluded.platform, kind = excluded.kind, channel = excluded.channel,
    category = excluded.category, severity = excluded.severity, status = excluded.status,
    root_cause = excluded.root_cause, assignee_id = excluded.assignee_id, order_id = excluded.order_id,
    sku_id = excluded.sku_id, batch = excluded.batch, supplier_id = excluded.supplier_id,
    product_category = excluded.product_category, paid_fen = excluded.paid_fen,
    safety = excluded.safety, quality = excluded.quality, counterfeit = excluded.counterfeit,
    first_responded_at = excluded.first_responded_at, first_response_due_at = excluded.first_response_due_at,
    closed_at = excluded.closed_at, resolution_due_at = excluded.resolution_due_at
  -- Most writes to a case (a message, an SLA mark) change nothing here: write nothing then.
  WHERE (f.day, f.shop_id, f.platform, f.kind, f.channel, f.category, f.severity, f.status, f.root_cause,
         f.assignee_id, f.order_id, f.sku_id, f.batch, f.supplier_id, f.product_category, f.paid_fen,
         f.safety, f.quality, f.counterfeit, f.first_responded_at, f.first_response_due_at, f.closed_at, f.resolution_due_at)
    IS DISTINCT FROM
        (excluded.day, excluded.shop_id, excluded.platform, excluded.kind, excluded.channel, excluded.category,
         excluded.severity, excluded.status, excluded.root_cause, excluded.assignee_id, excluded.order_id,
         excluded.sku_id, excluded.batch, excluded.supplier_id, excluded.product_category, excluded.paid_fen,
         excluded.safety, excluded.quality, excluded.counterfeit, excluded.first_responded_at, excluded.first_response_due_at,
         excluded.closed_at, excluded.resolution_due_at);
    RETURN;
  END IF;
  EXECUTE $q$
  WITH c AS MATERIALIZED (
    SELECT t.* FROM (SELECT DISTINCT u.id FROM unnest($1) AS u(id)) u
    JOIN tickets t ON t.tenant_id = $2 AND t.id = u.id
  ), li AS (
    SELECT DISTINCT ON (c.id) c.id AS ticket_id, oi.sku_id, oi.batch, oi.supplier_id,
           p.category AS product_category, oi.paid_fen
    FROM c
    JOIN order_items oi ON oi.tenant_id = $2 AND oi.order_id = c.order_id
    LEFT JOIN products p ON p.tenant_id = $2 AND p.id = oi.product_id
    ORDER BY c.id, oi.id IS NOT DISTINCT FROM c.order_item_id DESC, oi.paid_fen DESC, oi.id
  )
  INSERT INTO analytics_case_facts AS f (
    tenant_id, ticket_id, day, created_at, shop_id, platform, kind, channel, category, severity,
    status, root_cause, assignee_id, order_id, sku_id, batch, supplier_id, product_category,
    paid_fen, safety, quality, counterfeit, first_responded_at, first_response_due_at, closed_at, resolution_due_at)
  SELECT t.tenant_id, t.id, aftercare_local_day(t.created_at), t.created_at, t.shop_id, s.platform,
         t.kind, t.channel, t.category, t.severity, t.status, t.root_cause, t.assignee_id, t.order_id,
         li.sku_id, li.batch, li.supplier_id, li.product_category, li.paid_fen,
         coalesce('safety_hazard' = ANY (t.categories) OR t.category = 'safety_hazard', false),
         coalesce(t.categories && ARRAY['quality_defect', 'not_as_described', 'counterfeit_suspected', 'safety_hazard']
           OR t.category IN ('quality_defect', 'not_as_described', 'counterfeit_suspected', 'safety_hazard'), false),
         coalesce('counterfeit_suspected' = ANY (t.categories) OR t.category = 'counterfeit_suspected', false),
         t.first_responded_at, t.first_response_due_at, t.closed_at, t.resolution_due_at
  FROM c t
  LEFT JOIN shops s ON s.tenant_id = t.tenant_id AND s.id = t.shop_id
  LEFT JOIN li ON li.ticket_id = t.id
  ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET
    day = excluded.day, created_at = excluded.created_at, shop_id = excluded.shop_id,
    platform = excluded.platform, kind = excluded.kind, channel = excluded.channel,
    category = excluded.category, severity = excluded.severity, status = excluded.status,
    root_cause = excluded.root_cause, assignee_id = excluded.assignee_id, order_id = excluded.order_id,
    sku_id = excluded.sku_id, batch = excluded.batch, supplier_id = excluded.supplier_id,
    product_category = excluded.product_category, paid_fen = excluded.paid_fen,
    safety = excluded.safety, quality = excluded.quality, counterfeit = excluded.counterfeit,
    first_responded_at = excluded.first_responded_at, first_response_due_at = excluded.first_response_due_at,
    closed_at = excluded.closed_at, resolution_due_at = excluded.resolution_due_at
  -- Most writes to a case (a message, an SLA mark) change nothing here: write nothing then.
  WHERE (f.day, f.shop_id, f.platform, f.kind, f.channel, f.category, f.severity, f.status, f.root_cause,
         f.assignee_id, f.order_id, f.sku_id, f.batch, f.supplier_id, f.product_category, f.paid_fen,
         f.safety, f.quality, f.counterfeit, f.first_responded_at, f.first_response_due_at, f.closed_at, f.resolution_due_at)
    IS DISTINCT FROM
        (excluded.day, excluded.shop_id, excluded.platform, excluded.kind, excluded.channel, excluded.category,
         excluded.severity, excluded.status, excluded.root_cause, excluded.assignee_id, excluded.order_id,
         excluded.sku_id, excluded.batch, excluded.supplier_id, excluded.product_category, excluded.paid_fen,
         excluded.safety, excluded.quality, excluded.counterfeit, excluded.first_responded_at, excluded.first_response_due_at,
         excluded.closed_at, excluded.resolution_due_at)
  $q$ USING ids, tenant;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aftercare_analytics_tickets_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT n.tenant_id, array_agg(n.id) AS ids
    FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
    WHERE (n.created_at, n.shop_id, n.kind, n.channel, n.category, n.categories, n.severity, n.status,
           n.root_cause, n.assignee_id, n.order_id, n.order_item_id, n.first_responded_at,
           n.first_response_due_at, n.closed_at, n.resolution_due_at)
      IS DISTINCT FROM
          (o.created_at, o.shop_id, o.kind, o.channel, o.category, o.categories, o.severity, o.status,
           o.root_cause, o.assignee_id, o.order_id, o.order_item_id, o.first_responded_at,
           o.first_response_due_at, o.closed_at, o.resolution_due_at)
    GROUP BY n.tenant_id
  LOOP
    PERFORM aftercare_upsert_case_facts(r.ids, r.tenant_id);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_tickets_update ON tickets;
--> statement-breakpoint
CREATE TRIGGER analytics_tickets_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_tickets_update();
