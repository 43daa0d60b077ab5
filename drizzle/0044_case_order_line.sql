ALTER TABLE "tickets" ADD COLUMN "order_item_id" uuid;--> statement-breakpoint
CREATE INDEX "orders_external_prefix" ON "orders" USING btree ("tenant_id","external_id" text_pattern_ops);