-- 0028_password_requests.sql - the links sent by "Forgot your password?", counted to keep it from being a way
-- to flood someone's mailbox.
--
-- A row is a link made and mailed because someone typed the address on the sign-in page's "Forgot your
-- password?" (fcgi-app/pages/h_user.c, whose limits read these rows: so many an hour per address typed, so
-- many a day per account). An address without an account, or an inactive one, gets no link and no row.
-- Rows older than a day count for nothing and are deleted as new ones come.

CREATE TABLE password_requests (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	email VARCHAR(254) NOT NULL COMMENT 'the address as typed, normalised (trimmed, lower case)',
	user_id INT UNSIGNED NOT NULL COMMENT 'the account the link was made for',
	created_at DATETIME NOT NULL COMMENT 'when the link was mailed (UTC, the real clock)',
	PRIMARY KEY (id),
	KEY password_requests_email (email, created_at),
	KEY password_requests_user (user_id, created_at),
	KEY password_requests_created (created_at),
	CONSTRAINT password_requests_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='password links mailed on request, for the limits per address and per account';
