-- 0003_applications.sql - calls (rounds) with their rules, and applications with everything the form asks.

CREATE TABLE rounds (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	year SMALLINT UNSIGNED NOT NULL COMMENT 'the round''s year; new project codes are <year>-NNNN',
	name_sv VARCHAR(200) NOT NULL COMMENT 'name in Swedish (Utlysning 2016)',
	name_en VARCHAR(200) NOT NULL COMMENT 'name in English (Call 2016)',
	opens_on DATE NOT NULL COMMENT 'first day applications may be submitted',
	closes_on DATE NOT NULL COMMENT 'last day applications may be submitted (inclusive, Swedish time)',
	inception_all_year TINYINT(1) NOT NULL DEFAULT 0
	    COMMENT '1: inception applications are accepted outside opens_on..closes_on too',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	KEY rounds_year (year),
	KEY rounds_dates (opens_on, closes_on),
	CONSTRAINT rounds_dates_order CHECK (closes_on >= opens_on),
	CONSTRAINT rounds_inception_bool CHECK (inception_all_year IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='calls for applications (utlysningar)';

CREATE TABLE round_rules (
	round_id INT UNSIGNED NOT NULL COMMENT 'the round',
	project_type ENUM('inception', 'project', 'three_party') NOT NULL
	    COMMENT 'inception (förstudie), project, or three-party project (two partners abroad)',
	allowed TINYINT(1) NOT NULL DEFAULT 1 COMMENT '1: the round accepts this type; 0: not this time',
	min_years TINYINT UNSIGNED NOT NULL COMMENT 'shortest duration in project years',
	max_years TINYINT UNSIGNED NOT NULL COMMENT 'longest duration in project years',
	min_amount INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'smallest amount per project year, SEK',
	max_amount_africa INT UNSIGNED NOT NULL COMMENT 'ceiling per project year, SEK, partner in Africa',
	max_amount_asia INT UNSIGNED NOT NULL COMMENT 'ceiling per project year, SEK, partner in Asia',
	max_amount_europe INT UNSIGNED NOT NULL COMMENT 'ceiling per project year, SEK, partner in Europe',
	max_amount_latin_america INT UNSIGNED NOT NULL
	    COMMENT 'ceiling per project year, SEK, partner in Latin America',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (round_id, project_type),
	CONSTRAINT round_rules_round_fk FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
	CONSTRAINT round_rules_years CHECK (min_years >= 1 AND max_years <= 3 AND min_years <= max_years),
	CONSTRAINT round_rules_amounts CHECK (min_amount <= LEAST(max_amount_africa, max_amount_asia,
	    max_amount_europe, max_amount_latin_america)),
	CONSTRAINT round_rules_allowed_bool CHECK (allowed IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='duration and amount rules of a round, one row per project type';

CREATE TABLE applications (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	round_id INT UNSIGNED NOT NULL COMMENT 'the call applied to',
	project_type ENUM('inception', 'project', 'three_party') NULL
	    COMMENT 'kind of project applied for; NULL while a draft has not chosen',
	applicant_org_id INT UNSIGNED NOT NULL
	    COMMENT 'the Swedish member that applies and owns the application (sees it)',
	country_code CHAR(2) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'partner country, whose region group sets the ceilings; NULL while a draft',
	thematic_area_id SMALLINT UNSIGNED NULL COMMENT 'the one thematic area; NULL while a draft',
	follows_project_id INT UNSIGNED NULL
	    COMMENT 'the earlier (inception) project this continues, as the applicant states it',
	title_sv VARCHAR(300) NULL COMMENT 'title in Swedish',
	title_en VARCHAR(300) NULL COMMENT 'title in English (IATI title)',
	title_local VARCHAR(300) NULL COMMENT 'title in the partner''s language; NULL when that is English',
	title_local_lang CHAR(2) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'ISO 639-1 code of title_local (sw, zh, sq)',
	summary_sv TEXT NULL COMMENT 'short description in Swedish (public, IATI description)',
	summary_en TEXT NULL COMMENT 'short description in English (public, IATI description)',
	background TEXT NULL COMMENT 'background and problem the project addresses (internal, any language)',
	overall_objective TEXT NULL COMMENT 'results framework: the overall objective (working language)',
	principle_inclusion TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: strengthens inclusion',
	principle_participation TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: strengthens participation',
	principle_transparency TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: strengthens transparency',
	principle_accountability TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: strengthens accountability',
	target_groups TEXT NULL COMMENT 'who the project is for',
	citizen_dialogue TINYINT(1) NULL COMMENT '1: develops citizen dialogue (medborgardialog); NULL: not answered',
	citizen_dialogue_text TEXT NULL COMMENT 'how citizen dialogue is developed',
	vulnerable_groups_text TEXT NULL COMMENT 'how the project considers vulnerable groups',
	gender_text TEXT NULL COMMENT 'how the project promotes women''s participation',
	duration_years TINYINT UNSIGNED NULL COMMENT 'number of project years applied for, 1-3',
	planned_start DATE NULL COMMENT 'proposed first day of project year 1',
	contact_name VARCHAR(200) NULL COMMENT 'contact person: name',
	contact_email VARCHAR(254) NULL COMMENT 'contact person: email',
	contact_phone VARCHAR(40) NULL COMMENT 'contact person: telephone',
	status ENUM('draft', 'submitted', 'under_review', 'approved', 'rejected', 'withdrawn')
	    NOT NULL DEFAULT 'draft' COMMENT 'draft -> submitted -> under_review -> approved|rejected; withdrawn before a decision',
	done_basics TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'task list: type, duration and start marked complete',
	done_partners TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'task list: co-applicants, partners, country complete',
	done_description TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'task list: titles, summary, background, theme complete',
	done_focus TINYINT(1) NOT NULL DEFAULT 0
	    COMMENT 'task list: principles, SDGs, target groups, dialogue, inclusion complete',
	done_results TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'task list: results framework complete',
	done_team TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'task list: team complete',
	done_budget TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'task list: budget complete',
	done_contact TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'task list: contact person complete',
	create_token CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'random token of the form that created the draft: a double POST finds the first row',
	created_by INT UNSIGNED NULL COMMENT 'user who created the draft',
	submitted_at DATETIME NULL COMMENT 'last submission (UTC)',
	submitted_by INT UNSIGNED NULL COMMENT 'user who submitted',
	withdrawn_at DATETIME NULL COMMENT 'when withdrawn (UTC)',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update, children included',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	UNIQUE KEY applications_create_token (create_token),
	KEY applications_round_status (round_id, status),
	KEY applications_org_status (applicant_org_id, status),
	KEY applications_country_status (country_code, status),
	KEY applications_status_submitted (status, submitted_at),
	KEY applications_theme (thematic_area_id),
	KEY applications_follows (follows_project_id),
	CONSTRAINT applications_round_fk FOREIGN KEY (round_id) REFERENCES rounds (id),
	CONSTRAINT applications_org_fk FOREIGN KEY (applicant_org_id) REFERENCES organisations (id),
	CONSTRAINT applications_country_fk FOREIGN KEY (country_code) REFERENCES countries (code),
	CONSTRAINT applications_theme_fk FOREIGN KEY (thematic_area_id) REFERENCES thematic_areas (id),
	CONSTRAINT applications_created_by_fk FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT applications_submitted_by_fk FOREIGN KEY (submitted_by) REFERENCES users (id),
	CONSTRAINT applications_duration CHECK (duration_years BETWEEN 1 AND 3),
	CONSTRAINT applications_submitted_at CHECK (status IN ('draft', 'withdrawn') OR submitted_at IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='applications; the children below are edited through it and guarded by its version';

CREATE TABLE application_coapplicants (
	application_id INT UNSIGNED NOT NULL COMMENT 'the application',
	org_id INT UNSIGNED NOT NULL COMMENT 'a Swedish member applying together with the applicant',
	PRIMARY KEY (application_id, org_id),
	KEY application_coapplicants_org (org_id),
	CONSTRAINT application_coapplicants_app_fk FOREIGN KEY (application_id)
	    REFERENCES applications (id) ON DELETE CASCADE,
	CONSTRAINT application_coapplicants_org_fk FOREIGN KEY (org_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='optional Swedish co-applicants of an application (they do not see it unless the applicant)';

CREATE TABLE application_partners (
	application_id INT UNSIGNED NOT NULL COMMENT 'the application',
	position TINYINT UNSIGNED NOT NULL COMMENT '1: the (main) partner; 2: the second partner of a three-party project',
	org_id INT UNSIGNED NOT NULL COMMENT 'the partner organisation abroad',
	PRIMARY KEY (application_id, position),
	UNIQUE KEY application_partners_once (application_id, org_id),
	KEY application_partners_org (org_id),
	CONSTRAINT application_partners_app_fk FOREIGN KEY (application_id)
	    REFERENCES applications (id) ON DELETE CASCADE,
	CONSTRAINT application_partners_org_fk FOREIGN KEY (org_id) REFERENCES organisations (id),
	CONSTRAINT application_partners_position CHECK (position IN (1, 2))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='partner organisations abroad: one, or two for a three-party project';

CREATE TABLE application_sdgs (
	application_id INT UNSIGNED NOT NULL COMMENT 'the application',
	goal TINYINT UNSIGNED NOT NULL COMMENT 'an SDG it contributes to',
	PRIMARY KEY (application_id, goal),
	KEY application_sdgs_goal (goal),
	CONSTRAINT application_sdgs_app_fk FOREIGN KEY (application_id)
	    REFERENCES applications (id) ON DELETE CASCADE,
	CONSTRAINT application_sdgs_goal_fk FOREIGN KEY (goal) REFERENCES sdgs (goal)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='UN Sustainable Development Goals an application contributes to';

CREATE TABLE objectives (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	application_id INT UNSIGNED NOT NULL COMMENT 'the application (and its project)',
	position SMALLINT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'display order, 1 first',
	description TEXT NOT NULL COMMENT 'the project objective (working language of the partnership)',
	PRIMARY KEY (id),
	KEY objectives_app (application_id, position),
	CONSTRAINT objectives_app_fk FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='results framework: project objectives under the overall objective';

CREATE TABLE expected_results (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	objective_id INT UNSIGNED NOT NULL COMMENT 'the objective it serves',
	position SMALLINT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'display order, 1 first',
	description TEXT NOT NULL COMMENT 'the expected result (an IATI result title)',
	PRIMARY KEY (id),
	KEY expected_results_objective (objective_id, position),
	CONSTRAINT expected_results_objective_fk FOREIGN KEY (objective_id)
	    REFERENCES objectives (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='results framework: expected results of each objective';

CREATE TABLE indicators (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	result_id INT UNSIGNED NOT NULL COMMENT 'the expected result it measures',
	position SMALLINT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'display order, 1 first',
	name VARCHAR(500) NOT NULL COMMENT 'what is measured',
	measure ENUM('unit', 'percentage', 'qualitative') NOT NULL DEFAULT 'unit'
	    COMMENT 'IATI indicator measure 1, 2 or 5; qualitative ones have texts, not values',
	unit VARCHAR(60) NULL COMMENT 'unit of the values (citizen dialogues held, % of households)',
	ascending TINYINT(1) NOT NULL DEFAULT 1 COMMENT '1: higher is better; 0: lower is better',
	baseline_value DECIMAL(14,2) NULL COMMENT 'value at the start; NULL for qualitative',
	baseline_year SMALLINT UNSIGNED NULL COMMENT 'year the baseline was measured',
	baseline_text VARCHAR(500) NULL COMMENT 'baseline in words (required for qualitative)',
	target_value DECIMAL(14,2) NULL COMMENT 'value aimed for at the end of the project; NULL for qualitative',
	target_text VARCHAR(500) NULL COMMENT 'target in words (required for qualitative)',
	PRIMARY KEY (id),
	KEY indicators_result (result_id, position),
	CONSTRAINT indicators_result_fk FOREIGN KEY (result_id) REFERENCES expected_results (id) ON DELETE CASCADE,
	CONSTRAINT indicators_ascending_bool CHECK (ascending IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='results framework: indicators with baseline and target; actual values come with reports';

CREATE TABLE team_members (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	application_id INT UNSIGNED NOT NULL COMMENT 'the application',
	side ENUM('swedish', 'partner') NOT NULL COMMENT 'which side of the partnership',
	org_id INT UNSIGNED NULL COMMENT 'the member''s organisation (which partner, for three-party projects)',
	name VARCHAR(200) NOT NULL COMMENT 'full name',
	role ENUM('politician_majority', 'politician_opposition', 'civil_servant', 'other') NOT NULL
	    COMMENT 'role in the team; the team rules count these',
	position VARCHAR(200) NULL COMMENT 'title or office (Head of planning, Councillor)',
	gender ENUM('woman', 'man', 'other') NULL COMMENT 'optional, for the statistics on women''s participation',
	PRIMARY KEY (id),
	KEY team_members_app (application_id, side),
	KEY team_members_org (org_id),
	CONSTRAINT team_members_app_fk FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
	CONSTRAINT team_members_org_fk FOREIGN KEY (org_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='the team on each side of the partnership, shown in display order by id';

CREATE TABLE application_years (
	application_id INT UNSIGNED NOT NULL COMMENT 'the application',
	year TINYINT UNSIGNED NOT NULL COMMENT 'project year, 1-3',
	amount INT UNSIGNED NOT NULL DEFAULT 0
	    COMMENT 'amount applied for this year, SEK; the lines must add up to it on submission',
	PRIMARY KEY (application_id, year),
	CONSTRAINT application_years_app_fk FOREIGN KEY (application_id)
	    REFERENCES applications (id) ON DELETE CASCADE,
	CONSTRAINT application_years_range CHECK (year BETWEEN 1 AND 3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='amount applied for per project year';

CREATE TABLE application_budget_lines (
	application_id INT UNSIGNED NOT NULL COMMENT 'the application',
	year TINYINT UNSIGNED NOT NULL COMMENT 'project year, 1-3',
	category ENUM('travel', 'accommodation', 'meetings', 'consultants', 'translation', 'other') NOT NULL
	    COMMENT 'cost category; salaries and per-diems are not eligible and have none',
	amount INT UNSIGNED NOT NULL COMMENT 'SEK',
	PRIMARY KEY (application_id, year, category),
	CONSTRAINT application_budget_lines_year_fk FOREIGN KEY (application_id, year)
	    REFERENCES application_years (application_id, year) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='budget applied for, per project year and cost category';
