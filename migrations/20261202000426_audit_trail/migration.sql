CREATE TABLE "audit_chain_heads" (
	"chain" text PRIMARY KEY,
	"seq" bigint NOT NULL,
	"prev_hash" bytea NOT NULL,
	"hash" bytea NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_trail" (
	"seq" bigint PRIMARY KEY,
	"occurred_at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"principal_kind" text NOT NULL,
	"principal_id" text NOT NULL,
	"subject" text,
	"mutation" text NOT NULL,
	"input" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"prev_hash" bytea NOT NULL,
	"hash" bytea NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_access_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD COLUMN "prev_hash" bytea;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD COLUMN "hash" bytea;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_chain_seq" UNIQUE("chain_seq");--> statement-breakpoint
CREATE INDEX "audit_trail_occurred" ON "audit_trail" ("occurred_at","seq");--> statement-breakpoint
CREATE INDEX "audit_trail_principal" ON "audit_trail" ("principal_kind","principal_id","seq");--> statement-breakpoint
CREATE INDEX "audit_trail_mutation" ON "audit_trail" ("mutation","seq");--> statement-breakpoint
CREATE INDEX "audit_trail_changes" ON "audit_trail" USING gin ("changes" jsonb_path_ops);