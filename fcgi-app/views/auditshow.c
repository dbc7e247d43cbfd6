/* auditshow.c - the one table of who reads which audit action and field, with their words. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "domain/labels.h"
#include "domain/rules.h"
#include "views/auditshow.h"

/*
 * Sida follows the programme's projects: it reads a project's history
 * (decision, project, report and payment rows), but of each row only
 * what it reads elsewhere in the portal too: statuses, dates, amounts,
 * the budget, and the reasons the project page gives it (withheld,
 * cancelled). ICLD's own text (notes, comments on reports, the
 * decision's conditions, the files' names and checksums) is ICLD's.
 * Every other action is ICLD's own log.
 */
const struct audit_action audit_actions[] = {
	{ "application.create", N_("Application started"), AUDIT_ICLD },
	{ "application.submit", N_("Application submitted"), AUDIT_ICLD },
	{ "application.withdraw", N_("Application withdrawn"), AUDIT_ICLD },
	{ "application.delete", N_("Draft deleted"), AUDIT_ICLD },
	{ "application.review", N_("Application taken up for review"), AUDIT_ICLD },
	{ "decision.approve", N_("Application approved"), AUDIT_SIDA },
	{ "decision.reject", N_("Application rejected"), AUDIT_SIDA },
	{ "decision.update", N_("Decision changed"), AUDIT_SIDA },
	{ "project.create", N_("Project created"), AUDIT_SIDA },
	{ "project.status", N_("Project status changed"), AUDIT_SIDA },
	{ "project.cancel", N_("Project cancelled"), AUDIT_SIDA },
	{ "project.withhold", N_("Project withheld from publication"), AUDIT_SIDA },
	{ "project.publish", N_("Project published again"), AUDIT_SIDA },
	{ "project.capital_spend", N_("Capital spend changed"), AUDIT_SIDA },
	{ "project.funds_record", N_("Funds from Sida recorded"), AUDIT_SIDA },
	{ "project.funds_remove", N_("Funds from Sida removed"), AUDIT_SIDA },
	{ "report.submit", N_("Report submitted"), AUDIT_SIDA },
	{ "report.approve", N_("Report approved"), AUDIT_SIDA },
	{ "report.return", N_("Report returned for revision"), AUDIT_SIDA },
	{ "report.attach", N_("File attached to a report"), AUDIT_SIDA },
	{ "report.detach", N_("File removed from a report"), AUDIT_SIDA },
	{ "disbursement.record", N_("Payment recorded"), AUDIT_SIDA },
	{ "round.create", N_("Round added"), AUDIT_ICLD },
	{ "round.update", N_("Round changed"), AUDIT_ICLD },
	{ "country.create", N_("Country added"), AUDIT_ICLD },
	{ "country.update", N_("Country changed"), AUDIT_ICLD },
	{ "organisation.create", N_("Organisation added"), AUDIT_ICLD },
	{ "organisation.update", N_("Organisation changed"), AUDIT_ICLD },
	{ "thematic_area.create", N_("Thematic area added"), AUDIT_ICLD },
	{ "thematic_area.update", N_("Thematic area changed"), AUDIT_ICLD },
	{ "review.assign", N_("Reviewer assigned"), AUDIT_ICLD },
	{ "review.unassign", N_("Reviewer removed"), AUDIT_ICLD },
	{ "review.save", N_("Review saved"), AUDIT_ICLD },
	{ "review.complete", N_("Review completed"), AUDIT_ICLD },
	{ "user.create", N_("Account created"), AUDIT_ICLD },
	{ "user.deactivate", N_("Account deactivated"), AUDIT_ICLD },
	{ "user.reactivate", N_("Account reactivated"), AUDIT_ICLD },
	{ "user.password_link", N_("One-time password link made"), AUDIT_ICLD },
	{ "user.password_set", N_("Password set"), AUDIT_ICLD },
	{ "user.account", N_("Own language or e-mail choices changed"), AUDIT_ICLD },
	{ "user.login", N_("Signed in"), AUDIT_ICLD },
	{ "user.login_failed", N_("Sign-in failed"), AUDIT_ICLD },
	{ "user.login_throttled", N_("Sign-in refused after too many attempts"), AUDIT_ICLD },
	{ "user.logout", N_("Signed out"), AUDIT_ICLD },
	{ "outbox.retry", N_("E-mail queued again"), AUDIT_ICLD },
	{ "outbox.cancel", N_("E-mail cancelled"), AUDIT_ICLD },
};

