// journey.test.mjs - people's journeys through kpp in a real browser (Debian's Chromium through
// playwright-core) with JavaScript switched off: the service must work without it. Each test has a fresh
// browser context (no cookies); the stack (MariaDB with the demo data, the workers, nginx) is this file's own.
// Screenshots of the start pages go to var/test/screenshots/ for people to look at; nothing asserts them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../e2e/harness.mjs';
import {
	TIMEOUT, launchBrowser, stopAll, clickAndWait, gotoPage, withPage, signIn, setLanguage, htmlLang, pathOf,
	languageButton, signInButton, screenshot, texts,
} from './lib/browser.mjs';

const APPLICANT = 'borlange@kommun.example';
const APPLICANT_ORG = 'Borlänge kommun';

let stack;
let browser;

before(async () => {
	stack = await startStack({ workers: 2 });
	browser = await launchBrowser();
}, { timeout: 120000 });

after(() => stopAll(browser, stack));

/** The element that has the keyboard focus: {tag, id, cls, href, text}. Read over CDP, so it works without JS. */
function focused(page) {
	return page.evaluate(() => {
		const e = document.activeElement;
		return e ? {
			tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, href: e.getAttribute('href'),
			text: (e.textContent || '').trim(),
		} : null;
	});
}

/** Waits until the element with this id has the focus (page.waitForFunction works without page JavaScript). */
async function waitForFocus(page, id) {
	try {
		await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: TIMEOUT });
	} catch (e) {
		throw new Error(`focus never reached #${id}; it is on ${JSON.stringify(await focused(page))}: ${e.message}`);
	}
	return focused(page);
}

describe('an applicant without JavaScript', () => {
	test('signs in, reads an application and a project, switches language and signs out', { timeout: 120000 }, async () => {
		await withPage(browser, async (page) => {
			// The start page asks for sign-in first.
			await gotoPage(page, stack.baseUrl, '/');
			assert.equal(new URL(page.url()).pathname, '/login', `/ sends a stranger to sign in (at ${page.url()})`);
			assert.equal(await htmlLang(page), 'sv', 'a Swedish browser gets the Swedish service');
			assert.equal(await page.locator('h1').innerText(), 'Logga in');

			// Email and password typed with the keyboard; Tab moves from the email to the password field.
			await page.locator('#email').click();
			await page.keyboard.type(APPLICANT);
			await page.keyboard.press('Tab');
			assert.equal((await focused(page)).id, 'password', 'Tab goes from the email to the password field');
			await page.keyboard.type('demo-password');
			const button = page.getByRole('button', { name: 'Logga in', exact: true });
			assert.equal(await button.count(), 1, 'one "Logga in" button');
			const home = await clickAndWait(page, button);
			assert.equal(home.status(), 200);
			assert.equal(pathOf(page), '/', 'after sign-in the applicant is back on the start page');

			// The start page: their organisation and their applications.
			assert.equal(await page.locator('h1').innerText(), APPLICANT_ORG);
			assert.match(await page.locator('.who').innerText(), new RegExp(APPLICANT_ORG));
			const apps = page.getByRole('table', { name: 'Ansökningar', exact: true });
			assert.equal(await apps.count(), 1, 'the applications table (caption "Ansökningar")');
			const appLinks = apps.locator('tbody a[href^="/applications/"]');
			assert.ok(await appLinks.count() > 0, 'the organisation has applications listed');
			await screenshot(page, 'applicant-start-sv');

			// One of their applications.
			const appHref = await appLinks.first().getAttribute('href');
			const appTitle = (await appLinks.first().innerText()).trim();
			const app = await clickAndWait(page, appLinks.first());
			assert.equal(app.status(), 200);
			assert.equal(pathOf(page), appHref);
			assert.equal((await page.locator('h1').innerText()).trim(), appTitle);
			assert.match(await page.locator('main').innerText(), new RegExp(APPLICANT_ORG));

			// Back to the start page with the service name, then one of their projects.
			await clickAndWait(page, page.locator('a.service-name'));
			assert.equal(pathOf(page), '/');
			const projects = page.getByRole('table', { name: 'Projekt', exact: true });
			assert.equal(await projects.count(), 1, 'the projects table (caption "Projekt")');
			const projLink = projects.locator('tbody a[href^="/projects/"]').first();
			const projHref = await projLink.getAttribute('href');
			const code = (await projLink.innerText()).trim();
			const proj = await clickAndWait(page, projLink);
			assert.equal(proj.status(), 200);
			assert.equal(pathOf(page), projHref);
			assert.match(await page.locator('main').innerText(), new RegExp(`Projekt ${code}`));
			assert.ok(await page.getByRole('heading', { name: 'Budget och utbetalningar' }).count(), 'Swedish headings');

			// English with the header's button: the same page, now in English.
			assert.equal((await languageButton(page).innerText()).trim(), 'English');
			const en = await clickAndWait(page, languageButton(page));
			assert.equal(en.status(), 200);
			assert.equal(pathOf(page), projHref, 'the language switch comes back to the same page');
			assert.equal(await htmlLang(page), 'en');
			assert.match(await page.locator('main').innerText(), new RegExp(`Project ${code}`));
			assert.ok(await page.getByRole('heading', { name: 'Budget and payments' }).count(), 'English headings');
			assert.equal((await page.getByRole('button', { name: 'Sign out' }).count()), 1, 'the header is in English too');

			// And back to Swedish.
			assert.equal((await languageButton(page).innerText()).trim(), 'Svenska');
			await clickAndWait(page, languageButton(page));
			assert.equal(pathOf(page), projHref);
			assert.equal(await htmlLang(page), 'sv');
			assert.ok(await page.getByRole('heading', { name: 'Budget och utbetalningar' }).count());

			// Sign out: the sign-in page, and the start page asks for sign-in again.
			const out = await clickAndWait(page, page.getByRole('button', { name: 'Logga ut', exact: true }));
			assert.equal(out.status(), 200);
			assert.equal(new URL(page.url()).pathname, '/login');
			assert.equal(await page.locator('h1').innerText(), 'Logga in');
			assert.equal(await page.locator('.who').count(), 0, 'nobody is shown as signed in');
			await gotoPage(page, stack.baseUrl, '/');
			assert.equal(new URL(page.url()).pathname, '/login', 'the session has ended');
		});
	});
});

