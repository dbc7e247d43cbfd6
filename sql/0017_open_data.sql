-- 0017_open_data.sql - what IATI's comprehensiveness tests ask of an activity beyond the export of 0001-0016:
-- the recipient country's languages, a summary in one of them, capital spend, and the funds ICLD receives
-- from Sida for a project.

-- The official languages of each country, exactly as IATI's Dashboard counts them for its "recipient language"
-- test (its country-to-language map, built from OpenStreetMap's list). The application form offers the
-- partner-language title and summary in these languages only.
ALTER TABLE countries
	ADD COLUMN languages VARCHAR(60) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT ''
	    COMMENT 'official languages: ISO 639-1 codes separated by commas, in the order offered (sq,sr)'
	    AFTER region,
	ADD CONSTRAINT countries_languages_format CHECK (languages REGEXP '^([a-z]{2}(,[a-z]{2})*)?$');

UPDATE countries SET languages = CASE code
	WHEN 'KE' THEN 'sw,en'
	WHEN 'BW' THEN 'en,tn'
	WHEN 'UG' THEN 'en,sw'
	WHEN 'ZA' THEN 'en,zu,xh,af,st,tn'
	WHEN 'TZ' THEN 'sw,en'
	WHEN 'ZM' THEN 'en'
	WHEN 'ZW' THEN 'en,sn,nd'
	WHEN 'MZ' THEN 'pt'
	WHEN 'NA' THEN 'en,de'
	WHEN 'CN' THEN 'zh'
	WHEN 'ID' THEN 'id'
	WHEN 'VN' THEN 'vi'
	WHEN 'XK' THEN 'sq,sr,bs,tr'
	WHEN 'BA' THEN 'bs,hr,sr'
	WHEN 'RS' THEN 'sr'
	WHEN 'UA' THEN 'uk'
	WHEN 'AL' THEN 'sq'
	WHEN 'MK' THEN 'mk'
	WHEN 'MD' THEN 'ro,ru,uk'
	WHEN 'GE' THEN 'ka'
	WHEN 'CO' THEN 'es'
	WHEN 'GT' THEN 'es'
	WHEN 'BO' THEN 'es,qu,ay'
	ELSE languages END;

-- The summary in the partner's language, in title_local_lang beside the title in that language.
ALTER TABLE applications
	ADD COLUMN summary_local TEXT NULL
	    COMMENT 'summary in the partner''s language (title_local_lang); NULL when not given'
	    AFTER summary_en;

-- Capital spend: the share of the budget spent on capital (buildings, machinery). The programme pays for
-- exchanges of knowledge, so 0 unless an admin says otherwise; published as IATI capital-spend.
ALTER TABLE projects
	ADD COLUMN capital_spend DECIMAL(5,2) NOT NULL DEFAULT 0
	    COMMENT 'percentage of the budget spent on capital, 0-100 (IATI capital-spend)'
	    AFTER gender_marker,
	ADD CONSTRAINT projects_capital_spend CHECK (capital_spend BETWEEN 0 AND 100);

-- Money ICLD receives from Sida for a project: IATI incoming funds, traced to Sida's own activity for the
-- ICLD grant ([iati] sida_activity_id in kpp.conf).
CREATE TABLE incoming_funds (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	project_id INT UNSIGNED NOT NULL COMMENT 'the project the funds are for',
	received_on DATE NOT NULL COMMENT 'the day ICLD received them (IATI transaction date)',
	amount INT UNSIGNED NOT NULL COMMENT 'SEK received',
	note TEXT NULL COMMENT 'internal note (Sida''s payment reference)',
	recorded_by INT UNSIGNED NOT NULL COMMENT 'the admin who recorded them',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when they were recorded (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	KEY incoming_funds_project (project_id, received_on),
	CONSTRAINT incoming_funds_project_fk FOREIGN KEY (project_id) REFERENCES projects (id),
	CONSTRAINT incoming_funds_by_fk FOREIGN KEY (recorded_by) REFERENCES users (id),
	CONSTRAINT incoming_funds_positive CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='funds received from Sida for a project (IATI incoming funds)';

CREATE TRIGGER incoming_funds_dv_ins AFTER INSERT ON incoming_funds FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER incoming_funds_dv_upd AFTER UPDATE ON incoming_funds FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER incoming_funds_dv_del AFTER DELETE ON incoming_funds FOR EACH ROW
	UPDATE data_version SET v = v + 1 WHERE id = 1;