const size_t naudit_actions = sizeof(audit_actions) / sizeof(audit_actions[0]);

/* A decision as db_decision.c records it, at prefix ("decision." in an application's row). */
#define DECISION_FIELDS(act, pre) \
	{ act, pre "outcome", AUDIT_SIDA, AV_TEXT, N_("Decision") }, \
	{ act, pre "reason", AUDIT_ICLD, AV_TEXT, N_("Decision, reason") }, \
	{ act, pre "conditions", AUDIT_ICLD, AV_TEXT, N_("Decision, conditions") }, \
	{ act, pre "reason_sv", AUDIT_ICLD, AV_TEXT, N_("Decision, reason in Swedish") }, \
	{ act, pre "reason_en", AUDIT_ICLD, AV_TEXT, N_("Decision, reason in English") }, \
	{ act, pre "conditions_sv", AUDIT_ICLD, AV_TEXT, N_("Decision, conditions in Swedish") }, \
	{ act, pre "conditions_en", AUDIT_ICLD, AV_TEXT, N_("Decision, conditions in English") }, \
	{ act, pre "follows_project_id", AUDIT_SIDA, AV_TEXT, N_("Decision, follows project") }, \
	{ act, pre "starts_on", AUDIT_SIDA, AV_TEXT, N_("Decision, start date") }, \
	{ act, pre "ends_on", AUDIT_SIDA, AV_TEXT, N_("Decision, end date") }, \
	{ act, pre "years", AUDIT_SIDA, AV_TEXT, N_("Decision, years") }, \
	{ act, pre "years[#].year", AUDIT_SIDA, AV_TEXT, N_("Decision, year {1}") }, \
	{ act, pre "years[#].starts_on", AUDIT_SIDA, AV_TEXT, N_("Decision, year {1}, start date") }, \
	{ act, pre "years[#].ends_on", AUDIT_SIDA, AV_TEXT, N_("Decision, year {1}, end date") }, \
	{ act, pre "years[#].amount", AUDIT_SIDA, AV_AMOUNT, N_("Decision, year {1}, amount") }, \
	{ act, pre "years[#].lines.*", AUDIT_SIDA, AV_AMOUNT, N_("Decision, year {1}, {2}") }, \
	{ act, pre "years[#].progress_due", AUDIT_SIDA, AV_TEXT, \
	    N_("Decision, year {1}, progress report due") }, \
	{ act, pre "final_due", AUDIT_SIDA, AV_TEXT, N_("Decision, final report due") }, \
	{ act, pre "total", AUDIT_SIDA, AV_AMOUNT, N_("Decision, total") }

/* A status with the version the write moved it to. */
#define STATUS_FIELDS(act, who) \
	{ act, "status", who, AV_CODE, N_("Status") }, \
	{ act, "version", who, AV_TEXT, N_("Version") }

#define FUNDS_FIELDS(act) \
	{ act, "incoming_funds", AUDIT_SIDA, AV_TEXT, N_("Funds from Sida, entry") }, \
	{ act, "received_on", AUDIT_SIDA, AV_TEXT, N_("Received on") }, \
	{ act, "amount", AUDIT_SIDA, AV_AMOUNT, N_("Amount") }, \
	{ act, "note", AUDIT_ICLD, AV_TEXT, N_("Note") }

#define REPORT_DECISION_FIELDS(act) \
	{ act, "status", AUDIT_SIDA, AV_CODE, N_("Status") }, \
	{ act, "revision", AUDIT_SIDA, AV_TEXT, N_("Revision") }, \
	{ act, "comment", AUDIT_ICLD, AV_TEXT, N_("ICLD's comment") }, \
	{ act, "revise_by", AUDIT_SIDA, AV_TEXT, N_("Revised report due") }

#define FILE_FIELDS(act) \
	{ act, "attachment", AUDIT_ICLD, AV_TEXT, N_("File, number") }, \
	{ act, "filename", AUDIT_ICLD, AV_TEXT, N_("File name") }, \
	{ act, "type", AUDIT_ICLD, AV_TEXT, N_("Type of file") }, \
	{ act, "size", AUDIT_ICLD, AV_TEXT, N_("Size in bytes") }, \
	{ act, "sha256", AUDIT_ICLD, AV_TEXT, N_("SHA-256 checksum") }

