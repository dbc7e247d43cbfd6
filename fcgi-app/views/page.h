/* page.h - pieces of the pages' views: a list's pager, links, form fields and a budget for the shared partials; checks of what a path or a form names. */
#ifndef KPP_PAGE_H
#define KPP_PAGE_H

#include <stddef.h>

#include "domain/rules.h"

struct arena;
struct req;
struct vobj;

/* msgid in the language of request r: i18n_tr(r->lang, msgid), written in every page. */
const char	*tr(const struct req *r, const char *msgid);

/* The path of application id's page, with rest after it ("" or "/review"), in r's arena. */
const char	*page_app_path(struct req *r, long long id, const char *rest);

/*
 * An application's title (sv, en) in r's language, else the other one, else "Untitled
 * application <id>": a blank title (rules_blank()) is none.
 */
const char	*page_app_title(struct req *r, const char *sv, const char *en, long long id);

/* As page_app_title(), in language l into a: what an e-mail in l calls the application. */
const char	*page_app_title_in(struct arena *a, enum lang l, const char *sv, const char *en,
		    long long id);

/*
 * Whether h can stand for a host in a URL: a name or IPv4 address (letters, digits, dots and
 * hyphens), or an IPv6 address in brackets, then optionally ':' and a port; at most 255 bytes.
 */
int		 page_host_ok(const char *h);

/*
 * The absolute URL of path on this site, as the person's browser reached it (its Host header, and
 * https when the request came over TLS or the configuration says the site is behind TLS), for a
 * link someone passes on; path alone when the Host header is missing or no host. In the arena.
 */
const char	*page_url(struct req *r, const char *path);

/* A report's days left, or overdue, in words into o ("days", "overdue"): fmt_days(). */
void		 view_days(struct req *r, struct vobj *o, long long days);

/*
 * The version a form sent back (a whole number from 1 up, as the version columns hold), or 0 when
 * s is none: the handler then answers 400.
 */
unsigned	 page_version(const char *s);

/* The index of s in the NULL-terminated list of allowed values, or -1 (also for NULL s). */
int		 page_index(const char *const *list, const char *s);

/* Whether s is a token auth_token_new() made (64 lowercase hex digits): a form's one-time token. */
int		 page_token_ok(const char *s);

/*
 * The fields of a form, for the shared partials _app_field.html, _app_select.html and
 * _app_choices.html. Each appends a field to the list under key of parent (a template section
 * renders a list of one as it would the object), and sets every key its partial reads, so that
 * none shows a value of an outer scope. All strings must outlive the request.
 */

/*
 * A text field: id (also the name), label, hint and error (either may be NULL), value as shown
 * (NULL shows empty). Returns the field, for its other keys (type, width, autocomplete, lang,
 * maxlength, numeric, name).
 */
struct vobj	*page_input(struct req *r, struct vobj *parent, const char *key,
		    const char *id, const char *label, const char *hint,
		    const char *value, const char *error);

/* Makes field (page_input()) a textarea of rows lines taking at most maxlength characters. */
struct vobj	*page_textarea(struct vobj *field, int rows, int maxlength);

/*
 * A select, with none (the words of the empty first option, or NULL for no empty option); add its
 * options with page_option(), or put them in groups of page_group().
 */
struct vobj	*page_select(struct req *r, struct vobj *parent, const char *key,
		    const char *id, const char *label, const char *hint,
		    const char *none, const char *error);
void		 page_option(struct vobj *select, const char *value, const char *label,
		    int selected);
/* A group of options (an optgroup) of a select, labelled label; add its options with page_option(). */
struct vobj	*page_group(struct vobj *select, const char *label);

/*
 * A fieldset of radio buttons or checkboxes (kind "radio" or "checkbox"), all sent as name; add
 * them with page_choice(). The first choice's id should be id, which error summaries link to.
 */
struct vobj	*page_choices(struct req *r, struct vobj *parent, const char *key,
		    const char *kind, const char *id, const char *name,
		    const char *legend, const char *hint, const char *error);
void		 page_choice(struct vobj *choices, const char *id, const char *value,
		    const char *label, const char *hint, int checked);

#define PAGE_TEXT_MAX	10000		/* characters in a long text (a TEXT column holds more) */
#define PAGE_AMOUNT_MAX	100000000LL	/* kronor: far above any grant, well inside INT UNSIGNED */
#define PAGE_ERRORS_MAX	120		/* problems a form shows at the most */
#define PAGE_KEPT_MAX	64		/* values kept as typed */

