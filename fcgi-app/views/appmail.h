/* appmail.h - the e-mails an application causes: its receipt and the officers' notice, a decision, a reviewer assigned. */
#ifndef KPP_APPMAIL_H
#define KPP_APPMAIL_H

#include "core/kerr.h"
#include "db/db_outbox.h"

struct application;
struct application_extra;
struct decision_record;
struct req;

/*
 * Each renders its mails in both languages from app.mail, with the links
 * made absolute on app.conf.public_url, into the outbox_send(s) that the
 * change's db function queues in its transaction (the handler renders,
 * the data layer queues). Each returns KERR_OK, or mailtext_render()'s
 * error (logged).
 */

/*
 * Application a (x: its round and organisation) submitted at submitted
 * (UTC, as app_stamp() writes it): out[0] the receipt to the
 * organisation's people, out[1] the notice to the officers of its round.
 */
enum kerr	appmail_submitted(struct req *r, const struct application *a,
		    const struct application_extra *x, const char *submitted, struct outbox_send out[2]);

/* Decision d on application a: to the organisation's people, with the amounts of an approval. */
enum kerr	appmail_decision(struct req *r, const struct application *a,
		    const struct application_extra *x, const struct decision_record *d,
		    struct outbox_send *out);

/* Reviewer reviewer_id assigned to application a: to the reviewer, with the link to the review form. */
enum kerr	appmail_reviewer(struct req *r, const struct application *a,
		    const struct application_extra *x, long long reviewer_id, struct outbox_send *out);

#endif
