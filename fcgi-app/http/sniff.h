/* sniff.h - what kind of file an upload is, decided by its first bytes and checked against what it claims. */
#ifndef KPP_SNIFF_H
#define KPP_SNIFF_H

#include <stddef.h>

/* The kinds of file kpp accepts as attachments. */
enum sniff_kind {
	SNIFF_NONE = 0,		/* refused: none of the below, or not what it claims to be */
	SNIFF_PDF,
	SNIFF_PNG,
	SNIFF_JPEG,
	SNIFF_XLSX,		/* Office Open XML workbook (Excel) */
	SNIFF_ODS,		/* OpenDocument spreadsheet (LibreOffice) */
	SNIFF__MAX
};

/*
 * How many of a file's first bytes sniff_kind() needs to decide: enough for
 * a zip's first entry (an ODS file's "mimetype" entry and its text).
 */
#define SNIFF_HEAD	128

/*
 * Decides the kind of a file from head, its first len bytes (len <
 * SNIFF_HEAD only when the file is that short), and checks it against
 * what the client claims: filename (its extension; may be NULL) and
 * claimed_type (the part's Content-Type; may be NULL). Returns the kind,
 * or SNIFF_NONE when the content is none of the accepted kinds or a claim
 * contradicts it:
 *   - pdf "%PDF-", png its 8-byte signature, jpeg FF D8 FF, at offset 0;
 *   - a zip (PK 03 04) is an ods when its first entry is "mimetype"
 *     holding application/vnd.oasis.opendocument.spreadsheet (ODF puts it
 *     first, uncompressed), an xlsx when its first entry is a part of an
 *     Office Open XML package ([Content_Types].xml, _rels/, docProps/, xl/)
 *     and the extension or the type claims xlsx, since Word and PowerPoint
 *     files look the same;
 *   - an extension (the text after the last dot, up to 8 letters or digits)
 *     must name the kind found (.pdf, .png, .jpg/.jpeg, .xlsx, .ods): an
 *     unknown one (.html, .exe) is refused; a name without one is judged
 *     by its content alone;
 *   - a claimed type must name the kind found, unless it is a generic one
 *     (application/octet-stream; for zips also application/zip), as some
 *     systems send for every file.
 */
enum sniff_kind	 sniff_kind(const unsigned char *head, size_t len,
		    const char *filename, const char *claimed_type);

/* The media type kpp stores and serves for kind; NULL for SNIFF_NONE. */
const char	*sniff_media_type(enum sniff_kind kind);

/* The kind whose media type is exactly type (as stored); SNIFF_NONE for any other text or NULL. */
enum sniff_kind	 sniff_of_media_type(const char *type);

#endif
