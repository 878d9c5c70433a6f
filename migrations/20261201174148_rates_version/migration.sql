CREATE TABLE "rates_version" (
	"id" boolean PRIMARY KEY DEFAULT true,
	"version" integer NOT NULL,
	CONSTRAINT "rates_version_one_row" CHECK ("id")
);
