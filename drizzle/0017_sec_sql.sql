-- Rows queued before outbox.endpoint existed were queued for the shop's address of that time:
-- record it, so an upgrade holds nothing back. Re-runnable.
UPDATE "outbox" o
   SET "endpoint" = s."settings"->>'apiBaseUrl'
  FROM "shops" s
 WHERE s."tenant_id" = o."tenant_id" AND s."id" = o."shop_id"
   AND o."endpoint" IS NULL AND o."status" = 'pending'
   AND coalesce(s."settings"->>'apiBaseUrl', '') <> '';
