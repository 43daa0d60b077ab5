CREATE TABLE "channel_cases" (
	"tenant_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"external_ref" text NOT NULL,
	"ticket_id" uuid,
	"order_ref" text,
	"stage_rank" integer DEFAULT 0 NOT NULL,
	"last_event_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_cases_tenant_id_shop_id_external_ref_pk" PRIMARY KEY("tenant_id","shop_id","external_ref")
);
--> statement-breakpoint
CREATE TABLE "inbox_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"external_event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"kind" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"ticket_id" uuid,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp (3) with time zone,
	CONSTRAINT "inbox_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"shop_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"ticket_id" uuid,
	"message_id" uuid,
	"case_ref" text,
	"order_ref" text,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"response" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_events_external" ON "inbox_events" USING btree ("tenant_id","platform","external_event_id");--> statement-breakpoint
CREATE INDEX "inbox_events_due" ON "inbox_events" USING btree ("tenant_id","next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_events_status" ON "inbox_events" USING btree ("tenant_id","status","received_at");--> statement-breakpoint
CREATE INDEX "inbox_events_shop" ON "inbox_events" USING btree ("tenant_id","shop_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe" ON "outbox" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("tenant_id","next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_status" ON "outbox" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "outbox_ticket" ON "outbox" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "outbox_message" ON "outbox" USING btree ("tenant_id","message_id");