/* test_orgadmin.c - unit tests for the pure parts of the administration pages: password rules, the link's URL, the routes' roles, the labels. */
#include <string.h>

#include "core/arena.h"
#include "domain/labels.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/req.h"
#include "http/route.h"
#include "pages/h_organisation.h"
#include "pages/h_thematic.h"
#include "pages/h_user.h"
#include "unit.h"
#include "views/page.h"

static struct arena *A;

static void
test_password_check(void)
{
	CU_ASSERT_EQUAL(auth_password_check(NULL, NULL), AUTH_PW_EMPTY);
	CU_ASSERT_EQUAL(auth_password_check("", ""), AUTH_PW_EMPTY);
	CU_ASSERT_EQUAL(auth_password_check("elva tecken", "elva tecken"), AUTH_PW_SHORT);
	CU_ASSERT_EQUAL(auth_password_check("tolv tecken!", "tolv tecken!"), AUTH_PW_OK);
	/* Characters, not bytes: eleven letters with three of two bytes each are still too few. */
	CU_ASSERT_EQUAL(auth_password_check("åäö åäö åäö", NULL), AUTH_PW_SHORT);
	CU_ASSERT_EQUAL(auth_password_check("åäö åäö åäöx", NULL), AUTH_PW_OK);
	CU_ASSERT_EQUAL(auth_password_check("tolv tecken!", "tolv tecken?"), AUTH_PW_MISMATCH);
	CU_ASSERT_EQUAL(auth_password_check("tolv tecken!", ""), AUTH_PW_MISMATCH);
	/* A short password is told as short, not as a mismatch: the first thing to fix. */
	CU_ASSERT_EQUAL(auth_password_check("kort", "annat"), AUTH_PW_SHORT);
	{
		char pw[AUTH_PASSWORD_MAX + 2];

		memset(pw, 'x', sizeof(pw) - 1);
		pw[sizeof(pw) - 1] = '\0';
		CU_ASSERT_EQUAL(auth_password_check(pw, pw), AUTH_PW_LONG);
		pw[AUTH_PASSWORD_MAX] = '\0';
		CU_ASSERT_EQUAL(auth_password_check(pw, pw), AUTH_PW_OK);
	}
}

static void
test_page_host_ok(void)
{
	CU_ASSERT(page_host_ok("kpp.icld.se"));
	CU_ASSERT(page_host_ok("127.0.0.1:8080"));
	CU_ASSERT(page_host_ok("localhost"));
	CU_ASSERT(page_host_ok("[::1]:8080"));
	CU_ASSERT(page_host_ok("[2001:db8::1]"));
	CU_ASSERT_FALSE(page_host_ok(NULL));
	CU_ASSERT_FALSE(page_host_ok(""));
	CU_ASSERT_FALSE(page_host_ok("evil.example/path"));
	CU_ASSERT_FALSE(page_host_ok("a b"));
	CU_ASSERT_FALSE(page_host_ok("host\"><script>"));
	CU_ASSERT_FALSE(page_host_ok("user@host"));
	CU_ASSERT_FALSE(page_host_ok("host:"));
	CU_ASSERT_FALSE(page_host_ok("host:80a"));
	CU_ASSERT_FALSE(page_host_ok("host:123456"));
	CU_ASSERT_FALSE(page_host_ok("[::1"));
	CU_ASSERT_FALSE(page_host_ok("-host"));
}

static void
test_page_url(void)
{
	struct req r;

	memset(&r, 0, sizeof(r));
	r.a = A;
	r.host = "kpp.icld.se";
	app.conf.secure_cookies = 0;
	CU_ASSERT_STRING_EQUAL(page_url(&r, "/password/ab"), "http://kpp.icld.se/password/ab");
	r.https = 1;
	CU_ASSERT_STRING_EQUAL(page_url(&r, "/password/ab"), "https://kpp.icld.se/password/ab");
	/* Behind a proxy that ends TLS, the configuration knows. */
	r.https = 0;
	app.conf.secure_cookies = 1;
	CU_ASSERT_STRING_EQUAL(page_url(&r, "/x"), "https://kpp.icld.se/x");
	r.host = "evil.example/phish?";
	CU_ASSERT_STRING_EQUAL(page_url(&r, "/x"), "/x");
	r.host = "";
	CU_ASSERT_STRING_EQUAL(page_url(&r, "/x"), "/x");
	app.conf.secure_cookies = 0;
}

static void
test_page_token_ok(void)
{
	char t[AUTH_TOKEN_HEX];

	auth_token_new(t);
	CU_ASSERT(page_token_ok(t));
	CU_ASSERT_FALSE(page_token_ok(NULL));
	CU_ASSERT_FALSE(page_token_ok(""));
	t[10] = 'A';
	CU_ASSERT_FALSE(page_token_ok(t));
	t[10] = 'a';
	t[63] = '\0';
	CU_ASSERT_FALSE(page_token_ok(t));
}

