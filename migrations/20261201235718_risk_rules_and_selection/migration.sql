CREATE TABLE "control_outcomes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "control_outcomes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"declaration_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"rule_ids" bigint[] NOT NULL,
	"channel" text NOT NULL,
	"random_sample" boolean NOT NULL,
	"outcome" text NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "control_outcomes_outcome" CHECK ("outcome" in ('NO_FINDINGS', 'DISCREPANCY'))
);
--> statement-breakpoint
CREATE TABLE "importer_history" (
	"importer_key" text PRIMARY KEY,
	"first_accepted_at" timestamp with time zone NOT NULL,
	"declarations" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"declaration_id" bigint,
	"version" integer,
	"rules_version" integer NOT NULL,
	"score" integer NOT NULL,
	"channel" text NOT NULL,
	"random_sample" boolean NOT NULL,
	"fired" jsonb NOT NULL,
	"documents_requested" jsonb NOT NULL,
	"unit_values" jsonb NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_assessments_pkey" PRIMARY KEY("declaration_id","version")
);
--> statement-breakpoint
CREATE TABLE "risk_rule_versions" (
	"rule_id" bigint,
	"version" integer,
	"change" text NOT NULL,
	"name" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"weight" integer,
	"channel" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"recorded_by" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_rule_versions_pkey" PRIMARY KEY("rule_id","version"),
	CONSTRAINT "risk_rule_versions_effect" CHECK (("weight" is null) <> ("channel" is null)),
	CONSTRAINT "risk_rule_versions_window" CHECK ("valid_to" is null or "valid_to" >= "valid_from")
);
--> statement-breakpoint
CREATE TABLE "risk_rules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "risk_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_rules_version" (
	"id" boolean PRIMARY KEY DEFAULT true,
	"version" integer NOT NULL,
	CONSTRAINT "risk_rules_version_one_row" CHECK ("id")
);
--> statement-breakpoint
CREATE TABLE "unit_value_statistics" (
	"commodity_code" text,
	"origin_country" text,
	"items" integer NOT NULL,
	"value_ore" numeric(24,0) NOT NULL,
	"mass_kg" numeric(24,6) NOT NULL,
	CONSTRAINT "unit_value_statistics_pkey" PRIMARY KEY("commodity_code","origin_country")
);
--> statement-breakpoint
CREATE INDEX "control_outcomes_at" ON "control_outcomes" ("decided_at");--> statement-breakpoint
CREATE INDEX "control_outcomes_declaration" ON "control_outcomes" ("declaration_id");--> statement-breakpoint
CREATE INDEX "risk_assessments_at" ON "risk_assessments" ("assessed_at");--> statement-breakpoint
ALTER TABLE "risk_rule_versions" ADD CONSTRAINT "risk_rule_versions_rule_id_risk_rules_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "risk_rules"("id");