-- 0005_reports.sql - project reports with their history, financial lines, indicator values, disbursements, attachments.

CREATE TABLE reports (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	project_id INT UNSIGNED NOT NULL COMMENT 'the project reported on',
	kind ENUM('progress', 'final') NOT NULL COMMENT 'progress: one per project year; final: one at the end',
	project_year TINYINT UNSIGNED NOT NULL
	    COMMENT 'the project year covered (progress), or the last project year (final)',
	due_on DATE NOT NULL COMMENT 'last day to submit; overdue after it while draft or returned',
	status ENUM('draft', 'submitted', 'approved', 'returned') NOT NULL DEFAULT 'draft'
	    COMMENT 'draft -> submitted -> approved | returned (revise and submit again)',
	activities TEXT NULL COMMENT 'narrative: activities carried out',
	results TEXT NULL COMMENT 'narrative: results against the objectives',
	deviations TEXT NULL COMMENT 'narrative: deviations from the plan and why',
	lessons TEXT NULL COMMENT 'narrative: lessons learned',
	participation TEXT NULL COMMENT 'narrative: participation of women and vulnerable groups',
	admin_comment TEXT NULL COMMENT 'ICLD''s comment on the latest decision (why it was returned)',
	revision SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'number of submissions so far; report_revisions keys',
	submitted_at DATETIME NULL COMMENT 'latest submission (UTC)',
	submitted_by INT UNSIGNED NULL COMMENT 'who submitted it last',
	decided_at DATETIME NULL COMMENT 'latest approval or return (UTC)',
	decided_by INT UNSIGNED NULL COMMENT 'the admin who approved or returned it',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update, children included',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	UNIQUE KEY reports_once (project_id, kind, project_year),
	UNIQUE KEY reports_id_project (id, project_id),
	KEY reports_status_due (status, due_on),
	CONSTRAINT reports_year_fk FOREIGN KEY (project_id, project_year)
	    REFERENCES project_years (project_id, year),
	CONSTRAINT reports_submitted_by_fk FOREIGN KEY (submitted_by) REFERENCES users (id),
	CONSTRAINT reports_decided_by_fk FOREIGN KEY (decided_by) REFERENCES users (id),
	CONSTRAINT reports_submitted CHECK (status = 'draft' OR submitted_at IS NOT NULL),
	CONSTRAINT reports_decided CHECK (status NOT IN ('approved', 'returned') OR decided_at IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='reports due from a project, created with the project so due and overdue ones can be listed';

CREATE TABLE report_revisions (
	report_id INT UNSIGNED NOT NULL COMMENT 'the report',
	revision SMALLINT UNSIGNED NOT NULL COMMENT '1 for the first submission, 2 for the next',
	submitted_at DATETIME NOT NULL COMMENT 'when this revision was submitted (UTC)',
	submitted_by INT UNSIGNED NOT NULL COMMENT 'who submitted it',
	activities TEXT NULL COMMENT 'narrative as submitted: activities',
	results TEXT NULL COMMENT 'narrative as submitted: results',
	deviations TEXT NULL COMMENT 'narrative as submitted: deviations',
	lessons TEXT NULL COMMENT 'narrative as submitted: lessons learned',
	participation TEXT NULL COMMENT 'narrative as submitted: participation',
	financial_json JSON NULL COMMENT 'financial lines as submitted: [{category, actual, variance}]',
	indicators_json JSON NULL COMMENT 'indicator values as submitted: [{indicator_id, value, text}]',
	outcome ENUM('approved', 'returned') NULL COMMENT 'ICLD''s decision on this revision; NULL while pending',
	admin_comment TEXT NULL COMMENT 'ICLD''s comment on this revision',
	decided_at DATETIME NULL COMMENT 'when decided (UTC)',
	decided_by INT UNSIGNED NULL COMMENT 'the admin who decided',
	PRIMARY KEY (report_id, revision),
	CONSTRAINT report_revisions_report_fk FOREIGN KEY (report_id) REFERENCES reports (id),
	CONSTRAINT report_revisions_submitted_by_fk FOREIGN KEY (submitted_by) REFERENCES users (id),
	CONSTRAINT report_revisions_decided_by_fk FOREIGN KEY (decided_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='history: a snapshot of every submission of a report and what ICLD decided on it';

CREATE TABLE report_financial_lines (
	report_id INT UNSIGNED NOT NULL COMMENT 'the report',
	category ENUM('travel', 'accommodation', 'meetings', 'consultants', 'translation', 'other') NOT NULL
	    COMMENT 'cost category; the budget is project_budget_lines of the report''s year',
	actual_amount INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'eligible actual cost, SEK',
	variance_explanation TEXT NULL COMMENT 'why actual differs from budget',
	PRIMARY KEY (report_id, category),
	CONSTRAINT report_financial_lines_report_fk FOREIGN KEY (report_id) REFERENCES reports (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='financial report: actual costs per category for the report''s project year';

CREATE TABLE indicator_values (
	report_id INT UNSIGNED NOT NULL COMMENT 'the report that states it',
	indicator_id INT UNSIGNED NOT NULL COMMENT 'the indicator of the project''s results framework',
	actual_value DECIMAL(14,2) NULL COMMENT 'value reached by the end of the report''s period; NULL for qualitative',
	actual_text TEXT NULL COMMENT 'the value in words (qualitative) or a comment on it',
	PRIMARY KEY (report_id, indicator_id),
	KEY indicator_values_indicator (indicator_id),
	CONSTRAINT indicator_values_report_fk FOREIGN KEY (report_id) REFERENCES reports (id) ON DELETE CASCADE,
	CONSTRAINT indicator_values_indicator_fk FOREIGN KEY (indicator_id) REFERENCES indicators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='indicator actual values per report; published once the report is approved';

CREATE TABLE disbursements (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	project_id INT UNSIGNED NOT NULL COMMENT 'the project paid (the report''s, enforced by the key)',
	report_id INT UNSIGNED NOT NULL COMMENT 'the approved report reimbursed; one payment per report',
	amount INT UNSIGNED NOT NULL
	    COMMENT 'SEK reimbursed: eligible actual costs, at most the year''s approved amount',
	paid_on DATE NOT NULL COMMENT 'payment date (IATI disbursement transaction date)',
	note TEXT NULL COMMENT 'internal note (payment reference)',
	recorded_by INT UNSIGNED NOT NULL COMMENT 'the admin who recorded it',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when it was recorded (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	UNIQUE KEY disbursements_report (report_id),
	KEY disbursements_project (project_id, paid_on),
	KEY disbursements_paid_on (paid_on),
	CONSTRAINT disbursements_report_fk FOREIGN KEY (report_id, project_id) REFERENCES reports (id, project_id),
	CONSTRAINT disbursements_by_fk FOREIGN KEY (recorded_by) REFERENCES users (id),
	CONSTRAINT disbursements_positive CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='reimbursements paid after approved reports; the unique report_id refuses a second recording';

CREATE TABLE attachment_blobs (
	sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'SHA-256 of content, lower-case hex',
	content MEDIUMBLOB NOT NULL COMMENT 'the file''s bytes (up to 16 MiB)',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'first upload (UTC)',
	PRIMARY KEY (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='uploaded file contents, stored once per content, in the database so every host sees them';

CREATE TABLE attachments (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	report_id INT UNSIGNED NULL COMMENT 'the report it belongs to',
	application_id INT UNSIGNED NULL COMMENT 'or the application it belongs to',
	sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'the content (attachment_blobs)',
	filename VARCHAR(255) NOT NULL COMMENT 'name as uploaded, without directories',
	mime VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'media type as checked on upload',
	size INT UNSIGNED NOT NULL COMMENT 'bytes',
	uploaded_by INT UNSIGNED NOT NULL COMMENT 'who uploaded it',
	uploaded_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when (UTC)',
	PRIMARY KEY (id),
	KEY attachments_report (report_id),
	KEY attachments_application (application_id),
	KEY attachments_sha256 (sha256),
	CONSTRAINT attachments_report_fk FOREIGN KEY (report_id) REFERENCES reports (id),
	CONSTRAINT attachments_app_fk FOREIGN KEY (application_id) REFERENCES applications (id),
	CONSTRAINT attachments_blob_fk FOREIGN KEY (sha256) REFERENCES attachment_blobs (sha256),
	CONSTRAINT attachments_by_fk FOREIGN KEY (uploaded_by) REFERENCES users (id),
	CONSTRAINT attachments_one_owner CHECK ((report_id IS NULL) <> (application_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='files attached to a report (receipts, minutes) or an application (letters of intent)';
