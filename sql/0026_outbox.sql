-- 0026_outbox.sql - the transactional outbox: every e-mail kpp sends is first a row here, written in the
-- same transaction as the change that causes it (a submission, a decision, a password link...), so that a
-- change rolled back leaves no message and a change committed never loses its message, whatever dies
-- afterwards. kpp-mailer (fcgi-app/programs/kpp-mailer.c) claims queued rows, sends each over SMTP and
-- records the server's answer.
--
-- A row's life: queued -> sending (claimed by one mailer, under a lease) -> sent, or back to queued with
-- its next attempt later (a 4xx answer, no connection: the wait doubles from [mail] retry_first_seconds),
-- or failed (a 5xx answer, or no delivery within [mail] max_retry_hours); an officer may cancel a queued
-- one. A mailer that dies while it holds rows leaves them sending until lease_until: then any mailer puts
-- them back in the queue. No data_version trigger: no cached page shows the outbox.

CREATE TABLE outbox (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
	    COMMENT 'surrogate key; also the stable Message-ID''s left part, so a resent row is seen as the same message',
	kind VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'what the message is (application_receipt, decision, password_link ...), for the officers'' list',
	recipient_email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL
	    COMMENT 'the address it goes to',
	recipient_name VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'the person''s name in the To header; empty: the address alone',
	lang ENUM('sv', 'en') NOT NULL COMMENT 'the language it is written in: the recipient''s',
	subject VARCHAR(255) NOT NULL COMMENT 'the Subject, as text (encoded when the message is built)',
	body MEDIUMTEXT NOT NULL COMMENT 'the text of the message, UTF-8, as the person reads it',
	link VARCHAR(1000) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'the absolute address of the page where the person acts, also in the body; NULL: none',
	created_at DATETIME NOT NULL COMMENT 'when the change that caused it committed its row (UTC)',
	state ENUM('queued', 'sending', 'sent', 'failed', 'cancelled') NOT NULL DEFAULT 'queued'
	    COMMENT 'queued: to send; sending: claimed by lease_holder; sent, failed, cancelled: done',
	attempts INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'deliveries started (each claim counts one)',
	next_attempt_at DATETIME(6) NOT NULL COMMENT 'a queued row is not sent before then (UTC)',
	lease_holder VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'the mailer (host:pid) sending it while state is sending; NULL otherwise',
	lease_until DATETIME(6) NULL COMMENT 'a row still sending after then is queued again: its mailer died (UTC)',
	last_answer VARCHAR(1000) NULL
	    COMMENT 'the SMTP server''s last answer (code and text), or why there was none (no connection)',
	sent_at DATETIME NULL COMMENT 'when the server accepted it (UTC); NULL: not (yet) sent',
	PRIMARY KEY (id),
	-- The claim: state = 'queued' AND next_attempt_at <= now, ORDER BY next_attempt_at, id, LIMIT n, read in
	-- this index's order (the primary key ends every secondary index), so it stops after n rows, with no
	-- sort. A dead mailer's rows (state = 'sending' AND lease_until < now) are found through its state
	-- prefix: no more rows are ever sending than the mailers' batches hold.
	KEY outbox_claim (state, next_attempt_at),
	CONSTRAINT outbox_lease_whole CHECK ((state = 'sending') = (lease_holder IS NOT NULL AND lease_until IS NOT NULL)),
	CONSTRAINT outbox_sent_at CHECK ((state = 'sent') = (sent_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='e-mail to send, written in the transaction of the change that causes it; kpp-mailer sends it';
