CREATE TABLE "supplier_audits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"auditor" text NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"findings" text,
	"score" integer NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_audits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "supplier_inspections" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sku_code" text,
	"batch" text,
	"standard_code" text,
	"institution" text,
	"report_no" text,
	"tested_on" date NOT NULL,
	"result" text NOT NULL,
	"sample_size" integer,
	"defects_found" integer,
	"note" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_inspections_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"address" text,
	"note" text,
	"merged_into" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppliers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "supplier_id" uuid;--> statement-breakpoint
CREATE INDEX "supplier_audits_supplier" ON "supplier_audits" USING btree ("tenant_id","supplier_id","visited_on");--> statement-breakpoint
CREATE INDEX "supplier_inspections_supplier" ON "supplier_inspections" USING btree ("tenant_id","supplier_id","tested_on");--> statement-breakpoint
CREATE INDEX "supplier_inspections_sku" ON "supplier_inspections" USING btree ("tenant_id","sku_code");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_name_key" ON "suppliers" USING btree ("tenant_id","name_key");--> statement-breakpoint
CREATE INDEX "suppliers_merged_into" ON "suppliers" USING btree ("tenant_id","merged_into");--> statement-breakpoint
CREATE INDEX "order_items_supplier" ON "order_items" USING btree ("tenant_id","supplier_id");