-- 0015_attachment_files.sql - attachments' contents move out of the database into files on disk.
--
-- sql/0005 kept every file's bytes in attachment_blobs. The files now live under [app] attachments_dir
-- as <dir>/ab/cd/<sha256> (fcgi-app/http/attach_store.c: written to a temporary file, fsynced and linked into
-- place, so a crash never leaves half a file), stored once however often they are uploaded. The
-- database keeps what it knows of each upload in attachments: the owner, the name, the type kpp found,
-- the size, who uploaded it and when, and the sha256 that names the file.

-- Nothing ever wrote attachment_blobs; should an installation hold rows there all the same, this check
-- fails on them and the migration stops before the table is dropped.
ALTER TABLE attachment_blobs ADD CONSTRAINT attachment_blobs_unused CHECK (FALSE);

ALTER TABLE attachments DROP FOREIGN KEY attachments_blob_fk;

DROP TABLE attachment_blobs;

ALTER TABLE attachments
	MODIFY sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'SHA-256 of the content, lower-case hex: the file <attachments_dir>/ab/cd/<sha256>',
	MODIFY mime VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'media type kpp found in the content on upload (fcgi-app/http/sniff.c), not the browser''s claim',
	MODIFY size INT UNSIGNED NOT NULL COMMENT 'bytes of the file',
	ADD CONSTRAINT attachments_sha256_hex CHECK (sha256 REGEXP '^[0-9a-f]{64}$'),
	ADD CONSTRAINT attachments_mime_known CHECK (mime IN ('application/pdf', 'image/png', 'image/jpeg',
	    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	    'application/vnd.oasis.opendocument.spreadsheet')),
	ADD CONSTRAINT attachments_size_positive CHECK (size > 0),
	COMMENT = 'files attached to a report (signed accounts, photos) or an application; the content is on disk';
