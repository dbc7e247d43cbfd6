// browser.mjs - what the browser tests share: Debian's Chromium through playwright-core, navigation that
// waits for the new document (never a sleep), signing in through the form, the header's language switch.
//
//   import { launchBrowser, newContext, clickAndWait, gotoPage, signIn, setLanguage } from './lib/browser.mjs';
//   const browser = await launchBrowser();
//   after(() => stopAll(browser, stack));                           // the browser closed, the stack stopped
//   const context = await newContext(browser, { javaScriptEnabled: false });
//   const page = await context.newPage();
//   const res = await gotoPage(page, stack.baseUrl, '/login');       // the final (non-redirect) response
//   await signIn(page, 'borlange@kommun.example');                   // the sign-in form, typed
//   await setLanguage(page, 'en');                                   // the header's POST /language form
//   await go(page, 'button', 'Logga ut');                            // a button or link by its name, and the next page
//   await withPage(browser, async (page) => { ... });                // a fresh context without JavaScript, closed after
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SRC, VAR_TEST, DEMO_PASSWORD } from '../../e2e/harness.mjs';

export { SRC, VAR_TEST, DEMO_PASSWORD };

/** Every wait in the browser tests: generous, so a loaded machine does not fail them. */
export const TIMEOUT = 30000;

export const CHROMIUM = process.env.KPP_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
	'--no-first-run', '--disable-component-update', '--disable-sync',
];

export const SCREENSHOTS = path.join(VAR_TEST, 'screenshots');
export const PAGES = path.join(VAR_TEST, 'pages');

/** Launches Debian's Chromium (headless). Close it in after(), with stopAll(). */
export function launchBrowser() {
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: TIMEOUT });
}

/** A browser test file's after(): closes the browser, then stops the stack, either of them possibly missing,
 * the stack also when closing the browser fails. */
export async function stopAll(browser, stack) {
	try {
		await browser?.close();
	} finally {
		await stack?.stop();
	}
}

/**
 * A fresh context (own cookies) with the waits set to TIMEOUT. The browser asks for Swedish
 * (Accept-Language sv-SE), as the programme's Swedish users' browsers do, unless opts.locale says otherwise.
 */
export async function newContext(browser, opts = {}) {
	const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 }, ...opts });
	context.setDefaultTimeout(TIMEOUT);
	context.setDefaultNavigationTimeout(TIMEOUT);
	return context;
}

const isRedirect = (status) => status >= 300 && status < 400;

/**
 * Runs action (a click, a key press) that makes the page load a new document, and waits until that
 * document has loaded. Returns the final response (after any redirects) of the main frame's navigation.
 * Both waits are armed before the action, so a fast answer cannot slip past them.
 */
export async function clickAndWait(page, action) {
	const response = page.waitForResponse((r) => r.frame() === page.mainFrame() &&
		r.request().isNavigationRequest() && !isRedirect(r.status()), { timeout: TIMEOUT });
	const loaded = page.waitForEvent('load', { timeout: TIMEOUT });
	// A failed wait must not be an unhandled rejection when the action itself throws first.
	response.catch(() => {});
	loaded.catch(() => {});
	if (typeof action === 'function') await action();
	else await action.click();
	const res = await response;
	await loaded;
	return res;
}

/** Clicks the button or link (role) with this accessible name, exactly, and waits for the next page: its response. */
export function go(page, role, name) {
	return clickAndWait(page, page.getByRole(role, { name, exact: true }));
}

/**
 * Runs fn(page, context) in a fresh context of browser (no cookies; JavaScript off unless opts turn it on) and
 * closes the context however fn ends. Returns what fn returns.
 */
export async function withPage(browser, fn, opts = {}) {
	const context = await newContext(browser, { javaScriptEnabled: false, ...opts });
	try {
		return await fn(await context.newPage(), context);
	} finally {
		await context.close();
	}
}

/** GET path in the page and wait for it to load: the final response (4xx pages are responses too). */
export async function gotoPage(page, baseUrl, p) {
	const res = await page.goto(new URL(p, baseUrl).href, { waitUntil: 'load', timeout: TIMEOUT });
	if (!res) throw new Error(`no response for ${p}`);
	return res;
}

/** The page's <html lang>. */
export function htmlLang(page) {
	return page.locator('html').getAttribute('lang');
}

/** The path and query of the page's URL (no origin, no fragment). */
export function pathOf(page) {
	const u = new URL(page.url());
	return u.pathname + u.search;
}

/** The header's language button ("English" on a Swedish page, "Svenska" on an English one). */
export function languageButton(page) {
	return page.locator('form[action="/language"] button[name="lang"]');
}

/**
 * Switches the page's language with the header's form (POST /language, back to the same page) unless it
 * already is lang; returns the response of the page loaded after the switch, or null if none was needed.
 */
export async function setLanguage(page, lang) {
	if ((await htmlLang(page)) === lang) return null;
	const button = page.locator(`form[action="/language"] button[name="lang"][value="${lang}"]`);
	const res = await clickAndWait(page, button);
	const now = await htmlLang(page);
	if (now !== lang) throw new Error(`the language switch to ${lang} left the page in ${now} (${page.url()})`);
	return res;
}

/** The sign-in form's submit button (by its place, so it works in either language). */
export function signInButton(page) {
	return page.locator('form[action="/login"] button');
}

/**
 * Signs in on the page with the sign-in form: opens /login unless the page is on it, types the email and the
 * password with the keyboard and presses the form's button. Returns the response of the page that follows.
 */
export async function signIn(page, baseUrl, email, password = DEMO_PASSWORD) {
	if (new URL(page.url()).pathname !== '/login' || !(await page.locator('#email').count()))
		await gotoPage(page, baseUrl, '/login');
	await page.locator('#email').click();
	await page.keyboard.type(email);
	await page.locator('#password').click();
	await page.keyboard.type(password);
	return clickAndWait(page, signInButton(page));
}

/** Writes a full-page screenshot into var/test/screenshots/ (for people to look at; nothing asserts it). */
export async function screenshot(page, name) {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	const file = path.join(SCREENSHOTS, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/** Trimmed text of every element matching selector on the page. */
export async function texts(page, selector) {
	return (await page.locator(selector).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}
