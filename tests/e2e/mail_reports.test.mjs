// mail_reports.test.mjs - the e-mails a report and its payment cause: submitted (to the round's officers), returned
// and approved (to the organisation's people), a payment recorded; each to the right people in their language and
// nobody else, with its comment, due date, amount and date; the optional ones to those who chose them; the link in
// each, followed in Chromium after signing in, opens the page named; a payment rolled back sends nothing. Against
// the real stack with the demo data, a real SMTP server and kpp-mailer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, send, kr, sek, waitFor } from './harness.mjs';
import { filled, budgetOf, indicatorsOf, submitReport } from './lib/report.mjs';
import { mails } from './lib/mail.mjs';
import { launchBrowser, newContext, gotoPage, signIn } from '../browser/lib/browser.mjs';

const APPLICANT = 'borlange@kommun.example';
// Borlänge's other people, added by SQL: one reading English, one who switched payments and approvals off, one
// whose account is closed; and an officer who chose the daily digest.
const ENGLISH = 'ekonomi@borlange.example';
const QUIET = 'kansli@borlange.example';
const CLOSED = 'slutat@borlange.example';
const DIGEST = 'sammandrag@icld.example';
const ADMIN = 'admin@icld.example';
const REVIEWER = 'reviewer@icld.example';

const COMMENT = 'Please split travel into flights and local transport.\nAttach the receipts of the study visit.';
const REVISE_BY = '2016-10-30';
const PAID_ON = '2016-09-28';

let stack, q, one, admin, browser;
let id, code, round, titleSv, titleEn, orgName, year;

/** The address of a delivered message's To. */
const addressOf = (m) => (m.to.match(/<([^>]+)>/) ?? [null, m.to])[1];

/** Waits until the mailer has dealt with every queued row. */
function drained() {
	return waitFor(async () => (await one("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')")) === '0' || null,
		30000, `the outbox to be sent (mailer log:\n${stack.mailerLog()})`, 200);
}

/**
 * Runs action and lets the mailer send what it queued: {out: action's result, rows: the outbox rows it queued as
 * [kind, address, lang] by address, got: the messages delivered meanwhile}.
 */
async function mailOf(action) {
	const before = new Set(mails(stack).map((m) => m.raw));
	const mark = Number(await one('SELECT COALESCE(MAX(id), 0) FROM outbox'));
	const out = await action();
	await drained();
	const rows = await q(`SELECT kind, recipient_email, lang, state FROM outbox WHERE id > ${mark} ORDER BY recipient_email, id`);
	assert.ok(rows.every((r) => r[3] === 'sent'), `every row sent: ${JSON.stringify(rows)}`);
	return { out, rows: rows.map((r) => r.slice(0, 3)), got: mails(stack).filter((m) => !before.has(m.raw)) };
}

/** The messages of got to address, exactly one, which it returns. */
function onlyTo(got, address) {
	const mine = got.filter((m) => addressOf(m) === address);
	assert.equal(mine.length, 1, `one message to ${address}: ${mine.map((m) => m.subject).join(' | ')}`);
	return mine[0];
}

/** Signs in as email in a fresh browser context, follows link, returns {status, path, h1}. */
async function follow(email, link) {
	const context = await newContext(browser);
	try {
		const page = await context.newPage();
		await signIn(page, stack.baseUrl, email);
		const res = await gotoPage(page, stack.baseUrl, link);
		return { status: res.status(), path: new URL(page.url()).pathname, h1: (await page.locator('h1').first().textContent()).trim() };
	} finally {
		await context.close();
	}
}

/** The applicant's page of report id and its form that posts to action. */
async function formOf(s, action) {
	return (await s.form(`/reports/${id}`, (f) => f.action === action)).form;
}

