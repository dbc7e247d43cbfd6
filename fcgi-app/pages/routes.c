/* routes.c - the URL table: read it to find the code behind any page (http/route.c finds a request's). */
#include <stddef.h>

#include "http/route.h"
#include "pages/h_account.h"
#include "pages/h_application.h"
#include "pages/h_application_form.h"
#include "pages/h_audit.h"
#include "pages/h_auth.h"
#include "pages/h_decision.h"
#include "pages/h_export.h"
#include "pages/h_home.h"
#include "pages/h_iati_public.h"
#include "pages/h_kept.h"
#include "pages/h_list.h"
#include "pages/h_organisation.h"
#include "pages/h_outbox.h"
#include "pages/h_project.h"
#include "pages/h_public.h"
#include "pages/h_report.h"
#include "pages/h_review.h"
#include "pages/h_round.h"
#include "pages/h_statistics.h"
#include "pages/h_thematic.h"
#include "pages/h_user.h"

const struct route routes[] = {
	{ METHOD_GET,  "/", h_home, MAY_SIGNED_IN, 0 },
	{ METHOD_GET,  "/healthz", h_health, MAY_ANYONE, ROUTE_NOSESSION },
	{ METHOD_GET,  "/login", h_login_form, MAY_ANYONE, 0 },
	{ METHOD_POST, "/login", h_login, MAY_ANYONE, 0 },
	{ METHOD_POST, "/logout", h_logout, MAY_SIGNED_IN, 0 },
	{ METHOD_POST, "/language", h_language, MAY_ANYONE, 0 },
	/* Each person's own account: language and the e-mail they choose (h_account.c). */
	{ METHOD_GET,  "/account", h_account_show, MAY_SIGNED_IN, 0 },
	{ METHOD_POST, "/account", h_account_save, MAY_SIGNED_IN, 0 },
	/* A form posted after its session lapsed, kept for its author (h_kept.c); Sida posts no forms. */
	{ METHOD_GET,  "/kept", h_kept_show, MAY_APPLICANT | MAY_ADMIN, 0 },
	{ METHOD_POST, "/kept", h_kept_save, MAY_APPLICANT | MAY_ADMIN, 0 },
	{ METHOD_GET,  "/language", h_language_get, MAY_ANYONE, ROUTE_COOKIELESS },
	{ METHOD_GET,  "/accessibility", h_accessibility, MAY_ANYONE, 0 },
	/* Before /applications/{id}, which "new" would match too. */
	{ METHOD_GET,  "/applications/new", h_appform_new, MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications", h_appform_create, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}", h_application_show,
	    MAY_APPLICANT | MAY_ADMIN, 0 },
	/* The form (h_application_form.c): an applicant's own drafts only. */
	{ METHOD_GET,  "/applications/{id}/tasks", h_appform_tasks, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/partners", h_appform_partners, MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications/{id}/partners", h_appform_partners_save, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/project", h_appform_project, MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications/{id}/project", h_appform_project_save, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/results", h_appform_results, MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications/{id}/results", h_appform_results_save, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/team", h_appform_team, MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications/{id}/team", h_appform_team_save, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/budget", h_appform_budget, MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications/{id}/budget", h_appform_budget_save, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/contact", h_appform_contact, MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications/{id}/contact", h_appform_contact_save, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/check", h_appform_check, MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications/{id}/submit", h_appform_submit, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/submitted", h_appform_submitted, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/withdraw", h_application_withdraw_form,
	    MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications/{id}/withdraw", h_application_withdraw,
	    MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/applications/{id}/delete", h_application_delete_form,
	    MAY_APPLICANT, 0 },
	{ METHOD_POST, "/applications/{id}/delete", h_application_delete,
	    MAY_APPLICANT, 0 },
	/* Reviews (h_review.c): ICLD's own; the form only for the reviewer assigned. */
	{ METHOD_POST, "/applications/{id}/reviewers", h_review_assign, MAY_ADMIN, 0 },
	{ METHOD_POST, "/applications/{id}/reviewers/{user}/remove", h_review_unassign,
	    MAY_ADMIN, 0 },
	{ METHOD_GET,  "/applications/{id}/review", h_review_form, MAY_ADMIN, 0 },
	{ METHOD_POST, "/applications/{id}/review", h_review_save, MAY_ADMIN, 0 },
	/* ICLD's decision (h_decision.c); the letter also for the applicant, once decided. */
	{ METHOD_GET,  "/applications/{id}/decision", h_decision_form, MAY_ADMIN, 0 },
	{ METHOD_POST, "/applications/{id}/decision", h_decision_save, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/applications/{id}/letter", h_decision_letter,
	    MAY_APPLICANT | MAY_ADMIN, 0 },
	{ METHOD_GET,  "/projects/{code}", h_project_show, MAY_SIGNED_IN, 0 },
	{ METHOD_GET,  "/projects/{code}/cancel", h_project_cancel_form, MAY_ADMIN, 0 },
	{ METHOD_POST, "/projects/{code}/cancel", h_project_cancel, MAY_ADMIN, 0 },
	{ METHOD_POST, "/projects/{code}/withhold", h_project_withhold, MAY_ADMIN, 0 },
	{ METHOD_POST, "/projects/{code}/publish", h_project_publish, MAY_ADMIN, 0 },
	{ METHOD_POST, "/projects/{code}/capital-spend", h_project_capital, MAY_ADMIN, 0 },
	{ METHOD_POST, "/projects/{code}/incoming-funds", h_project_fund_record, MAY_ADMIN, 0 },
	{ METHOD_POST, "/projects/{code}/incoming-funds/{fid}/remove", h_project_fund_remove,
	    MAY_ADMIN, 0 },
	/* Reports (h_report.c): the applicant's own and ICLD's; Sida reads projects, not reports. */
	{ METHOD_GET,  "/reports/{id}", h_report_show, MAY_APPLICANT | MAY_ADMIN, 0 },
	/* The form takes the files to attach with it (multipart); a file is the report's to read. */
	{ METHOD_POST, "/reports/{id}", h_report_save, MAY_APPLICANT, ROUTE_UPLOAD },
	/* Submitting goes through a page that shows the report as it will be sent. */
	{ METHOD_GET,  "/reports/{id}/check", h_report_check, MAY_APPLICANT, 0 },
	{ METHOD_POST, "/reports/{id}/submit", h_report_submit, MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/reports/{id}/attachments/{aid}", h_report_file,
	    MAY_APPLICANT | MAY_ADMIN, 0 },
	{ METHOD_POST, "/reports/{id}/attachments/{aid}/remove", h_report_file_remove,
	    MAY_APPLICANT, 0 },
	{ METHOD_GET,  "/reports/{id}/revisions/{rev}", h_report_revision,
	    MAY_APPLICANT | MAY_ADMIN, 0 },
	{ METHOD_POST, "/reports/{id}/decision", h_report_decide, MAY_ADMIN, 0 },
	{ METHOD_POST, "/reports/{id}/payment", h_report_pay, MAY_ADMIN, 0 },
	/* The admin lists (h_list.c): the inbox is ICLD's, Sida sees the projects too. */
	{ METHOD_GET,  "/inbox", h_inbox, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/inbox.csv", h_inbox_csv, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/inbox.xlsx", h_inbox_xlsx, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/projects", h_project_list, MAY_ADMIN | MAY_SIDA, 0 },
	{ METHOD_GET,  "/projects.csv", h_project_list_csv, MAY_ADMIN | MAY_SIDA, 0 },
	{ METHOD_GET,  "/projects.xlsx", h_project_list_xlsx, MAY_ADMIN | MAY_SIDA, 0 },
	{ METHOD_GET,  "/reports", h_report_list, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/reports.csv", h_report_list_csv, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/reports.xlsx", h_report_list_xlsx, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/rounds", h_round_list, MAY_SIGNED_IN, 0 },
	{ METHOD_POST, "/rounds", h_round_create, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/rounds/new", h_round_new, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/rounds/{id}/edit", h_round_edit, MAY_ADMIN, 0 },
	{ METHOD_POST, "/rounds/{id}", h_round_update, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/countries", h_country_list, MAY_ADMIN, 0 },
	{ METHOD_POST, "/countries", h_country_create, MAY_ADMIN, 0 },
	{ METHOD_POST, "/countries/{code}", h_country_update, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/countries/{code}/edit", h_country_edit, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/statistics", h_statistics, MAY_ADMIN | MAY_SIDA, 0 },
	/* Administration (h_organisation.c, h_user.c, h_thematic.c): admins only. */
	{ METHOD_GET,  "/organisations", h_org_list, MAY_ADMIN, 0 },
	{ METHOD_POST, "/organisations", h_org_create, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/organisations/new", h_org_new, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/organisations/{id}/edit", h_org_edit, MAY_ADMIN, 0 },
	{ METHOD_POST, "/organisations/{id}", h_org_update, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/users", h_user_list, MAY_ADMIN, 0 },
	{ METHOD_POST, "/users", h_user_create, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/users/new", h_user_new, MAY_ADMIN, 0 },
	{ METHOD_POST, "/users/{id}/deactivate", h_user_deactivate, MAY_ADMIN, 0 },
	{ METHOD_POST, "/users/{id}/reactivate", h_user_reactivate, MAY_ADMIN, 0 },
	{ METHOD_POST, "/users/{id}/reset-link", h_user_reset_link, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/thematic-areas", h_theme_list, MAY_ADMIN, 0 },
	{ METHOD_POST, "/thematic-areas", h_theme_create, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/thematic-areas/{id}/edit", h_theme_edit, MAY_ADMIN, 0 },
	{ METHOD_POST, "/thematic-areas/{id}", h_theme_update, MAY_ADMIN, 0 },
	/* "Forgot your password?": the link comes by e-mail (h_user.c). */
	{ METHOD_GET,  "/forgot-password", h_password_forgot_form, MAY_ANYONE, 0 },
	{ METHOD_POST, "/forgot-password", h_password_forgot, MAY_ANYONE, 0 },
	/* The one-time link to choose a password: whoever holds it, signed in or not. */
	{ METHOD_GET,  "/password/{token}", h_password_form, MAY_ANYONE, 0 },
	{ METHOD_POST, "/password/{token}", h_password_set, MAY_ANYONE, 0 },
	{ METHOD_GET,  "/audit", h_audit_list, MAY_ADMIN, 0 },
	/* The e-mail kpp sends (h_outbox.c): ICLD's officers follow, retry and cancel it. */
	{ METHOD_GET,  "/outbox", h_outbox_list, MAY_ADMIN, 0 },
	{ METHOD_GET,  "/outbox/{id}", h_outbox_show, MAY_ADMIN, 0 },
	{ METHOD_POST, "/outbox/{id}/retry", h_outbox_retry, MAY_ADMIN, 0 },
	{ METHOD_POST, "/outbox/{id}/cancel", h_outbox_cancel, MAY_ADMIN, 0 },
	/* The Sida export (h_export.c): the IATI file and its check, for ICLD and Sida. */
	{ METHOD_GET,  "/export", h_export_page, MAY_ADMIN | MAY_SIDA, 0 },
	{ METHOD_GET,  "/export/iati.xml", h_export_iati, MAY_ADMIN | MAY_SIDA, 0 },
	/* The public register (h_public.c): read-only, no cookie, rate-limited by nginx. */
	{ METHOD_GET,  "/partnerships", h_public_list, MAY_ANYONE, ROUTE_COOKIELESS },
	{ METHOD_GET,  "/partnerships/{code}", h_public_project, MAY_ANYONE, ROUTE_COOKIELESS },
	/* The public IATI files (h_iati_public.c): written once per data version, rate-limited by nginx. */
	{ METHOD_GET,  "/iati/activities.xml", h_iati_activities, MAY_ANYONE, ROUTE_COOKIELESS },
	{ METHOD_GET,  "/iati/organisation.xml", h_iati_organisation, MAY_ANYONE, ROUTE_COOKIELESS },
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
