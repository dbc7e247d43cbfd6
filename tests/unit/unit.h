/* unit.h - the shared runner for kpp's CUnit test programs (one program per module). */
#ifndef KPP_UNIT_H
#define KPP_UNIT_H

#include <CUnit/CUnit.h>

struct unit_test {
	const char	*name;
	void		(*fn)(void);
};

/*
 * Runs the NULL-terminated tests as one CUnit suite, prints each failure
 * and a final line "UNIT <suite>: P passed, F failed" that ./run.sh check
 * adds up. Returns the exit status for main(): 0 only when all passed.
 */
int	unit_run(const char *suite, const struct unit_test *tests);

#endif
