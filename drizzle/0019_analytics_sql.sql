-- Analytics tables kept true by the writes: statement-level triggers with transition tables fold
-- each INSERT/UPDATE/DELETE on tickets, orders, order_items and offers into the case facts and the
-- daily rollups, in the writer's transaction, whichever path writes (API, imports, webhooks, demo).
-- Days are cut at midnight China time. Re-runnable: the backfill at the end rebuilds from scratch.
CREATE OR REPLACE FUNCTION aftercare_local_day(at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT (at AT TIME ZONE 'Asia/Shanghai')::date $$;
--> statement-breakpoint
-- The cases of the given tickets as facts: the order line a case is about is its order's dearest line.
CREATE OR REPLACE FUNCTION aftercare_upsert_case_facts(ids uuid[], tenant uuid) RETURNS void
LANGUAGE sql AS $$
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
  FROM tickets t
  LEFT JOIN shops s ON s.tenant_id = t.tenant_id AND s.id = t.shop_id
  LEFT JOIN LATERAL (
    SELECT oi.sku_id, oi.batch, oi.supplier_id, p.category AS product_category, oi.paid_fen
    FROM order_items oi
    LEFT JOIN products p ON p.tenant_id = oi.tenant_id AND p.id = oi.product_id
    WHERE oi.tenant_id = t.tenant_id AND oi.order_id = t.order_id
    ORDER BY oi.paid_fen DESC, oi.id
    LIMIT 1
  ) li ON true
  WHERE t.tenant_id = tenant AND t.id = ANY (ids)
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
$$;
--> statement-breakpoint
-- Money given on the given cases: accepted remedies only, counted on the day they were decided.
CREATE OR REPLACE FUNCTION aftercare_refresh_case_money(ids uuid[], tenant uuid) RETURNS void
LANGUAGE sql AS $$
  UPDATE analytics_case_facts f SET
    refund_fen = m.refund_fen, compensation_fen = m.compensation_fen, coupon_fen = m.coupon_fen,
    reships = m.reships, money_day = m.money_day
  FROM (
    SELECT u.tid AS ticket_id,
      coalesce(sum(o.amount_fen) FILTER (WHERE o.remedy IN ('refund', 'return_and_refund', 'partial_refund')), 0) AS refund_fen,
      coalesce(sum(o.amount_fen) FILTER (WHERE o.remedy NOT IN ('refund', 'return_and_refund', 'partial_refund', 'coupon')), 0) AS compensation_fen,
      coalesce(sum(CASE WHEN o.remedy = 'coupon' THEN o.amount_fen ELSE 0 END + o.coupon_fen), 0) AS coupon_fen,
      count(*) FILTER (WHERE o.remedy IN ('reship', 'exchange'))::int AS reships,
      max(aftercare_local_day(coalesce(o.decided_at, o.updated_at))) AS money_day
    FROM unnest(ids) AS u(tid)
    LEFT JOIN offers o ON o.tenant_id = tenant AND o.ticket_id = u.tid AND o.status = 'accepted'
    GROUP BY u.tid
  ) m
  WHERE f.tenant_id = tenant AND f.ticket_id = m.ticket_id
    AND (f.refund_fen, f.compensation_fen, f.coupon_fen, f.reships, f.money_day)
        IS DISTINCT FROM (m.refund_fen, m.compensation_fen, m.coupon_fen, m.reships, m.money_day)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aftercare_analytics_tickets() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM analytics_case_facts f USING old_rows o WHERE f.tenant_id = o.tenant_id AND f.ticket_id = o.id;
    RETURN NULL;
  END IF;
  FOR r IN SELECT tenant_id, array_agg(id) AS ids FROM new_rows GROUP BY tenant_id LOOP
    PERFORM aftercare_upsert_case_facts(r.ids, r.tenant_id);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aftercare_analytics_offers() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    FOR r IN SELECT tenant_id, array_agg(DISTINCT ticket_id) AS ids FROM old_rows GROUP BY tenant_id LOOP
      PERFORM aftercare_refresh_case_money(r.ids, r.tenant_id);
    END LOOP;
  ELSE
    FOR r IN SELECT tenant_id, array_agg(DISTINCT ticket_id) AS ids FROM new_rows GROUP BY tenant_id LOOP
      PERFORM aftercare_refresh_case_money(r.ids, r.tenant_id);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aftercare_analytics_order_items() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  -- The rollup: lines of orders that exist (lines written before their order are counted when it comes).
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO analytics_order_lines_daily AS d (tenant_id, day, shop_id, sku_id, batch, supplier_id, lines, units, paid_fen)
    SELECT x.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id,
           coalesce(x.sku_id, '00000000-0000-0000-0000-000000000000'), coalesce(x.batch, ''),
           coalesce(x.supplier_id, '00000000-0000-0000-0000-000000000000'),
           -count(*), -sum(x.quantity), -sum(x.paid_fen)
    FROM old_rows x JOIN orders o ON o.tenant_id = x.tenant_id AND o.id = x.order_id
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, day, shop_id, sku_id, batch, supplier_id) DO UPDATE SET
      lines = d.lines + excluded.lines, units = d.units + excluded.units, paid_fen = d.paid_fen + excluded.paid_fen;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO analytics_order_lines_daily AS d (tenant_id, day, shop_id, sku_id, batch, supplier_id, lines, units, paid_fen)
    SELECT x.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id,
           coalesce(x.sku_id, '00000000-0000-0000-0000-000000000000'), coalesce(x.batch, ''),
           coalesce(x.supplier_id, '00000000-0000-0000-0000-000000000000'),
           count(*), sum(x.quantity), sum(x.paid_fen)
    FROM new_rows x JOIN orders o ON o.tenant_id = x.tenant_id AND o.id = x.order_id
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, day, shop_id, sku_id, batch, supplier_id) DO UPDATE SET
      lines = d.lines + excluded.lines, units = d.units + excluded.units, paid_fen = d.paid_fen + excluded.paid_fen;
    -- Cases on these orders learn (or change) the line they are about.
    FOR r IN
      SELECT f.tenant_id, array_agg(f.ticket_id) AS ids
      FROM (SELECT DISTINCT tenant_id, order_id FROM new_rows) n
      JOIN analytics_case_facts f ON f.tenant_id = n.tenant_id AND f.order_id = n.order_id
      GROUP BY f.tenant_id
    LOOP
      PERFORM aftercare_upsert_case_facts(r.ids, r.tenant_id);
    END LOOP;
  ELSE
    FOR r IN
      SELECT f.tenant_id, array_agg(f.ticket_id) AS ids
      FROM (SELECT DISTINCT tenant_id, order_id FROM old_rows) n
      JOIN analytics_case_facts f ON f.tenant_id = n.tenant_id AND f.order_id = n.order_id
      GROUP BY f.tenant_id
    LOOP
      PERFORM aftercare_upsert_case_facts(r.ids, r.tenant_id);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aftercare_analytics_orders() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its trigger has. Lines written before their order
  -- count when the order comes; an order whose day or shop moves takes its lines along.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analytics_orders_daily AS d (tenant_id, day, shop_id, orders, paid_fen)
    SELECT o.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id, count(*), sum(o.total_fen)
    FROM new_rows o
    GROUP BY 1, 2, 3
    ON CONFLICT (tenant_id, day, shop_id) DO UPDATE SET
      orders = d.orders + excluded.orders, paid_fen = d.paid_fen + excluded.paid_fen;
    INSERT INTO analytics_order_lines_daily AS d (tenant_id, day, shop_id, sku_id, batch, supplier_id, lines, units, paid_fen)
    SELECT x.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id,
           coalesce(x.sku_id, '00000000-0000-0000-0000-000000000000'), coalesce(x.batch, ''),
           coalesce(x.supplier_id, '00000000-0000-0000-0000-000000000000'),
           count(*), sum(x.quantity), sum(x.paid_fen)
    FROM new_rows o JOIN order_items x ON x.tenant_id = o.tenant_id AND x.order_id = o.id
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, day, shop_id, sku_id, batch, supplier_id) DO UPDATE SET
      lines = d.lines + excluded.lines, units = d.units + excluded.units, paid_fen = d.paid_fen + excluded.paid_fen;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO analytics_orders_daily AS d (tenant_id, day, shop_id, orders, paid_fen)
    SELECT o.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id, -count(*), -sum(o.total_fen)
    FROM old_rows o
    GROUP BY 1, 2, 3
    ON CONFLICT (tenant_id, day, shop_id) DO UPDATE SET
      orders = d.orders + excluded.orders, paid_fen = d.paid_fen + excluded.paid_fen;
    INSERT INTO analytics_order_lines_daily AS d (tenant_id, day, shop_id, sku_id, batch, supplier_id, lines, units, paid_fen)
    SELECT x.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id,
           coalesce(x.sku_id, '00000000-0000-0000-0000-000000000000'), coalesce(x.batch, ''),
           coalesce(x.supplier_id, '00000000-0000-0000-0000-000000000000'),
           -count(*), -sum(x.quantity), -sum(x.paid_fen)
    FROM old_rows o JOIN order_items x ON x.tenant_id = o.tenant_id AND x.order_id = o.id
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, day, shop_id, sku_id, batch, supplier_id) DO UPDATE SET
      lines = d.lines + excluded.lines, units = d.units + excluded.units, paid_fen = d.paid_fen + excluded.paid_fen;
  ELSE
    INSERT INTO analytics_orders_daily AS d (tenant_id, day, shop_id, orders, paid_fen)
    SELECT o.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id, -count(*), -sum(o.total_fen)
    FROM old_rows o
    WHERE EXISTS (
      SELECT 1 FROM new_rows m WHERE m.tenant_id = o.tenant_id AND m.id = o.id
        AND (aftercare_local_day(coalesce(m.paid_at, m.created_at)), m.shop_id, m.total_fen)
            IS DISTINCT FROM (aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id, o.total_fen))
    GROUP BY 1, 2, 3
    ON CONFLICT (tenant_id, day, shop_id) DO UPDATE SET
      orders = d.orders + excluded.orders, paid_fen = d.paid_fen + excluded.paid_fen;
    INSERT INTO analytics_orders_daily AS d (tenant_id, day, shop_id, orders, paid_fen)
    SELECT o.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id, count(*), sum(o.total_fen)
    FROM new_rows o
    WHERE EXISTS (
      SELECT 1 FROM old_rows m WHERE m.tenant_id = o.tenant_id AND m.id = o.id
        AND (aftercare_local_day(coalesce(m.paid_at, m.created_at)), m.shop_id, m.total_fen)
            IS DISTINCT FROM (aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id, o.total_fen))
    GROUP BY 1, 2, 3
    ON CONFLICT (tenant_id, day, shop_id) DO UPDATE SET
      orders = d.orders + excluded.orders, paid_fen = d.paid_fen + excluded.paid_fen;
    INSERT INTO analytics_order_lines_daily AS d (tenant_id, day, shop_id, sku_id, batch, supplier_id, lines, units, paid_fen)
    SELECT x.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id,
           coalesce(x.sku_id, '00000000-0000-0000-0000-000000000000'), coalesce(x.batch, ''),
           coalesce(x.supplier_id, '00000000-0000-0000-0000-000000000000'),
           -count(*), -sum(x.quantity), -sum(x.paid_fen)
    FROM old_rows o JOIN order_items x ON x.tenant_id = o.tenant_id AND x.order_id = o.id
    WHERE EXISTS (
      SELECT 1 FROM new_rows m WHERE m.tenant_id = o.tenant_id AND m.id = o.id
        AND (aftercare_local_day(coalesce(m.paid_at, m.created_at)), m.shop_id)
            IS DISTINCT FROM (aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id))
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, day, shop_id, sku_id, batch, supplier_id) DO UPDATE SET
      lines = d.lines + excluded.lines, units = d.units + excluded.units, paid_fen = d.paid_fen + excluded.paid_fen;
    INSERT INTO analytics_order_lines_daily AS d (tenant_id, day, shop_id, sku_id, batch, supplier_id, lines, units, paid_fen)
    SELECT x.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id,
           coalesce(x.sku_id, '00000000-0000-0000-0000-000000000000'), coalesce(x.batch, ''),
           coalesce(x.supplier_id, '00000000-0000-0000-0000-000000000000'),
           count(*), sum(x.quantity), sum(x.paid_fen)
    FROM new_rows o JOIN order_items x ON x.tenant_id = o.tenant_id AND x.order_id = o.id
    WHERE EXISTS (
      SELECT 1 FROM old_rows m WHERE m.tenant_id = o.tenant_id AND m.id = o.id
        AND (aftercare_local_day(coalesce(m.paid_at, m.created_at)), m.shop_id)
            IS DISTINCT FROM (aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id))
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, day, shop_id, sku_id, batch, supplier_id) DO UPDATE SET
      lines = d.lines + excluded.lines, units = d.units + excluded.units, paid_fen = d.paid_fen + excluded.paid_fen;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_tickets_insert ON tickets;