describe('a wrong password', () => {
	test('shows the error summary, whose link moves focus to the email field, and "Fel: " in the title', { timeout: 60000 }, async () => {
		await withPage(browser, async (page) => {
			await gotoPage(page, stack.baseUrl, '/login');
			await page.locator('#email').click();
			await page.keyboard.type('sida@sida.example');
			await page.locator('#password').click();
			await page.keyboard.type('not-the-password');
			const res = await clickAndWait(page, signInButton(page));
			assert.equal(res.status(), 200);
			assert.equal(new URL(page.url()).pathname, '/login');

			const title = await page.title();
			assert.ok(title.startsWith('Fel: '), `the title starts with "Fel: ": ${JSON.stringify(title)}`);
			const summary = page.locator('.error-summary');
			assert.equal(await summary.count(), 1, 'one error summary');
			assert.ok(await summary.isVisible(), 'the error summary is visible');
			assert.equal((await summary.locator('h2').innerText()).trim(), 'Det finns ett problem');
			assert.equal(await page.locator('#email').inputValue(), 'sida@sida.example', 'the email is kept');
			assert.equal(await page.locator('#password').inputValue(), '', 'the password is not sent back');

			const link = summary.locator('a[href="#email"]');
			assert.equal(await link.count(), 1, 'the summary links to the email field');
			await link.click();
			await page.waitForURL((u) => u.hash === '#email', { timeout: TIMEOUT });
			const f = await waitForFocus(page, 'email');
			assert.equal(f.tag, 'input');
		});
	});
});

describe('the programme at a glance', () => {
	for (const [who, email] of [['admin', 'admin@icld.example'], ['sida', 'sida@sida.example']]) {
		test(`${who} signs in and sees the programme page with projects by country`, { timeout: 60000 }, async () => {
			await withPage(browser, async (page) => {
				const res = await signIn(page, stack.baseUrl, email);
				assert.equal(res.status(), 200);
				assert.equal(pathOf(page), '/');
				assert.equal(await page.locator('h1').innerText(), 'Programmet i korthet');
				assert.equal(await page.locator('#applications').count(), 0, 'not the applicant start page');

				const table = page.getByRole('table', { name: 'Pågående projekt per land', exact: true });
				assert.equal(await table.count(), 1, 'the table "Pågående projekt per land"');
				const countries = await texts(table, 'tbody th[scope="row"]');
				const counts = await texts(table, 'tbody tr > td:nth-of-type(1)');
				assert.ok(countries.length >= 6, `several countries: ${countries.join(', ')}`);
				assert.equal(counts.length, countries.length, 'a count on every row');
				assert.ok(countries.includes('Kenya'), `Kenya is listed: ${countries.join(', ')}`);
				for (const [i, n] of counts.entries())
					assert.match(n, /^\d[\d\u00a0\u202f ]*$/, `the count of ${countries[i]} is a number: ${JSON.stringify(n)}`);
				const nums = counts.map((n) => Number(n.replace(/\D/g, '')));
				assert.ok(nums.every((n) => n > 0), 'only countries with projects under way');
				assert.ok(nums.every((n, i) => i === 0 || nums[i - 1] >= n), `most projects first: ${nums.join(', ')}`);
				assert.equal(countries[0], 'Kenya', `Kenya has the most projects under way: ${countries.map((c, i) => `${c} ${nums[i]}`).join(', ')}`);
				await screenshot(page, `programme-${who}-sv`);
			});
		});
	}
});

describe('keyboard', () => {
	test('the skip link is the first thing Tab reaches, and it moves focus to the main content', { timeout: 60000 }, async () => {
		await withPage(browser, async (page) => {
			await gotoPage(page, stack.baseUrl, '/login');
			await page.keyboard.press('Tab');
			const f = await focused(page);
			assert.equal(f?.tag, 'a', `the first Tab focuses a link: ${JSON.stringify(f)}`);
			assert.match(String(f.cls), /\bskip-link\b/);
			assert.equal(f.href, '#main');
			assert.ok(await page.locator('a.skip-link').isVisible(), 'the focused skip link is visible');
			await page.keyboard.press('Enter');
			await page.waitForURL((u) => u.hash === '#main', { timeout: TIMEOUT });
			const m = await waitForFocus(page, 'main');
			assert.equal(m.tag, 'main');
		});
	});
});
