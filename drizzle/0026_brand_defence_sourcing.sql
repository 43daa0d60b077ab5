CREATE TABLE "brand_sourcing_batches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sourcing_id" uuid NOT NULL,
	"batch_no" text NOT NULL,
	"supplier_name" text NOT NULL,
	"quantity" integer,
	"received_at" timestamp (3) with time zone NOT NULL,
	"invoice_no" text,
	"inspection_report_no" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_sourcing_batches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "brand_defences" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "brand_defences" ADD COLUMN "listing_url" text;--> statement-breakpoint
ALTER TABLE "brand_defences" ADD COLUMN "outcome_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "brand_reseller_warnings" ADD COLUMN "channel" text DEFAULT 'platform_message' NOT NULL;--> statement-breakpoint
ALTER TABLE "brand_reseller_warnings" ADD COLUMN "follow_up_due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "brand_reseller_warnings" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "brand_reseller_warnings" ADD COLUMN "outcome_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "brand_reseller_warnings" ADD COLUMN "resolved_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "brand_reseller_warnings" ADD COLUMN "resolved_by_name" text;--> statement-breakpoint
ALTER TABLE "brand_sourcing" ADD COLUMN "supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "brand_sourcing" ADD COLUMN "chain" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "brand_sourcing_batches_no" ON "brand_sourcing_batches" USING btree ("tenant_id","sourcing_id","batch_no");--> statement-breakpoint
CREATE INDEX "brand_defences_ticket" ON "brand_defences" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "brand_reseller_warnings_open" ON "brand_reseller_warnings" USING btree ("tenant_id","resolved_at","follow_up_due_at");