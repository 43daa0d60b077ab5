CREATE TABLE "reconcile_shops" (
	"tenant_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"next_run_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"requested_at" timestamp (3) with time zone,
	"claimed_by" text,
	"claimed_until" timestamp (3) with time zone,
	"last_started_at" timestamp (3) with time zone,
	"last_finished_at" timestamp (3) with time zone,
	"last_outcome" text,
	"last_error_category" text,
	"last_error" text,
	"last_found" integer DEFAULT 0 NOT NULL,
	"last_seen" integer DEFAULT 0 NOT NULL,
	"total_found" integer DEFAULT 0 NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reconcile_shops_tenant_id_shop_id_pk" PRIMARY KEY("tenant_id","shop_id")
);
--> statement-breakpoint
CREATE TABLE "reconcile_watermarks" (
	"tenant_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"feed" text NOT NULL,
	"watermark" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reconcile_watermarks_tenant_id_shop_id_feed_pk" PRIMARY KEY("tenant_id","shop_id","feed")
);
--> statement-breakpoint
ALTER TABLE "inbox_events" ADD COLUMN "version_key" text;--> statement-breakpoint
CREATE INDEX "reconcile_shops_due" ON "reconcile_shops" USING btree ("tenant_id","next_run_at");--> statement-breakpoint
CREATE INDEX "inbox_events_version" ON "inbox_events" USING btree ("tenant_id","platform","version_key") WHERE version_key is not null;