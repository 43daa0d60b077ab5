CREATE TABLE "disputes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"platform" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"ticket_id" uuid,
	"order_id" uuid,
	"shop_id" uuid,
	"external_ref" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"claim" text DEFAULT '' NOT NULL,
	"position" text DEFAULT '' NOT NULL,
	"amount_at_stake_fen" bigint DEFAULT 0 NOT NULL,
	"amount_lost_fen" bigint,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"evidence_due_at" timestamp (3) with time zone,
	"response_due_at" timestamp (3) with time zone,
	"acceptance_due_at" timestamp (3) with time zone,
	"mediation_ends_at" timestamp (3) with time zone,
	"next_due_at" timestamp (3) with time zone,
	"submitted_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"decision_note" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disputes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "penalties" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shop_id" uuid,
	"platform" text NOT NULL,
	"kind" text NOT NULL,
	"points" integer,
	"deposit_fen" bigint,
	"reason" text NOT NULL,
	"rule_ref" text,
	"external_ref" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"penalized_at" timestamp (3) with time zone NOT NULL,
	"appeal_due_at" timestamp (3) with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"appeal_text" text,
	"appealed_at" timestamp (3) with time zone,
	"decision_expected_from" timestamp (3) with time zone,
	"decision_expected_by" timestamp (3) with time zone,
	"outcome" text,
	"points_restored" integer,
	"decided_at" timestamp (3) with time zone,
	"decision_note" text,
	"next_due_at" timestamp (3) with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "penalties_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "rectification_tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"penalty_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_at" timestamp (3) with time zone,
	"done_at" timestamp (3) with time zone,
	"done_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "shop_health_scores" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"value" real NOT NULL,
	"measured_at" timestamp (3) with time zone NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shop_health_scores_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "shop_health_thresholds" (
	"tenant_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"min_value" real NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shop_health_thresholds_tenant_id_shop_id_metric_pk" PRIMARY KEY("tenant_id","shop_id","metric")
);
--> statement-breakpoint
CREATE INDEX "disputes_due" ON "disputes" USING btree ("tenant_id",coalesce(next_due_at, 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "disputes_ticket" ON "disputes" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "disputes_order" ON "disputes" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "disputes_external" ON "disputes" USING btree ("tenant_id","platform","external_ref");--> statement-breakpoint
CREATE INDEX "disputes_shop_opened" ON "disputes" USING btree ("tenant_id","shop_id","opened_at");--> statement-breakpoint
CREATE INDEX "penalties_due" ON "penalties" USING btree ("tenant_id",coalesce(next_due_at, 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "penalties_shop" ON "penalties" USING btree ("tenant_id","shop_id","penalized_at");--> statement-breakpoint
CREATE INDEX "penalties_external" ON "penalties" USING btree ("tenant_id","platform","external_ref");--> statement-breakpoint
CREATE INDEX "rectification_penalty" ON "rectification_tasks" USING btree ("tenant_id","penalty_id");--> statement-breakpoint
CREATE INDEX "shop_health_series" ON "shop_health_scores" USING btree ("tenant_id","shop_id","metric","measured_at");