-- 0006_data_version.sql - one counter that every write to the programme's data moves forward.
--
-- Workers cache the results of the queries behind their busiest pages (a start
-- page costs MariaDB ten times what the session check does). A cached result
-- is good while data_version.v is what it was when the result was read; the
-- session check reads v in the same statement, so a page is never older than
-- the request. The triggers below bump v on every INSERT, UPDATE and DELETE of
-- a table whose rows any page shows. Sessions, sign-in attempts, users and
-- the audit log are not among them: pages read those fresh.
--
-- Every writing transaction updates this one row, so writers queue for it
-- until they commit. kpp's writes are few and short (people filling in
-- forms), which is why one counter is worth its simplicity.

CREATE TABLE data_version (
	id TINYINT UNSIGNED NOT NULL COMMENT 'always 1: the table has one row',
	v BIGINT UNSIGNED NOT NULL COMMENT 'moves forward at every write to the data pages show',
	PRIMARY KEY (id),
	CONSTRAINT data_version_one_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='version of the programme data, for the workers'' result caches';

INSERT INTO data_version (id, v) VALUES (1, 1);

CREATE TRIGGER countries_dv_ins AFTER INSERT ON countries FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER countries_dv_upd AFTER UPDATE ON countries FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER countries_dv_del AFTER DELETE ON countries FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER thematic_areas_dv_ins AFTER INSERT ON thematic_areas FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER thematic_areas_dv_upd AFTER UPDATE ON thematic_areas FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER thematic_areas_dv_del AFTER DELETE ON thematic_areas FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER sdgs_dv_ins AFTER INSERT ON sdgs FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER sdgs_dv_upd AFTER UPDATE ON sdgs FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER sdgs_dv_del AFTER DELETE ON sdgs FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER organisations_dv_ins AFTER INSERT ON organisations FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER organisations_dv_upd AFTER UPDATE ON organisations FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER organisations_dv_del AFTER DELETE ON organisations FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER rounds_dv_ins AFTER INSERT ON rounds FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER rounds_dv_upd AFTER UPDATE ON rounds FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER rounds_dv_del AFTER DELETE ON rounds FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER round_rules_dv_ins AFTER INSERT ON round_rules FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER round_rules_dv_upd AFTER UPDATE ON round_rules FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER round_rules_dv_del AFTER DELETE ON round_rules FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER applications_dv_ins AFTER INSERT ON applications FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER applications_dv_upd AFTER UPDATE ON applications FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER applications_dv_del AFTER DELETE ON applications FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_coapplicants_dv_ins AFTER INSERT ON application_coapplicants FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_coapplicants_dv_upd AFTER UPDATE ON application_coapplicants FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_coapplicants_dv_del AFTER DELETE ON application_coapplicants FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_partners_dv_ins AFTER INSERT ON application_partners FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_partners_dv_upd AFTER UPDATE ON application_partners FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_partners_dv_del AFTER DELETE ON application_partners FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_sdgs_dv_ins AFTER INSERT ON application_sdgs FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_sdgs_dv_upd AFTER UPDATE ON application_sdgs FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_sdgs_dv_del AFTER DELETE ON application_sdgs FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER objectives_dv_ins AFTER INSERT ON objectives FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER objectives_dv_upd AFTER UPDATE ON objectives FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER objectives_dv_del AFTER DELETE ON objectives FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER expected_results_dv_ins AFTER INSERT ON expected_results FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER expected_results_dv_upd AFTER UPDATE ON expected_results FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER expected_results_dv_del AFTER DELETE ON expected_results FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicators_dv_ins AFTER INSERT ON indicators FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicators_dv_upd AFTER UPDATE ON indicators FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicators_dv_del AFTER DELETE ON indicators FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER team_members_dv_ins AFTER INSERT ON team_members FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER team_members_dv_upd AFTER UPDATE ON team_members FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER team_members_dv_del AFTER DELETE ON team_members FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_years_dv_ins AFTER INSERT ON application_years FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_years_dv_upd AFTER UPDATE ON application_years FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_years_dv_del AFTER DELETE ON application_years FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_budget_lines_dv_ins AFTER INSERT ON application_budget_lines FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_budget_lines_dv_upd AFTER UPDATE ON application_budget_lines FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_budget_lines_dv_del AFTER DELETE ON application_budget_lines FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER reviews_dv_ins AFTER INSERT ON reviews FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER reviews_dv_upd AFTER UPDATE ON reviews FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER reviews_dv_del AFTER DELETE ON reviews FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER decisions_dv_ins AFTER INSERT ON decisions FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER decisions_dv_upd AFTER UPDATE ON decisions FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER decisions_dv_del AFTER DELETE ON decisions FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER projects_dv_ins AFTER INSERT ON projects FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER projects_dv_upd AFTER UPDATE ON projects FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER projects_dv_del AFTER DELETE ON projects FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER project_years_dv_ins AFTER INSERT ON project_years FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER project_years_dv_upd AFTER UPDATE ON project_years FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER project_years_dv_del AFTER DELETE ON project_years FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER project_budget_lines_dv_ins AFTER INSERT ON project_budget_lines FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER project_budget_lines_dv_upd AFTER UPDATE ON project_budget_lines FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER project_budget_lines_dv_del AFTER DELETE ON project_budget_lines FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER reports_dv_ins AFTER INSERT ON reports FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER reports_dv_upd AFTER UPDATE ON reports FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER reports_dv_del AFTER DELETE ON reports FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER report_revisions_dv_ins AFTER INSERT ON report_revisions FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER report_revisions_dv_upd AFTER UPDATE ON report_revisions FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER report_revisions_dv_del AFTER DELETE ON report_revisions FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER report_financial_lines_dv_ins AFTER INSERT ON report_financial_lines FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER report_financial_lines_dv_upd AFTER UPDATE ON report_financial_lines FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER report_financial_lines_dv_del AFTER DELETE ON report_financial_lines FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicator_values_dv_ins AFTER INSERT ON indicator_values FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicator_values_dv_upd AFTER UPDATE ON indicator_values FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicator_values_dv_del AFTER DELETE ON indicator_values FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER disbursements_dv_ins AFTER INSERT ON disbursements FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER disbursements_dv_upd AFTER UPDATE ON disbursements FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER disbursements_dv_del AFTER DELETE ON disbursements FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER attachments_dv_ins AFTER INSERT ON attachments FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER attachments_dv_upd AFTER UPDATE ON attachments FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER attachments_dv_del AFTER DELETE ON attachments FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;
