CREATE TABLE "mandates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mandates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"grantor_orgnr" text,
	"grantor_national_id" text,
	"representative_orgnr" text NOT NULL,
	"kind" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"granted_by" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mandates_one_grantor" CHECK (("grantor_orgnr" is null) <> ("grantor_national_id" is null)),
	CONSTRAINT "mandates_kind" CHECK ("kind" in ('DIRECT', 'INDIRECT')),
	CONSTRAINT "mandates_window" CHECK ("valid_to" is null or "valid_to" >= "valid_from"),
	CONSTRAINT "mandates_revocation" CHECK (("revoked_at" is null) = ("revoked_by" is null))
);
--> statement-breakpoint
CREATE INDEX "mandates_grantor_org" ON "mandates" ("grantor_orgnr","representative_orgnr");--> statement-breakpoint
CREATE INDEX "mandates_grantor_person" ON "mandates" ("grantor_national_id","representative_orgnr");--> statement-breakpoint
CREATE INDEX "mandates_representative" ON "mandates" ("representative_orgnr","id");