before(async () => {
	({ stack, q, one, admin } = await openStack({ mail: true, workers: 1 }, ['admin']));
	await stack.startMailer();
	browser = await launchBrowser();
	// The one-year project of Borlänge's that started in 2016, with its progress report a draft.
	[[id, code, round, titleSv, titleEn, orgName, year]] = await q(`SELECT r.id, p.code, a.round_id, a.title_sv,
		COALESCE(NULLIF(a.title_en, ''), a.title_sv), o.name, r.project_year FROM reports r JOIN projects p ON p.id = r.project_id
		JOIN applications a ON a.id = p.application_id JOIN organisations o ON o.id = a.applicant_org_id
		JOIN users u ON u.org_id = a.applicant_org_id WHERE u.email = '${APPLICANT}' AND r.kind = 'progress'
		AND r.status = 'draft' AND p.status = 'implementation'
		AND (SELECT COUNT(*) FROM project_years y WHERE y.project_id = p.id) = 1 ORDER BY r.id LIMIT 1`);
	const person = (email, name, rest) => `INSERT INTO users (email, password_hash, name, role, org_id, lang, active, mail_kinds)
		SELECT '${email}', password_hash, '${name}', ${rest} FROM users WHERE email = '${APPLICANT}'`;
	await q(`${person(ENGLISH, 'Finance Officer', "'applicant', org_id, 'en', 1, DEFAULT(mail_kinds)")};
		${person(QUIET, 'Kanslist', "'applicant', org_id, 'sv', 1, 'application_receipt,report_due'")};
		${person(CLOSED, 'Slutat', "'applicant', org_id, 'sv', 0, DEFAULT(mail_kinds)")};
		${person(DIGEST, 'Sammandrag', "'admin', NULL, 'sv', 1, CONCAT(DEFAULT(mail_kinds), ',digest')")};
		UPDATE users SET lang = 'en' WHERE email = '${REVIEWER}';
		DELETE FROM round_officers WHERE round_id = ${round}`);
	assert.match(await one(`SELECT mail_kinds FROM users WHERE email = '${DIGEST}'`), /report_submitted.*digest/);
});

after(async () => {
	await browser?.close();
	await stack?.stop();
});

