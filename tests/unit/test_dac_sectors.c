/* test_dac_sectors.c - the compiled-in DAC sector codes: lookups, order, and sameness with IATI's Sector codelist. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "iati/dac_sectors.h"
#include "unit.h"

/* Where the codelist is: $KPP_IATI_DIR, else the checkout's own copy of IATI's files (iati/). */
static char codelist[PATH_MAX];

static int
find_codelist(void)
{
	const char *src = getenv("srcdir") != NULL ? getenv("srcdir") : ".";
	const char *env = getenv("KPP_IATI_DIR");
	FILE *f;

	if (env != NULL)
		snprintf(codelist, sizeof(codelist), "%s/codelists/Sector.xml", env);
	else
		snprintf(codelist, sizeof(codelist), "%s/iati/codelists/Sector.xml", src);
	if ((f = fopen(codelist, "r")) == NULL)
		return 0;
	fclose(f);
	return 1;
}

static void
test_dac_find(void)
{
	const struct dac_sector *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s = dac_sector_find("15112"));
	CU_ASSERT_STRING_EQUAL(s->name, "Decentralisation and support to subnational government");
	CU_ASSERT(s->active);
	/* The thematic areas of 0001_reference.sql, and the first and last codes. */
	CU_ASSERT_PTR_NOT_NULL(dac_sector_find("15150"));
	CU_ASSERT_PTR_NOT_NULL(dac_sector_find("41010"));
	CU_ASSERT_PTR_NOT_NULL(dac_sector_find("16010"));
	CU_ASSERT_PTR_NOT_NULL(dac_sector_find("43030"));
	CU_ASSERT_PTR_NOT_NULL(dac_sector_find(dac_sectors[0].code));
	CU_ASSERT_PTR_NOT_NULL(dac_sector_find(dac_sectors[dac_sectors_count - 1].code));
	/* Five digits that are no code, and what is not five digits. */
	CU_ASSERT_PTR_NULL(dac_sector_find("15199"));
	CU_ASSERT_PTR_NULL(dac_sector_find("00000"));
	CU_ASSERT_PTR_NULL(dac_sector_find("99999"));
	CU_ASSERT_PTR_NULL(dac_sector_find("1511"));
	CU_ASSERT_PTR_NULL(dac_sector_find("151120"));
	CU_ASSERT_PTR_NULL(dac_sector_find(" 15112"));
	CU_ASSERT_PTR_NULL(dac_sector_find(""));
	CU_ASSERT_PTR_NULL(dac_sector_find(NULL));
}

static void
test_dac_withdrawn_marked(void)
{
	size_t i, withdrawn = 0;

	for (i = 0; i < dac_sectors_count; i++)
		withdrawn += !dac_sectors[i].active;
	/* The codelist has withdrawn codes, and far more active ones. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(dac_sector_find("15120"));
	CU_ASSERT_FALSE(dac_sector_find("15120")->active);
	CU_ASSERT(withdrawn > 0);
	CU_ASSERT(withdrawn < dac_sectors_count / 4);
}

static void
test_dac_sorted_five_digits(void)
{
	size_t i;

	CU_ASSERT(dac_sectors_count > 200);
	for (i = 0; i < dac_sectors_count; i++) {
		CU_ASSERT_EQUAL(strlen(dac_sectors[i].code), 5);
		CU_ASSERT_EQUAL(strspn(dac_sectors[i].code, "0123456789"), 5);
		CU_ASSERT(dac_sectors[i].name[0] != '\0');
		if (i > 0)
			CU_ASSERT(strcmp(dac_sectors[i - 1].code, dac_sectors[i].code) < 0);
	}
}

static xmlNode *
child(xmlNode *n, const char *name)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* The English narrative of a <name>: the one without xml:lang. */
static char *
english(xmlNode *name)
{
	xmlNode *n;
	xmlChar *lang;

	for (n = name != NULL ? name->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "narrative") != 0)
			continue;
		lang = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
		if (lang == NULL)
			return (char *)xmlNodeGetContent(n);
		xmlFree(lang);
	}
	return NULL;
}

/* Every item of the codelist is in the table with its name and status, in the same order, and nothing else. */
static void
test_dac_matches_codelist(void)
{
	xmlDoc *doc;
	xmlNode *items, *it;
	xmlChar *status;
	char *code, *name;
	size_t i = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc = xmlReadFile(codelist, NULL, XML_PARSE_NONET));
	items = child(xmlDocGetRootElement(doc), "codelist-items");
	CU_ASSERT_PTR_NOT_NULL_FATAL(items);
	for (it = items->children; it != NULL; it = it->next) {
		if (it->type != XML_ELEMENT_NODE)
			continue;
		code = (char *)xmlNodeGetContent(child(it, "code"));
		name = english(child(it, "name"));
		status = xmlGetProp(it, (const xmlChar *)"status");
		CU_ASSERT_FATAL(i < dac_sectors_count);
		CU_ASSERT_STRING_EQUAL(dac_sectors[i].code, code);
		CU_ASSERT_PTR_NOT_NULL_FATAL(name);
		CU_ASSERT_STRING_EQUAL(dac_sectors[i].name, name);
		CU_ASSERT_EQUAL(dac_sectors[i].active,
		    status == NULL || strcmp((const char *)status, "active") == 0);
		xmlFree(code);
		xmlFree(name);
		xmlFree(status);
		i++;
	}
	CU_ASSERT_EQUAL(i, dac_sectors_count);
	xmlFreeDoc(doc);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_dac_find", test_dac_find },
		{ "test_dac_withdrawn_marked", test_dac_withdrawn_marked },
		{ "test_dac_sorted_five_digits", test_dac_sorted_five_digits },
		{ "test_dac_matches_codelist", test_dac_matches_codelist },
		{ NULL, NULL }
	};
	int rc;

	if (!find_codelist()) {
		fprintf(stderr, "%s: cannot read IATI's Sector codelist (iati/ is part of the checkout)\n", codelist);
		return 1;
	}
	rc = unit_run("dac_sectors", tests);
	xmlCleanupParser();
	return rc;
}
