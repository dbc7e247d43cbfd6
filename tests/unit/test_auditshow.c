/*
 * test_auditshow.c - unit tests for auditshow.c: who reads which audit field, the words of every
 * field, and that the table is complete: every action and every field the code writes to the audit
 * log (read from the sources under $srcdir/fcgi-app) has its row.
 */
#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "unit.h"
#include "views/auditshow.h"

static struct arena *A;

/* A failure with what failed, on stderr beside CUnit's report. */
static void
fail_msg(const char *m)
{
	fprintf(stderr, "\n  %s", m);
	CU_FAIL("see the message above");
}

/* ---- the table as the pages use it ------------------------------------------------------------------ */

static void
test_auditshow_sida_reads_no_internal_text(void)
{
	static const char *const icld[][2] = {
		{ "disbursement.record", "note" },
		{ "report.return", "comment" },
		{ "report.approve", "comment" },
		{ "report.attach", "filename" },
		{ "report.attach", "sha256" },
		{ "report.detach", "filename" },
		{ "report.detach", "sha256" },
		{ "project.funds_record", "note" },
		{ "project.funds_remove", "note" },
		{ "decision.approve", "decision.conditions" },
		{ "decision.update", "conditions" },
		/* Not in the table at all: ICLD's only, whatever the action. */
		{ "disbursement.record", "memo" },
		{ "report.submit", "narrative.activities" },
		{ "no.such_action", "status" },
	};
	size_t i;

	for (i = 0; i < sizeof(icld) / sizeof(icld[0]); i++) {
		CU_ASSERT_FALSE(auditshow_may_read_field(ROLE_SIDA, icld[i][0], icld[i][1]));
		CU_ASSERT_FALSE(auditshow_may_read_field(ROLE_APPLICANT, icld[i][0], icld[i][1]));
		CU_ASSERT_TRUE(auditshow_may_read_field(ROLE_ADMIN, icld[i][0], icld[i][1]));
	}
	/* Reviews and accounts are ICLD's own rows. */
	CU_ASSERT_FALSE(auditshow_may_read(ROLE_SIDA, "review.save"));
	CU_ASSERT_FALSE(auditshow_may_read(ROLE_SIDA, "application.review"));
	CU_ASSERT_FALSE(auditshow_may_read(ROLE_SIDA, "user.login_failed"));
	CU_ASSERT_FALSE(auditshow_may_read(ROLE_SIDA, "no.such_action"));
	CU_ASSERT_TRUE(auditshow_may_read(ROLE_ADMIN, "no.such_action"));
}

static void
test_auditshow_sida_reads_the_projects_course(void)
{
	static const char *const sida[][2] = {
		{ "disbursement.record", "amount" },
		{ "disbursement.record", "paid_on" },
		{ "report.return", "status" },
		{ "report.submit", "revision" },
		{ "decision.approve", "decision.years[2].lines.travel" },
		{ "decision.update", "years[0].amount" },
		{ "project.withhold", "withheld_reason" },
		{ "project.cancel", "cancelled_reason" },
		{ "project.funds_record", "amount" },
	};
	size_t i;

	for (i = 0; i < sizeof(sida) / sizeof(sida[0]); i++) {
		CU_ASSERT_TRUE(auditshow_may_read_field(ROLE_SIDA, sida[i][0], sida[i][1]));
		CU_ASSERT_FALSE(auditshow_may_read_field(ROLE_APPLICANT, sida[i][0], sida[i][1]));
	}
	/* A pattern matches a whole path, not a part of it. */
	CU_ASSERT_FALSE(auditshow_may_read_field(ROLE_SIDA, "decision.approve",
	    "decision.years[2].lines"));
	CU_ASSERT_FALSE(auditshow_may_read_field(ROLE_SIDA, "decision.approve",
	    "decision.years[x].amount"));
	CU_ASSERT_FALSE(auditshow_may_read_field(ROLE_SIDA, "disbursement.record", "amount.x"));
}

/* The English words of a field, "(none)" when it has no row. */
static const char *
words(const char *action, const char *path)
{
	const char *w = auditshow_field_words(A, LANG_EN, action, path);

	return w != NULL ? w : "(none)";
}

