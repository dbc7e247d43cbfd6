-- 0009_application_form.sql - what the application form stores beyond 0003: the "other costs" text, and a
-- project year whose costs are typed before its amount.
--
-- other_costs: the budget's "other" category needs a description (the submission rules check that it names
-- no salaries or per diems), and 0003 had no column for it.
--
-- application_years.amount may be NULL: a draft saves whatever the person has typed, and the cost lines of a
-- year (application_budget_lines, whose foreign key needs the year's row) may come before the year's amount.
-- NULL is "not answered yet", as distinct from 0; the rules require an amount on submission.

ALTER TABLE applications
	ADD COLUMN other_costs TEXT NULL
	    COMMENT 'what the budget''s "other" cost category covers, in words (no salaries or per diems)'
	    AFTER planned_start;

ALTER TABLE application_years
	MODIFY amount INT UNSIGNED NULL DEFAULT NULL
	    COMMENT 'amount applied for this year, SEK; NULL while a draft has costs but no amount; the lines must add up to it on submission';
