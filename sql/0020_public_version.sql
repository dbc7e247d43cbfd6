-- 0020_public_version.sql - the version the public IATI files follow: moved only by what they are made of.
--
-- The public files (/iati/activities.xml, /iati/organisation.xml) are written
-- once per version and named by it. data_version (0006, 0007) moves at every
-- write to anything a page shows, users included: every sign-in and every
-- change of language had a new public file written, minutes of a worker's
-- time and tens of megabytes for a large programme. public_version moves
-- only when a table the files are read from (fcgi-app/db/db_iati.c) gains,
-- loses or changes a row: an UPDATE that leaves every column as it was, or
-- changes only the bookkeeping (version, created_at, updated_at), writes
-- nothing. Columns compare as bytes: the collation would take "växjö" for
-- "Växjö" and miss the change. data_version and its triggers stay as they are for the workers'
-- result caches.
--
-- A table the files come to read, or a column added to one of these, needs
-- its triggers here (re)made in a new migration: tests/e2e/public_iati.test.mjs
-- checks both against db_iati.c and the schema.

CREATE TABLE public_version (
	id TINYINT UNSIGNED NOT NULL COMMENT 'always 1: the table has one row',
	v BIGINT UNSIGNED NOT NULL COMMENT 'moves forward at every change to the data the public files are made of',
	PRIMARY KEY (id),
	CONSTRAINT public_version_one_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='version of the data of the public IATI files, which are named by it';

INSERT INTO public_version (id, v) VALUES (1, 1);

CREATE TRIGGER applications_pv_ins AFTER INSERT ON applications FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER applications_pv_upd AFTER UPDATE ON applications FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.round_id <=> BINARY NEW.round_id
		AND BINARY OLD.project_type <=> BINARY NEW.project_type
		AND BINARY OLD.applicant_org_id <=> BINARY NEW.applicant_org_id
		AND BINARY OLD.country_code <=> BINARY NEW.country_code
		AND BINARY OLD.thematic_area_id <=> BINARY NEW.thematic_area_id
		AND BINARY OLD.follows_project_id <=> BINARY NEW.follows_project_id
		AND BINARY OLD.title_sv <=> BINARY NEW.title_sv
		AND BINARY OLD.title_en <=> BINARY NEW.title_en
		AND BINARY OLD.title_local <=> BINARY NEW.title_local
		AND BINARY OLD.title_local_lang <=> BINARY NEW.title_local_lang
		AND BINARY OLD.summary_sv <=> BINARY NEW.summary_sv
		AND BINARY OLD.summary_en <=> BINARY NEW.summary_en
		AND BINARY OLD.summary_local <=> BINARY NEW.summary_local
		AND BINARY OLD.background <=> BINARY NEW.background
		AND BINARY OLD.overall_objective <=> BINARY NEW.overall_objective
		AND BINARY OLD.principle_inclusion <=> BINARY NEW.principle_inclusion
		AND BINARY OLD.principle_participation <=> BINARY NEW.principle_participation
		AND BINARY OLD.principle_transparency <=> BINARY NEW.principle_transparency
		AND BINARY OLD.principle_accountability <=> BINARY NEW.principle_accountability
		AND BINARY OLD.target_groups <=> BINARY NEW.target_groups
		AND BINARY OLD.citizen_dialogue <=> BINARY NEW.citizen_dialogue
		AND BINARY OLD.citizen_dialogue_text <=> BINARY NEW.citizen_dialogue_text
		AND BINARY OLD.vulnerable_groups_text <=> BINARY NEW.vulnerable_groups_text
		AND BINARY OLD.gender_text <=> BINARY NEW.gender_text
		AND BINARY OLD.duration_years <=> BINARY NEW.duration_years
		AND BINARY OLD.planned_start <=> BINARY NEW.planned_start
		AND BINARY OLD.other_costs <=> BINARY NEW.other_costs
		AND BINARY OLD.contact_name <=> BINARY NEW.contact_name
		AND BINARY OLD.contact_email <=> BINARY NEW.contact_email
		AND BINARY OLD.contact_phone <=> BINARY NEW.contact_phone
		AND BINARY OLD.status <=> BINARY NEW.status
		AND BINARY OLD.done_basics <=> BINARY NEW.done_basics
		AND BINARY OLD.done_partners <=> BINARY NEW.done_partners
		AND BINARY OLD.done_description <=> BINARY NEW.done_description
		AND BINARY OLD.done_focus <=> BINARY NEW.done_focus
		AND BINARY OLD.done_results <=> BINARY NEW.done_results
		AND BINARY OLD.done_team <=> BINARY NEW.done_team
		AND BINARY OLD.done_budget <=> BINARY NEW.done_budget
		AND BINARY OLD.done_contact <=> BINARY NEW.done_contact
		AND BINARY OLD.create_token <=> BINARY NEW.create_token
		AND BINARY OLD.created_by <=> BINARY NEW.created_by
		AND BINARY OLD.submitted_at <=> BINARY NEW.submitted_at
		AND BINARY OLD.submitted_by <=> BINARY NEW.submitted_by
		AND BINARY OLD.withdrawn_at <=> BINARY NEW.withdrawn_at);

