ALTER TABLE "declaration_versions" ADD COLUMN "freight_currency" text;--> statement-breakpoint
ALTER TABLE "declaration_versions" ADD COLUMN "insurance_currency" text;