static void
test_page_index(void)
{
	static const char *const list[] = { "swedish", "partner", NULL };

	CU_ASSERT_EQUAL(page_index(list, "swedish"), 0);
	CU_ASSERT_EQUAL(page_index(list, "partner"), 1);
	CU_ASSERT_EQUAL(page_index(list, "Partner"), -1);
	CU_ASSERT_EQUAL(page_index(list, "partner "), -1);
	CU_ASSERT_EQUAL(page_index(list, ""), -1);
	CU_ASSERT_EQUAL(page_index(list, NULL), -1);
}

/* The route for method and path, or NULL. */
static const struct route *
find(enum method m, const char *path)
{
	const char *args[REQ_MAXARGS], *allow;
	enum kerr e;

	return route_find(m, path, args, A, &e, &allow);
}

static void
test_routes_admin_only(void)
{
	static const struct {
		enum method	 m;
		const char	*path;
		int		(*handler)(struct req *);
	} admin[] = {
		{ METHOD_GET, "/organisations", h_org_list },
		{ METHOD_POST, "/organisations", h_org_create },
		{ METHOD_GET, "/organisations/new", h_org_new },
		{ METHOD_GET, "/organisations/12/edit", h_org_edit },
		{ METHOD_POST, "/organisations/12", h_org_update },
		{ METHOD_GET, "/users", h_user_list },
		{ METHOD_POST, "/users", h_user_create },
		{ METHOD_GET, "/users/new", h_user_new },
		{ METHOD_POST, "/users/3/deactivate", h_user_deactivate },
		{ METHOD_POST, "/users/3/reactivate", h_user_reactivate },
		{ METHOD_POST, "/users/3/reset-link", h_user_reset_link },
		{ METHOD_GET, "/thematic-areas", h_theme_list },
		{ METHOD_POST, "/thematic-areas", h_theme_create },
		{ METHOD_GET, "/thematic-areas/4/edit", h_theme_edit },
		{ METHOD_POST, "/thematic-areas/4", h_theme_update },
	};
	const struct route *rt;
	size_t i;

	for (i = 0; i < sizeof(admin) / sizeof(admin[0]); i++) {
		rt = find(admin[i].m, admin[i].path);
		CU_ASSERT_PTR_NOT_NULL_FATAL(rt);
		CU_ASSERT(rt->handler == admin[i].handler);
		/* Applicants and Sida get 404 for every page and POST here (loop.c). */
		CU_ASSERT_EQUAL(rt->may, MAY_ADMIN);
	}
	/* Whoever holds a link may use it, signed in or not. */
	rt = find(METHOD_GET, "/password/0123456789abcdef");
	CU_ASSERT_PTR_NOT_NULL_FATAL(rt);
	CU_ASSERT(rt->handler == h_password_form);
	CU_ASSERT(rt->may & MAY_ANYONE);
	rt = find(METHOD_POST, "/password/0123456789abcdef");
	CU_ASSERT_PTR_NOT_NULL_FATAL(rt);
	CU_ASSERT(rt->handler == h_password_set);
	/* A GET of an action answers 405, not a handler. */
	CU_ASSERT_PTR_NULL(find(METHOD_GET, "/users/3/deactivate"));
	CU_ASSERT_PTR_NULL(find(METHOD_GET, "/organisations/12"));
}

static void
test_labels_kinds_and_languages(void)
{
	size_t i;

	/* Every kind the organisations table allows has a label of its own. */
	for (i = 0; swedish_kinds[i] != NULL; i++)
		CU_ASSERT(strcmp(label(LANG_EN, swedish_kinds[i]), swedish_kinds[i]) != 0);
	for (i = 0; partner_kinds[i] != NULL; i++)
		CU_ASSERT(strcmp(label(LANG_EN, partner_kinds[i]), partner_kinds[i]) != 0);
	CU_ASSERT_STRING_EQUAL(label(LANG_EN, "kommun"), "Municipality (kommun)");
	CU_ASSERT_EQUAL(local_lang_index("sw"), 0);
	CU_ASSERT(local_lang_index("en") > 0);
	CU_ASSERT_STRING_EQUAL(local_langs[local_lang_index("sq")].code, "sq");
	CU_ASSERT_EQUAL(local_lang_index("xx"), -1);
	CU_ASSERT_EQUAL(local_lang_index(""), -1);
	CU_ASSERT_EQUAL(local_lang_index(NULL), -1);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_password_check", test_password_check },
		{ "test_page_host_ok", test_page_host_ok },
		{ "test_page_url", test_page_url },
		{ "test_page_token_ok", test_page_token_ok },
		{ "test_page_index", test_page_index },
		{ "test_routes_admin_only", test_routes_admin_only },
		{ "test_labels_kinds_and_languages", test_labels_kinds_and_languages },
		{ NULL, NULL }
	};
	int rc;

	if (auth_init() != 0)
		return 2;
	A = arena_new(65536);
	rc = unit_run("orgadmin", tests);
	arena_free(A);
	return rc;
}
