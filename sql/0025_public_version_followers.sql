-- 0025_public_version_followers.sql - public_version (0020) follows what the public files came to read.
--
-- The expenditure transactions carry the costs ICLD judged eligible, each category's reported cost up to
-- its approved line (fcgi-app/iati.c), so the files now read project_budget_lines; and 0024 renamed a
-- decision's reason and conditions and added their English texts, which the decisions trigger of 0020
-- compared under their old names (an UPDATE of a decision would fail on them).

CREATE TRIGGER project_budget_lines_pv_ins AFTER INSERT ON project_budget_lines FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER project_budget_lines_pv_upd AFTER UPDATE ON project_budget_lines FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.project_id <=> BINARY NEW.project_id
		AND BINARY OLD.year <=> BINARY NEW.year
		AND BINARY OLD.category <=> BINARY NEW.category
		AND BINARY OLD.amount <=> BINARY NEW.amount);

CREATE TRIGGER project_budget_lines_pv_del AFTER DELETE ON project_budget_lines FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

DROP TRIGGER decisions_pv_upd;

CREATE TRIGGER decisions_pv_upd AFTER UPDATE ON decisions FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.application_id <=> BINARY NEW.application_id
		AND BINARY OLD.outcome <=> BINARY NEW.outcome
		AND BINARY OLD.reason_sv <=> BINARY NEW.reason_sv
		AND BINARY OLD.reason_en <=> BINARY NEW.reason_en
		AND BINARY OLD.conditions_sv <=> BINARY NEW.conditions_sv
		AND BINARY OLD.conditions_en <=> BINARY NEW.conditions_en
		AND BINARY OLD.decided_by <=> BINARY NEW.decided_by
		AND BINARY OLD.decided_at <=> BINARY NEW.decided_at);
