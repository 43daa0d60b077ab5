CREATE TABLE "recall_orders" (
	"tenant_id" uuid NOT NULL,
	"recall_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_ref" text NOT NULL,
	"shop_id" uuid NOT NULL,
	"customer_id" uuid,
	"units" integer NOT NULL,
	"paid_fen" bigint NOT NULL,
	"item_ids" uuid[] NOT NULL,
	CONSTRAINT "recall_orders_tenant_id_recall_id_order_id_pk" PRIMARY KEY("tenant_id","recall_id","order_id")
);
--> statement-breakpoint
DROP INDEX "recall_notices_order";--> statement-breakpoint
ALTER TABLE "recalls" ADD COLUMN "reminder_days" integer[] DEFAULT '{3,7}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "recalls" ADD COLUMN "next_reminder_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "recall_orders_by_order" ON "recall_orders" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "recalls_reminder_due" ON "recalls" USING btree ("tenant_id","next_reminder_at") WHERE next_reminder_at is not null;