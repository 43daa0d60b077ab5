CREATE TABLE "sla_holiday_years" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"holidays" jsonb NOT NULL,
	"workdays" jsonb NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_holiday_years_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
