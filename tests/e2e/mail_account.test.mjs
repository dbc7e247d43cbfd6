// mail_account.test.mjs - what kpp mails about accounts, and each person's own account page: "Forgot your
// password?" (the same answer whatever the address, a link only to an active account, in its language, one-time,
// within the limits per address and per account), a new account's link by mail, /account (language and the
// optional kinds of one's own mail: saved, shown again, read by the outbox; a forged form switches off nothing),
// and List-Unsubscribe on a mail that can be switched off. Against a real SMTP server and kpp-mailer; the links
// followed in Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openStack, formOn, send, sqlText, textOf, waitFor } from './harness.mjs';
import { mails, mailsTo } from './lib/mail.mjs';
import { launchBrowser, newContext, gotoPage, clickAndWait } from '../browser/lib/browser.mjs';

let stack, one, admin, applicant, sida, browser;

before(async () => {
	({ stack, one, admin, applicant, sida } = await openStack({ workers: 2, mail: true }, ['admin', 'applicant', 'sida']));
	await stack.startMailer();
	browser = await launchBrowser();
});

after(async () => {
	try {
		await browser?.close();
	} finally {
		await stack?.stop();
	}
});

/** A demo applicant's address not used by another test of this file, made active and in language lang. */
let fresh = 0;
async function someone(lang = 'sv') {
	const email = await one(`SELECT email FROM users WHERE role = 'applicant' AND active = 1
		AND email <> 'borlange@kommun.example' ORDER BY email LIMIT 1 OFFSET ${fresh++}`);
	await stack.mysql(`UPDATE users SET lang = '${lang}' WHERE email = ${sqlText(email)}`);
	return email;
}

/** The text of a page's <main>, with the address typed put as ADDRESS: what a visitor reads. */
const mainText = (html, email) => textOf(html.slice(html.indexOf('<main'), html.indexOf('</main>'))).split(email).join('ADDRESS');

/** "Forgot your password?" asked for email by a visitor: the answer page. */
async function forgot(email) {
	const s = stack.session();
	const { form } = await formOn(s, '/forgot-password', '/forgot-password');
	return send(s, form, { email });
}

const outboxTo = (email) => one(`SELECT COUNT(*) FROM outbox WHERE recipient_email = ${sqlText(email)}`);

/** The workers' log so far. */
const workersLog = () => fs.readFileSync(stack.logs.workers, 'utf8');

