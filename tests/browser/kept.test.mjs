// kept.test.mjs - a report's narrative saved after the session lapsed is not lost, in a real browser (Chromium,
// JavaScript off): the stack's session idle timeout is one minute; the applicant types the lessons learnt and
// chooses a file, lets the session lapse and presses Save; they land on the sign-in page, which says what was
// kept; a colleague signing in on the same browser sees nothing of it; the applicant signs in again, lands on
// what they sent, and saves it on their word: the report's form then holds the narrative.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, ACCOUNTS } from '../e2e/harness.mjs';
import { pdfFile } from '../e2e/lib/files.mjs';
import { launchBrowser, stopAll, clickAndWait, go, withPage, signIn, pathOf, gotoPage } from './lib/browser.mjs';

const LESSONS = `Att arbeta i par över partnerskapet gjorde utbytet konkret; skrivet i mer än en timme (${process.pid}).`;
const FILE = { name: 'Ekonomisk redovisning.pdf', mimeType: 'application/pdf', buffer: pdfFile('Ekonomisk redovisning') };

let stack, one, browser, report;

before(async () => {
	({ stack, one } = await openStack({ workers: 2, conf: { 'app.session_idle_minutes': 1 } }));
	browser = await launchBrowser();
	report = await one(`SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id
		JOIN applications a ON a.id = p.application_id JOIN users u ON u.org_id = a.applicant_org_id
		WHERE u.email = '${ACCOUNTS.applicant}' AND r.status = 'draft' ORDER BY r.due_on, r.id LIMIT 1`);
	assert.ok(report, 'Borlänge has a report to write');
});

after(() => stopAll(browser, stack));

describe('a save after the session lapsed', () => {
	test('keeps what was typed for its author, who saves it after signing in again; a colleague sees nothing', { timeout: 120000 }, async () => {
		await withPage(browser, async (page) => {
			await signIn(page, stack.baseUrl, ACCOUNTS.applicant);
			await gotoPage(page, stack.baseUrl, `/reports/${report}`);
			await page.getByLabel('Lärdomar', { exact: true }).fill(LESSONS);
			await page.getByLabel('Lägg till filer', { exact: true }).setInputFiles(FILE);
			// A minute and a half without activity: past the stack's idle timeout.
			await stack.mysql(`UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.last_seen_at = UTC_TIMESTAMP() - INTERVAL 90 SECOND
				WHERE u.email = '${ACCOUNTS.applicant}'`);
			const res = await clickAndWait(page, page.locator('button[name="action"][value="save"]'));
			assert.equal(res.status(), 200);
			assert.equal(pathOf(page), '/login?next=/kept');
			assert.match(await page.locator('main').innerText(), /Det du skickade har sparats undan: logga in igen för att spara det/);

			// A colleague on the same browser: their start page, nothing of it.
			await signIn(page, stack.baseUrl, 'kalmar@kommun.example');
			assert.equal(pathOf(page), '/');
			assert.ok(!(await page.content()).includes('skrivet i mer än en timme'));
			await go(page, 'button', 'Logga ut');

			await signIn(page, stack.baseUrl, ACCOUNTS.applicant);
			assert.equal(pathOf(page), '/kept');
			assert.equal(await page.locator('h1').innerText(), 'Det du skickade har sparats undan');
			assert.match(await page.locator('main').innerText(), new RegExp(LESSONS.replace(/[().]/g, '\\$&')));
			assert.match(await page.locator('main').innerText(), /Filer som du valde sparades inte undan/);
			assert.equal(await page.locator(`a[href="/reports/${report}"]`).count(), 1, 'the page it was sent from');

			await go(page, 'button', 'Spara det jag skickade');
			assert.equal(new URL(page.url()).pathname, `/reports/${report}`);
			assert.equal(await page.getByLabel('Lärdomar', { exact: true }).inputValue(), LESSONS, 'saved');
			assert.equal(await one('SELECT COUNT(*) FROM kept_posts'), '0', 'nothing kept any more');
		});
	});
});
