// pages.test.mjs - the quality of every page kpp renders, in Swedish and in English: accessibility with
// axe-core (WCAG 2.0/2.1 A and AA rules) in Chromium, valid HTML with the Nu HTML Checker (vnu), and no
// sideways scrolling of the page at a phone's width (390 px: wide tables scroll inside their own box).
//
// Each page is opened in Chromium as the person who would see it, its language set with the header's
// POST /language form; the HTML exactly as the server sent it is saved to var/test/pages/<page>-<lang>.html,
// and axe-core is injected into the loaded page (a JavaScript-enabled context: axe needs JavaScript, the page
// does not; bypassCSP lets the injected script past the page's script-src 'self'). vnu runs once over all
// saved files. One test per page and language for axe, one for vnu, so the counts say how many pages pass.
// vnu's warnings are printed as diagnostics, not failures.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startStack, run, sqlText } from '../e2e/harness.mjs';
import { pdfFile, pngFile } from '../e2e/lib/files.mjs';
import {
	SRC, PAGES, TIMEOUT, launchBrowser, stopAll, newContext, clickAndWait, gotoPage, signIn, setLanguage, htmlLang,
	signInButton,
} from './lib/browser.mjs';

const AXE = path.join(SRC, 'node_modules/axe-core/axe.min.js');
const VNU = path.join(SRC, 'node_modules/vnu-jar/build/dist/vnu.jar');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LANGS = ['sv', 'en'];
/** The width of a small phone, in CSS pixels, at which no page may scroll sideways. */
const NARROW = 390;
const APPLICANT_ORG = 'Borlänge kommun';

const ACCOUNTS = {
	applicant: 'borlange@kommun.example',
	admin: 'admin@icld.example',
	sida: 'sida@sida.example',
	reviewer: 'reviewer@icld.example',
};

let stack;
let browser;
/** ids picked from the demo data in before(): one of Borlänge's applications with its project, one of its drafts,
 * another org's project */
const ids = {};

/**
 * Every page kpp renders. who: anonymous or a demo role. open(page) loads it and returns the response
 * whose body is the page (default: GET path). status: the status it must answer.
 */