/*
 * What a posted form found: its problems field by field (in the order found), and the values
 * typed that could not be read, which the fields show back. Zero it, then set a, and sec for the
 * problems' section.
 */
struct page_form {
	struct arena		*a;
	enum section		 sec;
	int			 quiet;		/* problems go unnoted: a part the person's choice leaves aside */
	struct rule_error	 err[PAGE_ERRORS_MAX];
	size_t			 nerr;
	struct {
		const char	*id, *value;
	}			 kept[PAGE_KEPT_MAX];
	size_t			 nkept;
};

/* Notes text (in the arena or static) as a problem of field id, unless f is quiet or full. */
void		 page_problem(struct page_form *f, const char *id, const char *text);

/* The problems of field id, joined into one message (in f's arena); NULL when it has none. */
const char	*page_problems(const struct page_form *f, const char *id);

/* Keeps typed (which must outlive the request) to show back in field id. */
void		 page_keep(struct page_form *f, const char *id, const char *typed);

/* What page_keep() kept for field id, or NULL. */
const char	*page_kept(const struct page_form *f, const char *id);

/* The message for text s when it has more than max characters, in r's language and arena; else NULL. */
const char	*page_too_long(struct req *r, const char *s, size_t max);

/*
 * Long text field id of r's form as typed, or NULL when it is blank (rules_blank()): a blank
 * answer is stored as none. Over PAGE_TEXT_MAX characters it is a problem of id in f, and the
 * text is still returned, to be shown back.
 */
const char	*page_read_text(struct req *r, struct page_form *f, const char *id);

/*
 * Reads amount field id of r's form into *out: -1 when it is blank. What is no amount of whole
 * kronor, or more than PAGE_AMOUNT_MAX, is a problem whose message names the field (what: "Travel,
 * year 1", as a table has many), is kept as typed, and leaves *out as it was.
 */
void		 page_read_amount(struct req *r, struct page_form *f, const char *id,
		    const char *what, long long *out);

/* A round's rule in words, in r's language and arena: "1 year", "1–3 years". */
const char	*page_years_words(struct req *r, int min, int max);

/* "up to 500 000 kr" (min 0 or less), "500 000 kr" (min as large), "300 000 kr – 500 000 kr". */
const char	*page_amount_words(struct req *r, long long min, long long max);

/*
 * The rule of round rd for a project of type (enum ptype) with its partner in country c: "For a
 * project with a partner in Kenya: 1–3 years, 300 000 kr – 500 000 kr per year."; NULL when the
 * round does not take the type, or c is NULL.
 */
const char	*page_budget_rule(struct req *r, const struct round *rd, int type,
		    const struct country *c);

/*
 * The words for amount field of project year y (0-based): "Travel, year 1" for a cost category,
 * else the year's amount named by total_msgid ("Amount applied for, year 1").
 */
const char	*page_budget_label(struct req *r, const char *category, int y,
		    const char *total_msgid);

/*
 * The budget part of a form (app_budget.html, decision.html), its problems and kept input from f:
 * the radio buttons "years" (c_years), the years rule u allows (NULL: 1 to MAX_YEARS) and years,
 * the one chosen, whatever it is; and the table of amounts (_budget_cell.html), amount[y][k] and
 * year_total[y] (-1 empty) in a column for every year u allows and any with an amount, with the
 * sums worked out: years_head, categories, sums, sum_total, and the row of the years' amounts as
 * row (cells named by total_msgid, page_budget_label()) with its sum as row_total.
 */
void		 page_budget(struct req *r, const struct page_form *f,
		    const struct round_rule *u, int years,
		    const long long (*amount)[CAT__MAX], const long long *year_total,
		    const char *row, const char *row_total, const char *total_msgid);

/* Checks of what a path or a form names, and who the caller may see. */
long long	 confined_org(const struct req *r);	/* the caller's organisation when confined to one; 0 for ICLD and Sida */
long long	 path_id(const char *s);		/* a path segment's positive id; 0 when it is none */
const char	*lang_ok(const char *s);		/* a code fit for lang="" (two or three lowercase letters), else NULL */
int		 project_code_ok(const char *s);	/* <year>-<four digits>: a project code */
char		*email_normalise(struct req *r, const char *s);	/* trimmed, lower case, in the arena: emails compare so */

#endif
