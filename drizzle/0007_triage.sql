CREATE TABLE "triage_corrections" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"field" text NOT NULL,
	"auto_value" jsonb NOT NULL,
	"agent_value" jsonb NOT NULL,
	"user_id" uuid,
	"user_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "triage_corrections_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "triage_lexicon" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"term" text NOT NULL,
	"category" text,
	"severity" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "triage_lexicon_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "triage_corrections_created" ON "triage_corrections" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "triage_corrections_ticket" ON "triage_corrections" USING btree ("tenant_id","ticket_id","field","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "triage_lexicon_term" ON "triage_lexicon" USING btree ("tenant_id","term","category","severity");