#define ROUND_FIELDS(act) \
	{ act, "year", AUDIT_ICLD, AV_TEXT, N_("Year") }, \
	{ act, "name_sv", AUDIT_ICLD, AV_TEXT, N_("Name in Swedish") }, \
	{ act, "name_en", AUDIT_ICLD, AV_TEXT, N_("Name in English") }, \
	{ act, "opens_on", AUDIT_ICLD, AV_TEXT, N_("Opens") }, \
	{ act, "closes_on", AUDIT_ICLD, AV_TEXT, N_("Closes") }, \
	{ act, "inception_all_year", AUDIT_ICLD, AV_YESNO, \
	    N_("Inception projects all year round") }, \
	{ act, "officers", AUDIT_ICLD, AV_TEXT, N_("Officers who handle the round") }, \
	{ act, "rules.*.allowed", AUDIT_ICLD, AV_YESNO, N_("{1}, allowed") }, \
	{ act, "rules.*.min_years", AUDIT_ICLD, AV_TEXT, N_("{1}, shortest, years") }, \
	{ act, "rules.*.max_years", AUDIT_ICLD, AV_TEXT, N_("{1}, longest, years") }, \
	{ act, "rules.*.min_amount", AUDIT_ICLD, AV_AMOUNT, N_("{1}, smallest amount") }, \
	{ act, "rules.*.max_amount.*", AUDIT_ICLD, AV_AMOUNT, N_("{1}, largest amount, {2}") }

#define COUNTRY_FIELDS(act) \
	{ act, "code", AUDIT_ICLD, AV_TEXT, N_("Code") }, \
	{ act, "name_sv", AUDIT_ICLD, AV_TEXT, N_("Name in Swedish") }, \
	{ act, "name_en", AUDIT_ICLD, AV_TEXT, N_("Name in English") }, \
	{ act, "region", AUDIT_ICLD, AV_CODE, N_("Region") }, \
	{ act, "eligible", AUDIT_ICLD, AV_YESNO, N_("Eligible") }, \
	{ act, "languages", AUDIT_ICLD, AV_TEXT, N_("Official languages") }

/* db_organisation.c's; an application's new partner (db_application_save.c) writes the first five. */
#define ORG_FIELDS(act) \
	{ act, "side", AUDIT_ICLD, AV_CODE, N_("Side") }, \
	{ act, "kind", AUDIT_ICLD, AV_CODE, N_("Kind of organisation") }, \
	{ act, "name", AUDIT_ICLD, AV_TEXT, N_("Name") }, \
	{ act, "country_code", AUDIT_ICLD, AV_TEXT, N_("Country") }, \
	{ act, "application_id", AUDIT_ICLD, AV_TEXT, N_("Application") }, \
	{ act, "name_local", AUDIT_ICLD, AV_TEXT, N_("Name in the local language") }, \
	{ act, "local_lang", AUDIT_ICLD, AV_TEXT, N_("Local language") }, \
	{ act, "org_number", AUDIT_ICLD, AV_TEXT, N_("Organisation number") }, \
	{ act, "country", AUDIT_ICLD, AV_TEXT, N_("Country") }, \
	{ act, "lat", AUDIT_ICLD, AV_TEXT, N_("Latitude") }, \
	{ act, "lng", AUDIT_ICLD, AV_TEXT, N_("Longitude") }, \
	{ act, "active", AUDIT_ICLD, AV_YESNO, N_("In use") }

#define THEME_FIELDS(act) \
	{ act, "code", AUDIT_ICLD, AV_TEXT, N_("Code") }, \
	{ act, "name_sv", AUDIT_ICLD, AV_TEXT, N_("Name in Swedish") }, \
	{ act, "name_en", AUDIT_ICLD, AV_TEXT, N_("Name in English") }, \
	{ act, "dac_code", AUDIT_ICLD, AV_TEXT, N_("DAC sector code") }, \
	{ act, "active", AUDIT_ICLD, AV_YESNO, N_("In use") }

