/* test_page.c - unit tests for page.c's form parts: a posted form's problems and kept input, long texts, amounts, a budget. */
#include <string.h>

#include "core/arena.h"
#include "http/form.h"
#include "http/req.h"
#include "unit.h"
#include "views/page.h"
#include "views/view.h"

#define SEK	"SEK\xc2\xa0"	/* English amounts: SEK, a no-break space, the number */

static struct arena *A;

/* A request in English whose form sent the urlencoded body. */
static void
req_with(struct req *r, const char *body)
{
	memset(r, 0, sizeof(*r));
	r->a = A;
	r->lang = LANG_EN;
	r->view = vobj_new(A);
	CU_ASSERT_EQUAL_FATAL(form_parse_urlencoded(A, body, strlen(body), 100,
	    &r->form), KERR_OK);
}

static void
form_init(struct page_form *f)
{
	memset(f, 0, sizeof(*f));
	f->a = A;
	f->sec = SEC_BUDGET;
}

static const struct vval *
get(const struct vobj *o, const char *key)
{
	return vobj_get(o, key, vkey_hash(key));
}

static void
test_page_problems_joined_by_field(void)
{
	static struct page_form f;

	form_init(&f);
	page_problem(&f, "a", "First");
	page_problem(&f, "b", "Other");
	page_problem(&f, "a", "Second");
	CU_ASSERT_EQUAL(f.nerr, 3);
	CU_ASSERT_EQUAL(f.err[0].section, SEC_BUDGET);
	CU_ASSERT_STRING_EQUAL(page_problems(&f, "a"), "First. Second");
	CU_ASSERT_STRING_EQUAL(page_problems(&f, "b"), "Other");
	CU_ASSERT_PTR_NULL(page_problems(&f, "c"));
	/* A part of the form the person's choice leaves aside has no problems. */
	f.quiet = 1;
	page_problem(&f, "c", "Unseen");
	CU_ASSERT_EQUAL(f.nerr, 3);
	CU_ASSERT_PTR_NULL(page_problems(&f, "c"));
}

static void
test_page_problems_stop_when_full(void)
{
	static struct page_form f;
	int i;

	form_init(&f);
	for (i = 0; i < PAGE_ERRORS_MAX + 5; i++)
		page_problem(&f, "x", "Again");
	CU_ASSERT_EQUAL(f.nerr, PAGE_ERRORS_MAX);
	for (i = 0; i < PAGE_KEPT_MAX + 5; i++)
		page_keep(&f, "y", "typed");
	CU_ASSERT_EQUAL(f.nkept, PAGE_KEPT_MAX);
}

static void
test_page_kept_first_for_field(void)
{
	static struct page_form f;

	form_init(&f);
	CU_ASSERT_PTR_NULL(page_kept(&f, "amount-1"));
	page_keep(&f, "amount-1", "12 kr x");
	page_keep(&f, "amount-2", "");
	CU_ASSERT_STRING_EQUAL(page_kept(&f, "amount-1"), "12 kr x");
	CU_ASSERT_STRING_EQUAL(page_kept(&f, "amount-2"), "");
}

static void
test_page_too_long_counts_characters(void)
{
	struct req r;

	req_with(&r, "");
	CU_ASSERT_PTR_NULL(page_too_long(&r, NULL, 3));
	CU_ASSERT_PTR_NULL(page_too_long(&r, "åäö", 3));
	CU_ASSERT_STRING_EQUAL(page_too_long(&r, "åäöx", 3),
	    "Enter at most 3 characters; you have entered 4");
	CU_ASSERT_STRING_EQUAL(page_too_long(&r, "abcdef", 0),
	    "Enter at most 0 characters; you have entered 6");
}

static void
test_page_read_text(void)
{
	static struct page_form f;
	static char body[PAGE_TEXT_MAX + 8];
	struct req r;

	/* A blank text, no-break spaces and form feeds too, is none; else it is kept as typed. */
	req_with(&r, "a=++x+&b=%C2%A0+%0C%0B%0D%0A&c=");
	form_init(&f);
	CU_ASSERT_STRING_EQUAL(page_read_text(&r, &f, "a"), "  x ");
	CU_ASSERT_PTR_NULL(page_read_text(&r, &f, "b"));
	CU_ASSERT_PTR_NULL(page_read_text(&r, &f, "c"));
	CU_ASSERT_PTR_NULL(page_read_text(&r, &f, "missing"));
	CU_ASSERT_EQUAL(f.nerr, 0);
	/* Too long is a problem of the field, and the text comes back to be shown. */
	memset(body, 'y', sizeof(body));
	memcpy(body, "t=", 2);
	body[2 + PAGE_TEXT_MAX] = '\0';
	req_with(&r, body);
	CU_ASSERT_STRING_EQUAL(page_read_text(&r, &f, "t"), body + 2);
	CU_ASSERT_EQUAL(f.nerr, 0);
	body[2 + PAGE_TEXT_MAX] = 'y';
	body[2 + PAGE_TEXT_MAX + 1] = '\0';
	req_with(&r, body);
	CU_ASSERT_STRING_EQUAL(page_read_text(&r, &f, "t"), body + 2);
	CU_ASSERT_EQUAL(f.nerr, 1);
	CU_ASSERT_STRING_EQUAL(page_problems(&f, "t"),
	    "Enter at most 10,000 characters; you have entered 10,001");
}

