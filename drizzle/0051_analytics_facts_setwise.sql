-- The facts of the given cases, set-wise. drizzle/0045's version found each case's order line in a
-- lateral subquery run once per case: a sort and a join that read every product of the tenant again
-- for each case (5,000 cases took 1.0 s on 60 products, and the cost grows with cases × products).
-- Here the cases are a join on the unnested ids (each id once: ON CONFLICT may not touch a row twice)
-- and their lines one DISTINCT ON over all of them. The line chosen is the same: the line the case
-- names (tickets.order_item_id), else the order's dearest, then the lowest id. Nothing to backfill:
-- the facts it writes are the ones 0045 wrote. The statement is planned for the ids it is given
-- (EXECUTE): planned once for any array, as a SQL function is, it assumed ten ids and could look the
-- products up once per case again.
CREATE OR REPLACE FUNCTION aftercare_upsert_case_facts(ids uuid[], tenant uuid) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
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
