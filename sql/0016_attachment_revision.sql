-- 0016_attachment_revision.sql - which submission of its report first held a file.
--
-- A file attached to a report is part of the report's history from the moment the report is submitted with
-- it: each revision (report_revisions) shows the files it was submitted with, and ICLD may have read them, so
-- the applicant can no longer remove it (fcgi-app/db/db_attachment.c). Submitting a report marks its files not
-- yet submitted with the new revision's number, in the submission's transaction; a revision's files are
-- those marked with its number or an earlier one.

ALTER TABLE attachments
	ADD COLUMN submitted_revision SMALLINT UNSIGNED NULL
	    COMMENT 'the revision of its report (report_revisions.revision) that first held the file, set when the report is submitted; NULL while not submitted, when the applicant may still remove it'
	    AFTER application_id,
	ADD CONSTRAINT attachments_revision_of_report CHECK (submitted_revision IS NULL OR report_id IS NOT NULL);

-- Files already attached belong to the first submission made after they were uploaded, if any.
UPDATE attachments a SET a.submitted_revision = (SELECT MIN(rr.revision) FROM report_revisions rr
	WHERE rr.report_id = a.report_id AND rr.submitted_at >= a.uploaded_at)
WHERE a.report_id IS NOT NULL;