CREATE TRIGGER applications_pv_del AFTER DELETE ON applications FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_coapplicants_pv_ins AFTER INSERT ON application_coapplicants FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_coapplicants_pv_upd AFTER UPDATE ON application_coapplicants FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.application_id <=> BINARY NEW.application_id
		AND BINARY OLD.org_id <=> BINARY NEW.org_id);

CREATE TRIGGER application_coapplicants_pv_del AFTER DELETE ON application_coapplicants FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_partners_pv_ins AFTER INSERT ON application_partners FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_partners_pv_upd AFTER UPDATE ON application_partners FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.application_id <=> BINARY NEW.application_id
		AND BINARY OLD.position <=> BINARY NEW.position
		AND BINARY OLD.org_id <=> BINARY NEW.org_id);

CREATE TRIGGER application_partners_pv_del AFTER DELETE ON application_partners FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_sdgs_pv_ins AFTER INSERT ON application_sdgs FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER application_sdgs_pv_upd AFTER UPDATE ON application_sdgs FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.application_id <=> BINARY NEW.application_id
		AND BINARY OLD.goal <=> BINARY NEW.goal);

CREATE TRIGGER application_sdgs_pv_del AFTER DELETE ON application_sdgs FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER countries_pv_ins AFTER INSERT ON countries FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER countries_pv_upd AFTER UPDATE ON countries FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.code <=> BINARY NEW.code
		AND BINARY OLD.name_sv <=> BINARY NEW.name_sv
		AND BINARY OLD.name_en <=> BINARY NEW.name_en
		AND BINARY OLD.region <=> BINARY NEW.region
		AND BINARY OLD.languages <=> BINARY NEW.languages
		AND BINARY OLD.eligible <=> BINARY NEW.eligible);

CREATE TRIGGER countries_pv_del AFTER DELETE ON countries FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER decisions_pv_ins AFTER INSERT ON decisions FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER decisions_pv_upd AFTER UPDATE ON decisions FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.application_id <=> BINARY NEW.application_id
		AND BINARY OLD.outcome <=> BINARY NEW.outcome
		AND BINARY OLD.reason <=> BINARY NEW.reason
		AND BINARY OLD.conditions <=> BINARY NEW.conditions
		AND BINARY OLD.decided_by <=> BINARY NEW.decided_by
		AND BINARY OLD.decided_at <=> BINARY NEW.decided_at);

CREATE TRIGGER decisions_pv_del AFTER DELETE ON decisions FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER disbursements_pv_ins AFTER INSERT ON disbursements FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER disbursements_pv_upd AFTER UPDATE ON disbursements FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.project_id <=> BINARY NEW.project_id
		AND BINARY OLD.report_id <=> BINARY NEW.report_id
		AND BINARY OLD.amount <=> BINARY NEW.amount
		AND BINARY OLD.paid_on <=> BINARY NEW.paid_on
		AND BINARY OLD.note <=> BINARY NEW.note
		AND BINARY OLD.recorded_by <=> BINARY NEW.recorded_by);

