CREATE TABLE "reply_check_results" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"author_id" uuid,
	"findings" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reply_check_results_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reply_check_rules" (
	"tenant_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"rule_id" text NOT NULL,
	"category" text NOT NULL,
	"enabled" boolean NOT NULL,
	"severity" text NOT NULL,
	"terms" text[] NOT NULL,
	"allow" text[] NOT NULL,
	"patterns" text[] NOT NULL,
	"message_zh" text NOT NULL,
	"message_en" text NOT NULL,
	"source" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reply_check_rules_tenant_id_platform_rule_id_pk" PRIMARY KEY("tenant_id","platform","rule_id")
);
--> statement-breakpoint
CREATE INDEX "reply_check_results_author" ON "reply_check_results" USING btree ("tenant_id","author_id","created_at");--> statement-breakpoint
CREATE INDEX "reply_check_results_ticket" ON "reply_check_results" USING btree ("tenant_id","ticket_id");