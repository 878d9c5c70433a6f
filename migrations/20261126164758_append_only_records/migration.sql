-- Records that must never change once written: the access log, the status history, the item
-- feed, and the versions of declarations. The application never updates or deletes them; this
-- trigger makes sure nothing else does either, short of dropping it in a migration.
CREATE FUNCTION refuse_change_of_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'records in % are append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER data_access_log_append_only BEFORE UPDATE OR DELETE ON data_access_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER declaration_events_append_only BEFORE UPDATE OR DELETE ON declaration_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER declaration_item_events_append_only BEFORE UPDATE OR DELETE ON declaration_item_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER declaration_versions_append_only BEFORE UPDATE OR DELETE ON declaration_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
