CREATE TABLE "declaration_holds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "declaration_holds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"declaration_id" bigint NOT NULL,
	"agency_code" text NOT NULL,
	"reason" text NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"released_by" text,
	"release_reason" text
);
--> statement-breakpoint
CREATE TABLE "declaration_item_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "declaration_item_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tx_id" xid8 DEFAULT pg_current_xact_id() NOT NULL,
	"declaration_id" bigint NOT NULL,
	"declaration_number" text NOT NULL,
	"declaration_type" text NOT NULL,
	"version" integer NOT NULL,
	"item_number" integer NOT NULL,
	"kind" text NOT NULL,
	"commodity_code" text NOT NULL,
	"origin_country" text NOT NULL,
	"procedure_code" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_access_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "data_access_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone NOT NULL,
	"agency_code" text NOT NULL,
	"agreement_id" bigint NOT NULL,
	"subject" text NOT NULL,
	"request_id" text NOT NULL,
	"declaration_id" bigint NOT NULL,
	"subject_national_id" text NOT NULL,
	"fields" text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "declaration_holds_declaration" ON "declaration_holds" ("declaration_id","id");--> statement-breakpoint
CREATE INDEX "declaration_item_events_order" ON "declaration_item_events" ("tx_id","id");--> statement-breakpoint
CREATE INDEX "data_access_log_person" ON "data_access_log" ("subject_national_id","id");--> statement-breakpoint
CREATE INDEX "data_access_log_agency" ON "data_access_log" ("agency_code","id");--> statement-breakpoint
ALTER TABLE "declaration_holds" ADD CONSTRAINT "declaration_holds_declaration_id_declarations_id_fkey" FOREIGN KEY ("declaration_id") REFERENCES "declarations"("id");