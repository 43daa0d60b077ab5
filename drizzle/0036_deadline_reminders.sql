CREATE TABLE "deadline_reminders" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"deadline" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"stage" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"raised_at" timestamp (3) with time zone NOT NULL,
	"acknowledged_at" timestamp (3) with time zone,
	"acknowledged_by_name" text,
	"resolved_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_reminders_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deadline_reminders_once" ON "deadline_reminders" USING btree ("tenant_id","subject_type","subject_id","deadline","due_at","stage");--> statement-breakpoint
CREATE INDEX "deadline_reminders_open" ON "deadline_reminders" USING btree ("tenant_id","status","due_at");