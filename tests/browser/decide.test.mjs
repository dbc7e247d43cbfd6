// decide.test.mjs - ICLD decides, in a real browser (Debian's Chromium through playwright-core) with JavaScript
// switched off: a programme officer filters and sorts the inbox, opens a submitted application and assigns a
// reviewer; the reviewer scores it, first forgetting a score; the officer reads the review, decides with an amount
// over the round's ceiling, corrects it and approves, and prints the decision letter (print media and an A4 PDF);
// the applicant finds the decision and the letter on their start page; Sida reads the statistics. The steps run in
// order, each person in a fresh browser context; the stack (MariaDB with the demo data, the workers, nginx) is this
// file's own. The demo's today is 2016-09-30: the 2017 call is open and its applications wait for a decision.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStack, ACCOUNTS, grouped, kr } from '../e2e/harness.mjs';
import {
	SCREENSHOTS, launchBrowser, stopAll, clickAndWait, go, withPage, signIn, pathOf, screenshot, texts,
} from './lib/browser.mjs';

const { admin: ADMIN, reviewer: REVIEWER, sida: SIDA } = ACCOUNTS;
/** The applicant whose submitted 2017 application is decided here: a project in Tanzania (Africa: 300 000 to
 * 500 000 kr a year for a project). */
const APPLICANT = 'sundsvall@kommun.example';
const APPLICANT_ORG = 'Sundsvalls kommun';
const INBOX = 'Inkorg: inlämnade ansökningar';

/** The reviewer's scores and comments, by the criterion's legend on the form. */
const SCORES = [
	['Relevans för lokal demokrati', 4, 'Stärker medborgardialogen i hela kommunen.'],
	['Genomförbarhet', 3, 'Tidsplanen för år 1 är pressad.'],
	['Båda parternas ägarskap', 5, 'Politiker från båda sidor har skrivit ansökan.'],
	['Jämställdhet och inkludering', 4, 'Kvinnors deltagande mäts i varje aktivitet.'],
	['Budgetens realism', 2, 'Resekostnaderna är höga för år 1.'],
];
const CATEGORIES = ['Resor', 'Logi', 'Möten och workshoppar', 'Konsulter', 'Översättning', 'Övrigt'];
/** What the officer approves, per project year: the year's amount and its costs in CATEGORIES' order. */
const APPROVED = [
	{ amount: 450000, costs: [200000, 100000, 100000, 0, 50000, 0] },
	{ amount: 350000, costs: [150000, 75000, 100000, 25000, 0, 0] },
];
const CONDITIONS = 'En reviderad aktivitetsplan skickas till ICLD före den första utbetalningen.';
const CONDITIONS_EN = 'A revised activity plan is sent to ICLD before the first payment.';

let stack, q, one;
let browser;
let round2017;		// the 2017 round's id
let reviewerName;	// how the reviewer is named on the pages
/** What the steps find out and later steps use: the application's id, title and path; the project's code. */
const found = {};

before(async () => {
	({ stack, q, one } = await openStack({ workers: 2 }));
	browser = await launchBrowser();
	round2017 = await one('SELECT id FROM rounds WHERE year = 2017');
	reviewerName = await one(`SELECT name FROM users WHERE email = '${REVIEWER}'`);
}, { timeout: 120000 });

after(() => stopAll(browser, stack));

/** Text as people read it: no-break and narrow no-break spaces as plain ones, runs of space as one. */
const read = (s) => s.replace(/[\u00a0\u202f\s]+/g, ' ').trim();
/** 450000 -> "450 000", as people type amounts. */
const typed = (n) => read(grouped(n));
/** 450000 -> "450 000 kr", as the Swedish pages write amounts, read as people read them. */
const shownKr = (n) => read(kr(n));
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** The step before this one must have found the application. */
function application() {
	assert.ok(found.id, 'an earlier step opened the application');
	return found;
}

