-- 0027_mail_choices.sql - who gets which e-mail: each person's optional kinds, the officers who handle a round,
-- and to whom each queued message goes.
--
-- The kinds are fcgi-app/domain/mailkinds.c's: what a person's role needs to act on (password links, decisions,
-- reports returned, a review assigned) is sent whatever they choose and is not in this set; the rest is sent
-- only to those whose mail_kinds holds it. Everyone starts with the informative kinds and without a round's news
-- and the daily digest, which are asked for.

ALTER TABLE users
	ADD COLUMN mail_kinds SET('application_receipt', 'report_approved', 'payment', 'report_due', 'round_news',
	    'application_submitted', 'report_submitted', 'digest') NOT NULL
	    DEFAULT 'application_receipt,report_approved,payment,report_due,application_submitted,report_submitted'
	    COMMENT 'the optional kinds of e-mail the person gets (chosen on /account)';

-- An officer named for a round gets the notices of applications submitted in it; a round with nobody named
-- notifies every officer, so that no submission goes unnoticed.
CREATE TABLE round_officers (
	round_id INT UNSIGNED NOT NULL COMMENT 'the round',
	user_id INT UNSIGNED NOT NULL COMMENT 'an ICLD officer (role admin) who handles it',
	PRIMARY KEY (round_id, user_id),
	KEY round_officers_user (user_id),
	CONSTRAINT round_officers_round_fk FOREIGN KEY (round_id) REFERENCES rounds (id),
	CONSTRAINT round_officers_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='the officers who handle a round: its submissions are mailed to them';

ALTER TABLE outbox
	ADD COLUMN user_id INT UNSIGNED NULL
	    COMMENT 'the person it goes to; NULL: an address without an account (a test message)' AFTER kind,
	ADD KEY outbox_user (user_id),
	ADD CONSTRAINT outbox_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
