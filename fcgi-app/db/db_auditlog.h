/* db_auditlog.h - reading the audit log: a filtered page of it for admins, and the rows a project page shows. */
#ifndef KPP_DB_AUDITLOG_H
#define KPP_DB_AUDITLOG_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;
struct dbpart;

/* One row of audit_log with who wrote it and where its record lives. */
struct audit_entry {
	long long	 id;
	const char	*at;		/* UTC, "YYYY-MM-DD HH:MM:SS.ffffff" */
	long long	 user_id;	/* 0: the system */
	const char	*user_name, *user_email;
	const char	*action;	/* entity.verb: application.submit */
	const char	*entity;	/* application, project, report, ... */
	long long	 entity_id;	/* 0: none */
	const char	*before, *after;	/* JSON, or NULL */
	const char	*project_code;	/* of a project, or of a report's or payment's project; else NULL */
	long long	 application_id;	/* of a decision or review; else 0 */
};

/* What the log is narrowed to; zero/NULL members narrow nothing. */
struct audit_filter {
	long long	 user_id;
	int		 system;	/* only rows no user wrote */
	const char	*entity;
	long long	 entity_id;
	const char	*action;
	const char	*from_utc;	/* at >= from_utc, "YYYY-MM-DD HH:MM:SS" */
	const char	*to_utc;	/* at < to_utc */
};

struct audit_user {
	long long	 id;
	const char	*name, *email;
};

/* A page of the log and what the filters offer. */
struct audit_page {
	struct audit_user	*users;		/* every account, by name */
	size_t			 nusers;
	const char		**actions;	/* every action the log holds, sorted */
	size_t			 nactions;
	long long		 total;		/* rows that pass the filter */
	struct audit_entry	*rows;		/* up to limit of them from offset, newest first */
	size_t			 nrows;
};

/*
 * The rows passing f, newest first, limit of them from offset, with their
 * total and the filters' choices, in one statement read fresh (the log is
 * not under the data version). Strings live in a. KERR_DB on
 * failure.
 */
enum kerr	db_auditlog_page(struct arena *a, const char *reqid, const struct audit_filter *f,
		    long long offset, long long limit, struct audit_page *out);

/* Fills e from the row of a many-part statement whose part's values are AUDIT_COLUMNS (for db_project.c too). */
void		db_auditlog_entry(const struct dbpart *p, struct audit_entry *e);

/*
 * The 12 columns db_auditlog_entry() reads, for an audit_log l joined
 * with users u and the joins of AUDIT_JOINS. The
 * e-mail (utf8mb4_unicode_ci) and the JSON (utf8mb4_bin) come in the
 * page's collation, so that a UNION may put them in one column with names.
 */
#define AUDIT_COLUMNS \
	"l.id, DATE_FORMAT(l.at, '%Y-%m-%d %H:%i:%s.%f'), l.user_id, u.name, " \
	"u.email COLLATE utf8mb4_swedish_ci, l.action, l.entity, l.entity_id, " \
	"CONVERT(l.before_json USING utf8mb4) COLLATE utf8mb4_swedish_ci, " \
	"CONVERT(l.after_json USING utf8mb4) COLLATE utf8mb4_swedish_ci, " \
	"COALESCE(ap.code, rpp.code, dsp.code), COALESCE(dc.application_id, rv.application_id)"

/* Who wrote the row and where its record lives: one row each, by primary key. */
#define AUDIT_JOINS \
	"LEFT JOIN users u ON u.id = l.user_id " \
	"LEFT JOIN projects ap ON l.entity = 'project' AND ap.id = l.entity_id " \
	"LEFT JOIN reports arp ON l.entity = 'report' AND arp.id = l.entity_id " \
	"LEFT JOIN projects rpp ON rpp.id = arp.project_id " \
	"LEFT JOIN disbursements ads ON l.entity = 'disbursement' AND ads.id = l.entity_id " \
	"LEFT JOIN projects dsp ON dsp.id = ads.project_id " \
	"LEFT JOIN decisions dc ON l.entity = 'decision' AND dc.id = l.entity_id " \
	"LEFT JOIN reviews rv ON l.entity = 'review' AND rv.id = l.entity_id "

#endif
