ALTER TABLE "declaration_versions" ADD COLUMN "goods_item_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Versions written before the column existed get their real count. Versions are append-only
-- (declaration_versions_append_only); the trigger is set aside for this one backfill only.
ALTER TABLE "declaration_versions" DISABLE TRIGGER "declaration_versions_append_only";
--> statement-breakpoint
UPDATE "declaration_versions" v SET "goods_item_count" = (
  SELECT count(*) FROM "goods_items" g WHERE g."declaration_id" = v."declaration_id" AND g."version" = v."version"
);
--> statement-breakpoint
ALTER TABLE "declaration_versions" ENABLE TRIGGER "declaration_versions_append_only";
