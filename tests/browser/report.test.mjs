// report.test.mjs - a progress report from the applicant to ICLD's payment, in a real browser (Debian's Chromium
// through playwright-core) with JavaScript switched off: the applicant opens a report from their project's page,
// attaches the signed accounts, first forgets to explain a variance over 10 %, explains it and submits; a
// programme officer finds it among the submitted reports, downloads the accounts and returns the report with a
// comment; the applicant reads the comment, revises, adds a photo and submits again; the officer approves it and
// records the reimbursement, the project's page shows the payment and the Sida export carries it. The steps run in order, each person in a
// fresh browser context; the stack (MariaDB with the demo data, the workers, nginx) is this file's own, its today
// the demo's 2016-09-30.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openStack, ACCOUNTS, DEMO_TODAY, grouped, kr } from '../e2e/harness.mjs';
import { pdfFile, pngFile } from '../e2e/lib/files.mjs';
import { budgetOf } from '../e2e/lib/report.mjs';
import { xmllint, activities } from '../e2e/lib/iati.mjs';
import {
	launchBrowser, stopAll, clickAndWait, go, withPage, signIn, pathOf, screenshot, texts,
} from './lib/browser.mjs';

const { admin: ADMIN, applicant: APPLICANT } = ACCOUNTS;
/** The cost categories as the form names them, by their codes. */
const CATEGORY = {
	travel: 'Resor', accommodation: 'Logi', meetings: 'Möten och workshoppar', consultants: 'Konsulter',
	translation: 'Översättning', other: 'Övrigt',
};
const NARRATIVE = [
	['Genomförda aktiviteter', 'Tre gemensamma workshoppar om medborgarlöften och ett studiebesök i Borlänge i maj.'],
	['Resultat mot målen', 'Två förvaltningar publicerar medborgarlöften; klagomål besvaras snabbare.'],
	['Avvikelser från planen och varför', 'Den andra workshoppen flyttades från mars till april på grund av budgetmötet.'],
	['Lärdomar', 'Att arbeta i par över partnerskapet gjorde utbytet konkret.'],
	['Kvinnors och utsatta gruppers deltagande', '54 % av deltagarna var kvinnor; ungdomsråd deltog i två workshoppar.'],
];
const ACCOUNTS_PDF = { name: 'Ekonomisk redovisning 2016, undertecknad.pdf', mimeType: 'application/pdf',
	buffer: pdfFile('Ekonomisk redovisning 2016') };
const PHOTO = { name: 'Workshop i Nakuru.png', mimeType: 'image/png', buffer: pngFile(32, 24) };
const COMMENT = 'Förklara resekostnaderna per resa: flyg och lokala resor för sig.';
/** The form's button that saves the report and leads to its check page, where it is submitted. */
const CHECK = 'Spara och kontrollera rapporten innan du skickar in den';
const EXPLAIN = 'Flygpriserna steg inför studiebesöket.';
const EXPLAIN_AGAIN = 'Flyg 60 %, lokala resor 40 %: flygpriserna steg inför studiebesöket.';

let stack, q, one;
let browser;
/** The report of the journey: id, the project's code and the report's year, its budget, indicators and travel cost. */
const found = {};

