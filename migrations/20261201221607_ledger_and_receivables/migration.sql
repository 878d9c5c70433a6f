CREATE SEQUENCE "public"."receivable_kid_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000001 CACHE 1;--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"type" text NOT NULL,
	"balance_ore" bigint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_accounts_type" CHECK ("type" in ('ASSET', 'LIABILITY', 'REVENUE', 'EXPENSE'))
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"description" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"reverses_entry_id" bigint
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_postings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"amount_ore" bigint NOT NULL,
	CONSTRAINT "ledger_postings_not_zero" CHECK ("amount_ore" <> 0)
);
--> statement-breakpoint
CREATE TABLE "payment_parties" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_parties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_number" text,
	"national_identity_number" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_parties_one_identity" CHECK (("organisation_number" is null) <> ("national_identity_number" is null))
);
--> statement-breakpoint
CREATE TABLE "receivable_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "receivable_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"receivable_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"amount_ore" bigint,
	"open_after_ore" bigint NOT NULL,
	"reference" text,
	"entry_id" bigint,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receivable_lines" (
	"receivable_id" bigint,
	"duty_kind" text,
	"amount_ore" bigint NOT NULL,
	CONSTRAINT "receivable_lines_pkey" PRIMARY KEY("receivable_id","duty_kind")
);
--> statement-breakpoint
CREATE TABLE "receivables" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "receivables_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"declaration_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"party_id" bigint NOT NULL,
	"kid" text NOT NULL,
	"amount_ore" bigint NOT NULL,
	"open_ore" bigint NOT NULL,
	"paid_ore" bigint NOT NULL,
	"status" text NOT NULL,
	"due_date" date NOT NULL,
	"entry_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "receivables_open_not_negative" CHECK ("open_ore" >= 0),
	CONSTRAINT "receivables_paid_not_negative" CHECK ("paid_ore" >= 0),
	CONSTRAINT "receivables_open_within_amount" CHECK ("open_ore" <= greatest("amount_ore", 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_key" ON "ledger_accounts" ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_reverses" ON "ledger_entries" ("reverses_entry_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_posted" ON "ledger_entries" ("posted_at","id");--> statement-breakpoint
CREATE INDEX "ledger_entries_reference" ON "ledger_entries" ("reference");--> statement-breakpoint
CREATE INDEX "ledger_postings_entry" ON "ledger_postings" ("entry_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_account" ON "ledger_postings" ("account_id","entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_parties_org" ON "payment_parties" ("organisation_number");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_parties_person" ON "payment_parties" ("national_identity_number");--> statement-breakpoint
CREATE INDEX "receivable_events_receivable" ON "receivable_events" ("receivable_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "receivables_kid" ON "receivables" ("kid");--> statement-breakpoint
CREATE UNIQUE INDEX "receivables_version" ON "receivables" ("declaration_id","version");--> statement-breakpoint
CREATE INDEX "receivables_party_open" ON "receivables" ("party_id","due_date","declaration_id","id");--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_entry_id_ledger_entries_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "ledger_entries"("id");--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_account_id_ledger_accounts_id_fkey" FOREIGN KEY ("account_id") REFERENCES "ledger_accounts"("id");--> statement-breakpoint
ALTER TABLE "receivable_events" ADD CONSTRAINT "receivable_events_receivable_id_receivables_id_fkey" FOREIGN KEY ("receivable_id") REFERENCES "receivables"("id");--> statement-breakpoint
ALTER TABLE "receivable_lines" ADD CONSTRAINT "receivable_lines_receivable_id_receivables_id_fkey" FOREIGN KEY ("receivable_id") REFERENCES "receivables"("id");--> statement-breakpoint
ALTER TABLE "receivables" ADD CONSTRAINT "receivables_party_id_payment_parties_id_fkey" FOREIGN KEY ("party_id") REFERENCES "payment_parties"("id");--> statement-breakpoint
-- Debits equal credits in every journal entry, checked at commit so that an entry's postings may be
-- inserted one by one within the transaction; postEntry checks it first and says so more clearly.
CREATE FUNCTION ledger_entry_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
BEGIN
  SELECT coalesce(sum(amount_ore), 0) INTO total FROM ledger_postings WHERE entry_id = NEW.entry_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'journal entry % does not balance', NEW.entry_id USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_must_balance();--> statement-breakpoint
-- The journal is append-only: a correction is a reversing entry, never an update or a deletion.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the journal is append-only (% on % refused)', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();--> statement-breakpoint
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
