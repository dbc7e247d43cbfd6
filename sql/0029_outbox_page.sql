-- 0029_outbox_page.sql - the officers' /outbox: its list read in an index's order, and an officer's retry of
-- a failed message given a whole retry window of its own.
--
-- The list shows the newest messages first, all of them or those in one state. Ids are given out as rows are
-- queued, so the newest first is the highest id first: unfiltered, the primary key read backwards; in one
-- state, outbox_state, which InnoDB keeps as (state, id), read backwards from the state's end. A page of 50
-- reads 50 entries of an index and sorts nothing (outbox_claim's (state, next_attempt_at, id) would sort
-- every row of the state). The search by address filters the rows so read: a part of an address matches
-- anywhere in it, which no index can seek.
--
-- kpp-mailer gives up a message that is not delivered within [mail] max_retry_hours of when it was queued.
-- An officer who retries a failed message, perhaps days later, queues it again with a new window: the
-- window runs from retried_at when it is set, and created_at keeps when the message was first queued.
-- The mailer's backoff counts the attempts, which start again from none.

ALTER TABLE outbox
	ADD COLUMN retried_at DATETIME NULL
	    COMMENT 'when an officer last queued it again by hand (UTC): its retry window runs from then; NULL: never'
	    AFTER created_at,
	MODIFY COLUMN attempts INT UNSIGNED NOT NULL DEFAULT 0
	    COMMENT 'deliveries started since it was queued, or retried by an officer (each claim counts one)',
	ADD KEY outbox_state (state) COMMENT '/outbox in one state, newest (highest id) first';
