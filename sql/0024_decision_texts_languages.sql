-- 0024_decision_texts_languages.sql - a decision's reason and conditions in Swedish and in English.
--
-- The decision letter is written in Swedish and in English, and a letter is never mixed: the reason for a
-- rejection and the conditions of an approval are written once in each language, and each letter prints its
-- own. The existing text becomes the Swedish one (ICLD's officers write in Swedish; the demo's reasons are
-- Swedish); no English text is made up for it. A decision recorded before this has no English reason or
-- conditions until an officer writes them: its English letter says so and refers to the Swedish one, and
-- changing the decision asks for both (the application checks both languages of every new text; the
-- constraints below can hold only what the rows already meet).

ALTER TABLE decisions
	DROP CONSTRAINT decisions_reject_reason,
	DROP CONSTRAINT decisions_conditions_approve;

ALTER TABLE decisions
	CHANGE COLUMN reason reason_sv TEXT NULL
	    COMMENT 'the reason in Swedish, printed in the Swedish decision letter (required to reject)',
	ADD COLUMN reason_en TEXT NULL
	    COMMENT 'the reason in English, printed in the English letter; NULL only on decisions recorded before 0024'
	    AFTER reason_sv,
	CHANGE COLUMN conditions conditions_sv TEXT NULL
	    COMMENT 'conditions of an approval in Swedish, printed in the Swedish letter; NULL: none (and for a rejection)',
	ADD COLUMN conditions_en TEXT NULL
	    COMMENT 'the same conditions in English, printed in the English letter; NULL: none, or recorded before 0024'
	    AFTER conditions_sv;

ALTER TABLE decisions
	ADD CONSTRAINT decisions_reject_reason CHECK (outcome = 'approve' OR reason_sv IS NOT NULL),
	ADD CONSTRAINT decisions_conditions_approve
	    CHECK ((conditions_sv IS NULL AND conditions_en IS NULL) OR outcome = 'approve');