/** The total in the list's "Visar 1 till 50 av 135" line. */
async function listTotal(page) {
	const line = read(await page.locator('.list-showing').innerText());
	const m = line.match(/ av (\d[\d ]*)$/);
	assert.ok(m, `the list says how many there are: ${JSON.stringify(line)}`);
	return Number(m[1].replace(/ /g, ''));
}

/** The inbox's table and its rows (the table is there only when there are rows). */
function inboxRows(page) {
	return page.getByRole('table', { name: 'Inlämnade ansökningar', exact: true }).locator('tbody tr');
}

/** The texts of column n (0-based) of the inbox's rows. */
async function inboxColumn(page, n) {
	return (await texts(page, `.table-list tbody tr > td:nth-child(${n + 1})`)).map(read);
}

/** From the start page of a signed-in officer: the inbox filtered to the applicant's organisation, and the
 * application opened from its title. */
async function openFromInbox(page) {
	const { id, title } = application();
	await go(page, 'link', INBOX);
	await page.getByLabel('Sökande', { exact: true }).selectOption({ label: APPLICANT_ORG });
	await go(page, 'button', 'Filtrera');
	assert.equal(new URL(page.url()).searchParams.get('org'), await one(
		`SELECT id FROM organisations WHERE name = '${APPLICANT_ORG}'`), 'the filter is in the address');
	await go(page, 'link', title);
	assert.equal(pathOf(page), `/applications/${id}`);
}

/** A score's radio button in its criterion's fieldset. */
function scoreButton(page, criterion, score) {
	const label = { 1: '1 (svagt)', 5: '5 (starkt)' }[score] ?? String(score);
	return page.getByRole('group', { name: criterion, exact: true }).getByLabel(label, { exact: true });
}

/** A cell of the decision's budget table by its label ("Resor, år 1", "Beviljat belopp, år 2"). */
const cell = (page, label) => page.getByLabel(label, { exact: true });

/** Types the amounts of year y (1-based) into the decision form: its costs (a cost of 0 left empty), then its amount. */
async function fillYear(page, y, { amount, costs }) {
	for (const [i, c] of CATEGORIES.entries()) await cell(page, `${c}, år ${y}`).fill(costs[i] ? typed(costs[i]) : '');
	await cell(page, `Beviljat belopp, år ${y}`).fill(typed(amount));
}

/** Asserts that locator (matched whatever its visibility) is shown on screen now and hidden in print. */
async function screenOnly(page, locator, what) {
	await page.emulateMedia({ media: 'screen' });
	assert.equal(await locator.count(), 1, `one ${what}`);
	assert.ok(await locator.isVisible(), `the ${what} is visible on screen`);
	await page.emulateMedia({ media: 'print' });
	assert.ok(await locator.isHidden(), `the ${what} is not printed`);
}

