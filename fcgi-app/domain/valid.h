/* valid.h - checks for the values people type into kpp's forms: organisation numbers, amounts, dates, e-mail. */
#ifndef KPP_VALID_H
#define KPP_VALID_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;

/* The largest amount valid_amount() accepts, in kronor: far above any grant, far below overflow. */
#define VALID_AMOUNT_MAX	1000000000000LL

/*
 * Every function here takes a NUL-terminated string and treats NULL as
 * invalid input, so form_get()'s answer for a missing field can be passed
 * straight in. None keeps a pointer to its input, and the outputs are
 * written only on success.
 */

/*
 * Returns 1 if the n bytes at digits are all ASCII digits (n >= 2) and the
 * last is the Luhn (mod 10) check digit of the others, else 0.
 */
int		 luhn_valid(const char *digits, size_t n);

/*
 * Returns 1 if s is a Swedish organisation number written "NNNNNN-NNNN" or
 * "NNNNNNNNNN": ten digits whose third is at least 2 (the rule that keeps
 * organisation numbers apart from personal identity numbers, whose third
 * and fourth digits are a month) and whose last is the Luhn check digit
 * of the other nine. Else 0. Surrounding spaces are not accepted.
 */
int		 valid_orgnr(const char *s);

/*
 * Returns the organisation number in s in the canonical "NNNNNN-NNNN"
 * form, allocated from a, or NULL if s is not one. Unlike valid_orgnr()
 * it ignores ASCII spaces and tabs around the number, as pasted text has.
 */
char		*valid_orgnr_normalise(struct arena *a, const char *s);

/*
 * Parses an amount of whole kronor as people type it and stores it in
 * *kronor. Accepted, with optional blanks around it:
 *  - digits, plain ("450000") or in groups of three separated by one
 *    space, no-break space (U+00A0) or narrow no-break space (U+202F)
 *    ("450 000"), or by commas ("450,000", as English speakers write and
 *    fmt_amount() shows in English); one kind of separator per amount;
 *  - then optionally a decimal part of zero öre: ",0", ",00", ".0" or
 *    ".00", using the character the groups do not use;
 *  - a currency before ("SEK 450,000") or after ("450 000 kr", "450000kr",
 *    "450 000 SEK", "450 000 kronor", "450 000:-"), in any case, with or
 *    without a blank; not both.
 * "450,000" is thus 450 000 kronor: a comma followed by exactly three
 * digits is read as a thousands separator, because a Swedish decimal comma
 * is followed by at most two (öre) and amounts here are whole kronor.
 * Returns KERR_OK, or KERR_INVALID for anything else: empty, negative, a
 * non-zero öre part, badly grouped digits ("45 0000"), letters, or more
 * than VALID_AMOUNT_MAX.
 */
enum kerr	 valid_amount(const char *s, long long *kronor);

/*
 * Parses a date written strictly as ISO 8601 "YYYY-MM-DD" (what
 * <input type="date"> sends) that exists in the Gregorian calendar, with a
 * year from 1990 to 2100. Returns KERR_OK and stores the parts, or
 * KERR_INVALID.
 */
enum kerr	 valid_date(const char *s, int *y, int *m, int *d);

/*
 * Returns 1 if s looks like a deliverable e-mail address, else 0. The
 * check is pragmatic, not RFC 5322: at most 254 bytes; exactly one '@';
 * a local part of 1 to 64 bytes without leading, trailing or doubled dots;
 * a domain of at least two non-empty dot-separated labels of letters,
 * digits and hyphens; no blanks, control characters or the characters
 * ()<>[]\,;:" anywhere (they mean a pasted "Name <address>" or a list).
 * Bytes above 0x7f are allowed in both parts for internationalised
 * addresses; the form decoder has already checked they are UTF-8.
 */
int		 valid_email(const char *s);

/*
 * Parses s as a strict decimal integer: an optional '-', then one or more
 * ASCII digits, nothing else (no '+', blanks, hex or octal; leading zeros
 * are plain decimal). Returns KERR_OK and stores it in *out if it lies in
 * [min, max], else KERR_INVALID (also on overflow).
 */
enum kerr	 valid_int_range(const char *s, long long min, long long max,
		    long long *out);

/*
 * A number as people write one ("12", "12,5", "-3.25", "1 500": a decimal
 * comma or point, at most two decimals, twelve digits before them, digits
 * grouped by single spaces) as a DECIMAL(14,2) literal ("1500", "12.5",
 * "-3.25") in a, or NULL when s is none (also for NULL): an indicator's
 * baseline, target or actual value.
 */
const char	*valid_decimal(struct arena *a, const char *s);

/*
 * valid_decimal() with at most places decimals instead of two: coordinates
 * in degrees take six ("-0,091700" is "-0.091700").
 */
const char	*valid_decimal_places(struct arena *a, const char *s, size_t places);

#endif
