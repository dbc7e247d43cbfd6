/* reportmail.h - the e-mails a report's submission, ICLD's decision on it and its payment cause, in both languages. */
#ifndef KPP_REPORTMAIL_H
#define KPP_REPORTMAIL_H

#include "core/kerr.h"
#include "db/db_outbox.h"

struct report_view;
struct req;

/*
 * Each fills *out, ready for the db function that makes the change to
 * queue in its transaction, with report v (as db_report_get() read it)
 * rendered in both languages; KERR_INVALID (logged) when a template
 * cannot be rendered. The links are absolute ([app] public_url).
 */

/* To the officers of the project's round: the applicant submitted v; it links the report. */
enum kerr	reportmail_submitted(struct req *r, const struct report_view *v, struct outbox_send *out);

/*
 * To the applicant organisation's people: ICLD returned v with comment,
 * due again on revise_by (YYYY-MM-DD); or approved it (returned 0;
 * comment may be NULL). It links the report.
 */
enum kerr	reportmail_decided(struct req *r, const struct report_view *v, int returned,
		    const char *comment, const char *revise_by, struct outbox_send *out);

/* To the applicant organisation's people: ICLD paid amount kronor for v on paid_on; it links the project. */
enum kerr	reportmail_payment(struct req *r, const struct report_view *v, long long amount,
		    const char *paid_on, struct outbox_send *out);

#endif
