CREATE TABLE "complaint_links" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"listing_version" integer NOT NULL,
	"seen_after" boolean DEFAULT false NOT NULL,
	"order_id" uuid NOT NULL,
	"sku_code" text,
	"supplier_id" uuid,
	"claim" text,
	"claim_start" integer,
	"claim_end" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_links_tenant_id_ticket_id_listing_id_pk" PRIMARY KEY("tenant_id","ticket_id","listing_id")
);
--> statement-breakpoint
CREATE INDEX "complaint_links_listing" ON "complaint_links" USING btree ("tenant_id","listing_id");--> statement-breakpoint
CREATE INDEX "complaint_links_supplier" ON "complaint_links" USING btree ("tenant_id","supplier_id");