#define REVIEWER_FIELDS(act) \
	{ act, "application_id", AUDIT_ICLD, AV_TEXT, N_("Application") }, \
	{ act, "reviewer_id", AUDIT_ICLD, AV_TEXT, N_("Reviewer, account") }, \
	{ act, "reviewer", AUDIT_ICLD, AV_TEXT, N_("Reviewer") }, \
	{ act, "version", AUDIT_ICLD, AV_TEXT, N_("Version") }

#define REVIEW_FIELDS(act) \
	{ act, "reviewer_id", AUDIT_ICLD, AV_TEXT, N_("Reviewer, account") }, \
	{ act, "score_relevance", AUDIT_ICLD, AV_TEXT, N_("Relevance to local democracy") }, \
	{ act, "comment_relevance", AUDIT_ICLD, AV_TEXT, \
	    N_("Comment on relevance to local democracy") }, \
	{ act, "score_feasibility", AUDIT_ICLD, AV_TEXT, N_("Feasibility") }, \
	{ act, "comment_feasibility", AUDIT_ICLD, AV_TEXT, N_("Comment on feasibility") }, \
	{ act, "score_ownership", AUDIT_ICLD, AV_TEXT, N_("Ownership by both partners") }, \
	{ act, "comment_ownership", AUDIT_ICLD, AV_TEXT, \
	    N_("Comment on ownership by both partners") }, \
	{ act, "score_gender", AUDIT_ICLD, AV_TEXT, N_("Gender and inclusion") }, \
	{ act, "comment_gender", AUDIT_ICLD, AV_TEXT, N_("Comment on gender and inclusion") }, \
	{ act, "score_budget", AUDIT_ICLD, AV_TEXT, N_("Budget realism") }, \
	{ act, "comment_budget", AUDIT_ICLD, AV_TEXT, N_("Comment on budget realism") }, \
	{ act, "recommendation", AUDIT_ICLD, AV_TEXT, N_("Recommendation") }, \
	{ act, "summary", AUDIT_ICLD, AV_TEXT, N_("Summary of the review") }, \
	{ act, "complete", AUDIT_ICLD, AV_YESNO, N_("Complete") }, \
	{ act, "version", AUDIT_ICLD, AV_TEXT, N_("Version") }

#define USER_FIELDS(act) \
	{ act, "email", AUDIT_ICLD, AV_TEXT, N_("Email address") }, \
	{ act, "name", AUDIT_ICLD, AV_TEXT, N_("Name") }, \
	{ act, "role", AUDIT_ICLD, AV_CODE, N_("Role") }, \
	{ act, "org_id", AUDIT_ICLD, AV_TEXT, N_("Organisation") }, \
	{ act, "lang", AUDIT_ICLD, AV_TEXT, N_("Language") }, \
	{ act, "active", AUDIT_ICLD, AV_YESNO, N_("Active") }