describe('"Forgot your password?"', () => {
	test('the sign-in page links to it; an address left empty or malformed is told so next to the field', async () => {
		const login = await stack.get('/login');
		assert.match(login.text, /<a href="\/forgot-password">Har du glömt ditt lösenord\?<\/a>/);
		for (const [typed, re] of [['', /Skriv din e-postadress/], ['inte en adress', /rätt format/]]) {
			const res = await forgot(typed);
			assert.equal(res.status, 200);
			assert.match(res.text, /<p class="error-message" id="email-error">/);
			assert.match(textOf(res.text), re);
		}
	});

	test('an unknown address and an inactive account get the same answer as a known one, and no mail', async () => {
		const known = await someone('sv');
		const inactive = await someone('sv');
		await stack.mysql(`UPDATE users SET active = 0 WHERE email = ${sqlText(inactive)}`);
		const unknown = `ingen.${process.pid}@kommun.example`;
		const answers = {};
		for (const email of [known, unknown, inactive]) {
			const res = await forgot(email);
			assert.equal(res.status, 200);
			answers[email] = mainText(res.text, email);
		}
		assert.match(answers[unknown], /Om ADDRESS har ett konto i kpp har vi mejlat en länk dit/);
		assert.equal(answers[known], answers[unknown], 'the same answer for an address with an account');
		assert.equal(answers[inactive], answers[unknown], 'and for an inactive one');
		await mailsTo(stack, known);
		assert.equal(await outboxTo(unknown), '0');
		assert.equal(await outboxTo(inactive), '0');
		assert.equal(await one(`SELECT COUNT(*) FROM password_requests WHERE email IN (${sqlText(unknown)}, ${sqlText(inactive)})`), '0');
		assert.equal(mails(stack).filter((m) => m.to.includes(unknown) || m.to.includes(inactive)).length, 0);
	});

	test('a known address gets one mail in its language, whose link sets a new password in the browser, once', async () => {
		const email = await someone('en');
		const name = await one(`SELECT name FROM users WHERE email = ${sqlText(email)}`);
		assert.equal((await forgot(email.toUpperCase())).status, 200, 'the address in any case');
		const [m] = await mailsTo(stack, email);
		assert.equal(m.subject, 'Choose a new password for kpp');
		assert.match(m.body, new RegExp(`^Hello ${name},`));
		assert.match(m.body, /The link works once, for 24 hours\./);
		assert.match(m.body, /If you did not ask for this, ignore this e-mail/);
		assert.match(m.link, new RegExp(`^${stack.baseUrl}/password/[0-9a-f]{64}$`));
		assert.equal(m.headers['list-unsubscribe'], undefined, 'a password link cannot be switched off');
		assert.deepEqual((await stack.mysql(`SELECT kind, lang, user_id IS NOT NULL FROM outbox WHERE recipient_email = ${sqlText(email)}`)),
			[['password_link', 'en', '1']]);
		// Asked for by the person: no admin made it, and the audit row is theirs.
		const id = await one(`SELECT id FROM users WHERE email = ${sqlText(email)}`);
		assert.deepEqual(await stack.mysql(`SELECT created_by, TIMESTAMPDIFF(HOUR, created_at, expires_at) FROM password_links WHERE user_id = ${id}`), [[null, '24']]);
		assert.equal(await one(`SELECT user_id FROM audit_log WHERE action = 'user.password_link' AND entity_id = ${id} ORDER BY id DESC LIMIT 1`), id);

		const context = await newContext(browser, { javaScriptEnabled: false });
		try {
			const page = await context.newPage();
			assert.equal((await gotoPage(page, stack.baseUrl, m.link)).status(), 200);
			await page.locator('#password').fill('ett nytt långt lösenord');
			await page.locator('#password_again').fill('ett nytt långt lösenord');
			const done = await clickAndWait(page, page.locator('form[action^="/password/"] button.button'));
			assert.equal(new URL(done.url()).pathname, '/login');
			await page.locator('#email').fill(email);
			await page.locator('#password').fill('ett nytt långt lösenord');
			const home = await clickAndWait(page, page.locator('form[action="/login"] button.button'));
			assert.equal(new URL(home.url()).pathname, '/');
			assert.equal(home.status(), 200);
			// The link works once.
			assert.equal((await gotoPage(page, stack.baseUrl, m.link)).status(), 410);
		} finally {
			await context.close();
		}
	});

	test('at most 3 links an hour for an address and 5 a day for an account; beyond, the same answer and no mail', async () => {
		const email = await someone('sv');
		const answers = [];
		for (let i = 0; i < 4; i++) {
			const res = await forgot(email);
			assert.equal(res.status, 200);
			answers.push(mainText(res.text, email));
		}
		assert.equal(new Set(answers).size, 1, 'the fourth answer is the same');
		await mailsTo(stack, email, { n: 3 });
		assert.equal(await outboxTo(email), '3');
		await waitFor(() => /forgot password: user \d+ over the limit, no link mailed/.test(workersLog()), 5000, 'the refusal logged');

		// A day: five links two hours ago leave the address free this hour, but the account has had its share.
		const other = await someone('sv');
		const id = await one(`SELECT id FROM users WHERE email = ${sqlText(other)}`);
		for (let i = 0; i < 5; i++)
			await stack.mysql(`INSERT INTO password_requests (email, user_id, created_at) VALUES (${sqlText(other)}, ${id}, UTC_TIMESTAMP() - INTERVAL 2 HOUR)`);
		assert.equal((await forgot(other)).status, 200);
		assert.equal(await outboxTo(other), '0');
		// Rows older than a day count no more (and are deleted as new ones come).
		await stack.mysql(`UPDATE password_requests SET created_at = UTC_TIMESTAMP() - INTERVAL 25 HOUR WHERE user_id = ${id}`);
		assert.equal((await forgot(other)).status, 200);
		assert.equal(await outboxTo(other), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM password_requests WHERE user_id = ${id}`), '1');
	});
});

describe('a new account', () => {
	test('its link is mailed in its language, in the transaction that makes it, and the page says where it went', async () => {
		const email = `ny.${process.pid}@kommun.example`;
		const borlange = await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
		const { form } = await formOn(admin, '/users/new', '/users');
		const res = await send(admin, form, { name: 'Nya Nilsson', email, role: 'applicant', org_id: borlange, lang: 'en' });
		assert.equal(res.status, 200);
		assert.match(textOf(res.text), new RegExp(`En länk har mejlats till Nya Nilsson på ${email.replace(/\./g, '\\.')}`));
		assert.doesNotMatch(res.text, /\/password\/[0-9a-f]{64}/, 'the link itself is not on the page');
		const [m] = await mailsTo(stack, email);
		assert.equal(m.subject, "Your account in kpp, ICLD's grants portal");
		assert.match(m.body, /^Hello Nya Nilsson,/);
		assert.match(m.body, /You get this e-mail because you have an account in kpp for Borlänge kommun\./);
		assert.match(m.body, /The link works once, for 72 hours\./);
		assert.equal(await one(`SELECT kind FROM outbox WHERE recipient_email = ${sqlText(email)}`), 'account_link');

		const context = await newContext(browser, { javaScriptEnabled: false });
		try {
			const page = await context.newPage();
			assert.equal((await gotoPage(page, stack.baseUrl, m.link)).status(), 200);
			await page.locator('#password').fill('mitt första lösenord');
			await page.locator('#password_again').fill('mitt första lösenord');
			await clickAndWait(page, page.locator('form[action^="/password/"] button.button'));
		} finally {
			await context.close();
		}
		assert.equal((await stack.session().login(email, 'mitt första lösenord')).status, 303);
	});

	test('a creation that fails after its mail was queued leaves neither account nor mail; a new link likewise', async () => {
		const email = `rollback.${process.pid}@kommun.example`;
		const target = await someone('sv');
		const borlange = await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
		const { form } = await formOn(admin, '/users/new', '/users');
		const reset = await formOn(admin, `/users?q=${encodeURIComponent(target)}`,
			`/users/${await one(`SELECT id FROM users WHERE email = ${sqlText(target)}`)}/reset-link`);
		const outboxBefore = await one('SELECT COUNT(*) FROM outbox');
		// The link is written after the mail is queued: failing it fails the whole transaction.
		await stack.mysql("CREATE TRIGGER test_no_links BEFORE INSERT ON password_links FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'forced by the test'");
		try {
			const res = await send(admin, form, { name: 'Ångrad Andersson', email, role: 'applicant', org_id: borlange, lang: 'sv' });
			assert.equal(res.status, 503);
			assert.equal((await send(admin, reset.form)).status, 503);
			assert.equal((await forgot(target)).status, 503);
		} finally {
			await stack.mysql('DROP TRIGGER test_no_links');
		}
		assert.equal(await one(`SELECT COUNT(*) FROM users WHERE email = ${sqlText(email)}`), '0');
		assert.equal(await one('SELECT COUNT(*) FROM outbox'), outboxBefore);
		assert.equal(await one(`SELECT COUNT(*) FROM password_requests WHERE email = ${sqlText(target)}`), '0');
	});

	test('an account refused (its address taken) mails nothing', async () => {
		const before = await one('SELECT COUNT(*) FROM outbox');
		const { form } = await formOn(admin, '/users/new', '/users');
		const res = await send(admin, form, { name: 'Dubbel', email: 'borlange@kommun.example', role: 'applicant',
			org_id: await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'"), lang: 'sv' });
		assert.equal(res.status, 200);
		assert.match(res.text, /id="email-error"/);
		assert.equal(await one('SELECT COUNT(*) FROM outbox'), before);
	});
});

describe('/account', () => {
	/** The /account form of session s, and the kinds ticked on it. */
	async function accountForm(s) {
		const { page, form } = await formOn(s, '/account', '/account');
		assert.equal(page.status, 200);
		const ticked = form.inputs.filter((i) => i.name === 'kinds' && i.checked).map((i) => i.value);
		const offered = form.inputs.filter((i) => i.name === 'kinds').map((i) => i.value);
		return { page, form, ticked, offered };
	}

	/** Posts the form with lang and the kinds given (each a pair of its own, as ticked boxes send them). */
	function post(s, form, { lang = 'sv', kinds = [], version = form.fields.version } = {}) {
		const body = new URLSearchParams({ csrf: form.fields.csrf, version, lang });
		for (const k of kinds) body.append('kinds', k);
		return s.post('/account', body.toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	}

	const kindsOf = (email) => one(`SELECT mail_kinds FROM users WHERE email = ${sqlText(email)}`);

	test('the header links to it; an applicant sees their address and chooses among the applicants\' optional kinds', async () => {
		const home = await applicant.get('/');
		assert.match(home.text, /<span class="who">[^<]*<\/span>\n<a href="\/account">Ditt konto<\/a>/);
		const { page, ticked, offered } = await accountForm(applicant);
		assert.match(textOf(page.text), /borlange@kommun\.example/);
		assert.deepEqual(offered, ['application_receipt', 'report_approved', 'payment', 'report_due', 'round_news']);
		assert.deepEqual(ticked, ['application_receipt', 'report_approved', 'payment', 'report_due']);
		// What their role needs to act on is listed as always sent.
		const always = textOf(page.text.split('E-post som alltid skickas')[1]);
		for (const label of ['Länkar för att välja lösenord', 'ICLD:s beslut om en ansökan'])
			assert.ok(always.includes(label), `${label} is always sent`);
	});

	test('choices are saved with an audit row, shown again, and the outbox reads them', async () => {
		const email = 'borlange@kommun.example';
		const { form } = await accountForm(applicant);
		const res = await post(applicant, form, { lang: 'en', kinds: ['application_receipt', 'report_due', 'round_news'] });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/account?saved=1');
		// The officers' kinds an applicant's row holds from the start stay as they were.
		assert.equal(await kindsOf(email), 'application_receipt,report_due,round_news,application_submitted,report_submitted');
		const again = await accountForm(applicant);
		assert.match(again.page.text, /<html lang="en"/);
		assert.deepEqual(again.ticked, ['application_receipt', 'report_due', 'round_news']);
		const saved = await applicant.get('/account?saved=1');
		assert.match(textOf(saved.text), /Your choices are saved\./);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.account'
			AND JSON_VALUE(before_json, '$.mail_kinds') LIKE '%payment%' AND JSON_VALUE(after_json, '$.mail_kinds') NOT LIKE '%payment%'
			AND JSON_VALUE(after_json, '$.lang') = 'en'`), '1');
		// The column db_outbox_send() filters an optional kind on: payment no more, round_news now.
		assert.equal(await one(`SELECT FIND_IN_SET('payment', mail_kinds) FROM users WHERE email = '${email}'`), '0');
		assert.equal(await one(`SELECT FIND_IN_SET('round_news', mail_kinds) > 0 FROM users WHERE email = '${email}'`), '1');
		// Back to Swedish for the other tests.
		const last = await accountForm(applicant);
		assert.equal((await post(applicant, last.form, { lang: 'sv', kinds: last.ticked })).status, 303);
	});

	test('a forged form naming a kind that is not the person\'s to choose saves nothing: 400', async () => {
		const email = 'borlange@kommun.example';
		const beforeKinds = await kindsOf(email);
		const { form } = await accountForm(applicant);
		for (const kinds of [['decision'], ['password_link'], ['report_returned', 'payment'], ['no_such_kind'], ['report_submitted']]) {
			const res = await post(applicant, form, { lang: 'en', kinds });
			assert.equal(res.status, 400, kinds.join());
		}
		assert.equal(await kindsOf(email), beforeKinds);
		assert.equal(await one(`SELECT lang FROM users WHERE email = '${email}'`), 'sv');
		// The required kinds are not even in the set a person chooses from: nothing can take them away.
		assert.equal(await one(`SELECT COUNT(*) FROM users WHERE FIND_IN_SET('decision', mail_kinds) > 0`), '0');
		// An admin chooses among the officers' kinds, not the applicants'.
		const adminForm = await accountForm(admin);
		assert.deepEqual(adminForm.offered, ['application_submitted', 'report_submitted', 'digest']);
		assert.equal((await post(admin, adminForm.form, { kinds: ['payment'] })).status, 400);
		// Sida's people get only what everyone gets: nothing to choose, a form that keeps the language.
		const sidaForm = await accountForm(sida);
		assert.deepEqual(sidaForm.offered, []);
		assert.equal((await post(sida, sidaForm.form, { kinds: ['digest'] })).status, 400);
		assert.equal((await post(sida, sidaForm.form, { lang: 'sv' })).status, 303);
	});

	test('a form filled before the account was saved elsewhere is refused (409) and shows the choices sent', async () => {
		const { form } = await accountForm(admin);
		const other = await accountForm(admin);
		assert.equal((await post(admin, other.form, { kinds: ['digest'] })).status, 303);
		const stale = await post(admin, form, { kinds: ['report_submitted'] });
		assert.equal(stale.status, 409);
		assert.match(stale.text, /ändrades i ett annat fönster/);
		// The applicants' kinds an admin's row holds from the start are not this form's: they stay.
		assert.equal(await kindsOf('admin@icld.example'), 'application_receipt,report_approved,payment,report_due,digest');
	});

	test('every role gets the page; anonymous visitors are sent to sign in', async () => {
		for (const s of [applicant, admin, sida])
			assert.equal((await s.get('/account')).status, 200);
		const anon = await stack.get('/account');
		assert.equal(anon.status, 303);
		assert.match(anon.headers.location, /^\/login/);
	});
});

describe('List-Unsubscribe', () => {
	test('a mail of an optional kind names the account page; one that cannot be switched off does not', async () => {
		const email = `lista.${process.pid}@kommun.example`;
		await stack.mysql(`INSERT INTO outbox (kind, recipient_email, recipient_name, lang, subject, body, created_at, state, attempts,
			next_attempt_at) VALUES ('payment', '${email}', '', 'sv', 'Utbetalning', 'Hej', UTC_TIMESTAMP(), 'queued', 0, UTC_TIMESTAMP(6)),
			('decision', '${email}', '', 'sv', 'Beslut', 'Hej', UTC_TIMESTAMP(), 'queued', 0, UTC_TIMESTAMP(6))`);
		const got = await mailsTo(stack, email, { n: 2 });
		const bySubject = Object.fromEntries(got.map((m) => [m.subject, m]));
		assert.equal(bySubject.Utbetalning.headers['list-unsubscribe'], `<${stack.baseUrl}/account>`);
		assert.equal(bySubject.Beslut.headers['list-unsubscribe'], undefined);
	});
});
