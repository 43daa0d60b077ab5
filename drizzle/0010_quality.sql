CREATE TABLE "flagged_skus" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"sku_code" text NOT NULL,
	"reason" text NOT NULL,
	"flagged_on" date,
	"cleared_at" timestamp (3) with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flagged_skus_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "listed_prices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"sku_code" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"reference_price_fen" bigint,
	"listing_id" uuid NOT NULL,
	"observed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "listed_prices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "listing_versions" (
	"tenant_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"source" text NOT NULL,
	"import_run_id" uuid,
	CONSTRAINT "listing_versions_tenant_id_listing_id_version_pk" PRIMARY KEY("tenant_id","listing_id","version")
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"sku_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"content_hash" text NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"worst_severity" text,
	"finding_count" integer DEFAULT 0 NOT NULL,
	"checked_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "listings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "quality_documents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"holder_type" text NOT NULL,
	"holder_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text,
	"issuer" text,
	"issued_on" date,
	"expires_on" date,
	"note" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_documents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "quality_settings" (
	"tenant_id" uuid NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "quality_tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shop_id" uuid,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"dedupe_key" text NOT NULL,
	"listing_id" uuid,
	"listing_version" integer,
	"ticket_id" uuid,
	"sku_code" text,
	"claim" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"closed_by_name" text,
	"close_note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "flagged_skus_active" ON "flagged_skus" USING btree ("tenant_id","shop_id","sku_code") WHERE cleared_at is null;--> statement-breakpoint
CREATE INDEX "listed_prices_sku" ON "listed_prices" USING btree ("tenant_id","shop_id","sku_code","observed_at");--> statement-breakpoint
CREATE INDEX "listing_versions_from" ON "listing_versions" USING btree ("tenant_id","listing_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "listings_external" ON "listings" USING btree ("tenant_id","shop_id","external_id");--> statement-breakpoint
CREATE INDEX "listings_shop_severity" ON "listings" USING btree ("tenant_id","shop_id","worst_severity","id");--> statement-breakpoint
CREATE INDEX "listings_skus" ON "listings" USING gin ("tenant_id","sku_codes");--> statement-breakpoint
CREATE INDEX "quality_documents_holder" ON "quality_documents" USING btree ("tenant_id","holder_type","holder_id");--> statement-breakpoint
CREATE INDEX "quality_documents_expiry" ON "quality_documents" USING btree ("tenant_id","expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_tasks_open_key" ON "quality_tasks" USING btree ("tenant_id","dedupe_key") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "quality_tasks_shop_status" ON "quality_tasks" USING btree ("tenant_id","shop_id","status","created_at");--> statement-breakpoint
CREATE INDEX "quality_tasks_listing" ON "quality_tasks" USING btree ("tenant_id","listing_id");