/* Every field every action writes: a field not here is ICLD's only and shows as its path. */
const struct audit_field audit_fields[] = {
	{ "application.create", "status", AUDIT_ICLD, AV_CODE, N_("Status") },
	{ "application.create", "round_id", AUDIT_ICLD, AV_TEXT, N_("Round") },
	{ "application.create", "project_type", AUDIT_ICLD, AV_CODE, N_("Type of project") },
	STATUS_FIELDS("application.submit", AUDIT_ICLD),
	STATUS_FIELDS("application.withdraw", AUDIT_ICLD),
	STATUS_FIELDS("application.delete", AUDIT_ICLD),
	{ "application.delete", "round_id", AUDIT_ICLD, AV_TEXT, N_("Round") },
	{ "application.delete", "project_type", AUDIT_ICLD, AV_CODE, N_("Type of project") },
	{ "application.delete", "title_sv", AUDIT_ICLD, AV_TEXT, N_("Title in Swedish") },
	{ "application.delete", "title_en", AUDIT_ICLD, AV_TEXT, N_("Title in English") },
	{ "application.delete", "files", AUDIT_ICLD, AV_TEXT, N_("Files attached") },
	STATUS_FIELDS("application.review", AUDIT_ICLD),

	STATUS_FIELDS("decision.approve", AUDIT_SIDA),
	{ "decision.approve", "project", AUDIT_SIDA, AV_TEXT, N_("Project") },
	DECISION_FIELDS("decision.approve", "decision."),
	STATUS_FIELDS("decision.reject", AUDIT_SIDA),
	{ "decision.reject", "project", AUDIT_SIDA, AV_TEXT, N_("Project") },
	DECISION_FIELDS("decision.reject", "decision."),
	DECISION_FIELDS("decision.update", ""),

	{ "project.create", "code", AUDIT_SIDA, AV_TEXT, N_("Project") },
	{ "project.create", "application_id", AUDIT_SIDA, AV_TEXT, N_("Application") },
	{ "project.create", "status", AUDIT_SIDA, AV_CODE, N_("Status") },
	{ "project.create", "planned_start", AUDIT_SIDA, AV_TEXT, N_("Planned start") },
	{ "project.create", "planned_end", AUDIT_SIDA, AV_TEXT, N_("Planned end") },
	{ "project.create", "follows_project_id", AUDIT_SIDA, AV_TEXT, N_("Decision, follows project") },
	{ "project.status", "status", AUDIT_SIDA, AV_CODE, N_("Status") },
	{ "project.cancel", "status", AUDIT_SIDA, AV_CODE, N_("Status") },
	/* The project page gives everyone who reads it the reason. */
	{ "project.cancel", "cancelled_reason", AUDIT_SIDA, AV_TEXT, N_("Why the project was cancelled") },
	/* The project page gives ICLD and Sida the reason. */
	{ "project.withhold", "withheld", AUDIT_SIDA, AV_YESNO, N_("Withheld from publication") },
	{ "project.withhold", "withheld_reason", AUDIT_SIDA, AV_TEXT, N_("Why the project is withheld") },
	{ "project.publish", "withheld", AUDIT_SIDA, AV_YESNO, N_("Withheld from publication") },
	{ "project.publish", "withheld_reason", AUDIT_SIDA, AV_TEXT, N_("Why the project is withheld") },
	{ "project.capital_spend", "capital_spend", AUDIT_SIDA, AV_TEXT,
	    N_("Capital spend (% of the budget)") },
	FUNDS_FIELDS("project.funds_record"),
	FUNDS_FIELDS("project.funds_remove"),

	{ "report.submit", "status", AUDIT_SIDA, AV_CODE, N_("Status") },
	{ "report.submit", "revision", AUDIT_SIDA, AV_TEXT, N_("Revision") },
	REPORT_DECISION_FIELDS("report.approve"),
	REPORT_DECISION_FIELDS("report.return"),
	FILE_FIELDS("report.attach"),
	FILE_FIELDS("report.detach"),
	{ "disbursement.record", "amount", AUDIT_SIDA, AV_AMOUNT, N_("Amount") },
	{ "disbursement.record", "report_id", AUDIT_SIDA, AV_TEXT, N_("Report") },
	{ "disbursement.record", "paid_on", AUDIT_SIDA, AV_TEXT, N_("Paid on") },
	{ "disbursement.record", "ceiling", AUDIT_SIDA, AV_AMOUNT, N_("Most that could be paid") },
	{ "disbursement.record", "note", AUDIT_ICLD, AV_TEXT, N_("Note") },

	ROUND_FIELDS("round.create"),
	ROUND_FIELDS("round.update"),
	COUNTRY_FIELDS("country.create"),
	COUNTRY_FIELDS("country.update"),
	ORG_FIELDS("organisation.create"),
	ORG_FIELDS("organisation.update"),
	THEME_FIELDS("thematic_area.create"),
	THEME_FIELDS("thematic_area.update"),
	REVIEWER_FIELDS("review.assign"),
	REVIEWER_FIELDS("review.unassign"),
	REVIEW_FIELDS("review.save"),
	REVIEW_FIELDS("review.complete"),
	USER_FIELDS("user.create"),
	USER_FIELDS("user.deactivate"),
	USER_FIELDS("user.reactivate"),
	{ "user.password_link", "expires_at", AUDIT_ICLD, AV_TIME, N_("Works until") },
	{ "user.account", "lang", AUDIT_ICLD, AV_TEXT, N_("Language of the service") },
	{ "user.account", "mail_kinds", AUDIT_ICLD, AV_TEXT, N_("E-mail chosen") },
	{ "user.login_failed", "email", AUDIT_ICLD, AV_TEXT, N_("Email address") },
	{ "user.login_throttled", "email", AUDIT_ICLD, AV_TEXT, N_("Email address") },
	{ "user.login_throttled", "failures", AUDIT_ICLD, AV_TEXT, N_("Wrong passwords in a row") },
	{ "user.login_throttled", "wait_seconds", AUDIT_ICLD, AV_TEXT, N_("Seconds to wait") },
	{ "user.login_throttled", "refused", AUDIT_ICLD, AV_TEXT, N_("Attempts refused while waiting") },
	{ "outbox.retry", "state", AUDIT_ICLD, AV_CODE, N_("State") },
	{ "outbox.retry", "attempts", AUDIT_ICLD, AV_TEXT, N_("Attempts") },
	{ "outbox.cancel", "state", AUDIT_ICLD, AV_CODE, N_("State") },
	{ "outbox.cancel", "attempts", AUDIT_ICLD, AV_TEXT, N_("Attempts") },
};

