/* mailkinds.c - the kinds of e-mail, as the tables in mailkinds.h describe them. */
#include <string.h>

#include "core/i18n.h"
#include "domain/mailkinds.h"

/*
 * What a person cannot switch off is what their role needs to act on:
 * their password, ICLD's decision, a report sent back to them, a review
 * they are asked to write. The rest is information they may decline; a
 * round's news and the daily digest are asked for, not given.
 */
static const struct mail_kind_info kinds[MAIL__MAX] = {
	[MAIL_PASSWORD_LINK] = { "password_link", N_("Password links"), MAIL_TO_ANYONE, 0, 0, 0 },
	[MAIL_ACCOUNT_LINK] = { "account_link", N_("A new account's link"), MAIL_TO_ANYONE, 0, 0, 0 },
	[MAIL_APPLICATION_RECEIPT] = { "application_receipt", N_("Receipt of a submitted application"),
	    MAIL_TO_APPLICANTS, 1, 1, 0 },
	[MAIL_DECISION] = { "decision", N_("ICLD's decision on an application"), MAIL_TO_APPLICANTS, 0, 0, 0 },
	[MAIL_REPORT_RETURNED] = { "report_returned", N_("A report returned for changes"),
	    MAIL_TO_APPLICANTS, 0, 0, 0 },
	[MAIL_REPORT_APPROVED] = { "report_approved", N_("A report approved"), MAIL_TO_APPLICANTS, 1, 1, 0 },
	[MAIL_PAYMENT] = { "payment", N_("A payment recorded"), MAIL_TO_APPLICANTS, 1, 1, 0 },
	[MAIL_REPORT_DUE] = { "report_due", N_("Reminders of reports due and overdue"),
	    MAIL_TO_APPLICANTS, 1, 1, 0 },
	[MAIL_ROUND_NEWS] = { "round_news", N_("A round opening, and closing in 7 days"),
	    MAIL_TO_APPLICANTS, 1, 0, 0 },
	[MAIL_APPLICATION_SUBMITTED] = { "application_submitted",
	    N_("An application submitted in a round I handle"), MAIL_TO_OFFICERS, 1, 1, 1 },
	[MAIL_REPORT_SUBMITTED] = { "report_submitted", N_("A report submitted"), MAIL_TO_OFFICERS, 1, 1, 1 },
	[MAIL_REVIEWER_ASSIGNED] = { "reviewer_assigned", N_("A review assigned to me"),
	    MAIL_TO_OFFICERS, 0, 0, 0 },
	[MAIL_DIGEST] = { "digest", N_("One daily digest instead of single mails of submissions"),
	    MAIL_TO_OFFICERS, 1, 0, 0 },
};

const struct mail_kind_info *
mail_kind(enum mail_kind k)
{
	return &kinds[k];
}

int
mail_kind_parse(const char *name)
{
	int k;

	for (k = 0; k < MAIL__MAX; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}