const PAGE_SPECS = [
	{ name: 'login', who: 'anonymous', path: () => '/login', status: 200 },
	{
		name: 'login-error', who: 'anonymous', status: 200,
		what: 'the sign-in page after a wrong password',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/login');
			await page.locator('#email').fill('sida@sida.example');
			await page.locator('#password').fill('not-the-password');
			return clickAndWait(page, signInButton(page));
		},
	},
	{ name: 'accessibility', who: 'anonymous', path: () => '/accessibility', status: 200 },
	{ name: 'error-404', who: 'anonymous', path: () => '/no/such/page', status: 404 },
	{ name: 'error-400', who: 'anonymous', path: () => '/login?next=%ZZ', status: 400 },
	{
		name: 'error-403', who: 'anonymous', status: 403,
		what: 'the sign-in form posted with a CSRF token that is not the session\'s',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/login');
			await page.locator('form[action="/login"] input[name="csrf"]').evaluate((e) => { e.value = 'a'.repeat(64); });
			await page.locator('#email').fill('sida@sida.example');
			await page.locator('#password').fill('demo-password');
			return clickAndWait(page, signInButton(page));
		},
	},
	{ name: 'error-405', who: 'anonymous', path: () => '/logout', status: 405, what: 'GET /logout' },
	{ name: 'error-404-signed-in', who: 'applicant', path: () => `/projects/${ids.otherProject}`, status: 404,
		what: 'an applicant opening another organisation\'s project' },
	{ name: 'start-applicant', who: 'applicant', path: () => '/', status: 200 },
	{ name: 'start-admin', who: 'admin', path: () => '/', status: 200 },
	{
		name: 'kept', who: 'applicant', status: 200,
		what: 'a form kept after the session lapsed, shown after signing in again (its files not kept)',
		async open(page) {
			const token = crypto.randomBytes(32).toString('hex');
			const body = new URLSearchParams({ version: '1', activities: 'Tre workshoppar om medborgarlöften.', lessons: 'Att arbeta i par.' });
			await stack.mysql('INSERT INTO kept_posts (token_hash, user_id, path, body, files_dropped, created_at, expires_at) ' +
				`SELECT UNHEX(SHA2(UNHEX('${token}'), 256)), id, '/reports/${ids.draftReport}', '${body}', 1, UTC_TIMESTAMP(), ` +
				`UTC_TIMESTAMP() + INTERVAL 1 HOUR FROM users WHERE email = '${ACCOUNTS.applicant}'`);
			await page.context().addCookies([{ name: 'kpp_kept', value: token, url: stack.baseUrl }]);
			return gotoPage(page, stack.baseUrl, '/kept');
		},
	},
	{ name: 'login-kept', who: 'anonymous', path: () => '/login?next=/kept', status: 200,
		what: 'the sign-in page after a form was kept' },
	{ name: 'start-sida', who: 'sida', path: () => '/', status: 200 },
	{ name: 'statistics', who: 'admin', path: () => '/statistics', status: 200 },
	{ name: 'statistics-round', who: 'sida', path: () => `/statistics?round=${ids.round2016}`, status: 200,
		what: 'the statistics of the 2016 round' },
	{ name: 'application-applicant', who: 'applicant', path: () => `/applications/${ids.application}`, status: 200 },
	{ name: 'application-admin', who: 'admin', path: () => `/applications/${ids.application}`, status: 200 },
	{ name: 'application-draft', who: 'applicant', path: () => `/applications/${ids.draft}`, status: 200,
		what: 'a draft with sections left to do: its gaps say "Not answered"' },
	{ name: 'application-withdraw', who: 'applicant', path: () => `/applications/${ids.draft}/withdraw`, status: 200 },
	{ name: 'application-delete', who: 'applicant', path: () => `/applications/${ids.draft}/delete`, status: 200 },
	{
		name: 'application-delete-stale', who: 'applicant', status: 409,
		what: 'deleting a draft that changed after the confirmation was shown',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.draft}/delete`);
			await page.locator(`form[action="/applications/${ids.draft}/delete"] input[name="version"]`).evaluate((e) => { e.value = '999999'; });
			return clickAndWait(page, page.locator('#delete'));
		},
	},
	{ name: 'project-applicant', who: 'applicant', path: () => `/projects/${ids.project}`, status: 200 },
	{ name: 'project-admin', who: 'admin', path: () => `/projects/${ids.project}`, status: 200 },
	{ name: 'project-sida', who: 'sida', path: () => `/projects/${ids.project}`, status: 200 },
	{ name: 'project-paid-admin', who: 'admin', path: () => `/projects/${ids.paidProject}`, status: 200,
		what: 'a project of several years with payments, reports and a long history' },
	{ name: 'project-paid-sida', who: 'sida', path: () => `/projects/${ids.paidProject}`, status: 200 },
	{ name: 'audit', who: 'admin', path: () => '/audit', status: 200 },
	{ name: 'outbox', who: 'admin', path: () => '/outbox', status: 200 },
	{ name: 'outbox-filtered', who: 'admin', path: () => '/outbox?state=failed&address=vaxjo', status: 200,
		what: 'the outbox narrowed to failed messages to an address with "vaxjo" in it' },
	{ name: 'outbox-failed', who: 'admin', path: () => `/outbox/${ids.outboxFailed}`, status: 200,
		what: 'a message the mail server refused, with its answer and the retry button' },
	{ name: 'outbox-queued', who: 'admin', path: () => `/outbox/${ids.outboxQueued}`, status: 200,
		what: 'a message waiting for its next attempt, with the cancel button' },
	{
		name: 'outbox-moved-on', who: 'admin', status: 409,
		what: 'cancelling a message that was sent after the page was shown',
		async open(page) {
			const id = await outboxRow("'queued', 0, UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, NULL, NULL");
			await gotoPage(page, stack.baseUrl, `/outbox/${id}`);
			await stack.mysql(`UPDATE outbox SET state = 'sent', attempts = 1, sent_at = UTC_TIMESTAMP(), last_answer = '250 2.0.0 Ok' WHERE id = ${id}`);
			return clickAndWait(page, page.locator('#cancel'));
		},
	},
	{ name: 'export-admin', who: 'admin', path: () => '/export', status: 200 },
	{ name: 'export-sida-year', who: 'sida', path: () => '/export?year=2016', status: 200,
		what: 'the IATI export of the projects active in 2016, as Sida sees it' },
	{ name: 'audit-filtered', who: 'admin', path: () => `/audit?entity=report&from=2016-01-01&page=2`, status: 200,
		what: 'the audit log narrowed to reports since a date, its second page' },
	{ name: 'audit-errors', who: 'admin', path: () => '/audit?from=2016-02-30&record=x&entity=report', status: 400,
		what: 'the audit log\'s filters with a date that does not exist and a record number that is none' },
	{ name: 'rounds-applicant', who: 'applicant', path: () => '/rounds', status: 200 },
	{ name: 'rounds-admin', who: 'admin', path: () => '/rounds', status: 200 },
	{ name: 'round-new', who: 'admin', path: () => '/rounds/new', status: 200 },
	{
		name: 'round-new-errors', who: 'admin', status: 200,
		what: 'the new-round form sent with an empty name, dates in the wrong order and an amount that is none',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/rounds/new');
			await page.locator('#name_sv').fill('');
			await page.locator('#name_en').fill('Call for applications 2018');
			await page.locator('#opens_on').fill('2017-09-01');
			await page.locator('#closes_on').fill('2017-03-31');
			await page.locator('#project_max_europe').fill('abc');
			return clickAndWait(page, page.locator('form[action="/rounds"] button.button'));
		},
	},
	{ name: 'round-edit', who: 'admin', path: () => `/rounds/${ids.round}/edit`, status: 200 },
	{ name: 'countries', who: 'admin', path: () => '/countries', status: 200 },
	{ name: 'country-languages', who: 'admin', path: () => '/countries/XK/edit', status: 200 },
	{
		name: 'country-languages-errors', who: 'admin', status: 200,
		what: 'a country\'s official languages with a code kpp does not know',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/countries/XK/edit');
			await page.locator('#languages').fill('sq, xx');
			return clickAndWait(page, page.locator('form[action="/countries/XK"] button.button'));
		},
	},
	// The admin lists (h_list.c), plain and filtered, sorted and paged.
	{ name: 'inbox', who: 'admin', path: () => '/inbox', status: 200 },
	{ name: 'inbox-filtered', who: 'admin', path: () => '/inbox?status=approved&type=project&sort=org&dir=asc&page=2', status: 200 },
	{ name: 'inbox-none', who: 'admin', path: () => '/inbox?country=AL&type=three_party', status: 200,
		what: 'filters that nothing matches' },
	{ name: 'projects-admin', who: 'admin', path: () => '/projects', status: 200 },
	{ name: 'projects-sida-filtered', who: 'sida', path: () => '/projects?status=implementation&country=KE&sort=budget&dir=desc', status: 200 },
	{
		name: 'countries-errors', who: 'admin', status: 200,
		what: 'the add-a-country form sent with a bad code and no region group',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/countries');
			await page.locator('#code').fill('K1');
			await page.locator('#name_sv').fill('Ghana');
			return clickAndWait(page, page.locator('form[action="/countries"] button.button'));
		},
	},
	// Administration (h_organisation.c, h_user.c, h_thematic.c) and the one-time password link.
	{ name: 'organisations', who: 'admin', path: () => '/organisations', status: 200 },
	{ name: 'organisations-filtered', who: 'admin', path: () => '/organisations?side=partner&sort=country&dir=desc', status: 200 },
	{ name: 'organisation-new-swedish', who: 'admin', path: () => '/organisations/new?side=swedish', status: 200 },
	{ name: 'organisation-new-partner', who: 'admin', path: () => '/organisations/new?side=partner', status: 200 },
	{
		name: 'organisation-errors', who: 'admin', status: 200,
		what: 'a Swedish member sent with an organisation number whose check digit is wrong and no kind',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/organisations/new?side=swedish');
			await page.locator('#name').fill('Testkommun');
			await page.locator('#org_number').fill('212000-0143');
			return clickAndWait(page, page.locator('form[action="/organisations"] button.button'));
		},
	},
	{ name: 'organisation-edit', who: 'admin', path: () => `/organisations/${ids.partnerOrg}/edit`, status: 200 },
	{ name: 'users', who: 'admin', path: () => '/users', status: 200 },
	{ name: 'user-new', who: 'admin', path: () => '/users/new', status: 200 },
	{
		name: 'user-errors', who: 'admin', status: 200,
		what: 'a new applicant sent without a name, with an email address that is none and no organisation',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/users/new');
			await page.locator('#email').fill('not an address');
			return clickAndWait(page, page.locator('form[action="/users"] button.button'));
		},
	},
	{
		name: 'user-link', who: 'admin', status: 200,
		what: 'a new account made: its one-time password link mailed',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/users/new');
			await page.locator('#name').fill('Åsa Länk');
			await page.locator('#email').fill(`lank.${++ids.users}@kommun.example`);
			await page.locator('#org_id').selectOption({ label: APPLICANT_ORG });
			return clickAndWait(page, page.locator('form[action="/users"] button.button'));
		},
	},
	{ name: 'password', who: 'anonymous', path: () => `/password/${ids.linkToken}`, status: 200 },
	{
		name: 'password-errors', who: 'anonymous', status: 200,
		what: 'choosing a password that is too short, typed differently the second time',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/password/${ids.linkToken}`);
			await page.locator('#password').fill('kort');
			await page.locator('#password_again').fill('annat');
			return clickAndWait(page, page.locator('form[action^="/password/"] button.button'));
		},
	},
	{ name: 'password-gone', who: 'anonymous', path: () => `/password/${'0'.repeat(64)}`, status: 410 },
	{ name: 'password-forgot', who: 'anonymous', path: () => '/forgot-password', status: 200 },
	{
		name: 'password-forgot-errors', who: 'anonymous', status: 200,
		what: '"Forgot your password?" with an address that is not one',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/forgot-password');
			await page.locator('#email').fill('not an address');
			return clickAndWait(page, page.locator('form[action="/forgot-password"] button.button'));
		},
	},
	{
		name: 'password-forgot-sent', who: 'anonymous', status: 200,
		what: 'the answer to "Forgot your password?", the same for every address',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/forgot-password');
			await page.locator('#email').fill('nobody@kommun.example');
			return clickAndWait(page, page.locator('form[action="/forgot-password"] button.button'));
		},
	},
	{ name: 'account', who: 'applicant', path: () => '/account', status: 200 },
	{ name: 'account-admin', who: 'admin', path: () => '/account', status: 200 },
	{ name: 'account-sida', who: 'sida', path: () => '/account', status: 200 },
	{ name: 'thematic-areas', who: 'admin', path: () => '/thematic-areas', status: 200 },
	{ name: 'thematic-area-edit', who: 'admin', path: () => `/thematic-areas/${ids.theme}/edit`, status: 200 },
	{
		name: 'thematic-area-errors', who: 'admin', status: 200,
		what: 'a new thematic area with a DAC code that is not in IATI\'s list',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/thematic-areas');
			await page.locator('#code').fill('water_test');
			await page.locator('#name_sv').fill('Vatten');
			await page.locator('#name_en').fill('Water');
			await page.locator('#dac_code').fill('15199');
			return clickAndWait(page, page.locator('form[action="/thematic-areas"] button.button'));
		},
	},
	// The application form (h_application_form.c): a demo draft read, and a draft of the test's own sent with mistakes.
	{ name: 'app-new', who: 'applicant', path: () => '/applications/new', status: 200 },
	{
		name: 'app-new-error', who: 'applicant', status: 200,
		what: 'the new-application form sent without choosing a round and type',
		async open(page) {
			await gotoPage(page, stack.baseUrl, '/applications/new');
			return clickAndWait(page, page.locator('form[action="/applications"] button.button'));
		},
	},
	{ name: 'app-tasks', who: 'applicant', path: () => `/applications/${ids.draft}/tasks`, status: 200 },
	...['partners', 'project', 'results', 'team', 'budget', 'contact'].map((s) => ({
		name: `app-${s}`, who: 'applicant', path: () => `/applications/${ids.draft}/${s}`, status: 200,
	})),
	{
		name: 'app-partners-errors', who: 'applicant', status: 200,
		what: 'a new partner organisation with a name but no kind or country',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.formDraft}/partners`);
			await page.locator('#new_partner_name').fill('Kaunti ya Nakuru');
			return clickAndWait(page, page.locator('button[name="action"][value="draft"]'));
		},
	},
	{
		name: 'app-results-errors', who: 'applicant', status: 200,
		what: 'the results framework marked complete while empty',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.formDraft}/results`);
			await page.locator('#done').check();
			return clickAndWait(page, page.locator('button[name="action"][value="draft"]'));
		},
	},
	{
		name: 'app-team-errors', who: 'applicant', status: 200,
		what: 'a team member with a name and no role',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.formDraft}/team`);
			await page.locator('#team-swedish').fill('Åsa Öberg');
			return clickAndWait(page, page.locator('button[name="action"][value="draft"]'));
		},
	},
	{
		name: 'app-budget-errors', who: 'applicant', status: 200,
		what: 'the budget with an amount that is none',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.formDraft}/budget`);
			await page.locator('[id="amount-1-travel"]').fill('abc');
			return clickAndWait(page, page.locator('button[name="action"][value="draft"]'));
		},
	},
	{ name: 'app-check', who: 'applicant', path: () => `/applications/${ids.draft}/check`, status: 200 },
	{ name: 'app-contact-from-check', who: 'applicant', path: () => `/applications/${ids.draft}/contact?return=check`, status: 200,
		what: 'a section opened by "Change" on check your answers: saving returns there' },
	// The partner's language (issue 7): a draft whose language no longer fits its country, and the same sent without one.
	{ name: 'app-project-language', who: 'applicant', path: () => `/applications/${ids.langDraft}/project`, status: 200,
		what: 'the title and summary in Swahili after the country changed to China: the old language marked in the select' },
	{ name: 'app-check-language', who: 'applicant', path: () => `/applications/${ids.langDraft}/check`, status: 200,
		what: 'check your answers flagging the language that is not one of China\'s' },
	{
		name: 'app-project-language-errors', who: 'applicant', status: 200,
		what: 'a title and summary in the partner\'s language sent without their language',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.langDraft}/project`);
			await page.locator('#title_local_lang').selectOption('');
			return clickAndWait(page, page.locator('button[name="action"][value="draft"]'));
		},
	},
	{
		name: 'app-check-errors', who: 'applicant', status: 200,
		what: 'check your answers after submitting an incomplete draft',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.formDraft}/check`);
			return clickAndWait(page, page.locator('#submit'));
		},
	},
	{ name: 'app-submitted', who: 'applicant', path: () => `/applications/${ids.submitted}/submitted`, status: 200 },
	{
		name: 'app-closed', who: 'applicant', status: 409,
		what: 'a section saved to an application that has been submitted',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.formDraft}/contact`);
			await page.locator(`form[action="/applications/${ids.formDraft}/contact"]`).evaluate((f, a) => { f.action = a; },
				`/applications/${ids.submitted}/contact`);
			return clickAndWait(page, page.locator('button[name="action"][value="draft"]'));
		},
	},
	// Reviews (h_review.c): an application under review as ICLD sees it, the reviewer's form, both sent with mistakes.
	{ name: 'application-under-review', who: 'admin', path: () => `/applications/${ids.reviewing}`, status: 200,
		what: 'the reviews part: a review in progress and the form to assign another reviewer' },
	{
		name: 'application-assign-error', who: 'admin', status: 200,
		what: 'a reviewer assigned without choosing one',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.reviewing}`);
			return clickAndWait(page, page.locator(`form[action="/applications/${ids.reviewing}/reviewers"] button.button`));
		},
	},
	{ name: 'review-form', who: 'reviewer', path: () => `/applications/${ids.reviewing}/review`, status: 200 },
	{
		name: 'review-form-errors', who: 'reviewer', status: 200,
		what: 'the review marked complete with criteria left unscored',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.reviewing}/review`);
			return clickAndWait(page, page.locator('button[name="action"][value="complete"]'));
		},
	},
	// ICLD's decision (h_decision.c): the form, its errors, a decision that stands, and the letter of each outcome.
	{ name: 'decision-form', who: 'admin', path: () => `/applications/${ids.submitted}/decision`, status: 200 },
	{
		name: 'decision-form-errors', who: 'admin', status: 200,
		what: 'an approval sent with an amount that is none and a last day before the first',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/applications/${ids.submitted}/decision`);
			await page.locator('#outcome').check();
			await page.locator('#ends_on').fill('2016-01-01');
			await page.locator('[id="amount-1-travel"]').fill('abc');
			return clickAndWait(page, page.locator(`form[action="/applications/${ids.submitted}/decision"] button.button`));
		},
	},
	{ name: 'decision-approved', who: 'admin', path: () => `/applications/${ids.application}/decision`, status: 200,
		what: 'a demo approval with its project, reports and payments: only the conditions can change' },
	{ name: 'decision-rejected', who: 'admin', path: () => `/applications/${ids.rejected}/decision`, status: 200 },
	{ name: 'letter-approved', who: 'applicant', path: () => `/applications/${ids.application}/letter`, status: 200 },
	{ name: 'letter-rejected', who: 'applicant', path: () => `/applications/${ids.rejected}/letter`, status: 200 },
	// Reports (h_report.c, the list in h_list.c) and cancelling a project (h_project.c).
	{ name: 'reports', who: 'admin', path: () => '/reports', status: 200 },
	{ name: 'reports-filtered', who: 'admin', path: () => '/reports?deadline=overdue&kind=progress&sort=due&dir=asc', status: 200 },
	{ name: 'report-returned', who: 'applicant', path: () => `/reports/${ids.returnedReport}`, status: 200,
		what: 'a returned progress report: ICLD\'s comment, the form with the costs and their variances' },
	{
		name: 'report-errors', who: 'applicant', status: 200,
		what: 'an empty progress report sent to its check page, with a cost that is no amount',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/reports/${ids.draftReport}`);
			await page.locator('[id="actual-travel"]').fill('tolv');
			return clickAndWait(page, page.locator('button[name="action"][value="check"]'));
		},
	},
	{ name: 'report-check', who: 'applicant', path: () => `/reports/${ids.returnedReport}/check`, status: 200,
		what: 'a report as it will be submitted, to check: its figures and files, and the button that submits it' },
	{ name: 'report-final-applicant', who: 'applicant', path: () => `/reports/${ids.finalDraft}`, status: 200,
		what: 'a final report\'s form: the project\'s totals, no costs of its own' },
	{ name: 'report-paid-applicant', who: 'applicant', path: () => `/reports/${ids.paidReport}`, status: 200,
		what: 'an approved report read only, with its payment and history' },
	{ name: 'report-revision', who: 'applicant', path: () => `/reports/${ids.paidReport}/revisions/1`, status: 200 },
	{ name: 'report-submitted-admin', who: 'admin', path: () => `/reports/${ids.submittedReport}`, status: 200,
		what: 'a submitted progress report: the decision\'s form and the reimbursement it would bring' },
	{
		name: 'report-decision-errors', who: 'admin', status: 200,
		what: 'a report returned without a comment',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/reports/${ids.submittedReport}`);
			await page.locator('#outcome-return').check();
			return clickAndWait(page, page.locator(`form[action="/reports/${ids.submittedReport}/decision"] button.button`));
		},
	},
	{ name: 'report-approved-admin', who: 'admin', path: () => `/reports/${ids.unpaidReport}`, status: 200,
		what: 'an approved progress report not yet paid: the reimbursement and the payment\'s form' },
	{ name: 'report-final-admin', who: 'admin', path: () => `/reports/${ids.finalSubmitted}`, status: 200 },
	// A report's files (h_report.c): chosen in its form, listed, refused next to the field.
	{
		name: 'report-files', who: 'applicant', status: 200,
		what: 'a draft report saved with a PDF and a photo: the list of files, each with its removal',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/reports/${ids.filesReport}`);
			await page.locator('#files').setInputFiles([
				{ name: 'Bokslut 2016.pdf', mimeType: 'application/pdf', buffer: pdfFile('Bokslut 2016') },
				{ name: 'Workshop i Nakuru.png', mimeType: 'image/png', buffer: pngFile(8, 6) },
			]);
			return clickAndWait(page, page.locator('button[name="action"][value="save"]'));
		},
	},
	{
		name: 'report-files-error', who: 'applicant', status: 200,
		what: 'a file that is no PDF, named as one, sent with the report\'s form',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/reports/${ids.filesReport}`);
			await page.locator('#lessons').fill('Kept while the file is refused.');
			await page.locator('#files').setInputFiles({ name: 'bokslut.pdf', mimeType: 'application/pdf',
				buffer: Buffer.from('<!DOCTYPE html><title>x</title><p>not a PDF') });
			return clickAndWait(page, page.locator('button[name="action"][value="save"]'));
		},
	},
	{ name: 'report-files-admin', who: 'admin', path: () => `/reports/${ids.filesReport}`, status: 200,
		what: 'the same report read by ICLD: its files to download' },
	{ name: 'project-cancel', who: 'admin', path: () => `/projects/${ids.project}/cancel`, status: 200 },
	// The public register (h_public.c), for anyone, and withholding a project from it (h_project.c).
	{ name: 'partnerships', who: 'anonymous', path: () => '/partnerships', status: 200 },
	{ name: 'partnerships-filtered', who: 'anonymous', path: () => '/partnerships?q=kommun&type=project&sort=org&dir=asc&page=2',
		status: 200, what: 'the register searched, filtered, sorted and on its second page' },
	{ name: 'partnerships-none', who: 'anonymous', path: () => '/partnerships?country=AL&type=three_party', status: 200,
		what: 'filters that nothing matches' },
	{ name: 'partnership', who: 'anonymous', path: () => `/partnerships/${ids.publicProject}`, status: 200,
		what: 'a published project: titles in three languages, coordinates, indicators with approved values, payments' },
	{ name: 'partnership-signed-in', who: 'sida', path: () => `/partnerships/${ids.publicProject}`, status: 200 },
	{ name: 'partnership-404', who: 'anonymous', path: () => `/partnerships/${ids.withheldProject}`, status: 404,
		what: 'a withheld project: no page, the header\'s language switch a GET form' },
	{ name: 'project-withheld-admin', who: 'admin', path: () => `/projects/${ids.withheldProject}`, status: 200,
		what: 'a withheld project: why, and the form that publishes it again' },
	{
		name: 'project-withhold-errors', who: 'admin', status: 200,
		what: 'a project withheld without a reason',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/projects/${ids.project}`);
			return clickAndWait(page, page.locator(`form[action="/projects/${ids.project}/withhold"] button.button`));
		},
	},
	// What ICLD enters for IATI (h_project.c, h_organisation.c); the paid project's pages list funds from Sida.
	{
		name: 'project-capital-errors', who: 'admin', status: 200,
		what: 'a capital spend that is no percentage',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/projects/${ids.project}`);
			await page.locator('#capital_spend').fill('tolv');
			return clickAndWait(page, page.locator(`form[action="/projects/${ids.project}/capital-spend"] button.button`));
		},
	},
	{
		name: 'project-funds-errors', who: 'admin', status: 200,
		what: 'funds from Sida recorded with a date after today and no amount',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/projects/${ids.paidProject}`);
			await page.locator('#received_on').fill('2016-10-01');
			return clickAndWait(page, page.locator(`form[action="/projects/${ids.paidProject}/incoming-funds"] button.button`));
		},
	},
	{
		name: 'organisation-coordinates-errors', who: 'admin', status: 200,
		what: 'a partner organisation\'s latitude without its longitude',
		async open(page) {
			await gotoPage(page, stack.baseUrl, `/organisations/${ids.partnerOrg}/edit`);
			await page.locator('#lat').fill('-0.0917');
			await page.locator('#lng').fill('');
			return clickAndWait(page, page.locator(`form[action="/organisations/${ids.partnerOrg}"] button.button`));
		},
	},
];

/** A message in the outbox to Växjö, its state and delivery given as SQL (state, attempts, next attempt, answer, sent at); its id. */
async function outboxRow(delivery) {
	return Number(await stack.one('INSERT INTO outbox (kind, recipient_email, recipient_name, lang, subject, body, link, ' +
		'created_at, state, attempts, next_attempt_at, last_answer, sent_at) VALUES (\'decision\', \'registrator@vaxjo.example\', ' +
		'\'Växjö kommun\', \'sv\', \'Beslut om ansökan från Växjö kommun\', ' +
		'\'Hej!\\n\\nICLD har fattat beslut om er ansökan. Läs beslutet på portalen:\\nhttp://127.0.0.1/applications/1/letter\\n\', ' +
		`'http://127.0.0.1/applications/1/letter', UTC_TIMESTAMP() - INTERVAL 3 MINUTE, ${delivery}); SELECT LAST_INSERT_ID()`));
}

const CASES = PAGE_SPECS.flatMap((spec) => LANGS.map((lang) => ({ spec, lang, key: `${spec.name}-${lang}` })));
const fileOf = (key) => path.join(PAGES, `${key}.html`);

before(async () => {
	fs.rmSync(PAGES, { recursive: true, force: true });
	fs.mkdirSync(PAGES, { recursive: true });
	stack = await startStack({ workers: 2 });
	browser = await launchBrowser();
	const [app] = await stack.mysql(
		'SELECT a.id, p.code FROM applications a JOIN organisations o ON o.id = a.applicant_org_id ' +
		`JOIN projects p ON p.application_id = a.id WHERE o.name = '${APPLICANT_ORG}' ORDER BY p.code DESC LIMIT 1`);
	const [other] = await stack.mysql(
		'SELECT p.code FROM projects p JOIN applications a ON a.id = p.application_id ' +
		`JOIN organisations o ON o.id = a.applicant_org_id WHERE o.name <> '${APPLICANT_ORG}' ORDER BY p.code LIMIT 1`);
	assert.ok(app && other, 'the demo data has a project of Borlänge and one of another organisation');
	[ids.application, ids.project] = app;
	[ids.otherProject] = other;
	[[ids.round]] = await stack.mysql('SELECT MAX(id) FROM rounds');
	[[ids.round2016]] = await stack.mysql('SELECT id FROM rounds WHERE year = 2016');
	[[ids.rejected]] = await stack.mysql('SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id ' +
		`WHERE o.name = '${APPLICANT_ORG}' AND a.status = 'rejected' ORDER BY a.id LIMIT 1`);
	[[ids.paidProject]] = await stack.mysql('SELECT p.code FROM projects p ' +
		'ORDER BY (SELECT COUNT(*) FROM disbursements d WHERE d.project_id = p.id) DESC, p.code LIMIT 1');
	[[ids.submitted]] = await stack.mysql('SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id ' +
		`WHERE o.name = '${APPLICANT_ORG}' AND a.status = 'submitted' ORDER BY a.id LIMIT 1`);
	// A draft of the test's own in the open round, for the form's pages sent with mistakes.
	await stack.mysql('INSERT INTO applications (round_id, project_type, applicant_org_id, status) ' +
		"SELECT r.id, 'project', o.id, 'draft' FROM rounds r JOIN organisations o " +
		`WHERE r.year = 2017 AND o.name = '${APPLICANT_ORG}'`);
	[[ids.formDraft]] = await stack.mysql('SELECT MAX(id) FROM applications');
	await stack.mysql('INSERT INTO applications (round_id, project_type, applicant_org_id, status, country_code, title_local, ' +
		"summary_local, title_local_lang) SELECT r.id, 'project', o.id, 'draft', 'CN', 'Mazungumzo ya wananchi', " +
		"'Kaunti na manispaa zinaendeleza mabaraza ya wananchi.', 'sw' FROM rounds r JOIN organisations o " +
		`WHERE r.year = 2017 AND o.name = '${APPLICANT_ORG}'`);
	[[ids.langDraft]] = await stack.mysql('SELECT MAX(id) FROM applications');
	// An application under review with the demo reviewer's unfinished review.
	[[ids.reviewing]] = await stack.mysql('SELECT a.id FROM applications a JOIN reviews r ON r.application_id = a.id ' +
		"JOIN users u ON u.id = r.reviewer_id WHERE a.status = 'under_review' AND u.email = 'reviewer@icld.example' " +
		'AND r.completed_at IS NULL ORDER BY a.id LIMIT 1');
	[[ids.draft]] = await stack.mysql('SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id ' +
		`WHERE o.name = '${APPLICANT_ORG}' AND a.status = 'draft' AND a.done_results = 0 ORDER BY a.id LIMIT 1`);
	[[ids.partnerOrg]] = await stack.mysql("SELECT MIN(id) FROM organisations WHERE side = 'partner' AND name_local IS NOT NULL");
	[[ids.theme]] = await stack.mysql("SELECT id FROM thematic_areas WHERE code = 'local_governance'");
	// Reports of Borlänge's (the applicant's) in each state, and others' for ICLD.
	const borlange = (where) => stack.mysql('SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id ' +
		'JOIN applications a ON a.id = p.application_id JOIN organisations o ON o.id = a.applicant_org_id ' +
		`WHERE o.name = '${APPLICANT_ORG}' AND ${where} ORDER BY r.id LIMIT 1`);
	[[ids.returnedReport]] = await borlange("r.status = 'returned' AND p.status = 'implementation'");
	[[ids.draftReport]] = await borlange("r.status = 'draft' AND r.kind = 'progress' AND p.status = 'implementation' AND r.revision = 0");
	[[ids.finalDraft]] = await borlange("r.status = 'draft' AND r.kind = 'final' AND p.status = 'implementation'");
	[[ids.filesReport]] = await borlange(`r.status = 'draft' AND r.kind = 'progress' AND p.status = 'implementation' AND r.id <> ${ids.draftReport}`);
	[[ids.paidReport]] = await borlange('EXISTS (SELECT 1 FROM disbursements d WHERE d.report_id = r.id)');
	[[ids.submittedReport]] = await stack.mysql("SELECT id FROM reports WHERE status = 'submitted' AND kind = 'progress' ORDER BY id LIMIT 1");
	[[ids.unpaidReport]] = await stack.mysql("SELECT r.id FROM reports r WHERE r.status = 'approved' AND r.kind = 'progress' " +
		'AND NOT EXISTS (SELECT 1 FROM disbursements d WHERE d.report_id = r.id) ORDER BY r.id LIMIT 1');
	[[ids.finalSubmitted]] = await stack.mysql("SELECT id FROM reports WHERE status = 'submitted' AND kind = 'final' ORDER BY id LIMIT 1");
	// The register's richest page, and a project withheld from it.
	[[ids.publicProject]] = await stack.mysql('SELECT p.code FROM projects p JOIN applications a ON a.id = p.application_id ' +
		"WHERE a.title_local IS NOT NULL AND EXISTS (SELECT 1 FROM disbursements d WHERE d.project_id = p.id) AND EXISTS (SELECT 1 " +
		"FROM reports r JOIN indicator_values iv ON iv.report_id = r.id WHERE r.project_id = p.id AND r.status = 'approved') " +
		'ORDER BY p.code LIMIT 1');
	// Its summary in the partner's language too, in that language.
	const SUMMARIES = {
		sw: 'Manispaa mbili zinashirikiana kuimarisha mazungumzo na wananchi.',
		zh: '两个城市合作加强与居民的对话。',
		sq: 'Dy komuna bashkëpunojnë për të forcuar dialogun me qytetarët.',
		bs: 'Dvije općine sarađuju na jačanju dijaloga s građanima.',
		sr: 'Две општине сарађују на јачању дијалога са грађанима.',
		uk: 'Дві громади співпрацюють, щоб зміцнити діалог із мешканцями.',
		es: 'Dos municipios colaboran para fortalecer el diálogo con la ciudadanía.',
	};
	const [[publicApp, publicLang]] = await stack.mysql('SELECT a.id, a.title_local_lang FROM applications a JOIN projects p ' +
		`ON p.application_id = a.id WHERE p.code = '${ids.publicProject}'`);
	assert.ok(SUMMARIES[publicLang], `a summary in ${publicLang}`);
	await stack.mysql(`UPDATE applications SET summary_local = ${sqlText(SUMMARIES[publicLang])} WHERE id = ${publicApp}`);
	[[ids.withheldProject]] = await stack.mysql(`SELECT code FROM projects WHERE code NOT IN ('${ids.project}', '${ids.paidProject}', ` +
		`'${ids.publicProject}', '${ids.otherProject}') ORDER BY code DESC LIMIT 1`);
	await stack.mysql("UPDATE projects SET withheld = 1, withheld_reason = 'Partnern har bett om att vänta med publiceringen.' " +
		`WHERE code = '${ids.withheldProject}'`);
	// Funds received from Sida for the paid project, one with ICLD's note.
	await stack.mysql('INSERT INTO incoming_funds (project_id, received_on, amount, note, recorded_by) ' +
		"SELECT p.id, d.received_on, d.amount, d.note, u.id FROM projects p JOIN users u ON u.email = 'admin@icld.example' " +
		"JOIN (SELECT DATE '2016-03-01' AS received_on, 450000 AS amount, 'Sida utbetalning 51170071' AS note " +
		"UNION ALL SELECT DATE '2016-08-15', 300000, NULL) d " +
		`WHERE p.code = '${ids.paidProject}'`);
	// The outbox: a message the server refused, one waiting for its next attempt, one sent.
	ids.outboxFailed = await outboxRow("'failed', 1, UTC_TIMESTAMP(6), '550 5.1.1 <registrator@vaxjo.example>: Recipient address rejected: User unknown in virtual mailbox table', NULL");
	ids.outboxQueued = await outboxRow("'queued', 2, UTC_TIMESTAMP(6) + INTERVAL 2 MINUTE, '451 4.3.0 Try again later', NULL");
	await outboxRow("'sent', 1, UTC_TIMESTAMP(6), '250 2.0.0 Ok: queued as 4Xk2Hq1cPz', UTC_TIMESTAMP()");
	ids.users = 0;
	// A password link of the test's own, for a demo account: only the token's SHA-256 is stored, as the application does.
	ids.linkToken = crypto.randomBytes(32).toString('hex');
	await stack.mysql('INSERT INTO password_links (token_hash, user_id, created_at, expires_at) SELECT ' +
		`UNHEX(SHA2(UNHEX('${ids.linkToken}'), 256)), id, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 72 HOUR ` +
		"FROM users WHERE email = 'reviewer@icld.example'");
}, { timeout: 120000 });

after(() => stopAll(browser, stack));

// ---- one browser page per person, signed in once; the captures run one after another -------------------

const pagesByWho = new Map();

async function pageFor(who) {
	if (!pagesByWho.has(who)) {
		pagesByWho.set(who, (async () => {
			const context = await newContext(browser, { javaScriptEnabled: true, bypassCSP: true });
			const page = await context.newPage();
			if (who === 'anonymous') {
				await gotoPage(page, stack.baseUrl, '/login');
			} else {
				const res = await signIn(page, stack.baseUrl, ACCOUNTS[who]);
				if (res.status() !== 200 || new URL(page.url()).pathname !== '/')
					throw new Error(`signing in as ${ACCOUNTS[who]} ended on ${page.url()} (${res.status()})`);
			}
			return page;
		})());
	}
	return pagesByWho.get(who);
}

let queue = Promise.resolve();
const captures = new Map();

/**
 * Opens the case's page (once), saves the HTML the server sent and runs axe-core on it:
 * {status, lang, url, file, axe: {violations, incomplete}}. Captures are serialised (the pages of one person
 * share a browser page, and a signed-in person's language is kept on their account).
 */
function capture(c) {
	if (!captures.has(c.key)) {
		const p = queue.then(() => doCapture(c));
		queue = p.catch(() => {});
		captures.set(c.key, p);
	}
	return captures.get(c.key);
}

async function doCapture({ spec, lang, key }) {
	const page = await pageFor(spec.who);
	// The language first, with the header's form on a page everyone may see.
	if ((await htmlLang(page)) !== lang) {
		await gotoPage(page, stack.baseUrl, '/accessibility');
		await setLanguage(page, lang);
	}
	const res = spec.open ? await spec.open(page) : await gotoPage(page, stack.baseUrl, spec.path());
	const html = await res.text();
	const file = fileOf(key);
	fs.writeFileSync(file, html);
	await page.addScriptTag({ path: AXE });
	const axe = await page.evaluate(async (tags) => {
		const r = await window.axe.run(document, { runOnly: tags, resultTypes: ['violations', 'incomplete'] });
		const nodes = (list) => list.map((n) => ({
			target: n.target.map(String), html: n.html, summary: n.failureSummary || '',
		}));
		return {
			violations: r.violations.map((v) => ({
				id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: nodes(v.nodes),
			})),
			incomplete: r.incomplete.map((v) => ({ id: v.id, impact: v.impact, help: v.help, n: v.nodes.length })),
		};
	}, AXE_TAGS);
	// A phone's width: the page itself never scrolls sideways (a wide table scrolls in its own box).
	const wide = page.viewportSize();
	await page.setViewportSize({ width: NARROW, height: 844 });
	const narrow = await page.evaluate((width) => {
		const root = document.documentElement;
		// What reaches past the right edge: elements out there that no scrolling box keeps inside.
		const style = (el) => getComputedStyle(el);
		const clipped = (el) => {
			for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
				if (style(a).overflowX === 'visible' || a.getBoundingClientRect().right > width + 0.5) continue;
				// An absolutely placed element is kept only by a scroller that holds its containing block.
				if (style(el).position !== 'absolute' || (el.offsetParent && a.contains(el.offsetParent))) return true;
			}
			return false;
		};
		const over = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > width + 0.5 &&
			!clipped(el));
		return {
			scrollWidth: root.scrollWidth,
			over: over.slice(0, 5).map((el) => `${el.outerHTML.slice(0, 120)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`),
		};
	}, NARROW);
	await page.setViewportSize(wide);
	return { status: res.status(), lang: await htmlLang(page), url: page.url(), file, axe, narrow };
}

function describeViolation(v) {
	const lines = [`[${v.id}] (${v.impact}) ${v.help} - ${v.helpUrl}`];
	for (const n of v.nodes) {
		lines.push(`    target: ${n.target.join(' ')}`);
		lines.push(`    html:   ${n.html.replace(/\s+/g, ' ').slice(0, 300)}`);
		if (n.summary) lines.push(`    ${n.summary.replace(/\n\s*/g, ' / ')}`);
	}
	return lines.join('\n');
}

const label = (spec, lang) => `${spec.name} (${lang})${spec.what ? `: ${spec.what}` : ''}`;

describe('axe-core: WCAG 2.1 A and AA', () => {
	for (const c of CASES) {
		test(`${label(c.spec, c.lang)} has no violations`, { timeout: 60000 }, async (t) => {
			const r = await capture(c);
			assert.equal(r.status, c.spec.status, `${r.url} answers ${c.spec.status}`);
			assert.equal(r.lang, c.lang, `${r.url} is in ${c.lang}`);
			for (const i of r.axe.incomplete) t.diagnostic(`axe could not decide ${i.id} (${i.help}) on ${i.n} element(s)`);
			const report = r.axe.violations.map(describeViolation).join('\n');
			assert.equal(r.axe.violations.length, 0, `axe violations on ${c.key} (${r.url}):\n${report}`);
		});
	}
});

describe(`at ${NARROW} px wide`, () => {
	for (const c of CASES) {
		test(`${label(c.spec, c.lang)} does not scroll sideways`, { timeout: 60000 }, async () => {
			const { narrow, url } = await capture(c);
			assert.ok(narrow.scrollWidth <= NARROW, `${url} is ${narrow.scrollWidth} px wide at a ${NARROW} px viewport; ` +
				`past the edge:\n${narrow.over.join('\n')}`);
		});
	}
});

describe('Nu HTML Checker', () => {
	/** file basename -> messages; plus messages about no file (the checker's own failures) */
	const byFile = new Map();
	let general = [];
	let checkerError = null;

	before(async () => {
		const files = [];
		for (const c of CASES) {
			try {
				await capture(c);
				files.push(fileOf(c.key));
			} catch { /* that page's test names its failure */ }
		}
		if (!files.length) {
			checkerError = 'no page was saved';
			return;
		}
		const r = await run('java', ['-jar', VNU, '--format', 'json', '--stdout', ...files], { timeoutMs: 120000 });
		let out;
		try {
			out = JSON.parse(r.stdout);
		} catch (e) {
			checkerError = `vnu gave no JSON (status ${r.code}): ${e.message}\n${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`;
			return;
		}
		for (const m of out.messages || []) {
			if (!m.url) { general.push(m); continue; }
			const base = path.basename(decodeURIComponent(new URL(m.url).pathname));
			if (!byFile.has(base)) byFile.set(base, []);
			byFile.get(base).push(m);
		}
		// A message about a file that is none of ours would mean the mapping above is wrong: never drop it.
		const ours = new Set(CASES.map((c) => `${c.key}.html`));
		for (const [base, list] of byFile) if (!ours.has(base)) general.push(...list);
		general = general.filter((m) => m.type === 'error' || m.type === 'non-document-error');
	}, { timeout: 180000 });

	const where = (m) => `line ${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? '?'}-${m.lastColumn ?? '?'}`;
	const show = (m) => `${where(m)}: ${m.message}${m.extract ? `\n    ${JSON.stringify(m.extract)}` : ''}`;

	for (const c of CASES) {
		test(`${label(c.spec, c.lang)} is valid HTML`, { timeout: 60000 }, async (t) => {
			assert.equal(checkerError, null, checkerError);
			await capture(c);	// a page that could not be captured fails here with the reason
			assert.deepEqual(general, [], `the checker failed: ${general.map(show).join('\n')}`);
			const msgs = byFile.get(`${c.key}.html`) || [];
			for (const m of msgs.filter((x) => x.type === 'info' && x.subType === 'warning'))
				t.diagnostic(`vnu warning ${c.key}.html ${show(m)}`);
			const errors = msgs.filter((m) => m.type === 'error' || m.type === 'non-document-error');
			assert.equal(errors.length, 0, `vnu errors in ${fileOf(c.key)}:\n${errors.map(show).join('\n')}`);
		});
	}
});
