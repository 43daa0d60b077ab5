CREATE TABLE "assistant_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"intent" text,
	"confidence" real NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"cues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answer_message_id" uuid,
	"draft" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistant_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "assistant_settings" (
	"tenant_id" uuid NOT NULL,
	"enabled" boolean NOT NULL,
	"threshold" real NOT NULL,
	"channels" text[] NOT NULL,
	"intents" text[] NOT NULL,
	"ship_within_hours" integer NOT NULL,
	"public_base_url" text,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistant_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "kb_article_versions" (
	"tenant_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"edited_by" uuid,
	"edited_by_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_article_versions_tenant_id_article_id_version_pk" PRIMARY KEY("tenant_id","article_id","version")
);
--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shop_id" uuid,
	"product_id" uuid,
	"kind" text NOT NULL,
	"locale" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_articles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "kb_product_pages" (
	"tenant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"public_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_product_pages_tenant_id_product_id_pk" PRIMARY KEY("tenant_id","product_id")
);
--> statement-breakpoint
CREATE INDEX "assistant_log_created" ON "assistant_log" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "assistant_log_ticket" ON "assistant_log" USING btree ("tenant_id","ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_articles_product" ON "kb_articles" USING btree ("tenant_id","product_id","status");--> statement-breakpoint
CREATE INDEX "kb_articles_shop" ON "kb_articles" USING btree ("tenant_id","shop_id","status");--> statement-breakpoint
CREATE INDEX "kb_articles_updated" ON "kb_articles" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_pages_public_global" ON "kb_product_pages" USING btree ("public_id");