-- Suppliers as records: every free-text supplier on products, SKUs and order lines gets a record
-- (one per tenant and name key) and a reference to it; the text itself is never changed. A trigger
-- links rows written later the same way, whichever path writes them (API, imports, webhooks).
-- The key must match supplierNameKey() in src/quality/scorecard.ts: trimmed, runs of spaces as one,
-- ASCII letters lower-cased.
CREATE OR REPLACE FUNCTION aftercare_supplier_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT translate(
    regexp_replace(btrim(name, E' \t\r\n\u3000'), E'[ \t\r\n\u3000]+', ' ', 'g'),
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aftercare_link_supplier() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  k text;
  found uuid;
BEGIN
  IF NEW.supplier_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.supplier IS NOT DISTINCT FROM OLD.supplier) THEN
    RETURN NEW;
  END IF;
  k := aftercare_supplier_key(coalesce(NEW.supplier, ''));
  IF k = '' THEN
    NEW.supplier_id := NULL;
    RETURN NEW;
  END IF;
  INSERT INTO suppliers (tenant_id, id, name, name_key)
  VALUES (NEW.tenant_id, gen_random_uuid(), btrim(NEW.supplier, E' \t\r\n\u3000'), k)
  ON CONFLICT (tenant_id, name_key) DO NOTHING;
  SELECT coalesce(s.merged_into, s.id) INTO found FROM suppliers s WHERE s.tenant_id = NEW.tenant_id AND s.name_key = k;
  NEW.supplier_id := found;
  RETURN NEW;
END
$$;
--> statement-breakpoint
INSERT INTO suppliers (tenant_id, id, name, name_key)
SELECT DISTINCT ON (tenant_id, k) tenant_id, gen_random_uuid(), btrim(supplier, E' \t\r\n\u3000'), k
FROM (
  SELECT tenant_id, supplier, aftercare_supplier_key(supplier) AS k FROM products WHERE supplier IS NOT NULL
  UNION ALL SELECT tenant_id, supplier, aftercare_supplier_key(supplier) FROM skus WHERE supplier IS NOT NULL
  UNION ALL SELECT tenant_id, supplier, aftercare_supplier_key(supplier) FROM order_items WHERE supplier IS NOT NULL
) named
WHERE k <> ''
ORDER BY tenant_id, k, supplier
ON CONFLICT (tenant_id, name_key) DO NOTHING;
--> statement-breakpoint
UPDATE products p SET supplier_id = coalesce(s.merged_into, s.id) FROM suppliers s
WHERE p.supplier_id IS NULL AND s.tenant_id = p.tenant_id AND s.name_key = aftercare_supplier_key(p.supplier);
--> statement-breakpoint
UPDATE skus x SET supplier_id = coalesce(s.merged_into, s.id) FROM suppliers s
WHERE x.supplier_id IS NULL AND s.tenant_id = x.tenant_id AND s.name_key = aftercare_supplier_key(x.supplier);
--> statement-breakpoint
UPDATE order_items oi SET supplier_id = coalesce(s.merged_into, s.id) FROM suppliers s
WHERE oi.supplier_id IS NULL AND s.tenant_id = oi.tenant_id AND s.name_key = aftercare_supplier_key(oi.supplier);
--> statement-breakpoint
DROP TRIGGER IF EXISTS products_link_supplier ON products;
--> statement-breakpoint
CREATE TRIGGER products_link_supplier BEFORE INSERT OR UPDATE OF supplier, supplier_id ON products
FOR EACH ROW EXECUTE FUNCTION aftercare_link_supplier();
--> statement-breakpoint
DROP TRIGGER IF EXISTS skus_link_supplier ON skus;
--> statement-breakpoint
CREATE TRIGGER skus_link_supplier BEFORE INSERT OR UPDATE OF supplier, supplier_id ON skus
FOR EACH ROW EXECUTE FUNCTION aftercare_link_supplier();
--> statement-breakpoint
DROP TRIGGER IF EXISTS order_items_link_supplier ON order_items;
--> statement-breakpoint
CREATE TRIGGER order_items_link_supplier BEFORE INSERT OR UPDATE OF supplier, supplier_id ON order_items
FOR EACH ROW EXECUTE FUNCTION aftercare_link_supplier();