static void
test_auditshow_words(void)
{
	CU_ASSERT_STRING_EQUAL(words("decision.approve",
	    "decision.years[0].lines.travel"), "Decision, year 1, Travel");
	CU_ASSERT_STRING_EQUAL(words("decision.update",
	    "years[11].progress_due"), "Decision, year 12, progress report due");
	CU_ASSERT_STRING_EQUAL(words("round.update",
	    "rules.three_party.max_amount.latin_america"),
	    "Three-party project, largest amount, Latin America");
	CU_ASSERT_STRING_EQUAL(words("disbursement.record", "ceiling"),
	    "Most that could be paid");
	CU_ASSERT_STRING_EQUAL(words("report.attach", "sha256"),
	    "SHA-256 checksum");
	CU_ASSERT_STRING_EQUAL(words("report.attach", "sha512"), "(none)");
}

/* Every row has words, names an action of the table, and no two rows of an action match one path. */
static void
test_auditshow_rows_well_formed(void)
{
	size_t i, k;

	for (i = 0; i < naudit_actions; i++) {
		CU_ASSERT_PTR_NOT_NULL(audit_actions[i].msgid);
		for (k = i + 1; k < naudit_actions; k++)
			CU_ASSERT_STRING_NOT_EQUAL(audit_actions[i].code, audit_actions[k].code);
	}
	for (i = 0; i < naudit_fields; i++) {
		const struct audit_field *f = &audit_fields[i];

		if (auditshow_action(f->action) == NULL)
			fail_msg(arena_printf(A, "field %s of %s: no such action", f->path, f->action));
		CU_ASSERT_TRUE(f->msgid != NULL && *f->msgid != '\0');
		/* The first row matching a path wins: a later one for the same path could never apply. */
		for (k = 0; k < i; k++)
			if (strcmp(audit_fields[k].action, f->action) == 0 &&
			    strcmp(audit_fields[k].path, f->path) == 0)
				fail_msg(arena_printf(A, "field %s of %s twice", f->path, f->action));
		/* Sida never reads a field of an action whose rows it does not read. */
		if ((f->readers & (1u << ROLE_SIDA)) != 0)
			CU_ASSERT_TRUE(auditshow_may_read(ROLE_SIDA, f->action));
	}
}

/* ---- the table is complete: read from the code that writes the log ---------------------------------- */

struct fn {
	const char	*name;
	const char	*body;
	size_t		 len;
};

struct src {
	const char	*file;
	struct fn	 fn[400];
	size_t		 nfn;
};

static const char *
read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;
	char *s;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	s = arena_alloc(A, (size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return NULL;
	}
	s[n] = '\0';
	fclose(f);
	return s;
}

static int
ident(int c)
{
	return isalnum(c) || c == '_';
}

/* The functions of a source in the project's style: the name at the start of a line, the body "{" ... "}" at the start of lines. */
static void
split(struct src *s, const char *text)
{
	const char *p = text, *name, *open, *close;

	s->nfn = 0;
	while ((p = strchr(p, '\n')) != NULL) {
		p++;
		if (!(islower((unsigned char)*p) || *p == '_'))
			continue;
		for (name = p; ident((unsigned char)*p); p++)
			;
		if (*p != '(' || (open = strstr(p, "\n{\n")) == NULL ||
		    (close = strstr(open, "\n}\n")) == NULL)
			continue;
		/* A declaration ends with ';' before any body. */
		if (memchr(p, ';', (size_t)(open - p)) != NULL)
			continue;
		if (s->nfn < sizeof(s->fn) / sizeof(s->fn[0])) {
			s->fn[s->nfn].name = arena_strndup(A, name, (size_t)(p - name));
			s->fn[s->nfn].body = open;
			s->fn[s->nfn].len = (size_t)(close - open) + 2;
			s->nfn++;
		}
		p = close;
	}
}

static const struct fn *
fn_named(const struct src *s, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < s->nfn; i++)
		if (strlen(s->fn[i].name) == n && strncmp(s->fn[i].name, name, n) == 0)
			return &s->fn[i];
	return NULL;
}

/* What one audit call writes, as found: its actions and the JSON keys of its before and after. */
struct found {
	const char	*action[4];
	size_t		 naction;
	const char	*key[64];
	size_t		 nkey;
};

static const char *const entities[] = {
	"application.", "country.", "decision.", "disbursement.", "organisation.", "outbox.", "project.",
	"report.", "review.", "round.", "thematic_area.", "user.", NULL,
};

static int
is_action(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; entities[i] != NULL; i++) {
		k = strlen(entities[i]);
		if (n > k && strncmp(s, entities[i], k) == 0) {
			for (; k < n; k++)
				if (!(islower((unsigned char)s[k]) || s[k] == '_'))
					return 0;
			return 1;
		}
	}
	return 0;
}