describe('ICLD decides on an application', () => {
	test('an officer filters and sorts the inbox, opens a submitted application and assigns a reviewer', { timeout: 180000 }, async () => {
		await withPage(browser, async (page) => {
			assert.equal((await signIn(page, stack.baseUrl, ADMIN)).status(), 200);
			assert.equal(pathOf(page), '/');

			// The inbox from the start page: every application submitted, newest first.
			await go(page, 'link', INBOX);
			assert.equal(pathOf(page), '/inbox');
			assert.equal(await page.locator('h1').innerText(), 'Inkorg');
			const everything = await listTotal(page);
			const submitted2017 = Number(await one(`SELECT COUNT(*) FROM applications
				WHERE round_id = ${round2017} AND status = 'submitted'`));
			assert.ok(submitted2017 >= 2, `the demo has several submitted 2017 applications: ${submitted2017}`);
			assert.ok(everything > submitted2017, `the whole inbox (${everything}) holds more than those`);

			// Filtered to the 2017 round's submitted applications, by choosing in the select boxes.
			await page.getByLabel('Utlysning', { exact: true }).selectOption({ label: 'Utlysning 2017' });
			await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Inskickad' });
			assert.equal((await go(page, 'button', 'Filtrera')).status(), 200);
			let query = new URL(page.url()).searchParams;
			assert.equal(new URL(page.url()).pathname, '/inbox');
			assert.equal(query.get('round'), round2017, `the round is in the address: ${page.url()}`);
			assert.equal(query.get('status'), 'submitted', `the status is in the address: ${page.url()}`);
			assert.equal(await listTotal(page), submitted2017, 'the count is that of the filter');
			assert.equal(await inboxRows(page).count(), submitted2017, 'only those rows are left');
			assert.deepEqual(new Set(await inboxColumn(page, 6)), new Set(['2017']), 'every row is of the 2017 round');
			assert.deepEqual(new Set(await inboxColumn(page, 9)), new Set(['Inskickad']), 'every row is submitted');
			assert.equal(await page.getByLabel('Utlysning', { exact: true }).inputValue(), round2017, 'the choice is shown as made');

			// Sorted by applicant with the column's heading: the filters stay.
			await go(page, 'link', 'Sökande');
			query = new URL(page.url()).searchParams;
			assert.deepEqual([query.get('round'), query.get('status'), query.get('sort'), query.get('dir')],
				[round2017, 'submitted', 'org', 'asc'], `filtered and sorted: ${page.url()}`);
			assert.equal(read(await page.locator('th[aria-sort="ascending"]').innerText()), 'Sökande');
			const orgs = await inboxColumn(page, 2);
			assert.equal(orgs.length, submitted2017);
			assert.deepEqual(orgs, [...orgs].sort((a, b) => a.localeCompare(b, 'sv')), `by applicant: ${orgs.join(', ')}`);
			await screenshot(page, 'inbox-filtered-sv');

			// The application of Sundsvall from its row.
			const row = inboxRows(page).filter({ hasText: APPLICANT_ORG });
			assert.equal(await row.count(), 1, `one submitted 2017 application of ${APPLICANT_ORG}`);
			const link = row.getByRole('link');
			found.title = read(await link.innerText());
			found.path = await link.getAttribute('href');
			await clickAndWait(page, link);
			assert.equal(pathOf(page), found.path);
			found.id = found.path.match(/^\/applications\/(\d+)$/)[1];
			assert.equal(read(await page.locator('h1').innerText()), found.title);
			assert.equal(read(await page.locator('main .tag').first().innerText()), 'Inskickad');

			// The reviewer, assigned on the application page.
			await page.getByLabel('Granskare', { exact: true }).selectOption({ label: reviewerName });
			await go(page, 'button', 'Utse granskaren');
			assert.equal(pathOf(page), found.path);
			assert.equal(await page.getByRole('heading', { level: 3, name: reviewerName, exact: true }).count(), 1,
				'the reviewer is listed under the reviews');
			assert.equal(read(await page.locator('main .tag').first().innerText()), 'Under bedömning');
			assert.equal(await page.getByLabel('Granskare', { exact: true }).locator('option', { hasText: reviewerName }).count(), 0,
				'nobody is assigned twice');
			assert.equal(await one(`SELECT COUNT(*) FROM reviews r JOIN users u ON u.id = r.reviewer_id
				WHERE r.application_id = ${found.id} AND u.email = '${REVIEWER}'`), '1');

			// Signed out: the sign-in page.
			await go(page, 'button', 'Logga ut');
			assert.equal(new URL(page.url()).pathname, '/login');
		});
	});

	test('the reviewer scores the application, first forgetting a score', { timeout: 180000 }, async () => {
		const { id, path: appPath } = application();
		await withPage(browser, async (page) => {
			assert.equal((await signIn(page, stack.baseUrl, REVIEWER)).status(), 200);
			await openFromInbox(page);
			await go(page, 'link', 'Betygsätt ansökan');
			assert.equal(pathOf(page), `/applications/${id}/review`);
			assert.equal(await page.locator('h1').innerText(), 'Din granskning');

			// Every comment, a score for all but the last criterion, a recommendation and a summary.
			for (const [criterion, score, comment] of SCORES) {
				if (criterion !== 'Budgetens realism') await scoreButton(page, criterion, score).check();
				await page.getByLabel(`Kommentar om ${criterion.toLowerCase()}`, { exact: true }).fill(comment);
			}
			await page.getByRole('group', { name: 'Din rekommendation' }).getByLabel('Bifall', { exact: true }).check();
			await page.getByLabel('Sammanfattning av din granskning').fill('Bifall, med en reviderad budget för år 1.');
			await go(page, 'button', 'Spara och markera granskningen som klar');

			// Refused: the summary names the missing score, the message stands in its fieldset, nothing is lost.
			assert.equal(pathOf(page), `/applications/${id}/review`);
			assert.ok((await page.title()).startsWith('Fel: '), `the title says there is an error: ${await page.title()}`);
			const summary = page.locator('.error-summary');
			assert.equal(read(await summary.locator('h2').innerText()), 'Det finns ett problem');
			const missing = 'Välj ett betyg för budgetens realism för att markera granskningen som klar';
			assert.deepEqual(await texts(summary, 'li'), [missing]);
			assert.equal(await summary.getByRole('link', { name: missing }).getAttribute('href'), '#score_budget');
			const budget = page.getByRole('group', { name: 'Budgetens realism', exact: true });
			assert.equal(read(await budget.locator('.error-message').innerText()), `Fel: ${missing}`);
			for (const [criterion, score, comment] of SCORES) {
				if (criterion !== 'Budgetens realism')
					assert.ok(await scoreButton(page, criterion, score).isChecked(), `the score of ${criterion} is kept`);
				assert.equal(await page.getByLabel(`Kommentar om ${criterion.toLowerCase()}`, { exact: true }).inputValue(),
					comment, `the comment on ${criterion} is kept`);
			}
			assert.ok(await page.getByRole('group', { name: 'Din rekommendation' }).getByLabel('Bifall', { exact: true }).isChecked());
			assert.equal(await page.getByLabel('Sammanfattning av din granskning').inputValue(),
				'Bifall, med en reviderad budget för år 1.');
			assert.equal(await one(`SELECT completed_at IS NULL FROM reviews WHERE application_id = ${id}`), '1',
				'the review is not complete');

			// The last score, and the review is complete.
			await scoreButton(page, 'Budgetens realism', 2).check();
			await go(page, 'button', 'Spara och markera granskningen som klar');
			assert.equal(pathOf(page), appPath);
			assert.equal(await page.locator('.error-summary').count(), 0);
			const mine = page.getByRole('heading', { level: 3, name: reviewerName, exact: true });
			assert.equal(await mine.count(), 1);
			assert.equal(await one(`SELECT completed_at IS NOT NULL FROM reviews WHERE application_id = ${id}`), '1');
			await go(page, 'button', 'Logga ut');
			assert.equal(new URL(page.url()).pathname, '/login');
		});
	});

	test('the officer reads the review, decides over the ceiling, corrects it, approves and prints the letter', { timeout: 240000 }, async () => {
		const { id, path: appPath } = application();
		await withPage(browser, async (page) => {
			await signIn(page, stack.baseUrl, ADMIN);
			await openFromInbox(page);

			// The review with its comments, and the averages and spread over the complete reviews.
			const review = page.getByRole('table', { name: `Betyg från ${reviewerName}`, exact: true });
			assert.equal(await review.count(), 1, 'the review is on the application page');
			const reviewRows = await review.locator('tbody tr').all();
			assert.equal(reviewRows.length, SCORES.length);
			for (const [i, [criterion, score, comment]] of SCORES.entries()) {
				assert.deepEqual([read(await reviewRows[i].locator('th').innerText()),
					...(await reviewRows[i].locator('td').allInnerTexts()).map(read)], [criterion, String(score), comment]);
			}
			const stats = page.getByRole('table', { name: 'Betyg från den enda klara granskningen', exact: true });
			assert.equal(await stats.count(), 1, 'the averages of the one complete review');
			const statRows = await stats.locator('tbody tr').all();
			for (const [i, [criterion, score]] of SCORES.entries()) {
				assert.deepEqual([read(await statRows[i].locator('th').innerText()),
					...(await statRows[i].locator('td').allInnerTexts()).map(read)],
				[criterion, `${score},0`, `${score}–${score}`, '0,0'], `the average and spread of ${criterion}`);
			}
			// Over all criteria: the mean of the scores, their range and their (population) standard deviation.
			const scores = SCORES.map((s) => s[1]);
			const mean = sum(scores) / scores.length;
			const sd = Math.sqrt(sum(scores.map((s) => (s - mean) ** 2)) / scores.length);
			const decimal = (x) => x.toFixed(1).replace('.', ',');
			assert.deepEqual((await stats.locator('tfoot td').allInnerTexts()).map(read),
				[decimal(mean), `${Math.min(...scores)}–${Math.max(...scores)}`, decimal(sd)]);
			await screenshot(page, 'application-reviewed-sv');

			// The decision form, from the application page.
			await go(page, 'link', 'Besluta om ansökan');
			assert.equal(pathOf(page), `/applications/${id}/decision`);
			assert.equal(await page.locator('h1').innerText(), 'Besluta om ansökan');
			await page.getByLabel('Bevilja ansökan', { exact: true }).check();
			await page.getByRole('group', { name: 'Hur många år ska projektet pågå?' }).getByLabel('2 år', { exact: true }).check();
			await page.getByLabel('Projektets första dag', { exact: true }).fill('2017-07-01');
			await page.getByLabel('Projektets sista dag', { exact: true }).fill('2019-06-30');
			await page.getByLabel('Villkor på svenska (frivilligt)').fill(CONDITIONS);
			await page.getByLabel('Villkor på engelska (frivilligt)').fill(CONDITIONS_EN);
			// Year 1 at 600 000 kr, its costs adding up: more than a project in Africa may get a year.
			await fillYear(page, 1, { amount: 600000, costs: [300000, 200000, 100000, 0, 0, 0] });
			await fillYear(page, 2, APPROVED[1]);
			await go(page, 'button', 'Registrera beslutet');

			// Refused: the message at the year's amount, the input kept, nothing recorded.
			assert.equal(pathOf(page), `/applications/${id}/decision`);
			assert.ok((await page.title()).startsWith('Fel: '), `the title says there is an error: ${await page.title()}`);
			const ceiling = 'Skriv ett belopp mellan 300 000 kr och 500 000 kr för år 1';
			const summary = page.locator('.error-summary');
			assert.deepEqual((await texts(summary, 'li')).map(read), [ceiling], 'the ceiling is the only problem');
			assert.equal(await summary.locator('a').getAttribute('href'), '#amount-1');
			const amount1 = cell(page, 'Beviljat belopp, år 1');
			assert.equal(await amount1.getAttribute('aria-invalid'), 'true');
			const described = await amount1.getAttribute('aria-describedby');
			assert.ok(described, 'the field is described by its message');
			assert.equal(read(await page.locator(`[id="${described}"]`).innerText()), `Fel: ${ceiling}`);
			assert.equal(await amount1.locator('xpath=ancestor::td').locator(`[id="${described}"]`).count(), 1,
				'the message is in the amount\'s own cell');
			assert.equal(read(await amount1.inputValue()), '600 000', 'the amount typed is kept');
			assert.equal(read(await cell(page, 'Resor, år 1').inputValue()), '300 000');
			assert.equal(read(await cell(page, 'Beviljat belopp, år 2').inputValue()), '350 000');
			assert.equal(await page.getByLabel('Villkor på svenska (frivilligt)').inputValue(), CONDITIONS);
			assert.equal(await page.getByLabel('Villkor på engelska (frivilligt)').inputValue(), CONDITIONS_EN);
			assert.equal(await page.getByLabel('Projektets sista dag', { exact: true }).inputValue(), '2019-06-30');
			assert.ok(await page.getByLabel('Bevilja ansökan', { exact: true }).isChecked());
			assert.ok(await page.getByRole('group', { name: 'Hur många år ska projektet pågå?' }).getByLabel('2 år', { exact: true }).isChecked());
			assert.equal(await one(`SELECT COUNT(*) FROM decisions WHERE application_id = ${id}`), '0');

			// Year 1 within the rule: approved, and the project is created with the round's next code.
			await fillYear(page, 1, APPROVED[0]);
			await go(page, 'button', 'Registrera beslutet');
			assert.equal(pathOf(page), `/applications/${id}/decision`);
			assert.equal(await page.locator('.error-summary').count(), 0,
				`no problems: ${(await texts(page, '.error-summary li')).join('; ')}`);
			const code = page.getByRole('link', { name: /^2017-\d{4}$/ });
			assert.equal(await code.count(), 1, 'the page links to the new project by its code');
			found.code = read(await code.innerText());
			assert.equal(await code.getAttribute('href'), `/projects/${found.code}`);
			const [[stored, status]] = await q(`SELECT p.code, a.status FROM projects p
				JOIN applications a ON a.id = p.application_id WHERE a.id = ${id}`);
			assert.deepEqual([stored, status], [found.code, 'approved']);
			assert.deepEqual((await q(`SELECT y.amount FROM project_years y JOIN projects p ON p.id = y.project_id
				WHERE p.application_id = ${id} ORDER BY y.year`)).map((r) => Number(r[0])), APPROVED.map((y) => y.amount));
			const budget = page.getByRole('table', { name: 'Beviljad budget per projektår och kostnadsslag', exact: true });
			assert.match(read(await budget.innerText()), new RegExp(shownKr(sum(APPROVED.map((y) => y.amount)))));
			assert.equal(await page.getByRole('link', { name: 'Läs hela ansökan' }).getAttribute('href'), appPath);

			// The decision letter, from the decision.
			await go(page, 'link', 'Beslutsbrevet på svenska');
			assert.equal(pathOf(page), `/applications/${id}/letter?lang=sv`);
			await checkLetter(page, found.code);

			// In print: no header, navigation, buttons or hint; the letter with its amounts and reports.
			await screenOnly(page, page.locator('header.site-header'), 'site header');
			await screenOnly(page, page.locator('nav.breadcrumbs'), 'breadcrumb navigation');
			await screenOnly(page, page.getByRole('button', { name: 'Logga ut', exact: true, includeHidden: true }), 'sign-out button');
			await screenOnly(page, page.getByRole('button', { name: 'English', exact: true, includeHidden: true }), 'language button');
			await screenOnly(page, page.locator('.letter .no-print'), 'hint about printing');
			await screenOnly(page, page.locator('footer.site-footer'), 'site footer');
			assert.equal(await page.locator('main button, main input, main select, main textarea').count(), 0,
				'no controls in the letter');
			for (const name of ['Beviljad budget per projektår och kostnadsslag', 'Rapporter som projektet ska lämna till ICLD']) {
				const table = page.getByRole('table', { name, exact: true });
				assert.ok(await table.isVisible(), `the table "${name}" is printed`);
			}
			assert.ok(await page.getByRole('heading', { level: 1, name: 'Beslut: ansökan beviljas' }).isVisible());
			assert.ok(await page.getByText(CONDITIONS).isVisible(), 'the conditions are printed');
			await screenshot(page, 'decision-letter-print-sv');

			// The PDF Chromium makes of it: A4 pages, one or two of them.
			const pdf = await page.pdf({ format: 'A4' });
			fs.mkdirSync(SCREENSHOTS, { recursive: true });
			fs.writeFileSync(path.join(SCREENSHOTS, 'decision-letter-sv.pdf'), pdf);
			const raw = pdf.toString('latin1');
			assert.ok(raw.startsWith('%PDF-'), 'a PDF');
			const pages = (raw.match(/\/Type\s*\/Page(?![A-Za-z])/g) || []).length;
			assert.ok(pages >= 1 && pages <= 2, `the letter prints on one or two pages, not ${pages}`);
			const boxes = [...raw.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
			assert.equal(boxes.length, pages, 'every page has its size');
			for (const [, w, h] of boxes) {
				// A4 is 210 x 297 mm: 595.3 x 841.9 points.
				assert.ok(Math.abs(Number(w) - 595.3) < 2 && Math.abs(Number(h) - 841.9) < 2, `an A4 page, not ${w} x ${h}`);
			}
		});
	});

	test('the applicant sees the decision on their start page and reads the letter', { timeout: 120000 }, async () => {
		const { id, title, code } = application();
		assert.ok(code, 'an earlier step approved the application');
		await withPage(browser, async (page) => {
			assert.equal((await signIn(page, stack.baseUrl, APPLICANT)).status(), 200);
			assert.equal(pathOf(page), '/');
			assert.equal(await page.locator('h1').innerText(), APPLICANT_ORG);
			const decisions = page.getByRole('table', { name: 'ICLD:s beslut om er organisations ansökningar', exact: true });
			assert.equal(await decisions.count(), 1, 'the start page lists the decisions');
			const row = decisions.locator('tbody tr').filter({ hasText: title });
			assert.equal(await row.count(), 1, `the decision on "${title}" is listed`);
			assert.equal(read(await row.locator('.tag').innerText()), 'Beviljad');
			assert.equal(await row.getByRole('link', { name: code, exact: true }).getAttribute('href'), `/projects/${code}`);
			await screenshot(page, 'applicant-decided-sv');

			await clickAndWait(page, row.getByRole('link', { name: `Läs brevet om ansökan ${id}`, exact: true }));
			assert.equal(pathOf(page), `/applications/${id}/letter`);
			await checkLetter(page, code);

			// The application itself, from the start page: decided, and no trace of the reviews.
			await clickAndWait(page, page.locator('a.service-name'));
			await clickAndWait(page, row.getByRole('link', { name: title, exact: true }));
			assert.equal(pathOf(page), `/applications/${id}`);
			assert.equal(read(await page.locator('main .tag').first().innerText()), 'Beviljad');
			assert.equal(await page.getByRole('heading', { name: 'Granskningar' }).count(), 0, 'reviews are for ICLD only');
			assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(SCORES[0][2]));
		});
	});

	test('Sida reads the statistics of the 2016 round from its start page, without the officers\' links', { timeout: 120000 }, async () => {
		await withPage(browser, async (page) => {
			assert.equal((await signIn(page, stack.baseUrl, SIDA)).status(), 200);
			assert.equal(pathOf(page), '/');
			assert.equal(await page.locator('h1').innerText(), 'Programmet i korthet');
			for (const href of ['/inbox', '/audit', '/users', '/organisations'])
				assert.equal(await page.locator(`main a[href="${href}"]`).count(), 0, `no link to ${href} for Sida`);
			assert.equal(await page.getByRole('link', { name: INBOX }).count(), 0);
			assert.equal(await page.getByRole('link', { name: 'Händelselogg' }).count(), 0);

			await go(page, 'link', 'Statistik');
			assert.equal(pathOf(page), '/statistics');
			await page.getByLabel('Utlysning', { exact: true }).selectOption({ label: 'Utlysning 2016' });
			await go(page, 'button', 'Visa');
			const round2016 = await one('SELECT id FROM rounds WHERE year = 2016');
			assert.equal(new URL(page.url()).searchParams.get('round'), round2016, `the round is in the address: ${page.url()}`);
			assert.equal(read(await page.locator('main .lead').innerText()), 'Urval: Utlysning 2016');

			// Charts drawn on the server: SVG images named by their title.
			const charts = page.locator('main svg');
			assert.ok(await charts.count() >= 5, 'a chart for each breakdown');
			for (const svg of await charts.all()) {
				assert.equal(await svg.getAttribute('role'), 'img');
				assert.ok(read(await svg.locator('title').textContent()).length > 0, 'every chart has a title');
			}
			const countryChart = page.getByRole('img', { name: /^Projekt per partnerland\b/ });
			assert.equal(await countryChart.count(), 1, 'the chart of projects per country');
			assert.equal(read(await countryChart.locator('title').textContent()), 'Projekt per partnerland');

			// The same figures in the table beside it: the announcement's order, 32 projects in all.
			const table = page.getByRole('table', { name: 'Projekt per partnerland', exact: true });
			const countries = await texts(table, 'tbody th[scope="row"]');
			const counts = (await texts(table, 'tbody tr > td:nth-of-type(1)')).map((n) => Number(n.replace(/\D/g, '')));
			assert.deepEqual(countries.slice(0, 2), ['Kenya', 'Kina'], `Kenya and China first: ${countries.join(', ')}`);
			assert.deepEqual(countries.slice(2, 6), ['Botswana', 'Uganda', 'Sydafrika', 'Kosovo']);
			assert.ok(counts.every((n, i) => i === 0 || counts[i - 1] >= n), `most projects first: ${counts.join(', ')}`);
			assert.equal(sum(counts), 32, 'the 2016 round\'s 32 projects');
			assert.equal(await countryChart.locator('rect.bar').count(), countries.length, 'a bar for every row');
			await screenshot(page, 'statistics-2016-sida-sv');
		});
	});
});