before(async () => {
	({ stack, q, one } = await openStack({ workers: 2 }));
	browser = await launchBrowser();
	// A progress report of Borlänge's not yet begun, of a year nothing has been paid for, with a travel budget to go over.
	[[found.id, found.code, found.year]] = await q(`SELECT r.id, p.code, r.project_year FROM reports r
		JOIN projects p ON p.id = r.project_id JOIN applications a ON a.id = p.application_id
		JOIN users u ON u.org_id = a.applicant_org_id WHERE u.email = '${APPLICANT}' AND r.kind = 'progress'
		AND r.status = 'draft' AND r.revision = 0 AND p.status = 'implementation'
		AND NOT EXISTS (SELECT 1 FROM disbursements d JOIN reports x ON x.id = d.report_id
			WHERE x.project_id = r.project_id AND x.project_year = r.project_year)
		AND EXISTS (SELECT 1 FROM project_budget_lines bl WHERE bl.project_id = p.id AND bl.year = r.project_year
			AND bl.category = 'travel' AND bl.amount > 0) ORDER BY r.due_on, r.id LIMIT 1`);
	assert.ok(found.id, 'Borlänge has a progress report due with a travel budget');
	found.budget = await budgetOf(q, found.id);
	found.indicators = (await q(`SELECT i.id, i.measure = 'qualitative' FROM reports r JOIN projects p ON p.id = r.project_id
		JOIN objectives ob ON ob.application_id = p.application_id JOIN expected_results er ON er.objective_id = ob.id
		JOIN indicators i ON i.result_id = er.id WHERE r.id = ${found.id} ORDER BY i.id`))
		.map(([id, qual]) => ({ id, qualitative: qual === '1' }));
	// Travel a fifth over its budget; every other category as budgeted.
	found.travel = Math.round(found.budget.lines.travel * 1.2);
}, { timeout: 120000 });

after(() => stopAll(browser, stack));

/** Text as people read it: no-break and narrow no-break spaces as plain ones, runs of space as one. */
const read = (s) => s.replace(/[\u00a0\u202f\s]+/g, ' ').trim();
/** 450000 -> "450 000", as people type amounts. */
const typed = (n) => read(grouped(n));
const shownKr = (n) => read(kr(n));
const reportPath = () => `/reports/${found.id}`;

/** The table of the report's files: [[name, type, size, added by, added, submitted with]]. */
async function files(page) {
	const table = page.getByRole('table', { name: 'Rapportens undertecknade ekonomiska redovisning, foton och andra filer', exact: true });
	const out = [];
	for (const row of await table.locator('tbody tr').all())
		out.push([read(await row.locator('th').innerText()), ...(await row.locator('td').allInnerTexts()).map(read)]);
	return out;
}

/** From a signed-in applicant's start page: the project, and the report from its reports. */
async function openFromStart(page) {
	await clickAndWait(page, page.getByRole('table', { name: 'Projekt', exact: true })
		.getByRole('link', { name: found.code, exact: true }));
	assert.equal(pathOf(page), `/projects/${found.code}`);
	await clickAndWait(page, page.getByRole('table', { name: 'Rapporter', exact: true }).locator(`a[href="${reportPath()}"]`));
	assert.equal(pathOf(page), reportPath());
}

/** From a signed-in officer's start page: the report, from the submitted reports of the reports list. */
async function openFromList(page) {
	await go(page, 'link', 'Rapporter: inskickade, kommande och försenade');
	assert.equal(pathOf(page), '/reports');
	await clickAndWait(page, page.locator('.status-counts a').filter({ hasText: 'Inskickad' }));
	assert.equal(new URL(page.url()).searchParams.get('status'), 'submitted');
	const row = page.locator('.table-list tbody tr').filter({ has: page.getByRole('link', { name: found.code, exact: true }) });
	assert.equal(await row.count(), 1, `the submitted report of ${found.code} is listed`);
	await clickAndWait(page, row.locator(`a[href="${reportPath()}"]`));
	assert.equal(pathOf(page), reportPath());
}

