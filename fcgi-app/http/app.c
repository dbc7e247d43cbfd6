/* app.c - start-up of a worker or a command: config, catalogues, templates, crypto. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/calendar.h"
#include "core/i18n.h"
#include "db/db.h"
#include "domain/labels.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/req.h"
#include "mail/mime.h"
#include "views/mailtext.h"
#include "views/tpl.h"

struct app app;

static const char *const tpl_names[TPL__MAX] = {
	[TPL_ERROR] = "error",
	[TPL_LOGIN] = "login",
	[TPL_HOME_APPLICANT] = "home_applicant",
	[TPL_HOME_PROGRAMME] = "home_programme",
	[TPL_ACCESSIBILITY] = "accessibility",
	[TPL_APPLICATION] = "application",
	[TPL_APPLICATION_WITHDRAW] = "application_withdraw",
	[TPL_APPLICATION_DELETE] = "application_delete",
	[TPL_PROJECT] = "project",
	[TPL_ROUNDS] = "rounds",
	[TPL_ROUND_FORM] = "round_form",
	[TPL_COUNTRIES] = "countries",
	[TPL_COUNTRY_LANGUAGES] = "country_languages",
	[TPL_APP_NEW] = "app_new",
	[TPL_APP_TASKS] = "app_tasks",
	[TPL_APP_PARTNERS] = "app_partners",
	[TPL_APP_PROJECT] = "app_project",
	[TPL_APP_RESULTS] = "app_results",
	[TPL_APP_TEAM] = "app_team",
	[TPL_APP_BUDGET] = "app_budget",
	[TPL_APP_CONTACT] = "app_contact",
	[TPL_APP_CHECK] = "app_check",
	[TPL_APP_SUBMITTED] = "app_submitted",
	[TPL_APP_CLOSED] = "app_closed",
	[TPL_REVIEW_FORM] = "review_form",
	[TPL_STATISTICS] = "statistics",
	[TPL_ORGANISATIONS] = "organisations",
	[TPL_ORGANISATION_FORM] = "organisation_form",
	[TPL_USERS] = "users",
	[TPL_USER_FORM] = "user_form",
	[TPL_USER_LINK] = "user_link",
	[TPL_PASSWORD] = "password",
	[TPL_PASSWORD_GONE] = "password_gone",
	[TPL_PASSWORD_FORGOT] = "password_forgot",
	[TPL_ACCOUNT] = "account",
	[TPL_THEMES] = "thematic_areas",
	[TPL_THEME_FORM] = "thematic_area_form",
	[TPL_INBOX] = "inbox",
	[TPL_PROJECTS] = "projects",
	[TPL_DECISION] = "decision",
	[TPL_DECISION_LETTER] = "decision_letter",
	[TPL_AUDIT] = "audit",
	[TPL_REPORT] = "report",
	[TPL_REPORTS] = "reports",
	[TPL_PROJECT_CANCEL] = "project_cancel",
	[TPL_EXPORT] = "export",
	[TPL_PUBLIC_LIST] = "public_list",
	[TPL_PUBLIC_PROJECT] = "public_project",
	[TPL_KEPT] = "kept",
	[TPL_OUTBOX] = "outbox",
	[TPL_OUTBOX_MESSAGE] = "outbox_message",
};

static const char *
translate(unsigned lang, const char *msgid, void *arg)
{
	return i18n_tr((enum lang)lang, msgid);
}

enum kerr
app_init(const char *conf_path, char *err, size_t errlen)
{
	enum kerr e;
	size_t i;

	if ((e = conf_load(&app.conf, conf_path, err, errlen)) != KERR_OK)
		return e;
	if (auth_init() != 0) {
		snprintf(err, errlen, "libsodium cannot start");
		return KERR_INVALID;
	}
	if (i18n_init(app.conf.locale_dir) != 0) {
		snprintf(err, errlen, "the C.UTF-8 locale is missing");
		return KERR_INVALID;
	}
	labels_init();
	/* The officers' page of a message builds it as kpp-mailer does (h_outbox.c). */
	mime_init();
	if ((e = tplset_load(app.conf.templates_dir, LANG__MAX, translate, NULL,
	    view_layout_names, &app.tpl, err, errlen)) != KERR_OK)
		return e;
	for (i = 0; i < TPL__MAX; i++) {
		if ((app.tpl_index[i] = tplset_find(app.tpl, tpl_names[i])) < 0) {
			snprintf(err, errlen, "%s/%s.html: missing",
			    app.conf.templates_dir, tpl_names[i]);
			return KERR_INVALID;
		}
	}
	if ((e = mailtext_load(&app.mail, app.conf.templates_dir, err, errlen)) != KERR_OK)
		return e;
	db_init(&app.conf);
	return KERR_OK;
}

const char *
app_today(void)
{
	static char real[16];
	struct ymd d;

	if (app.conf.today[0] != '\0')
		return app.conf.today;
	/* Reports fall due on Swedish days: from midnight in Stockholm, not in UTC. */
	d = calendar_swedish_date((long long)time(NULL));
	snprintf(real, sizeof(real), "%04d-%02d-%02d", d.y, d.m, d.d);
	return real;
}

const char *
app_stamp(char out[APP_STAMP_LEN])
{
	struct timespec ts;
	char buf[64];
	long long t, z;
	struct ymd d;

	clock_gettime(CLOCK_REALTIME, &ts);
	/* [app] today at Sweden's time of day (conf.c has checked its form). */
	t = calendar_programme_moment(app.conf.today, (long long)ts.tv_sec);
	z = calendar_day_of(t);
	d = calendar_date(z);
	t -= z * 86400;
	/* Written whole, then cut to the form: a year past 9999 is no date kpp stamps. */
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d.%06ld", d.y, d.m, d.d,
	    (int)(t / 3600), (int)(t / 60 % 60), (int)(t % 60), (long)(ts.tv_nsec / 1000));
	memcpy(out, buf, APP_STAMP_LEN - 1);
	out[APP_STAMP_LEN - 1] = '\0';
	return out;
}
