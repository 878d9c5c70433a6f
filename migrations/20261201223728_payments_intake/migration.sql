CREATE TABLE "bank_notification_files" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_notification_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" text NOT NULL UNIQUE,
	"content_hash" text NOT NULL UNIQUE,
	"version" text NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"transactions" integer NOT NULL,
	"matched" integer NOT NULL,
	"suspended" integer NOT NULL,
	"skipped" integer NOT NULL,
	"credited_ore" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_provider_events" (
	"provider" text,
	"event_id" text,
	"provider_reference" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_provider_events_pkey" PRIMARY KEY("provider","event_id")
);
--> statement-breakpoint
CREATE TABLE "payment_request_keys" (
	"principal" text,
	"client_key" text,
	"operation" text NOT NULL,
	"payload_hash" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_request_keys_pkey" PRIMARY KEY("principal","client_key")
);
--> statement-breakpoint
CREATE TABLE "suspense_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "suspense_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"file_id" bigint,
	"file_path" text,
	"amount_ore" bigint NOT NULL,
	"currency" text NOT NULL,
	"creditor_reference" text,
	"bank_reference" text,
	"debtor_name" text,
	"remittance" text,
	"booking_date" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"entry_id" bigint,
	"allocated_by" text,
	"allocated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suspense_items_amount_positive" CHECK ("amount_ore" > 0)
);
--> statement-breakpoint
CREATE INDEX "suspense_items_open" ON "suspense_items" ("status","id");--> statement-breakpoint
ALTER TABLE "suspense_items" ADD CONSTRAINT "suspense_items_file_id_bank_notification_files_id_fkey" FOREIGN KEY ("file_id") REFERENCES "bank_notification_files"("id");