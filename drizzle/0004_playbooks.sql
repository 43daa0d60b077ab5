CREATE TABLE "blocklist" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"lifted_at" timestamp (3) with time zone,
	"lifted_by_name" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blocklist_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"negotiation_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"parent_id" uuid,
	"party" text NOT NULL,
	"remedy" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"coupon_fen" bigint DEFAULT 0 NOT NULL,
	"return_shipping_paid" boolean DEFAULT false NOT NULL,
	"order_id" uuid,
	"shop_id" uuid,
	"note" text,
	"status" text NOT NULL,
	"required_role" text,
	"proposed_by" uuid,
	"proposed_by_name" text NOT NULL,
	"approved_by" uuid,
	"approved_by_name" text,
	"approved_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"decided_by_name" text,
	"decision_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "playbook_runs" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"playbook_id" uuid NOT NULL,
	"done_steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"applied_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbook_runs_tenant_id_ticket_id_pk" PRIMARY KEY("tenant_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "playbook_settings" (
	"tenant_id" uuid NOT NULL,
	"approval_limits" jsonb NOT NULL,
	"seeded_version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbook_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "playbooks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbooks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reply_templates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"locale" text NOT NULL,
	"shop_id" uuid,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"moment" text NOT NULL,
	"remedy" text,
	"built_in" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reply_templates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "shop_policies" (
	"tenant_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"price_protection_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shop_policies_tenant_id_shop_id_pk" PRIMARY KEY("tenant_id","shop_id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"offer_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"assignee_id" uuid,
	"due_at" timestamp (3) with time zone,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"completed_by_name" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "blocklist_customer" ON "blocklist" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "offers_ticket" ON "offers" USING btree ("tenant_id","ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_awaiting" ON "offers" USING btree ("tenant_id","created_at") WHERE status = 'awaiting_approval';--> statement-breakpoint
CREATE UNIQUE INDEX "playbooks_category" ON "playbooks" USING btree ("tenant_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "reply_templates_key" ON "reply_templates" USING btree ("tenant_id","key","locale",coalesce("shop_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "tasks_ticket" ON "tasks" USING btree ("tenant_id","ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "tasks_assignee_due" ON "tasks" USING btree ("tenant_id","assignee_id","due_at") WHERE status in ('open', 'pending_outbox');--> statement-breakpoint
CREATE INDEX "tasks_open_due" ON "tasks" USING btree ("tenant_id","due_at") WHERE status in ('open', 'pending_outbox');