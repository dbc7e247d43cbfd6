-- 0001_reference.sql - reference data: partner countries, thematic areas and the UN SDGs, with their seed rows.

-- Tables below name their character set; this makes anything created later without one Swedish-sorted UTF-8 too.
ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_swedish_ci;

CREATE TABLE countries (
	code CHAR(2) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'ISO 3166-1 alpha-2 code as IATI uses it (XK for Kosovo)',
	name_sv VARCHAR(100) NOT NULL COMMENT 'name in Swedish',
	name_en VARCHAR(100) NOT NULL COMMENT 'name in English',
	region ENUM('africa', 'asia', 'europe', 'latin_america') NOT NULL
	    COMMENT 'region group whose amount ceilings apply (round_rules)',
	eligible TINYINT(1) NOT NULL DEFAULT 1
	    COMMENT '1: new applications may name it; 0: retired, kept for older projects',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (code),
	KEY countries_region (region, eligible),
	CONSTRAINT countries_code_format CHECK (code REGEXP '^[A-Z]{2}$'),
	CONSTRAINT countries_eligible_bool CHECK (eligible IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='partner countries of the programme; admins add or retire them';

INSERT INTO countries (code, name_sv, name_en, region, eligible) VALUES
	('KE', 'Kenya', 'Kenya', 'africa', 1),
	('BW', 'Botswana', 'Botswana', 'africa', 1),
	('UG', 'Uganda', 'Uganda', 'africa', 1),
	('ZA', 'Sydafrika', 'South Africa', 'africa', 1),
	('TZ', 'Tanzania', 'Tanzania', 'africa', 1),
	('ZM', 'Zambia', 'Zambia', 'africa', 1),
	('ZW', 'Zimbabwe', 'Zimbabwe', 'africa', 1),
	('MZ', 'Moçambique', 'Mozambique', 'africa', 1),
	('NA', 'Namibia', 'Namibia', 'africa', 0),
	('CN', 'Kina', 'China', 'asia', 1),
	('ID', 'Indonesien', 'Indonesia', 'asia', 1),
	('VN', 'Vietnam', 'Viet Nam', 'asia', 0),
	('XK', 'Kosovo', 'Kosovo', 'europe', 1),
	('BA', 'Bosnien och Hercegovina', 'Bosnia and Herzegovina', 'europe', 1),
	('RS', 'Serbien', 'Serbia', 'europe', 1),
	('UA', 'Ukraina', 'Ukraine', 'europe', 1),
	('AL', 'Albanien', 'Albania', 'europe', 1),
	('MK', 'Nordmakedonien', 'North Macedonia', 'europe', 1),
	('MD', 'Moldavien', 'Moldova', 'europe', 1),
	('GE', 'Georgien', 'Georgia', 'europe', 1),
	('CO', 'Colombia', 'Colombia', 'latin_america', 1),
	('GT', 'Guatemala', 'Guatemala', 'latin_america', 1),
	('BO', 'Bolivia', 'Bolivia', 'latin_america', 1);

CREATE TABLE thematic_areas (
	id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'surrogate key',
	code VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'stable machine name (local_governance), for code and tests',
	name_sv VARCHAR(120) NOT NULL COMMENT 'name in Swedish',
	name_en VARCHAR(120) NOT NULL COMMENT 'name in English',
	dac_code CHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    COMMENT 'OECD DAC 5-digit purpose code exported as the IATI sector (vocabulary 1)',
	active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '1: offered on new applications; 0: retired',
	version INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock: bumped by every update',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the row was created (UTC)',
	updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
	    COMMENT 'when the row last changed (UTC)',
	PRIMARY KEY (id),
	UNIQUE KEY thematic_areas_code (code),
	CONSTRAINT thematic_areas_dac_format CHECK (dac_code REGEXP '^[0-9]{5}$'),
	CONSTRAINT thematic_areas_active_bool CHECK (active IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='thematic areas an application chooses one of; each maps to one DAC sector';

INSERT INTO thematic_areas (id, code, name_sv, name_en, dac_code) VALUES
	(1, 'local_governance', 'Lokal styrning', 'Local governance', '15112'),
	(2, 'democratic_participation', 'Demokratiskt deltagande och medborgardialog',
	    'Democratic participation and citizen dialogue', '15150'),
	(3, 'environment_climate', 'Miljö och klimat', 'Environment and climate', '41010'),
	(4, 'social_care', 'Social omsorg', 'Social care', '16010'),
	(5, 'urban_development', 'Samhällsplanering', 'Urban planning and development', '43030'),
	(6, 'public_finance', 'Kommunal ekonomi och budget', 'Municipal finance and budgeting', '15111'),
	(7, 'gender_equality', 'Jämställdhet', 'Gender equality', '15170'),
	(8, 'education', 'Utbildning', 'Education', '11110');

CREATE TABLE sdgs (
	goal TINYINT UNSIGNED NOT NULL COMMENT 'UN Sustainable Development Goal number, 1-17 (IATI tag vocabulary 2)',
	name_sv VARCHAR(100) NOT NULL COMMENT 'short name in Swedish',
	name_en VARCHAR(100) NOT NULL COMMENT 'short name in English',
	PRIMARY KEY (goal),
	CONSTRAINT sdgs_goal_range CHECK (goal BETWEEN 1 AND 17)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci
  COMMENT='the 17 UN Sustainable Development Goals; fixed, not edited';

INSERT INTO sdgs (goal, name_sv, name_en) VALUES
	(1, 'Ingen fattigdom', 'No poverty'),
	(2, 'Ingen hunger', 'Zero hunger'),
	(3, 'Hälsa och välbefinnande', 'Good health and well-being'),
	(4, 'God utbildning för alla', 'Quality education'),
	(5, 'Jämställdhet', 'Gender equality'),
	(6, 'Rent vatten och sanitet för alla', 'Clean water and sanitation'),
	(7, 'Hållbar energi för alla', 'Affordable and clean energy'),
	(8, 'Anständiga arbetsvillkor och ekonomisk tillväxt', 'Decent work and economic growth'),
	(9, 'Hållbar industri, innovationer och infrastruktur', 'Industry, innovation and infrastructure'),
	(10, 'Minskad ojämlikhet', 'Reduced inequalities'),
	(11, 'Hållbara städer och samhällen', 'Sustainable cities and communities'),
	(12, 'Hållbar konsumtion och produktion', 'Responsible consumption and production'),
	(13, 'Bekämpa klimatförändringarna', 'Climate action'),
	(14, 'Hav och marina resurser', 'Life below water'),
	(15, 'Ekosystem och biologisk mångfald', 'Life on land'),
	(16, 'Fredliga och inkluderande samhällen', 'Peace, justice and strong institutions'),
	(17, 'Genomförande och globalt partnerskap', 'Partnerships for the goals');
