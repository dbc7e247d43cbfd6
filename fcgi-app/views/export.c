/* export.c - the lists' downloads: one table written as CSV or as an Excel workbook. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/arena.h"
#include "core/log.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/req.h"
#include "views/csv.h"
#include "views/export.h"

#define XLSX_TYPE	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

void
export_alloc(struct req *r, struct xtable *t, size_t nrows)
{
	t->nrows = nrows;
	t->cells = arena_calloc(r->a, nrows * t->ncols + 1, sizeof(*t->cells));
}

static void
attachment(struct req *r, const char *name, const char *ext, const char *type)
{
	r->content_type = type;
	resp_header(r, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"%s%s\"", name, ext));
}

/* A cell the database gave as an integer; 0 when it is none (then it is written as text). */
static int
number_of(const char *s, long long *v)
{
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	*v = strtoll(s, &end, 10);
	return *end == '\0' && errno == 0;
}

int
export_csv(struct req *r, const struct xtable *t, const char *name)
{
	struct csv c;
	size_t i, j;
	long long v;

	csv_start(&c, &r->body);
	for (j = 0; j < t->ncols; j++)
		csv_text(&c, t->cols[j].head);
	csv_row_end(&c);
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			const char *s = t->cells[i * t->ncols + j];

			if ((t->cols[j].kind == XK_NUMBER || t->cols[j].kind == XK_AMOUNT) &&
			    number_of(s, &v))
				csv_int(&c, v);
			else
				csv_text(&c, s);
		}
		csv_row_end(&c);
	}
	attachment(r, name, ".csv", "text/csv; charset=utf-8");
	return 200;
}

/* Writes the one worksheet; returns the first error libxlsxwriter reported. */
static lxw_error
write_sheet(lxw_workbook *wb, const struct xtable *t)
{
	lxw_format *fmt[XK__MAX] = { NULL }, *head;
	lxw_worksheet *ws;
	lxw_datetime dt;
	lxw_error e = LXW_NO_ERROR, e2;
	lxw_row_t row;
	lxw_col_t col;
	long long v;
	size_t i, j;
	int y, m, d;

	if ((ws = workbook_add_worksheet(wb, t->sheet)) == NULL)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	if ((head = workbook_add_format(wb)) == NULL ||
	    (fmt[XK_AMOUNT] = workbook_add_format(wb)) == NULL ||
	    (fmt[XK_DATE] = workbook_add_format(wb)) == NULL)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	format_set_bold(head);
	format_set_bottom(head, LXW_BORDER_THIN);
	/* Format codes are always written the US way; Swedish Excel shows "1 500 000". */
	format_set_num_format(fmt[XK_AMOUNT], "#,##0");
	format_set_num_format(fmt[XK_DATE], "yyyy-mm-dd");
	/* Constant-memory mode writes row by row: widths and panes first. */
	for (j = 0; j < t->ncols; j++)
		if ((e2 = worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j,
		    t->cols[j].width, NULL)) != LXW_NO_ERROR && e == LXW_NO_ERROR)
			e = e2;
	worksheet_freeze_panes(ws, 1, 0);
	if (t->ncols > 0 && (e2 = worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows,
	    (lxw_col_t)(t->ncols - 1))) != LXW_NO_ERROR && e == LXW_NO_ERROR)
		e = e2;
	for (j = 0; j < t->ncols; j++)
		if ((e2 = worksheet_write_string(ws, 0, (lxw_col_t)j, t->cols[j].head,
		    head)) != LXW_NO_ERROR && e == LXW_NO_ERROR)
			e = e2;
	for (i = 0; i < t->nrows; i++) {
		row = (lxw_row_t)(i + 1);
		for (j = 0; j < t->ncols; j++) {
			const char *s = t->cells[i * t->ncols + j];

			col = (lxw_col_t)j;
			if (s == NULL || *s == '\0')
				continue;
			switch (t->cols[j].kind) {
			case XK_NUMBER:
			case XK_AMOUNT:
				if (number_of(s, &v)) {
					e2 = worksheet_write_number(ws, row, col,
					    (double)v, fmt[t->cols[j].kind]);
					break;
				}
				e2 = worksheet_write_string(ws, row, col, s, NULL);
				break;
			case XK_DATE:
				if (valid_date(s, &y, &m, &d) == KERR_OK) {
					memset(&dt, 0, sizeof(dt));
					dt.year = y;
					dt.month = (uint8_t)m;
					dt.day = (uint8_t)d;
					e2 = worksheet_write_datetime(ws, row, col, &dt,
					    fmt[XK_DATE]);
					break;
				}
				e2 = worksheet_write_string(ws, row, col, s, NULL);
				break;
			default:
				e2 = worksheet_write_string(ws, row, col, s, NULL);
				break;
			}
			if (e2 != LXW_NO_ERROR && e == LXW_NO_ERROR)
				e = e2;
		}
	}
	return e;
}

int
export_scratch_dir(struct req *r, const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_err(r->id, "mkdir(%s) failed: %s", dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		log_err(r->id, "app.tmp_dir %s is not a directory", dir);
		return -1;
	}
	return 0;
}

int
export_xlsx(struct req *r, const struct xtable *t, const char *name)
{
	lxw_workbook_options o;
	lxw_workbook *wb;
	lxw_error e, e2;
	char *path;
	int fd;

	if (export_scratch_dir(r, app.conf.tmp_dir) != 0)
		return 500;
	/* mkstemps makes the file 0600 and libxlsxwriter's fopen(..., "wb") keeps that mode. */
	path = arena_printf(r->a, "%s/kpp-export-XXXXXX.xlsx", app.conf.tmp_dir);
	if ((fd = mkstemps(path, 5)) < 0) {
		log_err(r->id, "mkstemps(%s) failed: %s", path, strerror(errno));
		return 500;
	}
	close(fd);
	memset(&o, 0, sizeof(o));
	/* Rows go to libxlsxwriter's own scratch files (unlinked at once), in the same private directory. */
	o.constant_memory = LXW_TRUE;
	o.tmpdir = app.conf.tmp_dir;
	if ((wb = workbook_new_opt(path, &o)) == NULL) {
		log_err(r->id, "workbook_new_opt(%s) failed", path);
		unlink(path);
		return 500;
	}
	e = write_sheet(wb, t);
	/* workbook_close writes the file and frees the workbook, also after an error. */
	if ((e2 = workbook_close(wb)) != LXW_NO_ERROR && e == LXW_NO_ERROR)
		e = e2;
	if (e != LXW_NO_ERROR) {
		log_err(r->id, "writing the workbook %s failed: %s", path, lxw_strerror(e));
		unlink(path);
		return 500;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	/* Gone from the directory before a byte is sent: nothing stays behind, even if the worker dies. */
	if (unlink(path) != 0)
		log_err(r->id, "unlink(%s) failed: %s", path, strerror(errno));
	if (fd < 0) {
		log_err(r->id, "open(%s) failed: %s", path, strerror(errno));
		return 500;
	}
	resp_file(r, fd);
	attachment(r, name, ".xlsx", XLSX_TYPE);
	return 200;
}
