CREATE TABLE "assessment_rules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rule" text NOT NULL,
	"attributes" jsonb NOT NULL,
	"value" numeric(18,6) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "assessment_rules_key" UNIQUE("rule","attributes","valid_from")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"declaration_id" bigint,
	"version" integer,
	"outcome" text NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"payable" numeric(18,2),
	"vat_to_report" numeric(18,2),
	"total" numeric(18,2),
	"assessed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessments_pkey" PRIMARY KEY("declaration_id","version")
);
--> statement-breakpoint
CREATE TABLE "country_group_members" (
	"country_group" text,
	"country_code" text,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "country_group_members_pkey" PRIMARY KEY("country_group","country_code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "duty_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "duty_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"commodity_code" text NOT NULL,
	"country_group" text NOT NULL,
	"kind" text NOT NULL,
	"value" numeric(18,6) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "duty_rates_key" UNIQUE("commodity_code","country_group","valid_from"),
	CONSTRAINT "duty_rates_kind" CHECK ("kind" in ('PERCENT', 'PER_KG', 'PER_LITRE', 'PER_PIECE'))
);
--> statement-breakpoint
CREATE TABLE "excise_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "excise_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"strength_from" numeric(5,2),
	"strength_from_inclusive" boolean,
	"strength_to" numeric(5,2),
	"strength_to_inclusive" boolean,
	"value" numeric(18,6) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "excise_rates_key" UNIQUE NULLS NOT DISTINCT("category","strength_from","valid_from")
);
--> statement-breakpoint
CREATE TABLE "packaging_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "packaging_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tax" text NOT NULL,
	"material" text,
	"per_unit" numeric(18,6) NOT NULL,
	"exempt_at_return_percent" numeric(5,2),
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "packaging_rates_key" UNIQUE NULLS NOT DISTINCT("tax","material","valid_from")
);
--> statement-breakpoint
CREATE TABLE "research_levy_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "research_levy_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code_prefix" text NOT NULL,
	"percent" numeric(9,4) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "research_levy_rates_key" UNIQUE("code_prefix","valid_from")
);
--> statement-breakpoint
CREATE TABLE "vat_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vat_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vat_class" text NOT NULL,
	"percent" numeric(7,4) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "vat_rates_key" UNIQUE("vat_class","valid_from")
);
--> statement-breakpoint
ALTER TABLE "declaration_versions" ADD COLUMN "voec_number" text;--> statement-breakpoint
ALTER TABLE "goods_items" ADD COLUMN "vehicle" jsonb;--> statement-breakpoint
ALTER TABLE "goods_items" ADD COLUMN "packaging" jsonb;