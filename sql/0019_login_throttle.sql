-- 0019_login_throttle.sql - sign-in throttling per address and account pair, counted under a row lock.
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
