/* mailkinds.h - the kinds of e-mail kpp sends: who gets each, and which a person may switch off. */
#ifndef KPP_MAILKINDS_H
#define KPP_MAILKINDS_H

/*
 * Each kind is also the name of its templates (templates/mail/sv/KIND.txt
 * and templates/mail/en/KIND.txt) and what outbox.kind records. The
 * optional kinds are the values of users.mail_kinds (sql/0027), which
 * holds the ones a person has chosen.
 */
enum mail_kind {
	/* To anyone with an account: needed to act, never switched off. */
	MAIL_PASSWORD_LINK,		/* "forgot your password?": a one-time link */
	MAIL_ACCOUNT_LINK,		/* a new account: the link that sets its password */
	/* To the applicant organisation's people. */
	MAIL_APPLICATION_RECEIPT,	/* an application was submitted: its reference and link */
	MAIL_DECISION,			/* ICLD decided: the letter's link, the amounts when approved */
	MAIL_REPORT_RETURNED,		/* a report sent back: ICLD's comment, the new due date */
	MAIL_REPORT_APPROVED,
	MAIL_PAYMENT,			/* a payment recorded: amount and date */
	MAIL_REPORT_DUE,		/* a report due in 30 or 7 days, or overdue by 1 or 14 */
	MAIL_ROUND_NEWS,		/* a round opening, or closing in 7 days */
	/* To ICLD's officers. */
	MAIL_APPLICATION_SUBMITTED,	/* in a round the officer handles */
	MAIL_REPORT_SUBMITTED,
	MAIL_REVIEWER_ASSIGNED,		/* to the reviewer */
	MAIL_DIGEST,			/* once a day, instead of the two above one by one */
	MAIL__MAX
};

enum mail_audience {
	MAIL_TO_ANYONE,
	MAIL_TO_APPLICANTS,
	MAIL_TO_OFFICERS
};

struct mail_kind_info {
	const char		*name;		/* as stored and as the templates are named */
	const char		*label;		/* for the person's choices, English msgid (N_) */
	enum mail_audience	 audience;
	int			 optional;	/* 0: sent to everyone it concerns, whatever they chose */
	int			 chosen_at_first;	/* optional and on until the person switches it off */
	int			 in_digest;	/* an officer who chose the digest gets it there instead */
};

/* The kind's facts; k must be below MAIL__MAX. */
const struct mail_kind_info *mail_kind(enum mail_kind k);

/* The kind named name, or -1 for none. */
int		mail_kind_parse(const char *name);

#endif