CREATE TRIGGER disbursements_pv_del AFTER DELETE ON disbursements FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER expected_results_pv_ins AFTER INSERT ON expected_results FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER expected_results_pv_upd AFTER UPDATE ON expected_results FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.objective_id <=> BINARY NEW.objective_id
		AND BINARY OLD.position <=> BINARY NEW.position
		AND BINARY OLD.description <=> BINARY NEW.description);

CREATE TRIGGER expected_results_pv_del AFTER DELETE ON expected_results FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER incoming_funds_pv_ins AFTER INSERT ON incoming_funds FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER incoming_funds_pv_upd AFTER UPDATE ON incoming_funds FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.project_id <=> BINARY NEW.project_id
		AND BINARY OLD.received_on <=> BINARY NEW.received_on
		AND BINARY OLD.amount <=> BINARY NEW.amount
		AND BINARY OLD.note <=> BINARY NEW.note
		AND BINARY OLD.recorded_by <=> BINARY NEW.recorded_by);

CREATE TRIGGER incoming_funds_pv_del AFTER DELETE ON incoming_funds FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicators_pv_ins AFTER INSERT ON indicators FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicators_pv_upd AFTER UPDATE ON indicators FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.result_id <=> BINARY NEW.result_id
		AND BINARY OLD.position <=> BINARY NEW.position
		AND BINARY OLD.name <=> BINARY NEW.name
		AND BINARY OLD.measure <=> BINARY NEW.measure
		AND BINARY OLD.unit <=> BINARY NEW.unit
		AND BINARY OLD.ascending <=> BINARY NEW.ascending
		AND BINARY OLD.baseline_value <=> BINARY NEW.baseline_value
		AND BINARY OLD.baseline_year <=> BINARY NEW.baseline_year
		AND BINARY OLD.baseline_text <=> BINARY NEW.baseline_text
		AND BINARY OLD.target_value <=> BINARY NEW.target_value
		AND BINARY OLD.target_text <=> BINARY NEW.target_text);

CREATE TRIGGER indicators_pv_del AFTER DELETE ON indicators FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicator_values_pv_ins AFTER INSERT ON indicator_values FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER indicator_values_pv_upd AFTER UPDATE ON indicator_values FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.report_id <=> BINARY NEW.report_id
		AND BINARY OLD.indicator_id <=> BINARY NEW.indicator_id
		AND BINARY OLD.actual_value <=> BINARY NEW.actual_value
		AND BINARY OLD.actual_text <=> BINARY NEW.actual_text);

CREATE TRIGGER indicator_values_pv_del AFTER DELETE ON indicator_values FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER objectives_pv_ins AFTER INSERT ON objectives FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER objectives_pv_upd AFTER UPDATE ON objectives FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.application_id <=> BINARY NEW.application_id
		AND BINARY OLD.position <=> BINARY NEW.position
		AND BINARY OLD.description <=> BINARY NEW.description);

CREATE TRIGGER objectives_pv_del AFTER DELETE ON objectives FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER organisations_pv_ins AFTER INSERT ON organisations FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER organisations_pv_upd AFTER UPDATE ON organisations FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.side <=> BINARY NEW.side
		AND BINARY OLD.kind <=> BINARY NEW.kind
		AND BINARY OLD.name <=> BINARY NEW.name
		AND BINARY OLD.name_local <=> BINARY NEW.name_local
		AND BINARY OLD.local_lang <=> BINARY NEW.local_lang
		AND BINARY OLD.org_number <=> BINARY NEW.org_number
		AND BINARY OLD.country_code <=> BINARY NEW.country_code
		AND BINARY OLD.lat <=> BINARY NEW.lat
		AND BINARY OLD.lng <=> BINARY NEW.lng
		AND BINARY OLD.active <=> BINARY NEW.active);

