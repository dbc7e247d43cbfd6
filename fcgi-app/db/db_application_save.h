/* db_application_save.h - the application form's writes (create a draft, save a section, submit) and the lists it offers. */
#ifndef KPP_DB_APPLICATION_SAVE_H
#define KPP_DB_APPLICATION_SAVE_H

#include <stddef.h>

#include "core/kerr.h"
#include "db/db_outbox.h"
#include "domain/application.h"

struct arena;
struct req;


/* A thematic area an application may choose. */
struct theme_row {
	long long	 id;
	const char	*name_sv, *name_en;
};

/* A partner organisation abroad, as the form's list offers it. */
struct partner_org {
	long long	 id;
	const char	*name;		/* in English */
	const char	*name_local;	/* in its own language, or NULL */
	const char	*kind;		/* municipality, county, city, province, district, other */
	const char	*country;	/* ISO code */
	const char	*country_sv, *country_en;
	int		 active;
};

/* A Swedish organisation, as the form's list of co-applicants offers it. */
struct swedish_org {
	long long	 id;
	const char	*name;
	int		 active;
};

/* A partner organisation to add while saving the partners section. */
struct new_partner {
	const char	*name;		/* NULL: none to add */
	const char	*kind;
	const char	*country;
	long long	 id;		/* set by db_appform_save() once created */
};

/*
 * The lists the form offers, through the result cache; everything in r's
 * arena. Themes: the active ones in Swedish order. Goals: sv[g] and en[g]
 * for g 1..17. Partner organisations: every one abroad (active or not,
 * so that a retired one an application names still has its name), by
 * the Swedish name of its country, then its name. Each returns KERR_OK
 * or KERR_DB.
 */
enum kerr	db_appform_themes(struct arena *a, const char *reqid,
		    unsigned long long data_version, struct theme_row **out, size_t *n);
enum kerr	db_appform_sdgs(struct arena *a, const char *reqid,
		    unsigned long long data_version, const char *sv[18], const char *en[18]);
enum kerr	db_appform_partner_orgs(struct arena *a, const char *reqid,
		    unsigned long long data_version, struct partner_org **out,
		    size_t *n);

/*
 * Every Swedish organisation (active or not, so that a retired
 * co-applicant still has its name), in Swedish name order, through the
 * result cache; in a. KERR_OK or KERR_DB.
 */
enum kerr	db_appform_swedish_orgs(struct arena *a, const char *reqid,
		    unsigned long long data_version, struct swedish_org **out,
		    size_t *n);

/*
 * Creates a draft of project type type (enum ptype) in round round_id for
 * the session's organisation and user, with the form's one-time token (32
 * hex digits) and an audit row (application.create), in one transaction.
 * A token that made a draft already (the form sent twice) creates nothing
 * and gives that draft. Stores the draft's id in *id; *created says
 * whether it is new. Returns KERR_OK, KERR_NOTFOUND when the token is
 * another organisation's, or KERR_DB.
 */
enum kerr	db_appform_create(struct req *r, long long round_id, int type,
		    const char *token, long long *id, int *created);

/*
 * Saves section s of application a (a->id, owned by a->org_id) if it is
 * still a draft at version, in one transaction: the section's columns and
 * done flag(s) (done[s]), then its child rows replaced by a's, and the
 * version bumped. For SEC_PARTNERS, np (may be NULL) names an organisation
 * to create first (with an audit row, organisation.create), which takes
 * partner position np_position (1 or 2; a->partner[np_position - 1] is
 * ignored) and whose id is stored in np->id; the co-applicants
 * (a->coapplicant, 0: none) replace the stored ones. Empty texts are
 * stored as NULL.
 *
 * Returns KERR_OK with the new version in *current; KERR_CONFLICT when
 * the version has moved (someone saved first: *current holds it);
 * KERR_FORBIDDEN when the application is no longer a draft (*status says
 * what it is); KERR_NOTFOUND; KERR_DB. Nothing is written unless KERR_OK.
 */
enum kerr	db_appform_save(struct req *r, enum section s,
		    const struct application *a, unsigned version,
		    struct new_partner *np, int np_position,
		    unsigned *current, const char **status);

/*
 * Submits application id of organisation org if it is a draft at version:
 * status submitted, submitted_at/by (at: when, as app_stamp() writes it),
 * the version bumped, an audit row (application.submit, before and
 * after) and the nmail mails it causes (the receipt, the officers'
 * notice) queued in the outbox, in one transaction. Returns
 * KERR_OK; KERR_CONFLICT when the version has moved and it is still a
 * draft (*current holds the version); KERR_FORBIDDEN when it is not a
 * draft (*status says what it is: a re-sent submit finds "submitted");
 * KERR_NOTFOUND; KERR_DB.
 */
enum kerr	db_appform_submit(struct req *r, long long id, long long org,
		    unsigned version, const char *at, const struct outbox_send *mail,
		    size_t nmail, unsigned *current, const char **status);

#endif
