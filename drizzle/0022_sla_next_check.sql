ALTER TABLE "ticket_sla" drop column "next_check_at";--> statement-breakpoint
ALTER TABLE "ticket_sla" ADD COLUMN "next_check_at" timestamp (3) with time zone GENERATED ALWAYS AS (sla_next_check(first_warn_at, first_due_at, next_warn_at, next_due_at, resolution_warn_at, resolution_due_at, alerts)) STORED;--> statement-breakpoint
-- Dropping the column dropped its index: the sweeper finds due clocks through it (tenant first).
CREATE INDEX "ticket_sla_next_check" ON "ticket_sla" USING btree ("tenant_id","next_check_at") WHERE next_check_at is not null;
