-- 0004_projects.sql - reviews and decisions, and the projects that approved applications become.

CREATE TABLE reviews (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	application_id INT UNSIGNED NOT NULL COMMENT 'the application scored',
	reviewer_id INT UNSIGNED NOT NULL COMMENT 'the admin who scores; never one from the applicant''s organisation',
	score_relevance TINYINT UNSIGNED NULL COMMENT 'relevance to local democracy, 1-5; NULL until scored',
	comment_relevance TEXT NULL COMMENT 'why that score',
	score_feasibility TINYINT UNSIGNED NULL COMMENT 'feasibility, 1-5',
	comment_feasibility TEXT NULL COMMENT 'why that score',
	score_ownership TINYINT UNSIGNED NULL COMMENT 'ownership by both partners, 1-5',
	comment_ownership TEXT NULL COMMENT 'why that score',
	score_gender TINYINT UNSIGNED NULL COMMENT 'gender and inclusion, 1-5',
	comment_gender TEXT NULL COMMENT 'why that score',
	score_budget TINYINT UNSIGNED NULL COMMENT 'budget realism, 1-5',
	comment_budget TEXT NULL COMMENT 'why that score',
	recommendation ENUM('approve', 'reject', 'undecided') NOT NULL DEFAULT 'undecided'
	    COMMENT 'what the reviewer recommends',
	summary TEXT NULL COMMENT 'the reviewer''s overall comment',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	UNIQUE KEY reviews_once (application_id, reviewer_id),
	KEY reviews_reviewer (reviewer_id),
	CONSTRAINT reviews_app_fk FOREIGN KEY (application_id) REFERENCES applications (id),
	CONSTRAINT reviews_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id),
	CONSTRAINT reviews_scores CHECK (score_relevance BETWEEN 1 AND 5 AND score_feasibility BETWEEN 1 AND 5
	    AND score_ownership BETWEEN 1 AND 5 AND score_gender BETWEEN 1 AND 5 AND score_budget BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='scores of a submitted application against the five criteria, one row per reviewer';

CREATE TABLE decisions (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	application_id INT UNSIGNED NOT NULL COMMENT 'the application decided; at most one decision each',
	outcome ENUM('approve', 'reject') NOT NULL
	    COMMENT 'approve: the amounts per year are the project''s project_years; reject: no project',
	reason TEXT NULL COMMENT 'the reason, printed in the decision letter (required to reject)',
	decided_by INT UNSIGNED NOT NULL COMMENT 'the admin who decided',
	decided_at DATETIME NOT NULL COMMENT 'when (UTC); the IATI commitment date',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	UNIQUE KEY decisions_application (application_id),
	KEY decisions_decided_at (decided_at),
	CONSTRAINT decisions_app_fk FOREIGN KEY (application_id) REFERENCES applications (id),
	CONSTRAINT decisions_by_fk FOREIGN KEY (decided_by) REFERENCES users (id),
	CONSTRAINT decisions_reject_reason CHECK (outcome = 'approve' OR reason IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='the decision on an application; the unique key makes a double submit record one';

CREATE TABLE project_id_sequences (
	year SMALLINT UNSIGNED NOT NULL COMMENT 'the round year that prefixes the code',
	last_number SMALLINT UNSIGNED NOT NULL COMMENT 'the highest NNNN handed out for that year',
	PRIMARY KEY (year),
	CONSTRAINT project_id_sequences_range CHECK (last_number BETWEEN 1 AND 9999)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='allocates project codes <year>-NNNN; numbers only grow, so a code is never reused';

CREATE TABLE projects (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key used by foreign keys',
	code CHAR(9) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'stable public identifier <year>-NNNN (2016-0033); never changes once given',
	application_id INT UNSIGNED NOT NULL COMMENT 'the approved application it came from (round, orgs, texts)',
	status ENUM('implementation', 'finalisation', 'closed', 'cancelled') NOT NULL DEFAULT 'implementation'
	    COMMENT 'implementation -> finalisation (after the last year, final report pending) -> closed; or cancelled',
	planned_start DATE NOT NULL COMMENT 'planned first day (IATI activity-date 1)',
	planned_end DATE NOT NULL COMMENT 'planned last day (IATI activity-date 3)',
	actual_start DATE NULL COMMENT 'actual first day (IATI activity-date 2); NULL until started',
	actual_end DATE NULL COMMENT 'actual last day (IATI activity-date 4); NULL until ended',
	follows_project_id INT UNSIGNED NULL COMMENT 'the inception project this project continues',
	gender_marker TINYINT UNSIGNED NULL
	    COMMENT 'IATI gender equality policy significance (0 not targeted, 1 significant, 2 principal); NULL: not set',
	withheld TINYINT(1) NOT NULL DEFAULT 0
	    COMMENT '1: left out of the public register and the public IATI file',
	withheld_reason TEXT NULL COMMENT 'why it is withheld (internal)',
	cancelled_reason TEXT NULL COMMENT 'why it was cancelled',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	UNIQUE KEY projects_code (code),
	UNIQUE KEY projects_application (application_id),
	KEY projects_status (status, planned_end),
	KEY projects_dates (planned_start, planned_end),
	KEY projects_follows (follows_project_id),
	CONSTRAINT projects_app_fk FOREIGN KEY (application_id) REFERENCES applications (id),
	CONSTRAINT projects_follows_fk FOREIGN KEY (follows_project_id) REFERENCES projects (id),
	CONSTRAINT projects_code_format CHECK (code REGEXP '^[0-9]{4}-[0-9]{4}$'),
	CONSTRAINT projects_dates_order CHECK (planned_end >= planned_start),
	CONSTRAINT projects_actual_order CHECK (actual_end IS NULL OR actual_end >= actual_start),
	CONSTRAINT projects_gender_marker CHECK (gender_marker BETWEEN 0 AND 4),
	CONSTRAINT projects_withheld CHECK (withheld = 0 OR withheld_reason IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='approved applications being carried out; organisations, country and texts are the application''s';

ALTER TABLE applications ADD CONSTRAINT applications_follows_fk
	FOREIGN KEY (follows_project_id) REFERENCES projects (id);

CREATE TABLE project_years (
	project_id INT UNSIGNED NOT NULL COMMENT 'the project',
	year TINYINT UNSIGNED NOT NULL COMMENT 'project year, 1-3',
	starts_on DATE NOT NULL COMMENT 'first day of this project year',
	ends_on DATE NOT NULL COMMENT 'last day of this project year; at most a year after starts_on (IATI 7.5.3)',
	amount INT UNSIGNED NOT NULL
	    COMMENT 'approved amount for the year, SEK: the decision''s amount and the reimbursement ceiling',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (project_id, year),
	KEY project_years_dates (starts_on, ends_on),
	CONSTRAINT project_years_project_fk FOREIGN KEY (project_id) REFERENCES projects (id),
	CONSTRAINT project_years_range CHECK (year BETWEEN 1 AND 3),
	CONSTRAINT project_years_period CHECK (ends_on >= starts_on
	    AND ends_on <= starts_on + INTERVAL 1 YEAR)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='the approved budget per project year, each one IATI budget period';

CREATE TABLE project_budget_lines (
	project_id INT UNSIGNED NOT NULL COMMENT 'the project',
	year TINYINT UNSIGNED NOT NULL COMMENT 'project year, 1-3',
	category ENUM('travel', 'accommodation', 'meetings', 'consultants', 'translation', 'other') NOT NULL
	    COMMENT 'cost category',
	amount INT UNSIGNED NOT NULL COMMENT 'approved SEK; the lines of a year add up to project_years.amount',
	PRIMARY KEY (project_id, year, category),
	CONSTRAINT project_budget_lines_year_fk FOREIGN KEY (project_id, year)
	    REFERENCES project_years (project_id, year) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='approved budget per project year and cost category, compared with actuals in reports';
