CREATE TABLE "shop_auth_states" (
	"tenant_id" uuid NOT NULL,
	"state_hash" text NOT NULL,
	"shop_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"redirect_uri" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone,
	CONSTRAINT "shop_auth_states_tenant_id_state_hash_pk" PRIMARY KEY("tenant_id","state_hash")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "shop_auth_states_global" ON "shop_auth_states" USING btree ("state_hash");