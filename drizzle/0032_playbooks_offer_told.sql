ALTER TABLE "offers" ADD COLUMN "told_via" text;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "told_message_id" uuid;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "told_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "told_by_name" text;