/* The JSON keys in C text t (as string literals write them: \"key\":), and with actions, its action literals. */
static void
scan_text(struct found *f, const char *t, size_t n, int actions)
{
	const char *end = t + n, *p, *q;

	for (p = t; p < end; p++) {
		if (p + 2 < end && p[0] == '\\' && p[1] == '"') {
			for (q = p + 2; q < end && (ident((unsigned char)*q) || *q == '%'); q++)
				;
			if (q > p + 2 && q + 2 < end && q[0] == '\\' && q[1] == '"' && q[2] == ':' &&
			    f->nkey < sizeof(f->key) / sizeof(f->key[0]))
				f->key[f->nkey++] = arena_strndup(A, p + 2, (size_t)(q - p - 2));
			continue;
		}
		if (actions && *p == '"' && (p == t || p[-1] != '\\')) {
			for (q = p + 1; q < end && *q != '"' && *q != '\\'; q++)
				;
			if (q < end && *q == '"' && is_action(p + 1, (size_t)(q - p - 1)) &&
			    f->naction < sizeof(f->action) / sizeof(f->action[0]))
				f->action[f->naction++] = arena_strndup(A, p + 1, (size_t)(q - p - 1));
			p = q;
		}
	}
}

/* The end of the call whose '(' is at p: its ')', skipping strings. */
static const char *
call_end(const char *p, const char *end)
{
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p;
	}
	return end;
}

/* Adds the keys of the *_json functions of s that text calls. */
static void
scan_json_calls(struct found *f, const struct src *s, const char *t, const char *end)
{
	const struct fn *g;
	const char *p, *b;

	for (p = t; p < end; p++)
		if (*p == '_' && strncmp(p, "_json(", 6) == 0) {
			for (b = p; b > t && ident((unsigned char)b[-1]); b--)
				;
			if ((g = fn_named(s, b, (size_t)(p + 5 - b))) != NULL)
				scan_text(f, g->body, g->len, 0);
		}
}

/*
 * The keys of what identifier id (n bytes) holds or returns at call, in function fn of s: a *_json
 * function of the file (its body), or a variable the function fills (the last statement before
 * the call that assigns or prints into it, and the *_json functions that statement calls).
 */
static void
scan_ident(struct found *f, const struct src *s, const struct fn *fn, const char *call,
    const char *id, size_t n)
{
	const struct fn *g;
	const char *p, *stmt, *semi, *last = NULL, *last_end = NULL;

	if (n > 5 && strncmp(id + n - 5, "_json", 5) == 0 && (g = fn_named(s, id, n)) != NULL) {
		scan_text(f, g->body, g->len, 0);
		return;
	}
	for (stmt = fn->body; stmt < call; stmt = semi + 1) {
		if ((semi = memchr(stmt, ';', (size_t)(call - stmt))) == NULL)
			break;
		for (p = stmt; p + n < semi; p++)
			if (strncmp(p, id, n) == 0 && !ident((unsigned char)p[-1]) &&
			    !ident((unsigned char)p[n]) &&
			    ((p[n] == ' ' && p[n + 1] == '=' && p[n + 2] != '=') ||
			    (p >= stmt + 9 && strncmp(p - 9, "snprintf(", 9) == 0))) {
				last = stmt;
				last_end = semi;
				break;
			}
	}
	if (last != NULL) {
		scan_text(f, last, (size_t)(last_end - last), 0);
		scan_json_calls(f, s, last, last_end);
	}
}

/* A path segment of the table matches key (a literal key, "score_%s" or "%s" as the code prints it). */
static int
segment_matches(const char *seg, size_t n, const char *key)
{
	const char *pct = strstr(key, "%s");
	size_t pre, post;

	if (pct == NULL)
		return strlen(key) == n && strncmp(seg, key, n) == 0;
	if (strcmp(key, "%s") == 0)
		return n == 1 && *seg == '*';
	/* "score_%s": a segment with that prefix and suffix. */
	pre = (size_t)(pct - key);
	post = strlen(pct + 2);
	return n > pre + post && strncmp(seg, key, pre) == 0 &&
	    strncmp(seg + n - post, pct + 2, post) == 0;
}

