CREATE TABLE "search_docs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"subject" boolean DEFAULT false NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "search_docs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "search_docs_tsv" ON "search_docs" USING gin ("tenant_id","tsv");--> statement-breakpoint
CREATE INDEX "search_docs_ticket" ON "search_docs" USING btree ("tenant_id","ticket_id");