describe('a report and its payment mail their people', () => {
	let s, submitted, returned, approved, paid;

	test('a submitted report goes to the round\'s officers in their language, not to one who chose the digest', async () => {
		s = await stack.login(APPLICANT);
		const indicators = await indicatorsOf(q, id);
		const budget = await budgetOf(q, id);
		const costs = Object.fromEntries(Object.entries(budget.lines).map(([c, a]) => [`actual-${c}`, String(a)]));
		const { out, rows, got } = await mailOf(async () => (await submitReport(s, await formOf(s, `/reports/${id}`), filled(indicators, costs))).res);
		assert.equal(out.status, 303);
		assert.equal(await one(`SELECT status FROM reports WHERE id = ${id}`), 'submitted');
		// No officer named for the round: every officer, but the one who gets the digest instead.
		assert.deepEqual(rows, [['report_submitted', ADMIN, 'sv'], ['report_submitted', REVIEWER, 'en']]);
		assert.deepEqual(got.map(addressOf).sort(), [ADMIN, REVIEWER]);
		const sv = onlyTo(got, ADMIN), en = onlyTo(got, REVIEWER);
		const link = `${stack.baseUrl}/reports/${id}`;
		assert.equal(sv.subject, `Rapport inlämnad för ${code}: lägesrapport år ${year}`);
		assert.ok(sv.body.startsWith(`Hej!\n\n${orgName} har lämnat in lägesrapporten för projektår ${year} för projektet ${code}, ${titleSv}.\n`), sv.body);
		assert.match(sv.body, /Du får det här mejlet eftersom du är handläggare på ICLD i kpp\.\nDu kan stänga av sådana här mejl/);
		assert.equal(en.subject, `Report submitted for ${code}: progress report, year ${year}`);
		assert.ok(en.body.startsWith(`Hello,\n\n${orgName} has submitted the progress report for project year ${year} of project ${code}, ${titleEn}.\n`), en.body);
		assert.match(en.body, /because you are one of ICLD's officers in kpp\.\nYou can switch off e-mail like this one/);
		for (const m of [sv, en]) assert.equal(m.link, link);
		submitted = sv;
	});

	test('a returned report goes to every active person of the organisation, also one who switched the others off, with the comment and the new due date', async () => {
		const { out, rows, got } = await mailOf(async () => send(admin, await formOf(admin, `/reports/${id}/decision`),
			{ outcome: 'return', comment: COMMENT, revise_by: REVISE_BY }));
		assert.equal(out.status, 303);
		assert.deepEqual(rows, [['report_returned', APPLICANT, 'sv'], ['report_returned', ENGLISH, 'en'], ['report_returned', QUIET, 'sv']]);
		assert.deepEqual(got.map(addressOf).sort(), [APPLICANT, ENGLISH, QUIET]);
		const sv = onlyTo(got, APPLICANT), en = onlyTo(got, ENGLISH);
		assert.equal(sv.subject, `Rapporten för ${code} behöver kompletteras`);
		assert.ok(sv.body.includes(`ICLD:s kommentar:\n\n${COMMENT}\n\nÄndra rapporten efter kommentaren och lämna in den igen senast ${REVISE_BY}.`), sv.body);
		assert.match(sv.body, new RegExp(`eftersom du har ett konto i kpp för ${orgName}\\.\nDet gäller något du behöver göra`));
		assert.equal(en.subject, `The report for ${code} needs changes`);
		assert.ok(en.body.includes(`ICLD's comment:\n\n${COMMENT}\n\nPlease revise the report as the comment asks and submit it again by ${REVISE_BY}.`), en.body);
		assert.match(en.body, /It concerns something you need to act on/);
		assert.equal(onlyTo(got, QUIET).body, sv.body, 'the same text for each person of a language');
		for (const m of got) assert.equal(m.link, `${stack.baseUrl}/reports/${id}`);
		returned = en;
	});

	test('submitted again, it goes to the officer named for the round alone', async () => {
		await q(`INSERT INTO round_officers (round_id, user_id) SELECT ${round}, id FROM users WHERE email = '${REVIEWER}'`);
		const { out, rows, got } = await mailOf(async () => (await submitReport(s, await formOf(s, `/reports/${id}`), {})).res);
		assert.equal(out.status, 303);
		assert.deepEqual(rows, [['report_submitted', REVIEWER, 'en']]);
		assert.deepEqual(got.map(addressOf), [REVIEWER]);
	});

	test('an approved report goes to those of the organisation who keep approvals on, with ICLD\'s comment', async () => {
		const { out, rows, got } = await mailOf(async () => send(admin, await formOf(admin, `/reports/${id}/decision`),
			{ outcome: 'approve', comment: 'Thank you for a clear report.' }));
		assert.equal(out.status, 303);
		assert.deepEqual(rows, [['report_approved', APPLICANT, 'sv'], ['report_approved', ENGLISH, 'en']]);
		assert.deepEqual(got.map(addressOf).sort(), [APPLICANT, ENGLISH]);
		const sv = onlyTo(got, APPLICANT), en = onlyTo(got, ENGLISH);
		assert.equal(sv.subject, `Rapporten för ${code} är godkänd`);
		assert.ok(sv.body.startsWith(`Hej!\n\nICLD har godkänt lägesrapporten för projektår ${year} för projektet ${code}, ${titleSv}.\n\nICLD:s kommentar:\n\nThank you for a clear report.\n\nDu kan läsa rapporten`), sv.body);
		assert.match(sv.body, /Du kan stänga av sådana här mejl/);
		assert.equal(en.subject, `The report for ${code} is approved`);
		assert.ok(en.body.startsWith(`Hello,\n\nICLD has approved the progress report for project year ${year} of project ${code}, ${titleEn}.\n\nICLD's comment:`), en.body);
		for (const m of got) assert.equal(m.link, `${stack.baseUrl}/reports/${id}`);
		approved = sv;
	});

	test('a payment rolled back by an error sends nothing; recorded, it goes to those who keep payments on, with the amount and date', async () => {
		const due = Number((await admin.get(`/reports/${id}`)).text.match(/data-kronor="(\d+)"/)[1]);
		const amount = due - 1000;
		assert.ok(amount > 0, `something to pay: ${due}`);
		const form = await formOf(admin, `/reports/${id}/payment`);
		// The payment's audit row fails: its transaction, outbox row included, is rolled back.
		await q("CREATE TRIGGER test_no_audit BEFORE INSERT ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'forced by the test'");
		let res;
		try {
			({ out: res } = await mailOf(() => send(admin, form, { amount: String(amount), paid_on: PAID_ON })));
		} finally {
			await q('DROP TRIGGER test_no_audit');
		}
		assert.ok(res.status >= 500, `the error page: ${res.status}`);
		assert.equal(await one(`SELECT COUNT(*) FROM disbursements WHERE report_id = ${id}`), '0');
		assert.equal(await one("SELECT COUNT(*) FROM outbox WHERE kind = 'payment'"), '0', 'nothing queued');
		assert.ok(!mails(stack).some((m) => /betalat ut|has paid/.test(m.subject)), 'nothing sent');

		const { out, rows, got } = await mailOf(() => send(admin, form, { amount: String(amount), paid_on: PAID_ON }));
		assert.equal(out.status, 303);
		assert.deepEqual(rows, [['payment', APPLICANT, 'sv'], ['payment', ENGLISH, 'en']]);
		assert.deepEqual(got.map(addressOf).sort(), [APPLICANT, ENGLISH], 'one message each');
		const sv = onlyTo(got, APPLICANT), en = onlyTo(got, ENGLISH);
		assert.equal(sv.subject, `ICLD har betalat ut ${kr(amount)} för ${code}`);
		assert.ok(sv.body.includes(`ICLD har betalat ut ${kr(amount)} till ${orgName} för projektet ${code}, ${titleSv}. Utbetalningen gjordes ${PAID_ON} och ersätter kostnaderna i lägesrapporten för projektår ${year}.`), sv.body);
		assert.equal(en.subject, `ICLD has paid ${sek(amount)} for ${code}`);
		assert.ok(en.body.includes(`ICLD has paid ${sek(amount)} to ${orgName} for project ${code}, ${titleEn}. The payment was made on ${PAID_ON} and reimburses`), en.body);
		for (const m of got) assert.equal(m.link, `${stack.baseUrl}/projects/${code}`);
		paid = sv;
	});

	test('the final report, submitted and approved without a comment, is named so', async () => {
		const fin = await one(`SELECT id FROM reports WHERE project_id = (SELECT project_id FROM reports WHERE id = ${id}) AND kind = 'final'`);
		await q(`DELETE FROM round_officers WHERE round_id = ${round}`);
		const sent = await mailOf(async () => (await submitReport(s, (await s.form(`/reports/${fin}`, (f) => f.action === `/reports/${fin}`)).form,
			filled(await indicatorsOf(q, fin), {}))).res);
		assert.equal(sent.out.status, 303);
		assert.deepEqual(sent.rows, [['report_submitted', ADMIN, 'sv'], ['report_submitted', REVIEWER, 'en']]);
		assert.equal(onlyTo(sent.got, ADMIN).subject, `Rapport inlämnad för ${code}: slutrapport`);
		assert.ok(onlyTo(sent.got, ADMIN).body.startsWith(`Hej!\n\n${orgName} har lämnat in slutrapporten för projektet ${code}, ${titleSv}.\n`));
		assert.equal(onlyTo(sent.got, REVIEWER).subject, `Report submitted for ${code}: final report`);
		assert.ok(onlyTo(sent.got, REVIEWER).body.startsWith(`Hello,\n\n${orgName} has submitted the final report of project ${code}, ${titleEn}.\n`));
		const { out, rows, got } = await mailOf(async () => send(admin, (await admin.form(`/reports/${fin}`,
			(f) => f.action === `/reports/${fin}/decision`)).form, { outcome: 'approve', comment: '' }));
		assert.equal(out.status, 303);
		assert.equal(await one(`SELECT status FROM reports WHERE id = ${fin}`), 'approved');
		assert.deepEqual(rows, [['report_approved', APPLICANT, 'sv'], ['report_approved', ENGLISH, 'en']]);
		assert.ok(onlyTo(got, APPLICANT).body.startsWith(`Hej!\n\nICLD har godkänt slutrapporten för projektet ${code}, ${titleSv}.\n\nDu kan läsa rapporten och ICLD:s beslut här:\n${stack.baseUrl}/reports/${fin}\n`),
			onlyTo(got, APPLICANT).body);
		assert.ok(onlyTo(got, ENGLISH).body.startsWith(`Hello,\n\nICLD has approved the final report of project ${code}, ${titleEn}.\n\nYou can read the report and ICLD's decision here:\n${stack.baseUrl}/reports/${fin}\n`),
			onlyTo(got, ENGLISH).body);
	});

	test('nobody else got any of them: not the closed account, not the officer of the digest, not the quiet person\'s payment or approval', async () => {
		const all = await q(`SELECT recipient_email, kind FROM outbox WHERE recipient_email IN ('${CLOSED}', '${DIGEST}')
			OR (recipient_email = '${QUIET}' AND kind <> 'report_returned')`);
		assert.deepEqual(all, []);
		assert.ok(!mails(stack).some((m) => [CLOSED, DIGEST].includes(addressOf(m))));
		assert.deepEqual(mails(stack).filter((m) => addressOf(m) === QUIET).map((m) => m.subject), [`Rapporten för ${code} behöver kompletteras`]);
	});

	test('the link of each, followed in the browser after signing in, opens the page it names', async () => {
		let r = await follow(ADMIN, submitted.link);
		assert.deepEqual([r.status, r.path, r.h1], [200, `/reports/${id}`, `Lägesrapport, år ${year}`]);
		r = await follow(ENGLISH, returned.link);
		assert.equal(r.status, 200);
		assert.equal(r.path, `/reports/${id}`);
		assert.match(r.h1, new RegExp(`^(Progress report, year|Lägesrapport, år) ${year}$`));
		r = await follow(APPLICANT, approved.link);
		assert.deepEqual([r.status, r.path], [200, `/reports/${id}`]);
		r = await follow(APPLICANT, paid.link);
		assert.deepEqual([r.status, r.path, r.h1], [200, `/projects/${code}`, titleSv]);
	});
});
