CREATE TABLE "sla_calendars" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"shop_id" uuid,
	"timezone" text NOT NULL,
	"hours" jsonb NOT NULL,
	"holidays" text DEFAULT 'CN' NOT NULL,
	"overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"valid_from" text,
	"valid_to" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_calendars_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sla_notifications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ticket_id" uuid,
	"ticket_number" integer,
	"target" text,
	"audience" text NOT NULL,
	"user_id" uuid,
	"due_at" timestamp (3) with time zone,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone,
	CONSTRAINT "sla_notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sla_peak_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"shop_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"targets" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_peak_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"match" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"auto_ack" boolean DEFAULT true NOT NULL,
	"escalation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "ticket_sla" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"policy_id" uuid,
	"policy_name" text,
	"peak_event_id" uuid,
	"calendar_id" uuid,
	"targets" jsonb NOT NULL,
	"timeline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_warn_at" timestamp (3) with time zone,
	"first_due_at" timestamp (3) with time zone,
	"next_warn_at" timestamp (3) with time zone,
	"next_due_at" timestamp (3) with time zone,
	"resolution_warn_at" timestamp (3) with time zone,
	"resolution_due_at" timestamp (3) with time zone,
	"alerts" text[] DEFAULT '{}'::text[] NOT NULL,
	"next_check_at" timestamp (3) with time zone,
	"state" text DEFAULT 'ok' NOT NULL,
	"warnings" text[] DEFAULT '{}'::text[] NOT NULL,
	"escalation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_sla_tenant_id_ticket_id_pk" PRIMARY KEY("tenant_id","ticket_id")
);
--> statement-breakpoint
CREATE INDEX "sla_calendars_shop" ON "sla_calendars" USING btree ("tenant_id","shop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_notifications_dedupe" ON "sla_notifications" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "sla_notifications_recent" ON "sla_notifications" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "sla_peak_events_window" ON "sla_peak_events" USING btree ("tenant_id","ends_at");--> statement-breakpoint
CREATE INDEX "sla_policies_priority" ON "sla_policies" USING btree ("tenant_id","priority");--> statement-breakpoint
CREATE INDEX "ticket_sla_next_check" ON "ticket_sla" USING btree ("tenant_id","next_check_at") WHERE next_check_at is not null;--> statement-breakpoint
-- Room on each page for HOT updates: the sweeper rewrites clocks (ticket_sla) and sla_state (tickets,
-- not indexed) in place instead of touching every index of the row.
ALTER TABLE "ticket_sla" SET (fillfactor = 80);--> statement-breakpoint
ALTER TABLE "tickets" SET (fillfactor = 85);
