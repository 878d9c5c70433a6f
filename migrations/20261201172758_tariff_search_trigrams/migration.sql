-- pg_trgm is a trusted extension: the database owner may create it; the embedded database loads it in src/db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "commodity_codes_description";--> statement-breakpoint
CREATE INDEX "commodity_codes_description_trgm" ON "commodity_codes" USING gin ("description" gin_trgm_ops);
