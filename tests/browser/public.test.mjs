// public.test.mjs - an anonymous visitor on the public register of partnerships in a real browser (Debian's
// Chromium through playwright-core), JavaScript off: from the sign-in page to the register, a search, a
// country, a project's page, the language switched, and back to the list; no cookie until the visitor asks
// for a language. The stack (MariaDB with the demo data, the workers, nginx) is this file's own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, textOf } from '../e2e/harness.mjs';
import {
	launchBrowser, stopAll, clickAndWait, gotoPage, withPage, setLanguage, htmlLang, pathOf, screenshot, texts,
} from './lib/browser.mjs';

let stack;
let browser;

before(async () => {
	stack = await startStack({ workers: 2 });
	browser = await launchBrowser();
}, { timeout: 120000 });

after(() => stopAll(browser, stack));

const PUBLISHED = "FROM projects p JOIN applications a ON a.id = p.application_id WHERE p.withheld = 0 AND a.status = 'approved'";

/** The project codes of the list's rows on the page. */
const rowCodes = (page) => texts(page, 'table.table-list tbody tr td:first-child');

describe('an anonymous visitor without JavaScript', () => {
	test('finds the register from the sign-in page', { timeout: 60000 }, async () => {
		await withPage(browser, async (page) => {
			await gotoPage(page, stack.baseUrl, '/login');
			const link = page.locator('main').getByRole('link', { name: 'Partnerskap: det offentliga registret', exact: true });
			assert.equal(await link.count(), 1);
			const res = await clickAndWait(page, link);
			assert.equal(res.status(), 200);
			assert.equal(pathOf(page), '/partnerships');
			assert.equal(await page.locator('h1').innerText(), 'Partnerskap');
		});
	});

	test('searches the register, filters it by country, opens a project and switches language', { timeout: 120000 }, async () => {
		await withPage(browser, async (page, context) => {
			const res = await gotoPage(page, stack.baseUrl, '/partnerships');
			assert.equal(res.status(), 200);
			assert.equal(await htmlLang(page), 'sv');
			assert.deepEqual(await context.cookies(), [], 'reading the register sets no cookie');

			// A search by a partner's name.
			const [[kisumu]] = await stack.mysql(`SELECT COUNT(*) ${PUBLISHED} AND EXISTS (SELECT 1 FROM application_partners ap ` +
				"JOIN organisations o ON o.id = ap.org_id WHERE ap.application_id = a.id AND o.name LIKE '%Kisumu%')");
			assert.ok(Number(kisumu) > 0 && Number(kisumu) < 50);
			await page.getByLabel('Sök bland titlar och organisationer', { exact: true }).fill('Kisumu');
			await clickAndWait(page, page.getByRole('button', { name: 'Filtrera', exact: true }));
			assert.equal(new URL(page.url()).pathname, '/partnerships');
			assert.equal(new URL(page.url()).searchParams.get('q'), 'Kisumu', 'the search is in the address, to bookmark');
			assert.equal((await rowCodes(page)).length, Number(kisumu), 'the projects with Kisumu as partner');
			for (const cell of await texts(page, 'table.table-list tbody tr td:nth-child(4)'))
				assert.match(cell, /Kisumu/, 'each row names the partner searched for');

			// Then by country, keeping the search.
			await page.getByLabel('Land', { exact: true }).selectOption({ label: 'Kenya' });
			await clickAndWait(page, page.getByRole('button', { name: 'Filtrera', exact: true }));
			assert.equal(new URL(page.url()).searchParams.get('country'), 'KE');
			assert.equal(new URL(page.url()).searchParams.get('q'), 'Kisumu');
			const countries = await texts(page, 'table.table-list tbody tr td:nth-child(5)');
			assert.ok(countries.length > 0);
			assert.ok(countries.every((c) => c === 'Kenya'), countries.join(', '));
			await screenshot(page, 'register-filtered-sv');

			// A project's page.
			const codes = await rowCodes(page);
			const code = codes[0];
			const [[titleSv, titleEn]] = await stack.mysql(`SELECT a.title_sv, a.title_en ${PUBLISHED} AND p.code = '${code}'`);
			await clickAndWait(page, page.getByRole('link', { name: code, exact: true }));
			assert.equal(pathOf(page), `/partnerships/${code}`);
			assert.equal(await page.locator('h1').innerText(), titleSv);
			assert.match(await page.locator('.caption').innerText(), new RegExp(`Partnerskap ${code}`));
			assert.equal(await page.getByRole('table', { name: 'Beviljad budget och utbetalda belopp per projektår' }).count(), 1);

			// English, with the header's switch: the same page, in English, and now a cookie for it.
			await setLanguage(page, 'en');
			assert.equal(pathOf(page), `/partnerships/${code}`, 'back on the same page');
			assert.equal(await page.locator('h1').innerText(), titleEn);
			assert.equal(await page.getByRole('table', { name: 'Approved budget and amounts paid, per project year' }).count(), 1);
			assert.deepEqual((await context.cookies()).map((c) => c.name), ['kpp_lang']);
			await screenshot(page, 'register-project-en');

			// Back to the register by the breadcrumbs, in English.
			await clickAndWait(page, page.locator('nav.breadcrumbs').getByRole('link', { name: 'Partnerships', exact: true }));
			assert.equal(pathOf(page), '/partnerships');
			assert.equal(await page.locator('h1').innerText(), 'Partnerships');
			assert.match(textOf(await page.locator('.list-showing').innerHTML()), /^Showing 1 to 50 of \d+ partnerships$/);
		});
	});
});
