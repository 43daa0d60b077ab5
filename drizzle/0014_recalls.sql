CREATE TABLE "recall_actions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"recall_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"owner_name" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"done_at" timestamp (3) with time zone,
	"verification" text,
	"verified_at" timestamp (3) with time zone,
	"verified_by_name" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recall_actions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "recall_affected" (
	"tenant_id" uuid NOT NULL,
	"recall_id" uuid NOT NULL,
	"order_item_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"customer_id" uuid,
	"quantity" integer NOT NULL,
	"paid_fen" bigint NOT NULL,
	CONSTRAINT "recall_affected_tenant_id_recall_id_order_item_id_pk" PRIMARY KEY("tenant_id","recall_id","order_item_id")
);
--> statement-breakpoint
CREATE TABLE "recall_inquiries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"recall_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"message_id" uuid,
	"matched_by" text NOT NULL,
	"in_scope" boolean NOT NULL,
	"question" text NOT NULL,
	"answer_state" text NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recall_inquiries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "recall_notices" (
	"tenant_id" uuid NOT NULL,
	"recall_id" uuid NOT NULL,
	"wave" text NOT NULL,
	"order_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"customer_id" uuid,
	"outbox_id" uuid,
	"case_ref" text,
	"unsendable" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recall_notices_tenant_id_recall_id_wave_order_id_pk" PRIMARY KEY("tenant_id","recall_id","wave","order_id")
);
--> statement-breakpoint
CREATE TABLE "recall_remedies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"recall_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"offer_id" uuid,
	"remedy" text NOT NULL,
	"units" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"return_carrier" text,
	"return_tracking_no" text,
	"return_received_at" timestamp (3) with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recall_remedies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "recall_statements" (
	"tenant_id" uuid NOT NULL,
	"recall_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"author_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recall_statements_tenant_id_recall_id_locale_version_pk" PRIMARY KEY("tenant_id","recall_id","locale","version")
);
--> statement-breakpoint
CREATE TABLE "recall_tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"recall_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"shop_id" uuid,
	"platform" text,
	"status" text DEFAULT 'open' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"done_at" timestamp (3) with time zone,
	"done_by_name" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recall_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "recalls" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"public_id" text NOT NULL,
	"title" text NOT NULL,
	"hazard" text NOT NULL,
	"product_name" text,
	"hazard_level" text DEFAULT 'consumer' NOT NULL,
	"role" text DEFAULT 'seller' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_ticket_id" uuid,
	"learned_at" timestamp (3) with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"owner_id" uuid,
	"owner_name" text,
	"team" text[] DEFAULT '{}'::text[] NOT NULL,
	"scope" jsonb NOT NULL,
	"remedies" text[] DEFAULT '{refund,exchange}' NOT NULL,
	"claim_deadline" timestamp (3) with time zone,
	"contact" text,
	"budget_fen" bigint,
	"answer_zh" text,
	"answer_en" text,
	"auto_reply" boolean DEFAULT false NOT NULL,
	"clock_override" jsonb,
	"root_cause" text,
	"fault_supplier" text,
	"fault_batch" text,
	"findings_zh" text,
	"findings_en" text,
	"findings_published_at" timestamp (3) with time zone,
	"review" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"frozen_at" timestamp (3) with time zone,
	"announced_at" timestamp (3) with time zone,
	"activated_at" timestamp (3) with time zone,
	"closing_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"cancelled_at" timestamp (3) with time zone,
	"completion_rate_permille" integer,
	"notice_waves" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recalls_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "recall_actions_recall" ON "recall_actions" USING btree ("tenant_id","recall_id","created_at");--> statement-breakpoint
CREATE INDEX "recall_affected_order" ON "recall_affected" USING btree ("tenant_id","recall_id","order_id");--> statement-breakpoint
CREATE INDEX "recall_affected_by_order" ON "recall_affected" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "recall_affected_customer" ON "recall_affected" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recall_inquiries_ticket" ON "recall_inquiries" USING btree ("tenant_id","recall_id","ticket_id");--> statement-breakpoint
CREATE INDEX "recall_inquiries_queue" ON "recall_inquiries" USING btree ("tenant_id","recall_id","created_at");--> statement-breakpoint
CREATE INDEX "recall_inquiries_auto" ON "recall_inquiries" USING btree ("tenant_id","created_at") WHERE answer_state = 'auto_pending';--> statement-breakpoint
CREATE INDEX "recall_notices_order" ON "recall_notices" USING btree ("tenant_id","recall_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recall_remedies_order" ON "recall_remedies" USING btree ("tenant_id","recall_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recall_tasks_key" ON "recall_tasks" USING btree ("tenant_id","recall_id","kind",coalesce("shop_id"::text, ''),coalesce("platform", ''));--> statement-breakpoint
CREATE INDEX "recalls_status" ON "recalls" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recalls_public_global" ON "recalls" USING btree ("public_id");--> statement-breakpoint
CREATE INDEX "channel_cases_order" ON "channel_cases" USING btree ("tenant_id","shop_id","order_ref");