/* unit.c - runs one CUnit suite and prints a summary line run.sh can add up. */
#include <stdio.h>

#include <CUnit/Basic.h>

#include "unit.h"

int
unit_run(const char *suite, const struct unit_test *tests)
{
	CU_pSuite s;
	unsigned passed, failed, run;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if ((s = CU_add_suite(suite, NULL, NULL)) == NULL)
		goto fail;
	for (; tests->name != NULL; tests++)
		if (CU_add_test(s, tests->name, tests->fn) == NULL)
			goto fail;
	CU_basic_set_mode(CU_BRM_NORMAL);
	if (CU_basic_run_tests() != CUE_SUCCESS)
		goto fail;
	run = CU_get_number_of_tests_run();
	failed = CU_get_number_of_tests_failed();
	passed = run - failed;
	printf("UNIT %s: %u passed, %u failed\n", suite, passed, failed);
	CU_cleanup_registry();
	return failed == 0 ? 0 : 1;
fail:
	fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
	CU_cleanup_registry();
	return 2;
}
