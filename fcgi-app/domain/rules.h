/* rules.h - the rules an application must meet to be submitted, with messages that say how to fix each problem. */
#ifndef KPP_RULES_H
#define KPP_RULES_H

#include <stddef.h>

#include "core/i18n.h"
#include "domain/application.h"

struct arena;

/*
 * Field ids. Every problem names the HTML id of the field to fix, so that
 * the error summary can link to it (href="#id") and the form can show the
 * message beside it; the forms must give their fields these ids. A field
 * that is one member of struct application has that member's name; a
 * thing that repeats has its kind, then its 1-based position(s) joined by
 * hyphens, then the part, if any. For a group of radio buttons or
 * checkboxes the id goes on the first control, where the link should put
 * the focus (as the GOV.UK error summary does).
 *
 *   Partners and country (SEC_PARTNERS)
 *	type			the project type (also the round being open for it)
 *	partner-1, partner-2	the partner organisation(s) abroad
 *	country			the partner country
 *   The project (SEC_PROJECT)
 *	title_sv, title_en	the titles
 *	title_local_lang	the language of the title and summary in the partner's language
 *	summary_en		the summary in English
 *	background		background and problem
 *	theme			the thematic area
 *	principles		the four principles (first checkbox)
 *	sdgs			the Sustainable Development Goals (first checkbox)
 *	target_groups		target groups
 *	citizen_dialogue	the yes/no question (first radio button)
 *	dialogue_text		how, when the answer is yes
 *	vulnerable_text		vulnerable groups
 *	gender_text		women's participation
 *   Results framework (SEC_RESULTS)
 *	overall_objective	the overall objective
 *	objective-O		objective O (also "add an objective": objective-1)
 *	result-O-R		expected result R of objective O
 *	indicator-O-R-I-name, indicator-O-R-I-baseline, indicator-O-R-I-target
 *				indicator I of that result ("add one": indicator-O-R-1-name)
 *   Team (SEC_TEAM)
 *	team-swedish		the Swedish side's members (the fieldset's first control)
 *	team-partner-1, team-partner-2	each partner's members
 *	member-M-org		which partner team member M (in application order) works for
 *   Budget (SEC_BUDGET)
 *	years			the number of project years
 *	amount-Y		the amount applied for in project year Y (1-3)
 *	amount-Y-C		its cost category C: travel, accommodation, meetings,
 *				consultants, translation or other (the codes in the database)
 *	other_costs		what "other" covers
 *   Contact (SEC_CONTACT)
 *	contact_name, contact_email, contact_phone
 */

struct rule_error {
	const char	*field;		/* the id of the field to fix (above) */
	enum section	 section;	/* the task-list section the field is in */
	const char	*text;		/* the message in the reader's language, in the arena */
};

/*
 * The rules, section by section in the order the form shows its fields.
 * A text counts as empty when it is NULL or holds only blanks. Rules
 * that depend on something not chosen yet (the project type, the country)
 * are left out until it is chosen: that one's own message comes first.
 *
 * Partners and country: a project type; one the round allows (rules[type]
 *   .allowed), and on submission the round open for it on the day:
 *   opens_on <= today <= closes_on, or any day for an inception when the
 *   round has inception_all_year. One partner for an inception or project
 *   and no second one; two for a three-party project. A country that is
 *   eligible, and every partner needed in it (partner_at[k].country, when
 *   known): the country's rules, statistics and IATI file follow it, so a
 *   partner elsewhere is named at the field "country".
 * The project: titles in Swedish and in English (the programme works in
 *   English with its partners); a language for the title and summary in
 *   the partner's language when either is given, and once the country is
 *   chosen one of its official languages other than English
 *   (partner_lang_ok(); so a language kept after the country changed is
 *   named too); a summary in English, because it is the
 *   IATI description Sida receives and what the partner reads (Swedish
 *   is welcome, not required); background; thematic area; at least one of
 *   the four principles; at least one SDG (sdg[1..17]; sdg[0] is unused);
 *   target groups; the citizen-dialogue question answered, and how when
 *   yes; vulnerable groups; women's participation.
 * Results framework: an overall objective and at least one objective;
 *   every objective described and with at least one expected result,
 *   every expected result described and with at least one indicator (an
 *   IATI 2.03 result must have one); every indicator with a name, a
 *   baseline and a target (the unit is optional).
 * Team: members without a name are not counted (a blank row is nobody).
 *   The sides are the Swedish side and each partner; with one partner
 *   every member of the partner side is that partner's, with two each
 *   must belong (org_id) to one of them, and a side is checked once its
 *   partner is chosen. Inception: on every side at
 *   least one politician from the majority, one from the opposition and
 *   two civil servants. Project and three-party: three to five civil
 *   servants on every side.
 * Budget: the number of years within the round's rule for the type; for
 *   each of those years (later years' amounts are ignored; while no number
 *   is chosen, each year with anything typed) an amount,
 *   between min_amount (at least 1 krona) and the ceiling of the
 *   country's region, both included; the cost categories adding up to it
 *   (an empty category is 0). Salaries and per diems have no category, so
 *   "other" needs a description when used, and the description must not
 *   name them. The words refused, case-insensitively and in any
 *   inflection listed: Swedish "lön" alone or ending a word (månadslön),
 *   anything containing "löne" (löner, lönekostnader), "arvod" (arvode,
 *   sammanträdesarvoden) or "traktament" (dagtraktamente); English words
 *   starting "salar" (salary, salaries), "allowance" or "honorari"
 *   (honorarium), the words "wage", "wages", "diem", "diems" (per diem,
 *   per-diem) and words starting "perdiem". "carpe diem" is refused too.
 *   The message quotes the term as written: "per diem" and "Per-diems"
 *   whole, not their last word alone.
 * Contact: a name, a valid e-mail address (valid_email()), a telephone.
 */

