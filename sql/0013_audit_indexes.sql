-- 0013_audit_indexes.sql - the audit log page (GET /audit) filters by action and by kind of record, newest first.
--
-- sql/0002 indexes the log by record (entity, entity_id, at), by user (user_id, at) and by time (at). The
-- page also narrows it to one action, or to one kind of record without naming which, and shows the newest
-- rows first: without these two keys either filter reads the whole log, which grows with every sign-in.
-- Each ends with the time so that the newest rows of an action or kind are read in order, LIMIT rows and
-- no more. (action, at) also lists the distinct actions for the page's select by a loose index scan.

ALTER TABLE audit_log
	ADD KEY audit_log_action (action, at),
	ADD KEY audit_log_entity_at (entity, at);