CREATE TRIGGER organisations_pv_del AFTER DELETE ON organisations FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER projects_pv_ins AFTER INSERT ON projects FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER projects_pv_upd AFTER UPDATE ON projects FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.code <=> BINARY NEW.code
		AND BINARY OLD.application_id <=> BINARY NEW.application_id
		AND BINARY OLD.status <=> BINARY NEW.status
		AND BINARY OLD.planned_start <=> BINARY NEW.planned_start
		AND BINARY OLD.planned_end <=> BINARY NEW.planned_end
		AND BINARY OLD.actual_start <=> BINARY NEW.actual_start
		AND BINARY OLD.actual_end <=> BINARY NEW.actual_end
		AND BINARY OLD.follows_project_id <=> BINARY NEW.follows_project_id
		AND BINARY OLD.gender_marker <=> BINARY NEW.gender_marker
		AND BINARY OLD.capital_spend <=> BINARY NEW.capital_spend
		AND BINARY OLD.withheld <=> BINARY NEW.withheld
		AND BINARY OLD.withheld_reason <=> BINARY NEW.withheld_reason
		AND BINARY OLD.cancelled_reason <=> BINARY NEW.cancelled_reason);

CREATE TRIGGER projects_pv_del AFTER DELETE ON projects FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER project_years_pv_ins AFTER INSERT ON project_years FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER project_years_pv_upd AFTER UPDATE ON project_years FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.project_id <=> BINARY NEW.project_id
		AND BINARY OLD.year <=> BINARY NEW.year
		AND BINARY OLD.starts_on <=> BINARY NEW.starts_on
		AND BINARY OLD.ends_on <=> BINARY NEW.ends_on
		AND BINARY OLD.amount <=> BINARY NEW.amount);

CREATE TRIGGER project_years_pv_del AFTER DELETE ON project_years FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER reports_pv_ins AFTER INSERT ON reports FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER reports_pv_upd AFTER UPDATE ON reports FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.project_id <=> BINARY NEW.project_id
		AND BINARY OLD.kind <=> BINARY NEW.kind
		AND BINARY OLD.project_year <=> BINARY NEW.project_year
		AND BINARY OLD.due_on <=> BINARY NEW.due_on
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

CREATE TRIGGER reports_pv_del AFTER DELETE ON reports FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER report_financial_lines_pv_ins AFTER INSERT ON report_financial_lines FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER report_financial_lines_pv_upd AFTER UPDATE ON report_financial_lines FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.report_id <=> BINARY NEW.report_id
		AND BINARY OLD.category <=> BINARY NEW.category
		AND BINARY OLD.actual_amount <=> BINARY NEW.actual_amount
		AND BINARY OLD.variance_explanation <=> BINARY NEW.variance_explanation);

CREATE TRIGGER report_financial_lines_pv_del AFTER DELETE ON report_financial_lines FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER sdgs_pv_ins AFTER INSERT ON sdgs FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER sdgs_pv_upd AFTER UPDATE ON sdgs FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.goal <=> BINARY NEW.goal
		AND BINARY OLD.name_sv <=> BINARY NEW.name_sv
		AND BINARY OLD.name_en <=> BINARY NEW.name_en);

CREATE TRIGGER sdgs_pv_del AFTER DELETE ON sdgs FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER thematic_areas_pv_ins AFTER INSERT ON thematic_areas FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER thematic_areas_pv_upd AFTER UPDATE ON thematic_areas FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1 AND NOT (
		BINARY OLD.id <=> BINARY NEW.id
		AND BINARY OLD.code <=> BINARY NEW.code
		AND BINARY OLD.name_sv <=> BINARY NEW.name_sv
		AND BINARY OLD.name_en <=> BINARY NEW.name_en
		AND BINARY OLD.dac_code <=> BINARY NEW.dac_code
		AND BINARY OLD.active <=> BINARY NEW.active);

CREATE TRIGGER thematic_areas_pv_del AFTER DELETE ON thematic_areas FOR EACH ROW
	UPDATE public_version SET v = v + 1 WHERE id = 1;
