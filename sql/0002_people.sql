-- 0002_people.sql - organisations, users, sessions, login throttling and the append-only audit log.

CREATE TABLE organisations (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	side ENUM('swedish', 'partner') NOT NULL
	    COMMENT 'swedish: a member that applies; partner: a local government abroad',
	kind ENUM('kommun', 'landsting', 'region',
	    'municipality', 'county', 'city', 'province', 'district', 'other') NOT NULL
	    COMMENT 'kommun/landsting/region for Swedish members, the others for partners',
	name VARCHAR(200) NOT NULL
	    COMMENT 'official name: Swedish for members (Borlänge kommun), English for partners (Kisumu County)',
	name_local VARCHAR(200) NULL
	    COMMENT 'partner: name in the partner''s own language (Kaunti ya Kisumu); NULL when the same as name',
	local_lang CHAR(2) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'ISO 639-1 code of name_local and of partner-language titles (sw, zh, sq); NULL for members',
	org_number CHAR(11) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'Swedish organisationsnummer NNNNNN-NNNN, Luhn-checked by the application; NULL for partners',
	country_code CHAR(2) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'partner: its country; NULL for Swedish members',
	lat DECIMAL(8,6) NULL COMMENT 'partner: latitude of the municipality (WGS 84), published on the register',
	lng DECIMAL(9,6) NULL COMMENT 'partner: longitude of the municipality (WGS 84)',
	active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '1: may take part in new applications; 0: retired',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	UNIQUE KEY organisations_org_number (org_number),
	KEY organisations_side_name (side, name),
	KEY organisations_country (country_code, name),
	CONSTRAINT organisations_country_fk FOREIGN KEY (country_code) REFERENCES countries (code),
	CONSTRAINT organisations_kind_side CHECK (
	    (side = 'swedish' AND kind IN ('kommun', 'landsting', 'region')
	     AND org_number IS NOT NULL AND country_code IS NULL)
	    OR (side = 'partner' AND kind NOT IN ('kommun', 'landsting', 'region')
	     AND org_number IS NULL AND country_code IS NOT NULL)),
	CONSTRAINT organisations_org_number_format CHECK (org_number REGEXP '^[0-9]{6}-[0-9]{4}$'),
	CONSTRAINT organisations_lat_range CHECK (lat BETWEEN -90 AND 90),
	CONSTRAINT organisations_lng_range CHECK (lng BETWEEN -180 AND 180),
	CONSTRAINT organisations_active_bool CHECK (active IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='Swedish members (kommuner, landsting, regioner) and their partner local governments abroad';

CREATE TABLE users (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL
	    COMMENT 'sign-in name; unique without regard to case',
	password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'libsodium crypto_pwhash_str output (Argon2id, parameters inside the string)',
	name VARCHAR(200) NOT NULL COMMENT 'full name shown in the interface and the audit log',
	role ENUM('applicant', 'admin', 'sida') NOT NULL
	    COMMENT 'applicant: staff of org_id; admin: ICLD programme officer; sida: read-only Sida staff',
	org_id INT UNSIGNED NULL COMMENT 'applicant: the one Swedish organisation whose records the user sees',
	lang ENUM('sv', 'en') NOT NULL DEFAULT 'sv' COMMENT 'interface language the user chose',
	active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '1: may sign in; 0: disabled (rows are never deleted)',
	last_login_at DATETIME NULL COMMENT 'last successful sign-in (UTC); NULL: never',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	UNIQUE KEY users_email (email),
	KEY users_org (org_id),
	CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES organisations (id),
	CONSTRAINT users_applicant_org CHECK (role <> 'applicant' OR org_id IS NOT NULL),
	CONSTRAINT users_active_bool CHECK (active IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='people who sign in';

CREATE TABLE sessions (
	token_hash BINARY(32) NOT NULL
	    COMMENT 'SHA-256 of the 256-bit random token in the cookie; the token itself is never stored',
	user_id INT UNSIGNED NOT NULL COMMENT 'who is signed in',
	csrf_token CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'per-session CSRF token, 32 random bytes in hex, echoed by every form',
	ip VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'client address at sign-in (IPv4 or IPv6 text)',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'sign-in time (UTC)',
	last_seen_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
	    COMMENT 'last request (UTC); the idle timeout counts from here',
	expires_at DATETIME NOT NULL COMMENT 'absolute end of the session (UTC), whatever the activity',
	PRIMARY KEY (token_hash),
	KEY sessions_user (user_id),
	KEY sessions_expires (expires_at),
	CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='signed-in sessions, kept in the database so any worker on any host can serve any request';

CREATE TABLE login_attempts (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL
	    COMMENT 'the email typed, whether or not such a user exists',
	ip VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'client address',
	attempted_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when (UTC)',
	success TINYINT(1) NOT NULL COMMENT '1: signed in; 0: wrong email or password',
	PRIMARY KEY (id),
	KEY login_attempts_email_time (email, attempted_at),
	KEY login_attempts_ip_time (ip, attempted_at),
	KEY login_attempts_time (attempted_at),
	CONSTRAINT login_attempts_success_bool CHECK (success IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='sign-in attempts, counted per email and per address to throttle guessing; old rows may be purged';

CREATE TABLE audit_log (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key, in order of writing',
	at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when (UTC, microseconds)',
	user_id INT UNSIGNED NULL COMMENT 'who; NULL for the system (migrations, scheduled jobs)',
	ip VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'client address of the request',
	action VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'what, as entity.verb: application.submit, decision.approve, report.return',
	entity VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'table of the record changed: application, project, report',
	entity_id BIGINT UNSIGNED NULL COMMENT 'primary key of the record changed',
	before_json JSON NULL COMMENT 'the fields that changed, before; NULL on creation',
	after_json JSON NULL COMMENT 'the same fields after; NULL on deletion',
	PRIMARY KEY (id),
	KEY audit_log_entity (entity, entity_id, at),
	KEY audit_log_user (user_id, at),
	KEY audit_log_at (at),
	CONSTRAINT audit_log_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='every state change and decision; append-only, enforced by the triggers below';

-- A single-statement trigger body needs no DELIMITER: the statement ends at the semicolon.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only: rows cannot be updated';

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only: rows cannot be deleted';