describe('a progress report, from the applicant to ICLD\'s payment', () => {
	test('the applicant fills in the report, attaches the signed accounts, explains the variance and submits', { timeout: 180000 }, async () => {
		await withPage(browser, async (page) => {
			assert.equal((await signIn(page, stack.baseUrl, APPLICANT)).status(), 200);
			await openFromStart(page);
			assert.equal(read(await page.locator('h1').innerText()), `Lägesrapport, år ${found.year}`);

			for (const [label, text] of NARRATIVE) await page.getByLabel(label, { exact: true }).fill(text);
			for (const i of found.indicators) {
				if (i.qualitative) await page.locator(`[id="ind-${i.id}-text"]`).fill('Ett förslag till stadga har diskuterats i fullmäktige.');
				else await page.locator(`[id="ind-${i.id}-value"]`).fill('2,5');
			}
			for (const [code, amount] of Object.entries(found.budget.lines)) {
				await page.getByLabel(`${CATEGORY[code]}, faktisk kostnad`, { exact: true })
					.fill(typed(code === 'travel' ? found.travel : amount));
			}
			assert.equal(await page.getByRole('table', { name: /Rapportens undertecknade/ }).count(), 0, 'no files yet');
			// Enter in a field saves the draft, as the form's first button does: it never submits the report.
			await clickAndWait(page, () => page.getByLabel('Resor, faktisk kostnad', { exact: true }).press('Enter'));
			assert.equal(pathOf(page), `${reportPath()}?saved=1`);
			assert.equal(await one(`SELECT status FROM reports WHERE id = ${found.id}`), 'draft', 'Enter saved, it did not submit');
			await page.getByLabel('Lägg till filer', { exact: true }).setInputFiles(ACCOUNTS_PDF);
			await go(page, 'button', CHECK);

			// Not submitted: the variance needs its explanation. Saved as a draft, the accounts with it.
			assert.equal(pathOf(page), reportPath());
			assert.ok((await page.title()).startsWith('Fel: '), `the title says there is an error: ${await page.title()}`);
			const missing = 'Resor: förklara varför den faktiska kostnaden avviker från budgeten med mer än 10 %';
			assert.deepEqual((await texts(page, '.error-summary li')).map(read), [missing]);
			assert.equal(await page.locator('.error-summary a').getAttribute('href'), '#explain-travel');
			const explain = page.getByLabel('Resor, förklaring till avvikelsen', { exact: true });
			assert.equal(await explain.getAttribute('aria-invalid'), 'true');
			assert.equal(read(await page.getByLabel('Resor, faktisk kostnad', { exact: true }).inputValue()), typed(found.travel));
			assert.equal(await page.getByLabel('Lärdomar', { exact: true }).inputValue(), NARRATIVE[3][1], 'the narrative is kept');
			assert.match(read(await page.locator('.notice-warning').first().innerText()), /sparad som utkast/);
			let list = await files(page);
			assert.deepEqual(list.map((r) => [r[0], r[1], r[5]]), [[ACCOUNTS_PDF.name, 'PDF-dokument', 'Inte än']],
				'the accounts were kept with the draft');
			await screenshot(page, 'report-variance-error-sv');
			assert.equal(await one(`SELECT status FROM reports WHERE id = ${found.id}`), 'draft');

			await explain.fill(EXPLAIN);
			await go(page, 'button', CHECK);
			// The check page: the report as it will be sent, with its figures and files, and the one button that sends it.
			assert.equal(pathOf(page), `${reportPath()}/check`);
			assert.match(read(await page.locator('h1').innerText()), /^Kontrollera din rapport: Lägesrapport, år /);
			assert.match(read(await page.getByRole('table', { name: /^Kostnader för projektår/ }).innerText()), new RegExp(EXPLAIN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
			assert.deepEqual((await files(page)).map((r) => r[0]), [ACCOUNTS_PDF.name]);
			assert.equal(await page.getByRole('textbox').count(), 0, 'nothing to type on the check page');
			await screenshot(page, 'report-check-sv');
			await go(page, 'button', 'Skicka in rapporten till ICLD');
			assert.equal(pathOf(page), `${reportPath()}?sent=1`);
			assert.match(read(await page.locator('.notice-success').innerText()), /^Din rapport har skickats in till ICLD/);
			list = await files(page);
			assert.deepEqual(list.map((r) => [r[0], r[5]]), [[ACCOUNTS_PDF.name, 'Version 1']]);
			assert.equal(await page.getByLabel('Lägg till filer').count(), 0, 'submitted: no more files');
			assert.equal(await page.getByRole('button', { name: /^Ta bort/ }).count(), 0);
			await screenshot(page, 'report-submitted-applicant-sv');
			assert.deepEqual((await q(`SELECT status, revision FROM reports WHERE id = ${found.id}`))[0], ['submitted', '1']);
		});
	});

	test('an officer finds the report among the submitted ones, downloads the accounts and returns it with a comment', { timeout: 180000 }, async () => {
		await withPage(browser, async (page) => {
			await signIn(page, stack.baseUrl, ADMIN);
			await openFromList(page);
			const list = await files(page);
			assert.deepEqual(list.map((r) => r[0]), [ACCOUNTS_PDF.name]);
			const [download] = await Promise.all([page.waitForEvent('download'),
				page.getByRole('link', { name: ACCOUNTS_PDF.name, exact: true }).click()]);
			assert.equal(download.suggestedFilename(), ACCOUNTS_PDF.name, 'saved under its own name');
			assert.ok(fs.readFileSync(await download.path()).equals(ACCOUNTS_PDF.buffer), 'the same bytes as uploaded');

			// The explanation is there to read; the reimbursement it would bring is worked out.
			const travelRow = page.getByRole('table', { name: /^Kostnader för projektår/ }).locator('tbody tr').filter({ hasText: 'Resor' });
			assert.match(read(await travelRow.innerText()), new RegExp(EXPLAIN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
			await page.getByLabel('Återsänd den för komplettering', { exact: true }).check();
			await page.getByLabel('Kommentar till sökanden', { exact: true }).fill(COMMENT);
			await go(page, 'button', 'Registrera beslutet');
			assert.equal(pathOf(page), reportPath());
			assert.equal(read(await page.locator('main .tag').first().innerText()), 'Återsänd för komplettering');
			assert.deepEqual((await q(`SELECT status, admin_comment FROM reports WHERE id = ${found.id}`))[0], ['returned', COMMENT]);
		});
	});

	test('the applicant reads the comment, revises, adds a photo and submits again', { timeout: 180000 }, async () => {
		await withPage(browser, async (page) => {
			await signIn(page, stack.baseUrl, APPLICANT);
			await openFromStart(page);
			const returned = page.locator('#returned');
			assert.equal(read(await returned.locator('h2').innerText()), 'ICLD har återsänt rapporten för komplettering');
			assert.equal(read(await returned.locator('.prose').innerText()), COMMENT);
			// The report as submitted, to revise: the accounts submitted stay, without a way to remove them.
			assert.equal(await page.getByLabel('Resor, förklaring till avvikelsen', { exact: true }).inputValue(), EXPLAIN);
			assert.deepEqual((await files(page)).map((r) => [r[0], r[5]]), [[ACCOUNTS_PDF.name, 'Version 1']]);
			assert.equal(await page.getByRole('button', { name: /^Ta bort/ }).count(), 0);

			await page.getByLabel('Resor, förklaring till avvikelsen', { exact: true }).fill(EXPLAIN_AGAIN);
			await page.getByLabel('Lägg till filer', { exact: true }).setInputFiles(PHOTO);
			await go(page, 'button', CHECK);
			assert.equal(pathOf(page), `${reportPath()}/check`);
			await go(page, 'button', 'Skicka in rapporten till ICLD');
			assert.equal(pathOf(page), `${reportPath()}?sent=1`);
			assert.deepEqual((await files(page)).map((r) => [r[0], r[1], r[5]]),
				[[ACCOUNTS_PDF.name, 'PDF-dokument', 'Version 1'], [PHOTO.name, 'PNG-bild', 'Version 2']]);
			const revisions = await texts(page, '#revisions ~ .table-wrap tbody tr th');
			assert.deepEqual(revisions.map(read), ['Version 2', 'Version 1'], 'both submissions in the history');
			assert.deepEqual((await q(`SELECT status, revision FROM reports WHERE id = ${found.id}`))[0], ['submitted', '2']);
		});
	});

	test('the officer approves it, records the reimbursement, and the project page shows the payment', { timeout: 180000 }, async () => {
		await withPage(browser, async (page) => {
			await signIn(page, stack.baseUrl, ADMIN);
			await openFromList(page);
			assert.deepEqual((await files(page)).map((r) => r[0]), [ACCOUNTS_PDF.name, PHOTO.name]);
			await page.getByLabel('Godkänn rapporten', { exact: true }).check();
			await go(page, 'button', 'Registrera beslutet');
			assert.equal(pathOf(page), reportPath());
			assert.equal(read(await page.locator('main .tag').first().innerText()), 'Godkänd', 'a report is approved (godkänd), an application granted (beviljad)');

			// Every category within its line but travel, capped at its budget; the sum at most the year's amount.
			const { lines, amount } = found.budget;
			const eligible = Object.values(lines).reduce((a, b) => a + b, 0);
			const due = Math.min(eligible, amount);
			assert.equal(await page.locator('#due').getAttribute('data-kronor'), String(due));
			assert.equal(read(await page.locator('#due').innerText()), shownKr(due));
			assert.equal(read(await page.getByLabel('Utbetalt belopp', { exact: true }).inputValue()), typed(due), 'the amount prefilled');
			assert.equal(await page.getByLabel('Utbetalningsdag', { exact: true }).inputValue(), DEMO_TODAY);
			await go(page, 'button', 'Registrera utbetalningen');
			assert.equal(pathOf(page), reportPath());
			const paid = page.locator('#payment + dl');
			assert.match(read(await paid.innerText()), new RegExp(`Utbetalt av ICLD ${shownKr(due)} Utbetalt den ${DEMO_TODAY}`));
			assert.deepEqual((await q(`SELECT amount, paid_on FROM disbursements WHERE report_id = ${found.id}`)), [[String(due), DEMO_TODAY]]);

			// The project's page: the payment, and the year reported, approved and paid.
			await clickAndWait(page, page.locator('main').getByRole('link', { name: found.code, exact: true }).first());
			assert.equal(pathOf(page), `/projects/${found.code}`);
			const payments = page.getByRole('table', { name: 'Utbetalningar', exact: true });
			const row = payments.locator('tbody tr').filter({ hasText: `år ${found.year}` });
			assert.equal(await row.count(), 1, 'the payment of the report is listed');
			assert.deepEqual((await row.locator('td').allInnerTexts()).map(read),
				[DEMO_TODAY, `Lägesrapport, år ${found.year}`, shownKr(due)]);
			const year = page.getByRole('table', { name: 'Varje projektår: budget, redovisat, godkänt och utbetalt', exact: true })
				.locator('tbody tr').filter({ hasText: `År ${found.year}` });
			const cells = (await year.locator('td').allInnerTexts()).map(read);
			assert.deepEqual(cells.slice(0, 4), [shownKr(amount), shownKr(eligible - lines.travel + found.travel), shownKr(due), shownKr(due)],
				'budget, reported, approved and paid');
			assert.equal(read(await year.locator('td .tag').innerText()), 'Godkänd', 'its progress report approved (a report is godkänd)');
			await screenshot(page, 'project-paid-admin-sv');

			// The Sida export, downloaded in the same signed-in browser: the payment is a disbursement
			// transaction of the project's activity, and the file still validates against IATI's schema.
			const res = await page.request.get(`${stack.baseUrl}/export/iati.xml`);
			assert.equal(res.status(), 200);
			const xml = await res.text();
			const lint = await xmllint(xml, 'journey.xml');
			assert.ok(lint.ok, `xmllint: ${lint.out.slice(0, 2000)}`);
			const act = [...activities(xml)].find(([ident]) => ident.endsWith(`-${found.code}`))?.[1];
			assert.ok(act, `the export has project ${found.code}`);
			const disbursements = [...act.matchAll(/<transaction>([\s\S]*?)<\/transaction>/g)]
				.filter((m) => m[1].includes('<transaction-type code="3"/>'))
				.map((m) => [m[1].match(/<transaction-date iso-date="([^"]+)"/)[1], Number(m[1].match(/<value[^>]*>([^<]*)</)[1])]);
			assert.ok(disbursements.some(([date, value]) => date === DEMO_TODAY && value === due),
				`a disbursement of ${due} on ${DEMO_TODAY} in ${JSON.stringify(disbursements)}`);
		});
	});
});
