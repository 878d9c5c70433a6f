-- The audit trail and the access log are append-only and hash-chained (src/modules/audit/).
-- Each chain starts at place 0 with the hash of nothing: 32 zero bytes.
INSERT INTO audit_chain_heads (chain, seq, prev_hash, hash) VALUES
  ('audit_trail', 0, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex')),
  ('data_access_log', 0, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'));
--> statement-breakpoint
CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER data_access_log_no_truncate BEFORE TRUNCATE ON data_access_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
-- A chain's head only moves forward: deleting it, or setting it back, would let a chain restart.
CREATE FUNCTION refuse_chain_head_rewind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain AND NEW.seq > OLD.seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the head of an audit chain only moves forward' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_forward_only BEFORE UPDATE OR DELETE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION refuse_chain_head_rewind();
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
-- What a transaction changed, for its audit row: each write statement on a tracked table appends
-- {"ids":[...],"key":...,"op":...,"table":...} (canonical JSON: sorted keys, no whitespace) to the
-- transaction-local setting tollgate.audit_changes, which the audit row's statement reads and
-- stores. A statement that touched no row notes nothing. The key is the table's id column or the
-- declaration the rows belong to; 'id' and 'declaration_id' run static, plan-cached queries.
CREATE FUNCTION audit_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key text := TG_ARGV[0];
  ids text;
  noted text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF key = 'id' THEN
      SELECT string_agg(to_json(k)::text, ',' ORDER BY k) INTO ids FROM (SELECT DISTINCT id AS k FROM old_rows) s;
    ELSIF key = 'declaration_id' THEN
      SELECT string_agg(to_json(k)::text, ',' ORDER BY k) INTO ids FROM (SELECT DISTINCT declaration_id AS k FROM old_rows) s;
    ELSE
      EXECUTE format('SELECT string_agg(to_json(k)::text, '','' ORDER BY k) FROM (SELECT DISTINCT %I AS k FROM old_rows) s', key) INTO ids;
    END IF;
  ELSE
    IF key = 'id' THEN
      SELECT string_agg(to_json(k)::text, ',' ORDER BY k) INTO ids FROM (SELECT DISTINCT id AS k FROM new_rows) s;
    ELSIF key = 'declaration_id' THEN
      SELECT string_agg(to_json(k)::text, ',' ORDER BY k) INTO ids FROM (SELECT DISTINCT declaration_id AS k FROM new_rows) s;
    ELSE
      EXECUTE format('SELECT string_agg(to_json(k)::text, '','' ORDER BY k) FROM (SELECT DISTINCT %I AS k FROM new_rows) s', key) INTO ids;
    END IF;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  noted := current_setting('tollgate.audit_changes', true);
  PERFORM set_config('tollgate.audit_changes',
    coalesce(nullif(noted, '') || ',', '') ||
    '{"ids":[' || ids || '],"key":' || to_json(key)::text || ',"op":' || to_json(TG_OP)::text ||
    ',"table":' || to_json(TG_TABLE_NAME::text)::text || '}',
    true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Tracks a table for the audit trail: one statement trigger per kind of write (a trigger with
-- transition tables takes one event). Every table the API writes is tracked; a test fails on one
-- that is not (test/integration/audit/tracked-tables.test.ts). A later migration tracks its new
-- table with: SELECT audit_track('its_table', 'id');
CREATE FUNCTION audit_track(tbl regclass, key text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = tbl);
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_note_change(%L)', name || '_audit_insert', tbl, key);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_note_change(%L)', name || '_audit_update', tbl, key);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_note_change(%L)', name || '_audit_delete', tbl, key);
END;
$$;
--> statement-breakpoint
SELECT audit_track('declarations', 'id');
--> statement-breakpoint
SELECT audit_track('declaration_versions', 'declaration_id');
--> statement-breakpoint
SELECT audit_track('goods_items', 'declaration_id');
--> statement-breakpoint
SELECT audit_track('declaration_events', 'declaration_id');
--> statement-breakpoint
SELECT audit_track('declaration_holds', 'id');
--> statement-breakpoint
SELECT audit_track('declaration_item_events', 'declaration_id');
--> statement-breakpoint
SELECT audit_track('assessments', 'declaration_id');
--> statement-breakpoint
SELECT audit_track('mandates', 'id');
--> statement-breakpoint
SELECT audit_track('agencies', 'code');
--> statement-breakpoint
SELECT audit_track('agency_agreements', 'id');
--> statement-breakpoint
SELECT audit_track('organisations', 'organisation_number');
--> statement-breakpoint
SELECT audit_track('payment_parties', 'id');
--> statement-breakpoint
SELECT audit_track('receivables', 'id');
--> statement-breakpoint
SELECT audit_track('receivable_lines', 'receivable_id');
--> statement-breakpoint
SELECT audit_track('receivable_events', 'id');
--> statement-breakpoint
SELECT audit_track('ledger_accounts', 'id');
--> statement-breakpoint
SELECT audit_track('ledger_entries', 'id');
--> statement-breakpoint
SELECT audit_track('ledger_postings', 'id');
--> statement-breakpoint
SELECT audit_track('bank_notification_files', 'id');
--> statement-breakpoint
SELECT audit_track('suspense_items', 'id');
--> statement-breakpoint
SELECT audit_track('payment_provider_events', 'event_id');
--> statement-breakpoint
SELECT audit_track('payment_request_keys', 'client_key');
--> statement-breakpoint
SELECT audit_track('approvals', 'id');
--> statement-breakpoint
SELECT audit_track('control_outcomes', 'id');
--> statement-breakpoint
SELECT audit_track('importer_history', 'importer_key');
--> statement-breakpoint
SELECT audit_track('risk_assessments', 'declaration_id');
--> statement-breakpoint
SELECT audit_track('risk_rule_versions', 'rule_id');
--> statement-breakpoint
SELECT audit_track('risk_rules', 'id');
--> statement-breakpoint
SELECT audit_track('unit_value_statistics', 'commodity_code');
--> statement-breakpoint
SELECT audit_track('penalties', 'id');
