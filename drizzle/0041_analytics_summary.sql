CREATE TABLE "analytics_summary_causes" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"category" text NOT NULL,
	"root_cause" text NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_summary_causes_tenant_id_grain_day_shop_id_platform_category_root_cause_pk" PRIMARY KEY("tenant_id","grain","day","shop_id","platform","category","root_cause")
);
--> statement-breakpoint
CREATE TABLE "analytics_summary_csat" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"assignee_id" uuid NOT NULL,
	"answers" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_summary_csat_tenant_id_grain_day_shop_id_platform_assignee_id_pk" PRIMARY KEY("tenant_id","grain","day","shop_id","platform","assignee_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_summary_dirty" (
	"tenant_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "analytics_summary_dirty_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"day" date NOT NULL,
	CONSTRAINT "analytics_summary_dirty_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "analytics_summary_money" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"sku_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"product_category" text NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	"refund_fen" bigint DEFAULT 0 NOT NULL,
	"compensation_fen" bigint DEFAULT 0 NOT NULL,
	"coupon_fen" bigint DEFAULT 0 NOT NULL,
	"reships" integer DEFAULT 0 NOT NULL,
	"reship_value_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_summary_money_tenant_id_grain_day_shop_id_platform_sku_id_supplier_id_product_category_pk" PRIMARY KEY("tenant_id","grain","day","shop_id","platform","sku_id","supplier_id","product_category")
);
--> statement-breakpoint
CREATE TABLE "analytics_summary_quality" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"sku_id" uuid NOT NULL,
	"batch" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"negative_reviews" integer DEFAULT 0 NOT NULL,
	"goods" integer DEFAULT 0 NOT NULL,
	"safety" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_summary_quality_tenant_id_grain_day_shop_id_platform_sku_id_batch_supplier_id_pk" PRIMARY KEY("tenant_id","grain","day","shop_id","platform","sku_id","batch","supplier_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_summary_service" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"assignee_id" uuid NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"frt_met" integer DEFAULT 0 NOT NULL,
	"frt_late" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"res_met" integer DEFAULT 0 NOT NULL,
	"res_late" integer DEFAULT 0 NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"live_chats" integer DEFAULT 0 NOT NULL,
	"live_met" integer DEFAULT 0 NOT NULL,
	"live_late" integer DEFAULT 0 NOT NULL,
	"neg_reviews" integer DEFAULT 0 NOT NULL,
	"neg_replied" integer DEFAULT 0 NOT NULL,
	"neg_positive" integer DEFAULT 0 NOT NULL,
	"oldest_open_at" timestamp (3) with time zone,
	CONSTRAINT "analytics_summary_service_tenant_id_grain_day_shop_id_platform_assignee_id_pk" PRIMARY KEY("tenant_id","grain","day","shop_id","platform","assignee_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_summary_shop_times" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"measure" text NOT NULL,
	"bucket" smallint NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_summary_shop_times_tenant_id_grain_day_shop_id_platform_measure_bucket_pk" PRIMARY KEY("tenant_id","grain","day","shop_id","platform","measure","bucket")
);
--> statement-breakpoint
CREATE TABLE "analytics_summary_times" (
	"tenant_id" uuid NOT NULL,
	"grain" smallint NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"assignee_id" uuid NOT NULL,
	"measure" text NOT NULL,
	"bucket" smallint NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_summary_times_tenant_id_grain_day_shop_id_platform_assignee_id_measure_bucket_pk" PRIMARY KEY("tenant_id","grain","day","shop_id","platform","assignee_id","measure","bucket")
);
--> statement-breakpoint
CREATE INDEX "analytics_summary_dirty_day" ON "analytics_summary_dirty" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "analytics_facts_sku_time" ON "analytics_case_facts" USING btree ("tenant_id","sku_id","created_at","ticket_id");--> statement-breakpoint
CREATE INDEX "analytics_facts_running" ON "analytics_case_facts" USING btree ("tenant_id","day") WHERE first_responded_at is null or closed_at is null;--> statement-breakpoint
CREATE INDEX "analytics_facts_exposure" ON "analytics_case_facts" USING btree ("tenant_id","day") WHERE counterfeit or safety;