/* Whether some field row of action has key as one of its path's segments. */
static int
has_key(const char *action, const char *key)
{
	const char *p, *seg;
	size_t i;

	for (i = 0; i < naudit_fields; i++) {
		if (strcmp(audit_fields[i].action, action) != 0)
			continue;
		for (p = audit_fields[i].path; *p != '\0';) {
			seg = p;
			while (*p != '\0' && *p != '.' && *p != '[')
				p++;
			if (segment_matches(seg, (size_t)(p - seg), key))
				return 1;
			while (*p == '[' || *p == '#' || *p == ']' || *p == '.')
				p++;
		}
	}
	return 0;
}

/* Each call in function fn that writes an audit row: every action has its row, every key its field row in one of them. */
static size_t
check_calls(const struct src *s, const struct fn *fn, size_t *calls)
{
	const char *end = fn->body + fn->len, *p, *close, *q, *b;
	struct found f;
	size_t i, k, bad = 0;
	int ok;

	for (p = fn->body; (p = strstr(p, "audit(")) != NULL && p < end; p = close) {
		close = p + 6;
		/* db_audit( or the demo's audit(: not db_auditlog_..., not view_audit_entry(. */
		if (ident((unsigned char)p[-1]) && !(p - fn->body >= 3 && strncmp(p - 3, "db_", 3) == 0 &&
		    !ident((unsigned char)p[-4])))
			continue;
		close = call_end(p + 5, end);
		memset(&f, 0, sizeof(f));
		scan_text(&f, p + 5, (size_t)(close - p - 5), 1);
		for (q = p + 6; q < close; q++) {
			if (*q == '"') {
				for (q++; q < close && *q != '"'; q++)
					if (*q == '\\')
						q++;
				continue;
			}
			if (!ident((unsigned char)*q) || ident((unsigned char)q[-1]) || isdigit((unsigned char)*q))
				continue;
			for (b = q; q < close && ident((unsigned char)*q); q++)
				;
			scan_ident(&f, s, fn, p, b, (size_t)(q - b));
			q--;
		}
		(*calls)++;
		if (f.naction == 0) {
			fail_msg(arena_printf(A, "%s: %s(): an audit call without an action literal",
			    s->file, fn->name));
			bad++;
		}
		for (i = 0; i < f.naction; i++)
			if (auditshow_action(f.action[i]) == NULL) {
				fail_msg(arena_printf(A, "%s: %s(): action %s has no row in audit_actions[]",
				    s->file, fn->name, f.action[i]));
				bad++;
			}
		for (k = 0; k < f.nkey; k++) {
			for (i = 0, ok = 0; i < f.naction; i++)
				ok |= has_key(f.action[i], f.key[k]);
			if (!ok) {
				fail_msg(arena_printf(A, "%s: %s(): field \"%s\" of %s has no row in "
				    "audit_fields[]", s->file, fn->name, f.key[k],
				    f.naction > 0 ? f.action[0] : "?"));
				bad++;
			}
		}
	}
	return bad;
}

static void
test_auditshow_table_complete(void)
{
	const char *srcdir = getenv("srcdir"), *text;
	static struct src s;
	size_t calls = 0, bad = 0, i, k;
	glob_t g;

	/* Every C file of every layer (fcgi-app/<layer>/), but the table itself. */
	CU_ASSERT_EQUAL_FATAL(glob(arena_printf(A, "%s/fcgi-app/*/*.c",
	    srcdir != NULL ? srcdir : "."), 0, NULL, &g), 0);
	for (k = 0; k < g.gl_pathc; k++) {
		if (strstr(g.gl_pathv[k], "/auditshow.c") != NULL)
			continue;
		text = read_file(g.gl_pathv[k]);
		CU_ASSERT_PTR_NOT_NULL(text);
		if (text == NULL)
			continue;
		s.file = strrchr(g.gl_pathv[k], '/') + 1;
		split(&s, text);
		for (i = 0; i < s.nfn; i++)
			bad += check_calls(&s, &s.fn[i], &calls);
	}
	globfree(&g);
	/* The reader found the writes it is there to check (some 45 calls). */
	CU_ASSERT_TRUE(calls >= 40);
	CU_ASSERT_EQUAL(bad, 0);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_auditshow_sida_reads_no_internal_text", test_auditshow_sida_reads_no_internal_text },
		{ "test_auditshow_sida_reads_the_projects_course", test_auditshow_sida_reads_the_projects_course },
		{ "test_auditshow_words", test_auditshow_words },
		{ "test_auditshow_rows_well_formed", test_auditshow_rows_well_formed },
		{ "test_auditshow_table_complete", test_auditshow_table_complete },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(1 << 16)) == NULL)
		return 2;
	rc = unit_run("auditshow", tests);
	arena_free(A);
	return rc;
}
