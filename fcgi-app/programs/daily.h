/* daily.h - kpp-mailer's daily pass: reminders of reports due, a round's news, the officers' digests. */
#ifndef KPP_DAILY_H
#define KPP_DAILY_H

#include <stddef.h>

#include "core/kerr.h"
#include "views/mailtext.h"

struct arena;
struct conf;

/* The pass's set-up, and when the mailer's loop last saw the day's pass done. */
struct daily {
	const struct conf	*c;
	struct mailtext		 mail;		/* the e-mails' texts, from [app] templates */
	const char		*by;		/* the mailer (host:pid), recorded with the pass */
	int			 at;		/* [mail] daily_at in minutes after midnight in Sweden; -1: none */
	char			 done[16];	/* the programme's day whose pass is known to have run; "" none */
	long long		 retry_at;	/* after a failed pass, not again before this moment */
};

/*
 * Loads the texts ([app] templates) for c; by names the mailer. Returns
 * KERR_OK, or the loader's error with the reason in err.
 */
enum kerr	daily_init(struct daily *d, const struct conf *c, const char *by, char *err, size_t errlen);

void		daily_free(struct daily *d);

/*
 * Runs the pass for the programme's day at the moment t (seconds since
 * 1970): db_schedule_pass() with the texts of each reminder, round news
 * and digest in both languages, its links under [app] public_url. Logs a
 * line with what it queued and how long it took, or why it failed.
 */
enum kerr	daily_run(struct daily *d, struct arena *a, long long t);

/*
 * For the mailer's loop at the moment t: runs the pass when it is due,
 * that is when [mail] daily_at is set and past on the programme's day in
 * Sweden, and that day has no pass recorded (a mailer started later in the
 * day runs it at once). A failed pass is tried again a minute later.
 */
void		daily_tick(struct daily *d, struct arena *a, long long t);

#endif