static void
test_page_app_title_and_path(void)
{
	struct req r;

	req_with(&r, "");
	CU_ASSERT_STRING_EQUAL(page_app_path(&r, 142, "/review"), "/applications/142/review");
	CU_ASSERT_STRING_EQUAL(page_app_title(&r, "Vatten", "Water", 7), "Water");
	CU_ASSERT_STRING_EQUAL(page_app_title(&r, "Vatten", NULL, 7), "Vatten");
	/* A blank title in the reader's language, no-break spaces too, gives way to the other. */
	CU_ASSERT_STRING_EQUAL(page_app_title(&r, "Vatten", "\xc2\xa0 ", 7), "Vatten");
	CU_ASSERT_STRING_EQUAL(page_app_title(&r, " ", NULL, 7), "Untitled application 7");
	CU_ASSERT_STRING_EQUAL(page_app_title(&r, NULL, NULL, 8), "Untitled application 8");
	r.lang = LANG_SV;
	CU_ASSERT_STRING_EQUAL(page_app_title(&r, "Vatten", "Water", 7), "Vatten");
	CU_ASSERT_STRING_EQUAL(page_app_title(&r, "\t", "Water", 7), "Water");
}

static void
test_page_read_amount(void)
{
	static struct page_form f;
	struct req r;
	long long v;

	req_with(&r, "a=450+000+kr&b=&c=abc&d=100000001&e=%C2%A0");
	form_init(&f);
	v = 7;
	page_read_amount(&r, &f, "a", "Travel, year 1", &v);
	CU_ASSERT_EQUAL(v, 450000);
	page_read_amount(&r, &f, "b", "Travel, year 1", &v);
	CU_ASSERT_EQUAL(v, -1);
	v = 7;
	page_read_amount(&r, &f, "e", "Travel, year 1", &v);
	CU_ASSERT_EQUAL(v, -1);
	v = 7;
	page_read_amount(&r, &f, "missing", "Travel, year 1", &v);
	CU_ASSERT_EQUAL(v, -1);
	CU_ASSERT_EQUAL(f.nerr, 0);
	/* What is no amount keeps the value it had, and is shown back as typed with its message. */
	v = 7;
	page_read_amount(&r, &f, "c", "Travel, year 1", &v);
	CU_ASSERT_EQUAL(v, 7);
	CU_ASSERT_STRING_EQUAL(page_problems(&f, "c"),
	    "Travel, year 1: Enter the amount in whole kronor, such as 450 000");
	CU_ASSERT_STRING_EQUAL(page_kept(&f, "c"), "abc");
	page_read_amount(&r, &f, "d", "Amount applied for, year 2", &v);
	CU_ASSERT_EQUAL(v, 7);
	CU_ASSERT_STRING_EQUAL(page_problems(&f, "d"),
	    "Amount applied for, year 2: Enter an amount of at most 100 000 000 kronor");
	CU_ASSERT_STRING_EQUAL(page_kept(&f, "d"), "100000001");
}

static void
test_page_rule_words(void)
{
	struct req r;

	req_with(&r, "");
	CU_ASSERT_STRING_EQUAL(page_years_words(&r, 1, 1), "1 year");
	CU_ASSERT_STRING_EQUAL(page_years_words(&r, 2, 2), "2 years");
	CU_ASSERT_STRING_EQUAL(page_years_words(&r, 1, 3), "1–3 years");
	CU_ASSERT_STRING_EQUAL(page_amount_words(&r, 0, 275000), "up to " SEK "275,000");
	CU_ASSERT_STRING_EQUAL(page_amount_words(&r, 500000, 500000), SEK "500,000");
	CU_ASSERT_STRING_EQUAL(page_amount_words(&r, 300000, 500000),
	    SEK "300,000 – " SEK "500,000");
	CU_ASSERT_STRING_EQUAL(page_budget_label(&r, "travel", 0, "Amount approved"),
	    "Travel, year 1");
	CU_ASSERT_STRING_EQUAL(page_budget_label(&r, NULL, 2, "Amount approved"),
	    "Amount approved, year 3");
}

