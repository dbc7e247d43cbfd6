/* application.h - an application as the forms and the rules see it, whatever its state of completion. */
#ifndef KPP_APPLICATION_H
#define KPP_APPLICATION_H

#include <stddef.h>

enum ptype {
	PT_INCEPTION = 0,	/* förstudie: one year */
	PT_PROJECT,		/* one to three years */
	PT_THREE_PARTY,		/* two partners abroad */
	PT__MAX
};

enum region {
	REGION_AFRICA = 0,
	REGION_ASIA,
	REGION_EUROPE,
	REGION_LATIN_AMERICA,
	REGION__MAX
};

enum category {
	CAT_TRAVEL = 0,
	CAT_ACCOMMODATION,
	CAT_MEETINGS,
	CAT_CONSULTANTS,
	CAT_TRANSLATION,
	CAT_OTHER,
	CAT__MAX
};

enum team_role {
	ROLE_POLITICIAN_MAJORITY = 0,
	ROLE_POLITICIAN_OPPOSITION,
	ROLE_CIVIL_SERVANT,
	ROLE_OTHER_MEMBER,
	TEAM_ROLE__MAX
};

/* The sections of the task list, in the order the form shows them. */
enum section {
	SEC_PARTNERS = 0,	/* partner organisation(s) and country */
	SEC_PROJECT,		/* titles, summary, background, theme, principles, SDGs, groups, dialogue */
	SEC_RESULTS,		/* overall objective, objectives, expected results, indicators */
	SEC_TEAM,		/* the people on each side and their roles */
	SEC_BUDGET,		/* duration, start, amount per year and cost category */
	SEC_CONTACT,		/* the contact person */
	SEC__MAX
};

#define MAX_YEARS	3	/* no round allows more; the form never offers more */
#define MAX_PARTNERS	2
#define MAX_COAPPLICANTS	3	/* Swedish organisations applying with the applicant */

/* The rules of one project type in one round (round_rules). */
struct round_rule {
	int		 allowed;
	int		 min_years, max_years;
	long long	 min_amount;			/* per year, kronor */
	long long	 max_amount[REGION__MAX];	/* per year, by the country's region group */
};

struct round {
	long long	 id;
	int		 year;
	const char	*name_sv, *name_en;
	const char	*opens_on, *closes_on;		/* YYYY-MM-DD, both days included */
	int		 inception_all_year;		/* inception applications accepted outside the dates */
	struct round_rule rules[PT__MAX];
};

struct country {
	const char	*code;		/* ISO 3166-1 alpha-2 */
	const char	*name_sv, *name_en;
	enum region	 region;
	int		 eligible;
	const char	*languages;	/* official languages: ISO 639-1 codes separated by commas, in order ("sq,sr"); NULL: not known */
};

/*
 * Where a chosen partner organisation is, for the rule that it is in the
 * application's country. Any member may be NULL when not known.
 */
struct partner_place {
	const char	*name;		/* the organisation's official name */
	const char	*country;	/* ISO code of its country */
	const char	*country_sv, *country_en;
};

struct indicator {
	const char	*name;
	const char	*unit;
	const char	*baseline;	/* as typed; a number (decimal comma or point) or text */
	const char	*target;
};

struct expected_result {
	const char	*description;
	struct indicator *ind;
	size_t		 nind;
};

struct objective {
	const char	*description;
	struct expected_result *res;
	size_t		 nres;
};

struct member {
	int		 partner_side;	/* 0: the Swedish side; 1: a partner abroad */
	long long	 org_id;	/* which organisation on that side (0: not said) */
	const char	*name;
	enum team_role	 role;
	const char	*position;	/* their post, e.g. "kommunalråd", "planeringschef" */
};

struct application {
	long long	 id;
	unsigned	 version;
	const char	*status;	/* draft, submitted, under_review, approved, rejected, withdrawn */
	long long	 round_id;
	int		 type;		/* enum ptype, or -1 when not chosen yet */
	long long	 org_id;	/* the Swedish applicant */
	const char	*country;	/* ISO code, or NULL */
	long long	 partner[MAX_PARTNERS];	/* organisation ids, 0 when none */
	struct partner_place partner_at[MAX_PARTNERS];	/* where each of them is */
	long long	 coapplicant[MAX_COAPPLICANTS];	/* Swedish co-applicants' ids, 0 when none */

	const char	*title_sv, *title_en, *title_local;
	const char	*title_local_lang;	/* ISO 639-1 of title_local and summary_local, or NULL */
	const char	*summary_sv, *summary_en;
	const char	*summary_local;	/* in title_local_lang, or NULL */
	const char	*background;
	long long	 theme_id;	/* 0 when not chosen */
	int		 principle[4];	/* inclusion, participation, transparency, accountability */
	int		 sdg[18];	/* sdg[1..17]: contributes to that goal */
	const char	*target_groups;
	int		 citizen_dialogue;	/* -1: not answered; 0 no; 1 yes */
	const char	*dialogue_text;
	const char	*vulnerable_text;
	const char	*gender_text;

	const char	*overall_objective;
	struct objective *obj;
	size_t		 nobj;

	struct member	*team;
	size_t		 nteam;

	int		 years;		/* 0 when not chosen */
	const char	*planned_start;	/* YYYY-MM-DD or NULL */
	long long	 amount[MAX_YEARS][CAT__MAX];	/* kronor; -1 when left empty */
	long long	 year_total[MAX_YEARS];		/* the amount applied for each year; -1 when empty */
	const char	*other_costs;	/* what "other" covers, in words */

	const char	*contact_name, *contact_email, *contact_phone;

	int		 done[SEC__MAX];	/* the applicant marked the section complete */
};

/* The codes the database stores for each enum (ENUM columns), indexed by the enum. */
extern const char *const ptype_code[PT__MAX];
extern const char *const region_code[REGION__MAX];
extern const char *const category_code[CAT__MAX];
extern const char *const team_role_code[TEAM_ROLE__MAX];

/* The index of s among the n codes, or -1 (also for NULL): a stored code back to its enum. */
int	code_index(const char *const *codes, size_t n, const char *s);

/* The team's groups on the pages: the Swedish side, each partner, and partner-side members of neither. */
enum team_group { G_SWEDISH, G_PARTNER1, G_PARTNER2, G_NOTGIVEN, G__MAX };

/* The id of each group's first name field, as the rules name them (rules.h); NULL for G_NOTGIVEN. */
extern const char *const team_group_ids[G__MAX];

/*
 * Whether the application has two partners abroad: its type decides (a three-party project, once
 * the second is chosen); a second partner stored on a draft of a one-partner kind is not one.
 */
int		application_two_partners(const struct application *a);

/* The group (enum team_group) team member m is in. */
int		application_member_group(const struct application *a, const struct member *m);

#endif