--> statement-breakpoint
CREATE TRIGGER analytics_tickets_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_tickets();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_tickets_update ON tickets;
--> statement-breakpoint
CREATE TRIGGER analytics_tickets_update AFTER UPDATE ON tickets REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_tickets();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_tickets_delete ON tickets;
--> statement-breakpoint
CREATE TRIGGER analytics_tickets_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_tickets();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_offers_insert ON offers;
--> statement-breakpoint
CREATE TRIGGER analytics_offers_insert AFTER INSERT ON offers REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_offers();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_offers_update ON offers;
--> statement-breakpoint
CREATE TRIGGER analytics_offers_update AFTER UPDATE ON offers REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_offers();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_offers_delete ON offers;
--> statement-breakpoint
CREATE TRIGGER analytics_offers_delete AFTER DELETE ON offers REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_offers();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_order_items_insert ON order_items;
--> statement-breakpoint
CREATE TRIGGER analytics_order_items_insert AFTER INSERT ON order_items REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_order_items();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_order_items_update ON order_items;
--> statement-breakpoint
CREATE TRIGGER analytics_order_items_update AFTER UPDATE ON order_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_order_items();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_order_items_delete ON order_items;
--> statement-breakpoint
CREATE TRIGGER analytics_order_items_delete AFTER DELETE ON order_items REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_order_items();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_orders_insert ON orders;
--> statement-breakpoint
CREATE TRIGGER analytics_orders_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_orders();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_orders_update ON orders;
--> statement-breakpoint
CREATE TRIGGER analytics_orders_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_orders();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_orders_delete ON orders;
--> statement-breakpoint
CREATE TRIGGER analytics_orders_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION aftercare_analytics_orders();
--> statement-breakpoint
-- Backfill what was written before the triggers existed.
TRUNCATE analytics_orders_daily, analytics_order_lines_daily, analytics_case_facts;
--> statement-breakpoint
INSERT INTO analytics_orders_daily (tenant_id, day, shop_id, orders, paid_fen)
SELECT tenant_id, aftercare_local_day(coalesce(paid_at, created_at)), shop_id, count(*), sum(total_fen)
FROM orders GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO analytics_order_lines_daily (tenant_id, day, shop_id, sku_id, batch, supplier_id, lines, units, paid_fen)
SELECT x.tenant_id, aftercare_local_day(coalesce(o.paid_at, o.created_at)), o.shop_id,
       coalesce(x.sku_id, '00000000-0000-0000-0000-000000000000'), coalesce(x.batch, ''),
       coalesce(x.supplier_id, '00000000-0000-0000-0000-000000000000'),
       count(*), sum(x.quantity), sum(x.paid_fen)
FROM order_items x JOIN orders o ON o.tenant_id = x.tenant_id AND o.id = x.order_id
GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
SELECT aftercare_upsert_case_facts(array_agg(id), tenant_id) FROM tickets GROUP BY tenant_id;
--> statement-breakpoint
SELECT aftercare_refresh_case_money(array_agg(DISTINCT ticket_id), tenant_id) FROM offers GROUP BY tenant_id;
