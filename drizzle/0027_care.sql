CREATE TABLE "care_messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"customer_id" uuid,
	"product_id" uuid,
	"platform" text NOT NULL,
	"delivered_at" timestamp (3) with time zone NOT NULL,
	"grp" text NOT NULL,
	"state" text NOT NULL,
	"skip_reason" text,
	"body" text,
	"link" text,
	"outbox_id" uuid,
	"handled_by" uuid,
	"handled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "care_opt_outs" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_opt_outs_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "care_products" (
	"tenant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"enabled" boolean NOT NULL,
	"note_zh" text,
	"note_en" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_products_tenant_id_product_id_pk" PRIMARY KEY("tenant_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "care_settings" (
	"tenant_id" uuid NOT NULL,
	"enabled" boolean NOT NULL,
	"delay_hours" integer NOT NULL,
	"within_days" integer NOT NULL,
	"holdout_percent" integer NOT NULL,
	"effect_days" integer NOT NULL,
	"limits" jsonb NOT NULL,
	"all_products" boolean NOT NULL,
	"public_base_url" text,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "care_messages_order" ON "care_messages" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "care_messages_created" ON "care_messages" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "care_messages_customer" ON "care_messages" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "care_messages_delivered" ON "care_messages" USING btree ("tenant_id","delivered_at");