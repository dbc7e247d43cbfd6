-- 0019_sign_in.sql - sign-in throttling per address and account pair, counted under a row lock; and what a
-- form posted after its session lapsed, kept until its author signs in again.
--
-- 0002's login_attempts counted failures per account and per address with a SELECT COUNT(*) that parallel
-- attempts all passed before any of them wrote its row, and its per-address limit locked a whole office
-- behind one NAT address out. Here each pair of typed address and client address has one row, read FOR
-- UPDATE, so that whatever the number of workers the attempts of a pair are judged one after the other; a
-- pair that keeps failing waits ever longer, and nobody else's sign-in is touched.

CREATE TABLE login_throttle (
	email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL
	    COMMENT 'the email typed (normalised), whether or not such a user exists',
	ip VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'client address',
	failures INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'wrong passwords in a row (forgotten a day after the last)',
	last_failure_at DATETIME(6) NULL COMMENT 'the last wrong password (UTC)',
	blocked_until DATETIME NULL COMMENT 'no password is tried for this pair before then (UTC)',
	refused INT UNSIGNED NOT NULL DEFAULT 0
	    COMMENT 'attempts refused while blocked since the audit log last said so: counted, not one row each',
	PRIMARY KEY (email, ip),
	KEY login_throttle_last (last_failure_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='sign-in throttling, one row per typed email and client address; rows a day old are purged';

DROP TABLE login_attempts;

-- A form posted after its session lapsed (an hour idle, or its absolute end) is not lost: when its token is
-- the lapsed session's own (so no other site can plant one), what it sent is kept here for that person only,
-- under a random token whose hash is the key and which only their browser holds (a cookie), for a day.
-- Signed in again as the same person, they see it and save it on their confirmation; anybody else, nothing.
CREATE TABLE kept_posts (
	token_hash BINARY(32) NOT NULL COMMENT 'SHA-256 of the token in the browser''s kpp_kept cookie',
	user_id INT UNSIGNED NOT NULL COMMENT 'whose lapsed session posted it: only they see it',
	path VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'where it was posted',
	body MEDIUMBLOB NOT NULL COMMENT 'its fields, urlencoded, the CSRF token left out; files are not kept',
	files_dropped TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: files were chosen, which must be chosen again',
	created_at DATETIME NOT NULL COMMENT 'when (UTC)',
	expires_at DATETIME NOT NULL COMMENT 'purged after (UTC)',
	PRIMARY KEY (token_hash),
	KEY kept_posts_user (user_id, created_at),
	KEY kept_posts_expires (expires_at),
	CONSTRAINT kept_posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT kept_posts_files_bool CHECK (files_dropped IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='forms posted after their session lapsed, kept for their author to save after signing in again';
