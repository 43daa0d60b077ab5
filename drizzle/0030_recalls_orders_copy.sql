-- Frozen scopes move from one row per order line to one row per order (recall_orders).
INSERT INTO "recall_orders" ("tenant_id", "recall_id", "order_id", "order_ref", "shop_id", "customer_id", "units", "paid_fen", "item_ids")
SELECT a."tenant_id", a."recall_id", a."order_id", o."external_id", min(a."shop_id"::text)::uuid, min(a."customer_id"::text)::uuid,
       sum(a."quantity")::int, sum(a."paid_fen")::bigint, array_agg(a."order_item_id")
FROM "recall_affected" a
JOIN "orders" o ON o."tenant_id" = a."tenant_id" AND o."id" = a."order_id"
GROUP BY a."tenant_id", a."recall_id", a."order_id", o."external_id"
ON CONFLICT DO NOTHING;
