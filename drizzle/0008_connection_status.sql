CREATE TABLE "connection_status" (
	"tenant_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" jsonb NOT NULL,
	"reported_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "connection_status_tenant_id_shop_id_kind_pk" PRIMARY KEY("tenant_id","shop_id","kind")
);
