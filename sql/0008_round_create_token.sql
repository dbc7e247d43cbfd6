-- 0008_round_create_token.sql - a re-sent "add a round" form creates one round, not two.
--
-- The form carries a random one-time token (256 bits as hex); the round is
-- inserted with it, so a second POST of the same form hits the unique key
-- and creates nothing. Rounds made before this migration, and by the demo
-- loader, have none (NULL, which a UNIQUE key allows many times).

ALTER TABLE rounds
	ADD COLUMN create_token CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL
	    COMMENT 'one-time token of the form that created the round; NULL for rounds made otherwise'
	    AFTER inception_all_year,
	ADD UNIQUE KEY rounds_create_token (create_token),
	ADD CONSTRAINT rounds_create_token_format CHECK (create_token REGEXP '^[0-9a-f]{64}$');
