DROP INDEX "users_email_global";--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "endpoint" text;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email" ON "users" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE INDEX "users_email_global" ON "users" USING btree (lower("email"));