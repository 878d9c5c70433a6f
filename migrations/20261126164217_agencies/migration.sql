CREATE TABLE "agencies" (
	"code" text PRIMARY KEY,
	"name" text NOT NULL,
	"english_name" text NOT NULL,
	"mandate" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_agreements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agency_agreements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"agency_code" text NOT NULL,
	"grants" text[] NOT NULL,
	"chapters" text[] NOT NULL,
	"procedures" text[],
	"origin_countries" text[],
	"personal_data" boolean NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"recorded_by" text NOT NULL,
	"reason" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agency_agreements_window" CHECK ("valid_to" is null or "valid_to" >= "valid_from")
);
--> statement-breakpoint
CREATE INDEX "agency_agreements_agency" ON "agency_agreements" ("agency_code","valid_from");--> statement-breakpoint
ALTER TABLE "agency_agreements" ADD CONSTRAINT "agency_agreements_agency_code_agencies_code_fkey" FOREIGN KEY ("agency_code") REFERENCES "agencies"("code");