/*
 * Checks a whole application for submission to round r on the
 * programme's date today (YYYY-MM-DD), in language l. c is the chosen
 * country (NULL if none). Stores up to max problems in out (which may be
 * NULL when max is 0) in the order the form shows the fields, their
 * texts allocated from a. Returns how many problems there are in all,
 * which may exceed max: 0 means the application may be submitted.
 */
size_t		 rules_check(struct arena *a, enum lang l,
		    const struct application *app, const struct round *r,
		    const struct country *c, const char *today,
		    struct rule_error *out, size_t max);

/*
 * As rules_check() for section s alone, for a section being marked
 * complete. It takes no date: whether the round is open is a condition of
 * submitting, not of completing a section, and a draft may be completed
 * before the round opens. Returns 0 for a section out of range.
 */
size_t		 rules_check_section(struct arena *a, enum lang l,
		    enum section s, const struct application *app,
		    const struct round *r, const struct country *c,
		    struct rule_error *out, size_t max);

/*
 * The budget's amounts alone, judged as rules_check() judges them: the
 * number of years (app->years) against the round's rule for app->type,
 * and each of those years' amount (year_total) between the minimum and
 * the ceiling of country c's region, its cost categories adding up to it.
 * Not the description of other costs: this is for ICLD's decision, which
 * approves amounts, not the applicant's words, and its messages speak of
 * the amounts approved, not applied for. Problems as rules_check()
 * stores them (fields "years", "amount-Y"; section SEC_BUDGET); returns
 * how many there are.
 */
size_t		 rules_check_amounts(struct arena *a, enum lang l,
		    const struct application *app, const struct round *r,
		    const struct country *c, struct rule_error *out, size_t max);

/*
 * Returns a copy of the translated message s, allocated from a, with
 * every {name} replaced by the value of the pair of that name. pairs is
 * a NULL-terminated list name, value, name, value..., or NULL. It takes
 * the place of printf so that a translation is never a format: a brace
 * that opens no known name is copied as it is, and so is everything
 * else, whatever a translator wrote. NULL s gives "".
 */
const char	*rules_fill(struct arena *a, const char *s,
		    const char *const *pairs);

/*
 * Whether s is missing or holds only blanks: a space, a tab, a line break
 * (LF, CR, form feed, vertical tab) or U+00A0 NO-BREAK SPACE, which word
 * processors paste. A text that is blank is no answer: this is what blank
 * means everywhere in kpp, the rules, the forms and the pages alike.
 */
int		 rules_blank(const char *s);

/* Where checks put the problems they find: up to max in out, n counting them all. */
struct rule_list {
	struct arena		*a;	/* the messages' */
	enum lang		 l;	/* and their language */
	struct rule_error	*out;
	size_t			 max;
	size_t			 n;
};

/*
 * Notes a problem with field of section s: msgid translated and filled
 * with pairs (rules_fill()), stored while out has room (the message is
 * built only then), counted in n either way.
 */
void		 rules_fail(struct rule_list *x, enum section s, const char *field,
		    const char *msgid, const char *const *pairs);

#endif
