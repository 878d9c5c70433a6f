CREATE TABLE "approvals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "approvals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"amount_ore" bigint NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "approvals_positive" CHECK ("amount_ore" > 0),
	CONSTRAINT "approvals_second_officer" CHECK ("decided_by" is null or "decided_by" <> "proposed_by")
);
--> statement-breakpoint
CREATE TABLE "collection_terms" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "collection_terms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"value" numeric(18,4) NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "collection_terms_kind_from" UNIQUE("kind","valid_from"),
	CONSTRAINT "collection_terms_not_negative" CHECK ("value" >= 0),
	CONSTRAINT "collection_terms_window" CHECK ("valid_to" is null or "valid_to" >= "valid_from")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "approvals_open_subject" ON "approvals" ("kind","subject") WHERE "status" = 'PROPOSED';