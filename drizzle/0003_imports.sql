CREATE TABLE "import_mappings" (
	"tenant_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"kind" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_tenant_id_platform_kind_pk" PRIMARY KEY("tenant_id","platform","kind")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"headers" jsonb NOT NULL,
	"rows" jsonb,
	"row_count" integer NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"mapping" jsonb,
	"imported" integer DEFAULT 0 NOT NULL,
	"skipped_duplicate" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "import_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"review_key" text NOT NULL,
	"external_review_id" text,
	"order_external_id" text,
	"product_external_id" text,
	"product_name" text,
	"sku_spec" text,
	"score" smallint NOT NULL,
	"level" text,
	"content" text DEFAULT '' NOT NULL,
	"nickname" text,
	"follow_up_content" text,
	"follow_up_at" timestamp (3) with time zone,
	"merchant_replied" boolean,
	"reply_content" text,
	"store_id" text,
	"store_name" text,
	"reviewed_at" timestamp (3) with time zone NOT NULL,
	"negative" boolean NOT NULL,
	"ticket_id" uuid,
	"import_run_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "import_runs_created" ON "import_runs" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "import_runs_status" ON "import_runs" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_key" ON "reviews" USING btree ("tenant_id","shop_id","review_key");--> statement-breakpoint
CREATE INDEX "reviews_shop_date" ON "reviews" USING btree ("tenant_id","shop_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "reviews_product" ON "reviews" USING btree ("tenant_id","product_external_id","reviewed_at");