const size_t naudit_fields = sizeof(audit_fields) / sizeof(audit_fields[0]);

const struct audit_action *
auditshow_action(const char *code)
{
	size_t i;

	for (i = 0; i < naudit_actions; i++)
		if (strcmp(audit_actions[i].code, code) == 0)
			return &audit_actions[i];
	return NULL;
}

#define MAXCAPS	4

/* Whether path is pattern p, '#' matching digits and '*' a key; what they matched in cap[] (up to MAXCAPS). */
static int
path_match(const char *p, const char *s, const char *cap[MAXCAPS], size_t len[MAXCAPS], int *ncap)
{
	const char *start;

	*ncap = 0;
	while (*p != '\0') {
		if (*p != '#' && *p != '*') {
			if (*p++ != *s++)
				return 0;
			continue;
		}
		start = s;
		if (*p == '#')
			while (*s >= '0' && *s <= '9')
				s++;
		else
			while (*s != '\0' && *s != '.' && *s != '[' && *s != ']')
				s++;
		if (s == start || *ncap == MAXCAPS)
			return 0;
		cap[*ncap] = start;
		len[(*ncap)++] = (size_t)(s - start);
		p++;
	}
	return *s == '\0';
}

static const struct audit_field *
find_field(const char *action, const char *path, const char *cap[MAXCAPS],
    size_t len[MAXCAPS], int *ncap)
{
	size_t i;

	for (i = 0; i < naudit_fields; i++)
		if (strcmp(audit_fields[i].action, action) == 0 &&
		    path_match(audit_fields[i].path, path, cap, len, ncap))
			return &audit_fields[i];
	return NULL;
}

const struct audit_field *
auditshow_field(const char *action, const char *path)
{
	const char *cap[MAXCAPS];
	size_t len[MAXCAPS];
	int ncap;

	return find_field(action, path, cap, len, &ncap);
}

int
auditshow_may_read(enum role role, const char *action)
{
	const struct audit_action *a = auditshow_action(action);

	return ((a != NULL ? a->readers : AUDIT_ICLD) & (1u << role)) != 0;
}

int
auditshow_may_read_field(enum role role, const char *action, const char *path)
{
	const struct audit_field *f = auditshow_field(action, path);

	return auditshow_may_read(role, action) &&
	    ((f != NULL ? f->readers : AUDIT_ICLD) & (1u << role)) != 0;
}

const char *
auditshow_field_words(struct arena *a, enum lang l, const char *action, const char *path)
{
	const char *cap[MAXCAPS], *v[MAXCAPS], *s;
	size_t len[MAXCAPS];
	int ncap, i;
	const struct audit_field *f = find_field(action, path, cap, len, &ncap);

	if (f == NULL)
		return NULL;
	for (i = 0; i < ncap; i++) {
		s = arena_strndup(a, cap[i], len[i]);
		/* An array index counts years from 1; a key is a code with its words. */
		v[i] = *s >= '0' && *s <= '9' ? arena_printf(a, "%lld", atoll(s) + 1) :
		    label(l, s);
	}
	return rules_fill(a, i18n_tr(l, f->msgid), (const char *const[]){
	    "1", ncap > 0 ? v[0] : "", "2", ncap > 1 ? v[1] : "",
	    "3", ncap > 2 ? v[2] : "", "4", ncap > 3 ? v[3] : "", NULL });
}
