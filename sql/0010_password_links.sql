-- 0010_password_links.sql - one-time links with which a person chooses their password; accounts made without one.
--
-- An admin creates an account without typing a password: the application makes a link holding a random
-- 256-bit token, which the admin gives to the person, who chooses a password with it. Only the token's
-- SHA-256 is stored, so that a copy of the database sets nobody's password. A link works for 72 hours
-- and once: using it deletes its row, and a new link for the same account deletes the earlier ones, so a
-- row here is a link that still works until its expiry. The audit log keeps the history.

ALTER TABLE users
	MODIFY password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'libsodium crypto_pwhash_str output (Argon2id, parameters inside the string); NULL until the person chooses a password with a one-time link',
	ADD COLUMN create_token CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'one-time token of the admin''s form that created the account; NULL for accounts made otherwise'
	    AFTER last_login_at,
	ADD UNIQUE KEY users_create_token (create_token),
	ADD CONSTRAINT users_create_token_format CHECK (create_token REGEXP '^[0-9a-f]{64}$');

CREATE TABLE password_links (
	token_hash BINARY(32) NOT NULL
	    COMMENT 'SHA-256 of the 256-bit random token in the link; the token itself is never stored',
	user_id INT UNSIGNED NOT NULL COMMENT 'whose password the link sets',
	created_by INT UNSIGNED NULL COMMENT 'the admin who made the link',
	created_at DATETIME NOT NULL COMMENT 'when the link was made (UTC)',
	expires_at DATETIME NOT NULL COMMENT 'the link works until then (UTC): 72 hours after it was made',
	PRIMARY KEY (token_hash),
	KEY password_links_user (user_id),
	CONSTRAINT password_links_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT password_links_created_by_fk FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT password_links_expiry CHECK (expires_at > created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='one-time links to choose a password: a row is a link neither used nor replaced yet';
