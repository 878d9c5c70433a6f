CREATE TABLE "countries" (
	"code" text PRIMARY KEY,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "currencies" (
	"code" text PRIMARY KEY,
	"name" text NOT NULL,
	"minor_units" integer DEFAULT 2 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customs_offices" (
	"code" text PRIMARY KEY,
	"name" text NOT NULL,
	"locode" text,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchange_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"currency_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"rate" numeric(18,6) NOT NULL,
	"unit" integer DEFAULT 1 NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "exchange_rates_currency_from" UNIQUE("currency_code","valid_from"),
	CONSTRAINT "exchange_rates_positive" CHECK ("rate" > 0 and "unit" > 0),
	CONSTRAINT "exchange_rates_window" CHECK ("valid_to" is null or "valid_to" >= "valid_from")
);
--> statement-breakpoint
CREATE TABLE "procedure_codes" (
	"code" text PRIMARY KEY,
	"declaration_type" text NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commodity_codes" (
	"code" text,
	"valid_from" date,
	"valid_to" date,
	"description" text NOT NULL,
	"unit" text NOT NULL,
	"vat_class" text NOT NULL,
	"excise_category" text,
	"restricted_by" text,
	CONSTRAINT "commodity_codes_pkey" PRIMARY KEY("code","valid_from"),
	CONSTRAINT "commodity_codes_format" CHECK ("code" ~ '^[0-9]{8}$')
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"organisation_number" text PRIMARY KEY,
	"name" text NOT NULL,
	"vat_registered" boolean DEFAULT false NOT NULL,
	"address" text,
	"country_code" text DEFAULT 'NO' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "declaration_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"declaration_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"reason" text,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_number_sequences" (
	"declarant_orgnr" text,
	"day" date,
	"last_value" integer NOT NULL,
	CONSTRAINT "declaration_number_sequences_pkey" PRIMARY KEY("declarant_orgnr","day")
);
--> statement-breakpoint
CREATE TABLE "declaration_versions" (
	"declaration_id" bigint,
	"version" integer,
	"procedure_code" text NOT NULL,
	"customs_office" text NOT NULL,
	"transport_mode" text NOT NULL,
	"dispatch_country" text NOT NULL,
	"destination_country" text NOT NULL,
	"invoice_currency" text NOT NULL,
	"invoice_date" date,
	"freight_amount" numeric(18,2) NOT NULL,
	"insurance_amount" numeric(18,2) NOT NULL,
	"party_orgnr" text,
	"party_national_id" text,
	"party_name" text,
	"party_address" text,
	"represented_orgnr" text,
	"content_hash" text NOT NULL,
	"amendment_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "declaration_versions_pkey" PRIMARY KEY("declaration_id","version")
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "declarations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"number" text NOT NULL UNIQUE,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"declarant_orgnr" text NOT NULL,
	"client_reference" text NOT NULL,
	"current_version" integer NOT NULL,
	"party_orgnr" text,
	"party_national_id" text,
	"represented_orgnr" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "declarations_client_reference" UNIQUE("declarant_orgnr","client_reference"),
	CONSTRAINT "declarations_type" CHECK ("type" in ('IMPORT', 'EXPORT'))
);
--> statement-breakpoint
CREATE TABLE "goods_items" (
	"declaration_id" bigint,
	"version" integer,
	"item_number" integer,
	"commodity_code" text NOT NULL,
	"description" text NOT NULL,
	"origin_country" text NOT NULL,
	"preference_claimed" text,
	"net_mass_kg" numeric(18,3) NOT NULL,
	"supplementary_quantity" numeric(18,3),
	"supplementary_unit" text,
	"alcohol_strength" numeric(5,2),
	"invoice_amount" numeric(18,2) NOT NULL,
	"documents" jsonb DEFAULT '[]' NOT NULL,
	CONSTRAINT "goods_items_pkey" PRIMARY KEY("declaration_id","version","item_number")
);
--> statement-breakpoint
CREATE INDEX "procedure_codes_type" ON "procedure_codes" ("declaration_type");--> statement-breakpoint
CREATE INDEX "commodity_codes_description" ON "commodity_codes" (lower("description"));--> statement-breakpoint
CREATE INDEX "declaration_events_declaration" ON "declaration_events" ("declaration_id","id");--> statement-breakpoint
CREATE INDEX "declarations_declarant" ON "declarations" ("declarant_orgnr","id");--> statement-breakpoint
CREATE INDEX "declarations_party_org" ON "declarations" ("party_orgnr","id");--> statement-breakpoint
CREATE INDEX "declarations_party_person" ON "declarations" ("party_national_id","id");--> statement-breakpoint
CREATE INDEX "declarations_represented" ON "declarations" ("represented_orgnr","id");--> statement-breakpoint
CREATE INDEX "declarations_status" ON "declarations" ("status","id");--> statement-breakpoint
CREATE INDEX "goods_items_commodity" ON "goods_items" ("commodity_code");--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_currency_code_currencies_code_fkey" FOREIGN KEY ("currency_code") REFERENCES "currencies"("code");--> statement-breakpoint
ALTER TABLE "declaration_events" ADD CONSTRAINT "declaration_events_declaration_id_declarations_id_fkey" FOREIGN KEY ("declaration_id") REFERENCES "declarations"("id");--> statement-breakpoint
ALTER TABLE "declaration_versions" ADD CONSTRAINT "declaration_versions_declaration_id_declarations_id_fkey" FOREIGN KEY ("declaration_id") REFERENCES "declarations"("id");