CREATE TABLE "analytics_summary_exposure" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"sku_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"product_category" text NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"counterfeit" boolean NOT NULL,
	"safety" boolean NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_summary_exposure_tenant_id_grain_day_shop_id_platform_sku_id_supplier_id_product_category_paid_fen_counterfeit_safety_pk" PRIMARY KEY("tenant_id","grain","day","shop_id","platform","sku_id","supplier_id","product_category","paid_fen","counterfeit","safety")
);
--> statement-breakpoint
CREATE TABLE "analytics_summary_lines" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"sku_id" uuid NOT NULL,
	"batch" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_summary_lines_tenant_id_grain_day_shop_id_platform_sku_id_batch_supplier_id_pk" PRIMARY KEY("tenant_id","grain","day","shop_id","platform","sku_id","batch","supplier_id")
);
--> statement-breakpoint
DROP INDEX "analytics_facts_running";--> statement-breakpoint
DROP INDEX "analytics_facts_exposure";