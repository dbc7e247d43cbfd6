/* test_smtp.c - unit tests for mail/smtp.c's rules: what an answer means, and the wait before the next try. */
#include "mail/smtp.h"
#include "unit.h"

static enum smtp_verdict
verdict(long code)
{
	struct smtp_answer ans = { code, "" };

	return smtp_verdict(&ans);
}

static void
test_smtp_verdict(void)
{
	CU_ASSERT_EQUAL(verdict(250), SMTP_SENT);
	CU_ASSERT_EQUAL(verdict(251), SMTP_SENT);
	CU_ASSERT_EQUAL(verdict(421), SMTP_LATER);
	CU_ASSERT_EQUAL(verdict(451), SMTP_LATER);
	CU_ASSERT_EQUAL(verdict(0), SMTP_LATER);	/* no connection */
	CU_ASSERT_EQUAL(verdict(550), SMTP_REFUSED);
	CU_ASSERT_EQUAL(verdict(554), SMTP_REFUSED);
}

static void
test_smtp_backoff_doubles_to_the_cap(void)
{
	CU_ASSERT_EQUAL(smtp_backoff(1, 60, 172800), 60);
	CU_ASSERT_EQUAL(smtp_backoff(2, 60, 172800), 120);
	CU_ASSERT_EQUAL(smtp_backoff(3, 60, 172800), 240);
	CU_ASSERT_EQUAL(smtp_backoff(11, 60, 172800), 61440);
	CU_ASSERT_EQUAL(smtp_backoff(12, 60, 172800), 122880);
	CU_ASSERT_EQUAL(smtp_backoff(13, 60, 172800), 172800);
	CU_ASSERT_EQUAL(smtp_backoff(4000000000u, 60, 172800), 172800);
	CU_ASSERT_EQUAL(smtp_backoff(40, 3000000000u, 4000000000u), 4000000000u);
	CU_ASSERT_EQUAL(smtp_backoff(1, 100, 10), 10);
}

static void
test_smtp_tls_words(void)
{
	CU_ASSERT_EQUAL(smtp_tls_parse("required"), SMTP_TLS_REQUIRED);
	CU_ASSERT_EQUAL(smtp_tls_parse("optional"), SMTP_TLS_OPTIONAL);
	CU_ASSERT_EQUAL(smtp_tls_parse("off"), SMTP_TLS_OFF);
	CU_ASSERT_EQUAL(smtp_tls_parse("yes"), -1);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_smtp_verdict", test_smtp_verdict },
		{ "test_smtp_backoff_doubles_to_the_cap", test_smtp_backoff_doubles_to_the_cap },
		{ "test_smtp_tls_words", test_smtp_tls_words },
		{ NULL, NULL }
	};

	return unit_run("smtp", tests);
}