/** The decision letter in page: the approval, the project, the amounts per year, the conditions, the reports due. */
async function checkLetter(page, code) {
	const { id, title } = application();
	assert.equal(await page.locator('h1').innerText(), 'Beslut: ansökan beviljas');
	const main = read(await page.locator('main').innerText());
	for (const s of [title, APPLICANT_ORG, code, CONDITIONS, shownKr(sum(APPROVED.map((y) => y.amount)))])
		assert.ok(main.includes(s), `the letter says ${s}`);
	assert.ok(!main.includes(CONDITIONS_EN), 'the Swedish letter has the Swedish conditions only');
	const budget = page.getByRole('table', { name: 'Beviljad budget per projektår och kostnadsslag', exact: true });
	const totals = (await budget.locator('tfoot td').allInnerTexts()).map(read);
	assert.deepEqual(totals, [...APPROVED.map((y) => shownKr(y.amount)), shownKr(sum(APPROVED.map((y) => y.amount)))],
		'the amount of each year and the total');
	const travel = (await budget.locator('tbody tr').filter({ hasText: 'Resor' }).locator('td').allInnerTexts()).map(read);
	assert.deepEqual(travel, [...APPROVED.map((y) => shownKr(y.costs[0])), shownKr(sum(APPROVED.map((y) => y.costs[0])))]);
	const due = await q(`SELECT r.kind, r.project_year, DATE_FORMAT(r.due_on, '%Y-%m-%d') FROM reports r
		JOIN projects p ON p.id = r.project_id WHERE p.application_id = ${id} ORDER BY r.kind = 'final', r.project_year`);
	assert.equal(due.length, APPROVED.length + 1, 'a report per year and a final one');
	const reports = page.getByRole('table', { name: 'Rapporter som projektet ska lämna till ICLD', exact: true });
	const rows = await reports.locator('tbody tr').all();
	assert.equal(rows.length, due.length);
	for (const [i, [kind, year, date]] of due.entries()) {
		const name = kind === 'final' ? 'Slutrapport' : `Lägesrapport, år ${year}`;
		assert.equal(read(await rows[i].locator('th').innerText()), name);
		assert.equal(read(await rows[i].locator('td').last().innerText()), date, `${name} is due ${date}`);
	}
}
