-- 0025_public_version_followers.sql - public_version (0020) follows what the public files came to read.
--
-- The expenditure transactions carry the costs ICLD judged eligible, each category's reported cost up to
-- its approved line (fcgi-app/iati/iati.c), so the files now read project_budget_lines; and 0024 renamed a
-- decision's reason and conditions and added their English texts, which the decisions trigger of 0020
-- compared under their old names (an UPDATE of a decision would fail on them); and 0018's columns of
-- reports, added before 0020 listed the columns it compares.

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

-- 0018 gave reports the revised report's due date (revise_by) and the date it is due now (deadline).
DROP TRIGGER reports_pv_upd;

CREATE TRIGGER reports_pv_upd AFTER UPDATE ON reports FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.project_id <=> BINARY NEW.project_id
		AND BINARY OLD.kind <=> BINARY NEW.kind
		AND BINARY OLD.project_year <=> BINARY NEW.project_year
		AND BINARY OLD.due_on <=> BINARY NEW.due_on
		AND BINARY OLD.revise_by <=> BINARY NEW.revise_by
		AND BINARY OLD.deadline <=> BINARY NEW.deadline
		AND BINARY OLD.status <=> BINARY NEW.status
		AND BINARY OLD.activities <=> BINARY NEW.activities
		AND BINARY OLD.results <=> BINARY NEW.results
		AND BINARY OLD.deviations <=> BINARY NEW.deviations
		AND BINARY OLD.lessons <=> BINARY NEW.lessons
		AND BINARY OLD.participation <=> BINARY NEW.participation
		AND BINARY OLD.admin_comment <=> BINARY NEW.admin_comment
		AND BINARY OLD.revision <=> BINARY NEW.revision
		AND BINARY OLD.submitted_at <=> BINARY NEW.submitted_at
		AND BINARY OLD.submitted_by <=> BINARY NEW.submitted_by
		AND BINARY OLD.decided_at <=> BINARY NEW.decided_at
		AND BINARY OLD.decided_by <=> BINARY NEW.decided_by);