static void
test_page_budget_rule(void)
{
	static const struct country kenya = { "KE", "Kenya", "Kenya", REGION_AFRICA, 1, NULL };
	struct round rd;
	struct req r;

	req_with(&r, "");
	memset(&rd, 0, sizeof(rd));
	rd.rules[PT_PROJECT].allowed = 1;
	rd.rules[PT_PROJECT].min_years = 1;
	rd.rules[PT_PROJECT].max_years = 3;
	rd.rules[PT_PROJECT].min_amount = 300000;
	rd.rules[PT_PROJECT].max_amount[REGION_AFRICA] = 500000;
	CU_ASSERT_STRING_EQUAL(page_budget_rule(&r, &rd, PT_PROJECT, &kenya),
	    "For a Project with a partner in Kenya: 1–3 years, " SEK "300,000 – " SEK
	    "500,000 per year.");
	CU_ASSERT_PTR_NULL(page_budget_rule(&r, &rd, PT_PROJECT, NULL));
	CU_ASSERT_PTR_NULL(page_budget_rule(&r, &rd, PT_INCEPTION, &kenya));
	CU_ASSERT_PTR_NULL(page_budget_rule(&r, &rd, -1, &kenya));
}

/* The number of items in list key of o. */
static size_t
count(const struct vobj *o, const char *key)
{
	const struct vval *v = get(o, key);

	return v != NULL && v->type == VT_LIST ? v->u.l.n : 0;
}

static void
test_page_budget_columns(void)
{
	static struct page_form f;
	static const struct round_rule two = { 1, 1, 2, 0, { 100, 100, 100, 100 } };
	long long amount[MAX_YEARS][CAT__MAX], total[MAX_YEARS];
	const struct vval *v;
	struct req r;
	int y, k;

	for (y = 0; y < MAX_YEARS; y++) {
		total[y] = -1;
		for (k = 0; k < CAT__MAX; k++)
			amount[y][k] = -1;
	}
	/* As many columns as the round allows... */
	req_with(&r, "");
	form_init(&f);
	page_budget(&r, &f, &two, 0, (const long long (*)[CAT__MAX])amount, total,
	    "applied", "applied_total", "Amount applied for");
	CU_ASSERT_EQUAL(count(r.view, "years_head"), 2);
	CU_ASSERT_EQUAL(count(r.view, "applied"), 2);
	CU_ASSERT_EQUAL(count(r.view, "c_years"), 1);
	CU_ASSERT_STRING_EQUAL(get(r.view, "sum_total")->u.s, "–");
	/* ... or the years chosen, or as far as an amount goes, with the sums worked out. */
	req_with(&r, "");
	page_budget(&r, &f, &two, 3, (const long long (*)[CAT__MAX])amount, total,
	    "applied", "applied_total", "Amount applied for");
	CU_ASSERT_EQUAL(count(r.view, "years_head"), 3);
	amount[MAX_YEARS - 1][CAT_OTHER] = 5;
	amount[0][CAT_OTHER] = 10;
	total[0] = 15;
	req_with(&r, "");
	page_budget(&r, &f, &two, 1, (const long long (*)[CAT__MAX])amount, total,
	    "approved", "approved_total", "Amount approved");
	CU_ASSERT_EQUAL(count(r.view, "years_head"), MAX_YEARS);
	CU_ASSERT_EQUAL(count(r.view, "approved"), MAX_YEARS);
	CU_ASSERT_EQUAL(count(r.view, "categories"), CAT__MAX);
	CU_ASSERT_STRING_EQUAL(get(r.view, "sum_total")->u.s, SEK "15");
	CU_ASSERT_STRING_EQUAL(get(r.view, "approved_total")->u.s, SEK "15");
	/* A cell shows what was typed when it was no amount, with its problem. */
	page_keep(&f, "amount-1", "x");
	page_problem(&f, "amount-1", "Amount approved, year 1: no");
	req_with(&r, "");
	page_budget(&r, &f, &two, 1, (const long long (*)[CAT__MAX])amount, total,
	    "approved", "approved_total", "Amount approved");
	v = get(r.view, "approved");
	CU_ASSERT_STRING_EQUAL(get(v->u.l.head, "value")->u.s, "x");
	CU_ASSERT_STRING_EQUAL(get(v->u.l.head, "error")->u.s, "Amount approved, year 1: no");
	CU_ASSERT_STRING_EQUAL(get(v->u.l.head, "cell_label")->u.s, "Amount approved, year 1");
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_page_problems_joined_by_field", test_page_problems_joined_by_field },
		{ "test_page_problems_stop_when_full", test_page_problems_stop_when_full },
		{ "test_page_kept_first_for_field", test_page_kept_first_for_field },
		{ "test_page_too_long_counts_characters", test_page_too_long_counts_characters },
		{ "test_page_read_text", test_page_read_text },
		{ "test_page_app_title_and_path", test_page_app_title_and_path },
		{ "test_page_read_amount", test_page_read_amount },
		{ "test_page_rule_words", test_page_rule_words },
		{ "test_page_budget_rule", test_page_budget_rule },
		{ "test_page_budget_columns", test_page_budget_columns },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(1 << 20)) == NULL)
		return 2;
	rc = unit_run("page", tests);
	arena_free(A);
	return rc;
}
