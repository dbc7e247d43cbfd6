-- 0011_list_indexes.sql - indexes for the admin lists (the inbox, the projects list) that sql/0003 lacks.
--
-- The inbox opens sorted by submission, newest first, over every application but drafts: with an index
-- on submitted_at alone, its first page reads the newest 50 entries of the index instead of sorting the
-- whole table. The project type is a filter of both lists and had no index. The other filters and sorts
-- are served by sql/0003 and sql/0004: round, organisation, country and status (applications_*_status),
-- status with submission (applications_status_submitted), thematic area (applications_theme), project
-- code, status and start (projects_code, projects_status, projects_dates).

ALTER TABLE applications
	ADD KEY applications_submitted_at (submitted_at)
	    COMMENT 'the inbox in order of submission, newest first',
	ADD KEY applications_type_status (project_type, status)
	    COMMENT 'the lists filtered by project type';
