CREATE TABLE "court_fees" (
	"id" text PRIMARY KEY,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"amount" numeric(18,2) NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "court_fees_window" CHECK ("valid_to" is null or "valid_to" >= "valid_from"),
	CONSTRAINT "court_fees_positive" CHECK ("amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "penalties" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "penalties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"declaration_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"decided_on" date NOT NULL,
	"duty_advantage" numeric(18,2),
	"multiple" integer,
	"ground" text,
	"amount" numeric(18,2) NOT NULL,
	"calculation" jsonb NOT NULL,
	"reason" text NOT NULL,
	"liable_orgnr" text,
	"liable_national_id" text,
	"declarant_orgnr" text NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"receivable_id" text,
	CONSTRAINT "penalties_status" CHECK ("status" in ('PROPOSED', 'APPROVED', 'NOT_IMPOSED')),
	CONSTRAINT "penalties_second_officer" CHECK ("approved_by" is null or "approved_by" <> "proposed_by"),
	CONSTRAINT "penalties_approved" CHECK (("status" = 'APPROVED') = ("approved_by" is not null)),
	CONSTRAINT "penalties_party" CHECK ("liable_orgnr" is not null or "liable_national_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "penalty_rules" (
	"id" text PRIMARY KEY,
	"kind" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"rate_percent" numeric(7,4),
	"threshold" numeric(18,2),
	"max_multiple" integer,
	"legal_basis" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "penalty_rules_kind_known" CHECK ("kind" in ('ADDITIONAL_DUTY', 'VIOLATION_FEE')),
	CONSTRAINT "penalty_rules_window" CHECK ("valid_to" is null or "valid_to" >= "valid_from"),
	CONSTRAINT "penalty_rules_figures" CHECK (("kind" = 'ADDITIONAL_DUTY' and "rate_percent" is not null) or ("kind" = 'VIOLATION_FEE' and "max_multiple" > 0))
);
--> statement-breakpoint
CREATE INDEX "penalties_declaration" ON "penalties" ("declaration_id","id");--> statement-breakpoint
CREATE INDEX "penalty_rules_kind" ON "penalty_rules" ("kind","valid_from");