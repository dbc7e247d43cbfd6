/* sniff.c - an upload's kind from its first bytes (magic numbers, a zip's first entry), checked against its claims. */
#include <string.h>

#include "core/str.h"
#include "http/sniff.h"

#define XLSX_TYPE	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define ODS_TYPE	"application/vnd.oasis.opendocument.spreadsheet"

#define BIT(k)		(1u << (k))
#define ALL_KINDS	(BIT(SNIFF__MAX) - 1)
#define SHEETS		(BIT(SNIFF_XLSX) | BIT(SNIFF_ODS))

static const char *const media_types[SNIFF__MAX] = {
	[SNIFF_PDF] = "application/pdf",
	[SNIFF_PNG] = "image/png",
	[SNIFF_JPEG] = "image/jpeg",
	[SNIFF_XLSX] = XLSX_TYPE,
	[SNIFF_ODS] = ODS_TYPE,
};

static const struct {
	const char	*ext;
	unsigned	 kinds;
} extensions[] = {
	{ "pdf", BIT(SNIFF_PDF) },
	{ "png", BIT(SNIFF_PNG) },
	{ "jpg", BIT(SNIFF_JPEG) },
	{ "jpeg", BIT(SNIFF_JPEG) },
	{ "jpe", BIT(SNIFF_JPEG) },
	{ "xlsx", BIT(SNIFF_XLSX) },
	{ "ods", BIT(SNIFF_ODS) },
};

/*
 * What a part's Content-Type may say for each kind. Browsers take it from
 * the operating system's table of extensions, so the generic ones (a
 * system that knows no better) and the older names some systems still use
 * count as no claim against the kinds they could stand for.
 */
static const struct {
	const char	*type;
	unsigned	 kinds;
} claims[] = {
	{ "application/pdf", BIT(SNIFF_PDF) },
	{ "application/x-pdf", BIT(SNIFF_PDF) },
	{ "image/png", BIT(SNIFF_PNG) },
	{ "image/x-png", BIT(SNIFF_PNG) },
	{ "image/jpeg", BIT(SNIFF_JPEG) },
	{ "image/jpg", BIT(SNIFF_JPEG) },
	{ "image/pjpeg", BIT(SNIFF_JPEG) },
	{ XLSX_TYPE, BIT(SNIFF_XLSX) },
	{ ODS_TYPE, BIT(SNIFF_ODS) },
	{ "application/vnd.ms-excel", SHEETS },
	{ "application/zip", SHEETS },
	{ "application/x-zip-compressed", SHEETS },
	{ "application/x-zip", SHEETS },
	{ "application/octet-stream", ALL_KINDS },
	{ "binary/octet-stream", ALL_KINDS },
};

/* An Office Open XML package's parts, one of which a writer puts first (Excel, LibreOffice, libxlsxwriter). */
static const char *const ooxml_first[] = {
	"[Content_Types].xml", "_rels/", "docProps/", "xl/", "customXml/",
};

static int
alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* The kinds filename's extension allows: all when it has none, none when it is unknown. */
static unsigned
extension_kinds(const char *filename)
{
	const char *dot, *ext;
	size_t i, n;

	if (filename == NULL || (dot = strrchr(filename, '.')) == NULL ||
	    dot == filename)
		return ALL_KINDS;
	ext = dot + 1;
	n = strlen(ext);
	/* "Minutes v. 2" has no extension; "minutes.docx" has one. */
	if (n == 0 || n > 8)
		return ALL_KINDS;
	for (i = 0; i < n; i++)
		if (!alnum(ext[i]))
			return ALL_KINDS;
	for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++)
		if (str_eq_lower(ext, n, extensions[i].ext))
			return extensions[i].kinds;
	return 0;
}

/* The kinds a Content-Type value allows: all when absent, none when it names another type. */
static unsigned
claim_kinds(const char *type)
{
	const char *end;
	size_t i, n;

	if (type == NULL)
		return ALL_KINDS;
	while (*type == ' ' || *type == '\t')
		type++;
	if ((end = strchr(type, ';')) == NULL)
		end = type + strlen(type);
	while (end > type && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = (size_t)(end - type);
	if (n == 0)
		return ALL_KINDS;
	for (i = 0; i < sizeof(claims) / sizeof(claims[0]); i++)
		if (str_eq_lower(type, n, claims[i].type))
			return claims[i].kinds;
	return 0;
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
	return (unsigned long)le16(p) | (unsigned long)le16(p + 2) << 16;
}

/*
 * A zip's first local file header (PKWARE APPNOTE 4.3.7): the name at 30,
 * its length at 26, the extra field's length at 28, the method at 8, the
 * sizes at 18 and 22; the data follows the name and the extra field.
 */
static enum sniff_kind
zip_kind(const unsigned char *h, size_t len, int *ooxml)
{
	static const char mimetype[] = "mimetype";
	size_t namelen, extralen, data, i;
	const char *name;

	*ooxml = 0;
	if (len < 30)
		return SNIFF_NONE;
	namelen = le16(h + 26);
	extralen = le16(h + 28);
	name = (const char *)h + 30;
	if (30 + namelen > len)
		return SNIFF_NONE;
	if (namelen == sizeof(mimetype) - 1 && memcmp(name, mimetype, namelen) == 0) {
		data = 30 + namelen + extralen;
		/* Stored, and exactly the type: a template (…spreadsheet-template) is not a spreadsheet. */
		if (le16(h + 8) == 0 && le32(h + 18) == sizeof(ODS_TYPE) - 1 &&
		    data + sizeof(ODS_TYPE) - 1 <= len &&
		    memcmp(h + data, ODS_TYPE, sizeof(ODS_TYPE) - 1) == 0)
			return SNIFF_ODS;
		return SNIFF_NONE;
	}
	for (i = 0; i < sizeof(ooxml_first) / sizeof(ooxml_first[0]); i++) {
		size_t n = strlen(ooxml_first[i]);

		if (namelen >= n && memcmp(name, ooxml_first[i], n) == 0) {
			*ooxml = 1;
			return SNIFF_XLSX;
		}
	}
	return SNIFF_NONE;
}

enum sniff_kind
sniff_kind(const unsigned char *head, size_t len, const char *filename,
    const char *claimed_type)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned by_name = extension_kinds(filename), by_type = claim_kinds(claimed_type);
	enum sniff_kind k = SNIFF_NONE;
	int ooxml = 0;

	if (len >= 5 && memcmp(head, "%PDF-", 5) == 0)
		k = SNIFF_PDF;
	else if (len >= sizeof(png) && memcmp(head, png, sizeof(png)) == 0)
		k = SNIFF_PNG;
	else if (len >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
		k = SNIFF_JPEG;
	else if (len >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
		k = zip_kind(head, len, &ooxml);
	if (k == SNIFF_NONE || !(by_name & BIT(k)) || !(by_type & BIT(k)))
		return SNIFF_NONE;
	/* Word and PowerPoint packages start alike: only a claim tells a workbook. */
	if (ooxml && by_name != BIT(SNIFF_XLSX) && by_type != BIT(SNIFF_XLSX))
		return SNIFF_NONE;
	return k;
}

const char *
sniff_media_type(enum sniff_kind kind)
{
	return kind > SNIFF_NONE && kind < SNIFF__MAX ? media_types[kind] : NULL;
}

enum sniff_kind
sniff_of_media_type(const char *type)
{
	int k;

	for (k = SNIFF_NONE + 1; type != NULL && k < SNIFF__MAX; k++)
		if (strcmp(type, media_types[k]) == 0)
			return (enum sniff_kind)k;
	return SNIFF_NONE;
}
