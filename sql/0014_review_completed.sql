-- 0014_review_completed.sql - a review is complete when its reviewer says so, not when it happens to hold five
-- scores.
--
-- A reviewer saves a draft and comes back; only a review marked complete counts in the averages on the
-- application's page. 0004 had no column for that choice: a draft may already hold all five scores. Marking
-- a review complete needs all five (the check below); saving it as a draft again sets completed_at back to NULL.
--
-- Reviews that already hold five scores were finished under the old rules, and count as complete from their
-- last change (updated_at is kept as it was).

ALTER TABLE reviews
	ADD COLUMN completed_at DATETIME NULL
	    COMMENT 'when the reviewer marked the review complete (UTC); NULL: a draft, left out of the averages'
	    AFTER summary,
	ADD CONSTRAINT reviews_complete_scored CHECK (completed_at IS NULL OR (score_relevance IS NOT NULL
	    AND score_feasibility IS NOT NULL AND score_ownership IS NOT NULL AND score_gender IS NOT NULL
	    AND score_budget IS NOT NULL));

UPDATE reviews SET completed_at = updated_at, updated_at = updated_at
WHERE score_relevance IS NOT NULL AND score_feasibility IS NOT NULL AND score_ownership IS NOT NULL
    AND score_gender IS NOT NULL AND score_budget IS NOT NULL;
