CREATE TABLE "triage_adjustments" (
	"tenant_id" uuid NOT NULL,
	"status" text NOT NULL,
	"layer" jsonb,
	"examples" integer NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"error" text,
	"trained_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "triage_adjustments_tenant_id_pk" PRIMARY KEY("tenant_id")
);
