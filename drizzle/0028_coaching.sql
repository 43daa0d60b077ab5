CREATE TABLE "coaching_approvals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"agent_name" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"sent_body" text,
	"message_id" uuid,
	"decision_note" text,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_approvals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "coaching_reviews" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"agent_id" uuid,
	"note" text,
	"example" text,
	"reviewed_by" uuid NOT NULL,
	"reviewed_by_name" text NOT NULL,
	"reviewed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "coaching_reviews_tenant_id_ticket_id_pk" PRIMARY KEY("tenant_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "coaching_trainees" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"set_by" uuid,
	CONSTRAINT "coaching_trainees_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "coaching_approvals_status" ON "coaching_approvals" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "coaching_approvals_agent" ON "coaching_approvals" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "coaching_reviews_agent" ON "coaching_reviews" USING btree ("tenant_id","agent_id","reviewed_at");