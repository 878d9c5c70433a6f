CREATE TABLE "country_groups" (
	"code" text PRIMARY KEY,
	"name" text NOT NULL,
	"preference_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "tariff_chapters" (
	"id" text PRIMARY KEY,
	"section_id" text NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "tariff_chapters_format" CHECK ("id" ~ '^[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "tariff_headings" (
	"id" text PRIMARY KEY,
	"chapter_id" text NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "tariff_headings_format" CHECK ("id" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "tariff_sections" (
	"id" text PRIMARY KEY,
	"position" integer NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commodity_codes" ALTER COLUMN "unit" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "commodity_codes" ALTER COLUMN "vat_class" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "tariff_chapters_section" ON "tariff_chapters" ("section_id");--> statement-breakpoint
CREATE INDEX "tariff_headings_chapter" ON "tariff_headings" ("chapter_id");--> statement-breakpoint
ALTER TABLE "tariff_chapters" ADD CONSTRAINT "tariff_chapters_section_id_tariff_sections_id_fkey" FOREIGN KEY ("section_id") REFERENCES "tariff_sections"("id");--> statement-breakpoint
ALTER TABLE "tariff_headings" ADD CONSTRAINT "tariff_headings_chapter_id_tariff_chapters_id_fkey" FOREIGN KEY ("chapter_id") REFERENCES "tariff_chapters"("id");