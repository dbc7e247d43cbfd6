/* app.h - what a worker builds once at start-up and keeps: configuration and compiled templates. */
#ifndef KPP_APP_H
#define KPP_APP_H

#include <stddef.h>

#include "core/conf.h"
#include "core/kerr.h"
#include "views/mailtext.h"

/* The page templates handlers render; names in app.c. */
enum tpl {
	TPL_ERROR = 0,
	TPL_LOGIN,
	TPL_HOME_APPLICANT,
	TPL_HOME_PROGRAMME,
	TPL_ACCESSIBILITY,
	TPL_APPLICATION,
	TPL_APPLICATION_WITHDRAW,
	TPL_APPLICATION_DELETE,
	TPL_PROJECT,
	TPL_ROUNDS,
	TPL_ROUND_FORM,
	TPL_COUNTRIES,
	TPL_COUNTRY_LANGUAGES,
	TPL_APP_NEW,
	TPL_APP_TASKS,
	TPL_APP_PARTNERS,
	TPL_APP_PROJECT,
	TPL_APP_RESULTS,
	TPL_APP_TEAM,
	TPL_APP_BUDGET,
	TPL_APP_CONTACT,
	TPL_APP_CHECK,
	TPL_APP_SUBMITTED,
	TPL_APP_CLOSED,
	TPL_REVIEW_FORM,
	TPL_STATISTICS,
	TPL_ORGANISATIONS,
	TPL_ORGANISATION_FORM,
	TPL_USERS,
	TPL_USER_FORM,
	TPL_USER_LINK,
	TPL_PASSWORD,
	TPL_PASSWORD_GONE,
	TPL_PASSWORD_FORGOT,
	TPL_ACCOUNT,
	TPL_THEMES,
	TPL_THEME_FORM,
	TPL_INBOX,
	TPL_PROJECTS,
	TPL_DECISION,
	TPL_DECISION_LETTER,
	TPL_AUDIT,
	TPL_REPORT,
	TPL_REPORTS,
	TPL_PROJECT_CANCEL,
	TPL_EXPORT,
	TPL_PUBLIC_LIST,
	TPL_PUBLIC_PROJECT,
	TPL_KEPT,
	TPL_OUTBOX,
	TPL_OUTBOX_MESSAGE,
	TPL__MAX
};

struct tplset;

struct app {
	struct conf	 conf;
	struct tplset	*tpl;
	int		 tpl_index[TPL__MAX];
	struct mailtext	 mail;		/* the e-mails' texts, queued in the transaction of their cause */
};

extern struct app app;

/*
 * Loads the configuration from path and everything built from it: the
 * catalogues, the templates (every page template must exist), libsodium.
 * Returns KERR_OK or KERR_INVALID with the reason in err.
 */
enum kerr	app_init(const char *conf_path, char *err, size_t errlen);

/* The programme's today as YYYY-MM-DD: the configured date, or the date in Sweden (Europe/Stockholm). */
const char	*app_today(void);

#define APP_STAMP_LEN	27	/* "YYYY-MM-DD HH:MM:SS.uuuuuu" and its NUL */

/*
 * The programme's clock, for every date kpp stamps on its business
 * (submitted, withdrawn, reviewed, decided, uploaded, an application's
 * last change, the audit log, a sign-in's date): UTC, as the tables keep it, to the microsecond, on
 * app_today() at the real clock's time of day in Sweden. With [app] today
 * set (the demo tells 30 September 2016) every such date is that day, so
 * that statistics, the IATI file and the pages tell one story; without it,
 * the real clock. What measures real elapsed time (sessions, sign-in
 * throttling, password links, the public files' age) keeps the real
 * clock: it must never stretch or shrink with the programme's date.
 * Writes into out and returns it.
 */
const char	*app_stamp(char out[APP_STAMP_LEN]);

#endif
