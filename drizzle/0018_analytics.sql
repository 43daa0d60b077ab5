CREATE TABLE "analytics_alerts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sku_id" uuid NOT NULL,
	"batch" text NOT NULL,
	"signal" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"window_from" date NOT NULL,
	"window_to" date NOT NULL,
	"observed" integer NOT NULL,
	"expected" real NOT NULL,
	"p_value" real NOT NULL,
	"evidence" jsonb NOT NULL,
	"recall_id" uuid,
	"decided_by_name" text,
	"raised_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_alerts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "analytics_case_facts" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"day" date NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"shop_id" uuid,
	"platform" text,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"category" text,
	"severity" text NOT NULL,
	"status" text NOT NULL,
	"root_cause" text,
	"assignee_id" uuid,
	"order_id" uuid,
	"sku_id" uuid,
	"batch" text,
	"supplier_id" uuid,
	"product_category" text,
	"paid_fen" bigint,
	"safety" boolean DEFAULT false NOT NULL,
	"quality" boolean DEFAULT false NOT NULL,
	"counterfeit" boolean DEFAULT false NOT NULL,
	"first_responded_at" timestamp (3) with time zone,
	"first_response_due_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"resolution_due_at" timestamp (3) with time zone,
	"refund_fen" bigint DEFAULT 0 NOT NULL,
	"compensation_fen" bigint DEFAULT 0 NOT NULL,
	"coupon_fen" bigint DEFAULT 0 NOT NULL,
	"reships" integer DEFAULT 0 NOT NULL,
	"money_day" date,
	CONSTRAINT "analytics_case_facts_tenant_id_ticket_id_pk" PRIMARY KEY("tenant_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_feedback" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"score" smallint NOT NULL,
	"previous_score" smallint,
	"at" timestamp (3) with time zone NOT NULL,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_feedback_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "analytics_order_lines_daily" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"sku_id" uuid NOT NULL,
	"batch" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_order_lines_daily_tenant_id_day_shop_id_sku_id_batch_supplier_id_pk" PRIMARY KEY("tenant_id","day","shop_id","sku_id","batch","supplier_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_orders_daily" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"shop_id" uuid NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_orders_daily_tenant_id_day_shop_id_pk" PRIMARY KEY("tenant_id","day","shop_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_alerts_open" ON "analytics_alerts" USING btree ("tenant_id","sku_id","batch") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "analytics_alerts_raised" ON "analytics_alerts" USING btree ("tenant_id","raised_at");--> statement-breakpoint
CREATE INDEX "analytics_facts_day" ON "analytics_case_facts" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "analytics_facts_order" ON "analytics_case_facts" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "analytics_facts_money" ON "analytics_case_facts" USING btree ("tenant_id","money_day") WHERE money_day is not null;--> statement-breakpoint
CREATE INDEX "analytics_facts_goods" ON "analytics_case_facts" USING btree ("tenant_id","sku_id","batch","day") WHERE safety or quality;--> statement-breakpoint
CREATE INDEX "analytics_facts_supplier" ON "analytics_case_facts" USING btree ("tenant_id","supplier_id","day");--> statement-breakpoint
CREATE INDEX "analytics_facts_open" ON "analytics_case_facts" USING btree ("tenant_id","created_at") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "analytics_feedback_at" ON "analytics_feedback" USING btree ("tenant_id","kind","at");--> statement-breakpoint
CREATE INDEX "analytics_feedback_ticket" ON "analytics_feedback" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "analytics_lines_sku" ON "analytics_order_lines_daily" USING btree ("tenant_id","sku_id","batch","day");