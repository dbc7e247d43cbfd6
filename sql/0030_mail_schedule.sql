-- 0030_mail_schedule.sql - what kpp-mailer's daily pass has sent: reminders of reports due, a round's news, the
-- officers' digests, and the days the pass ran (fcgi-app/db/db_schedule.c).
--
-- Each reminder is recorded in the transaction that queues its mail (outbox), under a unique key: a pass run
-- twice on one day, or by two mailers at once, finds it recorded and queues nothing again. Two passes take
-- turns on their day's row of mail_daily_passes, which each locks first; so the second reads what the first
-- committed. No data_version trigger: no page shows these tables.

CREATE TABLE mail_daily_passes (
	day DATE NOT NULL COMMENT 'the programme''s day (in Sweden, or [app] today) the pass ran for',
	runs INT UNSIGNED NOT NULL COMMENT 'how many passes ran for it: the daily one, and any run on demand',
	first_at DATETIME NOT NULL COMMENT 'when the first one committed (UTC)',
	last_at DATETIME NOT NULL COMMENT 'when the latest one committed (UTC)',
	last_by VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'the mailer (host:pid) that ran the latest one',
	PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='the days kpp-mailer''s daily pass has run; each pass locks its day''s row, so passes take turns';

-- A report not yet submitted is reminded at four stages of its deadline: 30 days before, 7 days before, 1 day
-- after, 14 days after. A pass that missed days sends the most urgent stage reached, and never a stage before
-- one already sent. A returned report's new deadline (revise_by) has stages of its own.
CREATE TABLE report_reminders (
	report_id INT UNSIGNED NOT NULL COMMENT 'the report',
	deadline DATE NOT NULL COMMENT 'the date it was due when reminded (reports.deadline then)',
	stage ENUM('due_30', 'due_7', 'overdue_1', 'overdue_14') NOT NULL
	    COMMENT 'the stage reminded, in the order they come',
	sent_on DATE NOT NULL COMMENT 'the programme''s day of the pass that queued it',
	run INT UNSIGNED NOT NULL COMMENT 'which of that day''s passes queued it (mail_daily_passes.runs)',
	PRIMARY KEY (report_id, deadline, stage),
	KEY report_reminders_pass (sent_on, run),
	CONSTRAINT report_reminders_report_fk FOREIGN KEY (report_id) REFERENCES reports (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='each reminder of a report due or overdue, once per report, deadline and stage';

-- A round is news twice: when it opens, and 7 days before it closes. Not an opening after its closing.
CREATE TABLE round_news (
	round_id INT UNSIGNED NOT NULL COMMENT 'the round',
	stage ENUM('opening', 'closing') NOT NULL COMMENT 'opening: it opened; closing: it closes in 7 days or less',
	sent_on DATE NOT NULL COMMENT 'the programme''s day of the pass that queued it',
	run INT UNSIGNED NOT NULL COMMENT 'which of that day''s passes queued it (mail_daily_passes.runs)',
	PRIMARY KEY (round_id, stage),
	KEY round_news_pass (sent_on, run),
	CONSTRAINT round_news_round_fk FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='each round''s news mailed to the applicants who asked for it, once per round and stage';

-- An officer who chose the digest gets, once a day, what was submitted since their previous one: a digest
-- covers the submissions stamped after covers_from up to covers_to, the next one from there. A day with
-- nothing new has no digest and no row.
CREATE TABLE officer_digests (
	user_id INT UNSIGNED NOT NULL COMMENT 'the officer',
	day DATE NOT NULL COMMENT 'the programme''s day it was sent',
	covers_from DATETIME NOT NULL COMMENT 'it lists what was submitted after this (UTC)',
	covers_to DATETIME NOT NULL COMMENT '... up to this (UTC); the next digest starts here',
	items INT UNSIGNED NOT NULL COMMENT 'how many applications and reports it lists',
	PRIMARY KEY (user_id, day),
	KEY officer_digests_to (user_id, covers_to),
	CONSTRAINT officer_digests_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='the daily digests sent to officers, one per officer and day';

-- The digests read the reports submitted in a span of time, as they read applications through
-- applications_status_submitted.
ALTER TABLE reports ADD KEY reports_submitted_at (submitted_at);
