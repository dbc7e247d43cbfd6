-- 0018_report_deadline_refunds.sql - a returned report's own due date, and refunds on a report's cost lines.

-- When ICLD returns a report it sets the date the revised report is due (30 days on, unless the officer
-- chooses another), and lateness counts against that date rather than the first one: a report submitted on
-- time and returned is not late. deadline is the date a report is due now, for the start page, the lists
-- and the report's page alike.
ALTER TABLE reports
	ADD COLUMN revise_by DATE NULL
	    COMMENT 'set by ICLD when it returned the report: the date the revised report is due'
	    AFTER due_on,
	ADD COLUMN deadline DATE AS (IF(status = 'returned', COALESCE(revise_by, due_on), due_on)) PERSISTENT
	    COMMENT 'the date the report is due now: revise_by while returned, else due_on'
	    AFTER revise_by,
	ADD KEY reports_status_deadline (status, deadline);

-- The reports returned before this migration: 30 days from the return, the default an officer is offered.
UPDATE reports SET revise_by = DATE(decided_at) + INTERVAL 30 DAY WHERE status = 'returned';

-- A cost line may be negative: money that came back in the year (a refund) reduces what was spent.
ALTER TABLE report_financial_lines
	MODIFY actual_amount INT NOT NULL DEFAULT 0
	    COMMENT 'actual cost of the category in the year, SEK; negative when refunds exceeded the costs';
