CREATE TABLE "brand_authorisations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"direction" text NOT NULL,
	"party_name" text NOT NULL,
	"platform" text,
	"seller_id" text,
	"seller_name" text,
	"right_id" uuid,
	"scope" text DEFAULT '' NOT NULL,
	"valid_from" timestamp (3) with time zone,
	"valid_until" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_authorisations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_complaint_accounts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"platform" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_complaint_accounts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_complaint_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_name" text NOT NULL,
	CONSTRAINT "brand_complaint_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_complaints" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"right_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"outcome" text,
	"precheck_score" integer NOT NULL,
	"precheck_estimate" real NOT NULL,
	"statement" text DEFAULT '' NOT NULL,
	"external_ref" text,
	"submitted_at" timestamp (3) with time zone,
	"supplement_due_at" timestamp (3) with time zone,
	"counter_notice_due_at" timestamp (3) with time zone,
	"decision_expected_by" timestamp (3) with time zone,
	"next_due_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_complaints_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_defences" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"platform" text NOT NULL,
	"shop_id" uuid,
	"external_ref" text,
	"listing_title" text NOT NULL,
	"sku" text,
	"complainant" text NOT NULL,
	"type" text NOT NULL,
	"right_no" text,
	"claim" text DEFAULT '' NOT NULL,
	"response" text DEFAULT '' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"response_due_at" timestamp (3) with time zone NOT NULL,
	"responded_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_defences_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_listings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"platform" text NOT NULL,
	"url" text NOT NULL,
	"url_key" text NOT NULL,
	"item_id" text,
	"seller_name" text NOT NULL,
	"seller_id" text,
	"seller_key" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"price_fen" bigint,
	"reference_price_fen" bigint,
	"sku" text,
	"infringement" text,
	"right_id" uuid,
	"goods_class" integer,
	"similarity" text,
	"from_rights_holder" boolean DEFAULT false NOT NULL,
	"test_purchase_ref" text,
	"status" text DEFAULT 'watching' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"import_batch" uuid,
	"notes" text DEFAULT '' NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_listings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_price_floors" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sku" text NOT NULL,
	"product_name" text DEFAULT '' NOT NULL,
	"authorisation_id" uuid,
	"applies_to" text NOT NULL,
	"min_price_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_price_floors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_price_observations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"price_fen" bigint NOT NULL,
	"reference_price_fen" bigint,
	"observed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "brand_price_observations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_reseller_warnings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"authorisation_id" uuid NOT NULL,
	"price_fen" bigint NOT NULL,
	"floor_fen" bigint NOT NULL,
	"message" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_reseller_warnings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_rights" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"registration_no" text NOT NULL,
	"owner" text NOT NULL,
	"jurisdiction" text DEFAULT 'CN' NOT NULL,
	"classes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"goods" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"patent_type" text,
	"work_type" text,
	"valid_from" timestamp (3) with time zone,
	"valid_until" timestamp (3) with time zone,
	"notes" text DEFAULT '' NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_rights_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "brand_sourcing" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sku" text NOT NULL,
	"product_name" text DEFAULT '' NOT NULL,
	"supplier_name" text NOT NULL,
	"authorisation_id" uuid,
	"sampling_interval_days" integer DEFAULT 90 NOT NULL,
	"last_sampled_at" timestamp (3) with time zone,
	"notes" text DEFAULT '' NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_sourcing_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "brand_authorisations_expiry" ON "brand_authorisations" USING btree ("tenant_id","direction","valid_until");--> statement-breakpoint
CREATE INDEX "brand_authorisations_seller" ON "brand_authorisations" USING btree ("tenant_id","platform","seller_id");--> statement-breakpoint
CREATE UNIQUE INDEX "brand_complaint_accounts_name" ON "brand_complaint_accounts" USING btree ("tenant_id","platform","name");--> statement-breakpoint
CREATE INDEX "brand_complaint_events_complaint" ON "brand_complaint_events" USING btree ("tenant_id","complaint_id","at");--> statement-breakpoint
CREATE INDEX "brand_complaints_account" ON "brand_complaints" USING btree ("tenant_id","account_id","decided_at");--> statement-breakpoint
CREATE INDEX "brand_complaints_listing" ON "brand_complaints" USING btree ("tenant_id","listing_id");--> statement-breakpoint
CREATE INDEX "brand_complaints_due" ON "brand_complaints" USING btree ("tenant_id",coalesce(next_due_at, 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "brand_defences_due" ON "brand_defences" USING btree ("tenant_id","status","response_due_at");--> statement-breakpoint
CREATE INDEX "brand_defences_external" ON "brand_defences" USING btree ("tenant_id","platform","external_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "brand_listings_url" ON "brand_listings" USING btree ("tenant_id","url_key");--> statement-breakpoint
CREATE INDEX "brand_listings_seller" ON "brand_listings" USING btree ("tenant_id","seller_key");--> statement-breakpoint
CREATE INDEX "brand_listings_status" ON "brand_listings" USING btree ("tenant_id","status","id");--> statement-breakpoint
CREATE INDEX "brand_listings_sku" ON "brand_listings" USING btree ("tenant_id","sku");--> statement-breakpoint
CREATE UNIQUE INDEX "brand_price_floors_sku" ON "brand_price_floors" USING btree ("tenant_id","sku","applies_to");--> statement-breakpoint
CREATE INDEX "brand_price_observations_listing" ON "brand_price_observations" USING btree ("tenant_id","listing_id","observed_at");--> statement-breakpoint
CREATE INDEX "brand_reseller_warnings_listing" ON "brand_reseller_warnings" USING btree ("tenant_id","listing_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "brand_rights_number" ON "brand_rights" USING btree ("tenant_id","kind","registration_no");--> statement-breakpoint
CREATE INDEX "brand_rights_expiry" ON "brand_rights" USING btree ("tenant_id","valid_until");--> statement-breakpoint
CREATE UNIQUE INDEX "brand_sourcing_sku" ON "brand_sourcing" USING btree ("tenant_id","sku");