/* iati_view.c - the IATI export's problems as pages show them: the export's check page and a project's page. */
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "http/app.h"
#include "http/req.h"
#include "iati/comprehensiveness.h"
#include "iati/iati.h"
#include "iati/iati_rules.h"
#include "views/iati_view.h"
#include "views/view.h"

/* ---- the problems, as a page shows them ------------------------------------------------------------- */

/* The export's context now: kpp.conf's IATI settings, today and this moment. */
void
iati_view_ctx(struct iati_ctx *ctx)
{
	iati_ctx_init(ctx, &app.conf, app_today(), (long long)time(NULL));
}

/* The words of a link to where a field is fixed. */
const char *
iati_field_words(enum iati_field f)
{
	switch (f) {
	case IF_PROJECT:
		return N_("The project's status and dates");
	case IF_BUDGET:
		return N_("The project's budget years");
	case IF_PAYMENTS:
		return N_("The project's payments");
	case IF_REPORTS:
		return N_("The project's reports");
	case IF_DECISION:
		return N_("The decision");
	case IF_APP_PROJECT:
		return N_("The application: the project");
	case IF_APP_PARTNERS:
		return N_("The application: partners and country");
	case IF_APP_RESULTS:
		return N_("The application: results framework");
	case IF_ORG:
		return N_("The organisation");
	case IF_THEME:
		return N_("The thematic area");
	case IF_COUNTRY:
		return N_("The country's official languages");
	case IF_CAPITAL:
		return N_("The project's capital spend");
	case IF_FUNDS:
		return N_("The funds received from Sida");
	default:
		return N_("The IATI settings in kpp.conf");
	}
}

/* A problem into o: rule, severity, message, the values, and (when links) where to fix it. */
void
iati_view_problem(struct req *r, struct vobj *o, const struct iati_problem *p, int links)
{
	vobj_str(o, "rule", p->rule);
	vobj_bool(o, "error", p->severity == IATI_ERROR);
	vobj_str(o, "severity", p->severity == IATI_ERROR ?
	    i18n_tr(r->lang, N_("Error")) : i18n_tr(r->lang, N_("Warning")));
	vobj_str(o, "message", i18n_tr(r->lang, p->message));
	/* The values may live in the export's scratch arena, gone by the time the page is rendered. */
	vobj_str(o, "detail", p->detail != NULL ? arena_strdup(r->a, p->detail) : NULL);
	vobj_str(o, "fix_href", links ? p->href : NULL);
	vobj_str(o, "fix_text", i18n_tr(r->lang, iati_field_words(p->field)));
}

/* ---- a project's page -------------------------------------------------------------------------------- */

struct project_state {
	struct req		*r;
	const struct iati_ctx	*ctx;
	struct vobj		*o;
	int			 found;
};

/*
 * The comprehensiveness tests the project's activity misses, as IATI's
 * Dashboard would score it in the public file, each with where to fix it;
 * or why the Dashboard does not score it (not published, not current).
 */
static void
view_project_comp(struct req *r, struct vobj *o, const struct iati_ctx *ctx,
    const struct iati_activity *act)
{
	struct comp_score sc;
	struct vobj *m;
	size_t t;
	int missed = 0;

	comp_score_activity(act, ctx->today, &sc);
	vobj_bool(o, "comp_unpublished", !act->src->published);
	vobj_bool(o, "comp_not_current", act->src->published && !sc.current);
	if (!act->src->published || !sc.current)
		return;
	for (t = 0; t < CT__MAX; t++) {
		if (!sc.applies[t] || sc.passes[t])
			continue;
		m = vobj_push(o, "comp_missed");
		vobj_str(m, "name", i18n_tr(r->lang, comp_tests[t].name));
		vobj_str(m, "fix_href", iati_href(r->a, act, sc.fix[t], sc.fix_id[t]));
		vobj_str(m, "fix_text", i18n_tr(r->lang, iati_field_words(sc.fix[t])));
		missed++;
	}
	vobj_bool(o, "comp_full", missed == 0);
	vobj_bool(o, "comp_has_missed", missed > 0);
}

static enum kerr
project_visit(void *arg, const struct iati_activity *act)
{
	struct project_state *s = arg;
	struct iati_problems pr;
	size_t i;

	s->found = 1;
	iati_problems_init(&pr, s->r->a);
	iati_check(s->ctx, act, &pr);
	if (!iati_schema_check(app.conf.iati_schema_dir, s->r->id, act, &pr))
		vobj_bool(s->o, "schema_missing", 1);
	vobj_str(s->o, "identifier", arena_strdup(s->r->a, act->identifier));
	vobj_bool(s->o, "clean", pr.n == 0);
	vobj_int(s->o, "errors", (long long)pr.errors);
	for (i = 0; i < pr.n; i++)
		iati_view_problem(s->r, vobj_push(s->o, "problems"), &pr.v[i], 1);
	view_project_comp(s->r, s->o, s->ctx, act);
	return KERR_OK;
}

/* The project's problems for _iati_problems.html ("iati"), for ICLD's officers only. */
void
view_iati_problems(struct req *r, const char *code)
{
	struct iati_filter f = { 0, code, 0 };
	struct project_state s;
	struct iati_ctx ctx;

	/* ICLD fixes what the export needs; the others do not see the check. */
	if (r->sess == NULL || r->sess->user.role != ROLE_ADMIN)
		return;
	iati_view_ctx(&ctx);
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.ctx = &ctx;
	s.o = vobj_obj(r->view, "iati");
	/* One project's page is small and read at the data version: the worker's cache may answer. */
	if (iati_each(r->id, &ctx, &f, r->sess->data_version, project_visit, &s) != KERR_OK ||
	    !s.found)
		vobj_bool(s.o, "unavailable", 1);
}
