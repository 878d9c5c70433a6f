CREATE TABLE "collection_terms" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "collection_terms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"value" numeric(18,4) NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "collection_terms_kind_from" UNIQUE("kind","valid_from"),
	CONSTRAINT "collection_terms_not_negative" CHECK ("value" >= 0),
	CONSTRAINT "collection_terms_window" CHECK ("valid_to" is null or "valid_to" >= "valid_from")
);
