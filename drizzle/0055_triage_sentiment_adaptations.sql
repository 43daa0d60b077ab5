-- A tenant's sentiment adaptation (src/triage/sentiment-delta.ts): the delta over the shipped
-- sentiment weights, self-trained in the background on its inbound texts, and its figures.
CREATE TABLE "triage_sentiment_adaptations" (
	"tenant_id" uuid NOT NULL,
	"status" text NOT NULL,
	"delta" jsonb,
	"texts" integer NOT NULL,
	"pseudo_labelled" integer NOT NULL,
	"total_texts" integer NOT NULL,
	"figures" jsonb,
	"error" text,
	"trained_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "triage_sentiment_adaptations_tenant_id_pk" PRIMARY KEY("tenant_id")
);
