CREATE TABLE "care_follow_ups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"shop_id" uuid,
	"customer_id" uuid,
	"platform" text,
	"closed_at" timestamp (3) with time zone NOT NULL,
	"state" text NOT NULL,
	"skip_reason" text,
	"message_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_follow_ups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "care_settings" ADD COLUMN "follow_up_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "care_settings" ADD COLUMN "follow_up_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "care_follow_ups_ticket" ON "care_follow_ups" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "care_follow_ups_created" ON "care_follow_ups" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "care_follow_ups_customer" ON "care_follow_ups" USING btree ("tenant_id","customer_id","created_at");