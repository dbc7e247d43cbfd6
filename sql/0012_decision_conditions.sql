-- 0012_decision_conditions.sql - the conditions ICLD sets when it approves an application, printed in the decision letter.
--
-- A decision already has its reason (required to reject). An approval may come with conditions (a revised
-- activity plan before the first payment, a named contact at the partner) that the letter states and the
-- project must meet; 0004 had no column for them. NULL: an approval without conditions, and every rejection.
--
-- The commitment (IATI transaction type 2) is not stored apart: it is the decision's date (decided_at) and
-- the sum of the project's approved years (project_years.amount), which the decision writes in the same
-- transaction and keeps in step when an admin changes the amounts.

ALTER TABLE decisions
	ADD COLUMN conditions TEXT NULL
	    COMMENT 'conditions of an approval, printed in the decision letter; NULL: none (and for a rejection)'
	    AFTER reason,
	ADD CONSTRAINT decisions_conditions_approve CHECK (conditions IS NULL OR outcome = 'approve');
