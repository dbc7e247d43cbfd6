// mail_applications.test.mjs - the e-mails an application causes, delivered by kpp-mailer to a real SMTP server
// (aiosmtpd, a Maildir sink) and read as people read them: the receipt of a submission to each active person of
// the applicant organisation in their own language, and the notice to the officers of its round (those named on
// the round's form, or every officer when it names none; not one who chose the daily digest); a decision, with the
// amounts of an approval; a reviewer assigned. Each goes with its change or not at all: a decision rolled back by
// a forced error sends nothing. The links lead to the pages, followed in Chromium as well.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, parseForms, send, formOn, sqlText, waitFor, kr, sek } from './harness.mjs';
import { mails, mailsTo } from './lib/mail.mjs';
import { launchBrowser, withPage, signIn, gotoPage, pathOf } from '../browser/lib/browser.mjs';

let stack, q, one, admin, browser;
let vaxjo;		// Växjö kommun's organisation id
let round2017;
/** Officers by part: the demo's two, one who reads English, one who chose the digest. */
const officer = {};

const EVA = 'vaxjo@kommun.example';		// the demo's account of Växjö kommun (Swedish)
const IAN = 'vaxjo-en@kommun.example';		// reads English
const TOVE = 'vaxjo-tyst@kommun.example';	// switched the receipt off
const STURE = 'vaxjo-slutat@kommun.example';	// account deactivated

before(async () => {
	({ stack, q, one, admin } = await openStack({ mail: true, workers: 2, conf: { 'mail.message_id_domain': 'kpp.test' } },
		['admin']));
	await stack.startMailer();
	browser = await launchBrowser();
	vaxjo = await one(`SELECT id FROM organisations WHERE name = ${sqlText('Växjö kommun')}`);
	round2017 = await one('SELECT id FROM rounds WHERE year = 2017');
	const hash = await one(`SELECT password_hash FROM users WHERE email = '${EVA}'`);
	const add = (email, name, role, { org = null, lang = 'sv', active = 1, kinds = null } = {}) => q(`INSERT INTO users
		(email, password_hash, name, role, org_id, lang, active${kinds === null ? '' : ', mail_kinds'}) VALUES ('${email}',
		'${hash}', ${sqlText(name)}, '${role}', ${org}, '${lang}', ${active}${kinds === null ? '' : `, '${kinds}'`})`);
	await add(IAN, 'Ian Ellis', 'applicant', { org: vaxjo, lang: 'en' });
	await add(TOVE, 'Tove Tyst', 'applicant', { org: vaxjo, kinds: 'payment,report_due' });
	await add(STURE, 'Sture Slutat', 'applicant', { org: vaxjo, active: 0 });
	await add('nils@icld.example', 'Nils Ny', 'admin', { lang: 'en' });
	await add('disa@icld.example', 'Disa Digest', 'admin', { kinds: 'application_submitted,report_submitted,digest' });
	for (const [part, email] of [['admin', 'admin@icld.example'], ['reviewer', 'reviewer@icld.example'],
		['nils', 'nils@icld.example'], ['disa', 'disa@icld.example']])
		officer[part] = { email, id: await one(`SELECT id FROM users WHERE email = '${email}'`) };
}, { timeout: 180000 });

after(async () => {
	try { await browser?.close(); } finally { await stack?.stop(); }
});

/**
 * The demo's submitted 2017 application of the organisation whose name starts so, made a draft of org (default:
 * its own) that the submission rules accept (the demo leaves the "other" costs undescribed).
 */
async function draftOf(place, org = null) {
	const id = await one(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
		WHERE o.name LIKE ${sqlText(`${place}%`)} AND a.status = 'submitted' AND a.round_id = ${round2017} ORDER BY a.id LIMIT 1`);
	assert.ok(id, `${place} has a submitted application in the 2017 round`);
	await q(`UPDATE applications SET status = 'draft', submitted_at = NULL, submitted_by = NULL,
		other_costs = 'Tryckning av material.' ${org ? `, applicant_org_id = ${org}` : ''} WHERE id = ${id}`);
	return id;
}

/** Submits draft id through check your answers as session s. */
async function submit(s, id) {
	const { form } = await formOn(s, `/applications/${id}/check`, `/applications/${id}/submit`);
	const res = await send(s, form);
	assert.equal(res.status, 303, (res.text.split('class="error-summary"')[1] ?? '').slice(0, 3000));
	assert.equal(res.headers.location, `/applications/${id}/submitted`);
}

/** Addresses in the order of their characters' code points, whatever the collation: "a-b@" before "a@". */
const byAddress = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The outbox rows of a kind whose link is path on this stack: [[recipient, lang, id, state]], by recipient. */
const rowsOf = async (kind, path) => (await q(`SELECT recipient_email, lang, id, state FROM outbox WHERE kind = '${kind}'
	AND link = ${sqlText(stack.baseUrl + path)}`)).sort(byAddress);

/** Waits until the mailer has sent every row queued so far. */
const allSent = () => waitFor(async () => (await one(`SELECT COUNT(*) FROM outbox WHERE state <> 'sent'`)) === '0',
	30000, `every outbox row sent (mailer log:\n${stack.mailerLog()})`, 200);

/** Every delivered message whose subject matches re: [[to address, subject]], by address. */
const delivered = (re) => mails(stack).filter((m) => re.test(m.subject))
	.map((m) => [m.to.match(/<([^>]+)>$/)?.[1] ?? m.to, m.subject]).sort(byAddress);

/** The title of application id in a language. */
const titleOf = (id, lang) => one(`SELECT title_${lang} FROM applications WHERE id = ${id}`);

describe('submitting an application', () => {
	let id, roundSv, roundEn;

	before(async () => {
		id = await draftOf('Norrköping', vaxjo);
		[[roundSv, roundEn]] = await q(`SELECT name_sv, name_en FROM rounds WHERE id = ${round2017}`);
		await submit(await stack.login(EVA), id);
	});

	test('the receipt reaches each active person of the organisation who wants it, in their language, and nobody else', async () => {
		assert.deepEqual((await rowsOf('application_receipt', `/applications/${id}`)).map((r) => r.slice(0, 2)),
			[[IAN, 'en'], [EVA, 'sv']]);
		const [sv] = await mailsTo(stack, EVA, { pred: (m) => m.subject.includes(`Ansökan ${id} `) });
		const [en] = await mailsTo(stack, IAN, { pred: (m) => m.subject.includes(`Application ${id} `) });
		assert.equal(sv.subject, `Ansökan ${id} från Växjö kommun har kommit in till ICLD`);
		assert.equal(en.subject, `Application ${id} from Växjö kommun has reached ICLD`);
		const link = `${stack.baseUrl}/applications/${id}`;
		for (const [m, lang, words] of [[sv, 'sv', new RegExp(`i ${roundSv}:[\\s\\S]*Inskickad den 30\\s+september\\s+2016 kl\\. \\d\\d:\\d\\d\n`)],
			[en, 'en', new RegExp(`in ${roundEn}:[\\s\\S]*Submitted on 30\\s+September\\s+2016 at \\d\\d:\\d\\d \\(Swedish time\\)\n`)]]) {
			assert.ok(m.body.includes(await titleOf(id, lang)), `the ${lang} text names the application:\n${m.body}`);
			assert.match(m.body, words);
			assert.equal(m.link, link);
			assert.match(m.body, /Växjö kommun/, 'the footer says why it comes');
			assert.match(m.body, new RegExp(`${stack.baseUrl}/account`));
		}
		await allSent();
		assert.deepEqual(delivered(new RegExp(`^(Ansökan|Application) ${id} (från|from) `)).map((r) => r[0]), [IAN, EVA],
			'not the one who switched it off, not the deactivated account, nobody outside the organisation');
	});

	test('its headers: the subject and the To name in encoded words, a Message-ID per outbox row, Auto-Submitted', async () => {
		const [m] = await mailsTo(stack, EVA, { pred: (x) => x.subject.includes(`Ansökan ${id} `) });
		const [[, , rowId]] = await q(`SELECT recipient_email, lang, id FROM outbox WHERE kind = 'application_receipt'
			AND recipient_email = '${EVA}' AND link = ${sqlText(`${stack.baseUrl}/applications/${id}`)}`);
		assert.match(m.headers.subject, /=\?utf-8\?[bq]\?/i, `Subject: ${m.headers.subject}`);
		assert.doesNotMatch(m.headers.subject, /Växjö/, 'no raw UTF-8 in the header');
		assert.match(m.headers.to, /=\?utf-8\?[bq]\?/i, 'Eva Öberg travels in an encoded word');
		assert.equal(m.to, `Eva Öberg <${EVA}>`);
		assert.equal(m.messageId, `<kpp-outbox-${rowId}@kpp.test>`);
		assert.equal(m.headers['auto-submitted'], 'auto-generated');
	});

	test('the link, followed in Chromium by a person signed in, opens the application', async () => {
		const [m] = await mailsTo(stack, EVA, { pred: (x) => x.subject.includes(`Ansökan ${id} `) });
		const title = await titleOf(id, 'sv');
		await withPage(browser, async (page) => {
			await signIn(page, stack.baseUrl, EVA);
			const res = await gotoPage(page, stack.baseUrl, m.link);
			assert.equal(res.status(), 200);
			assert.equal(pathOf(page), `/applications/${id}`);
			assert.ok((await page.locator('main').innerText()).includes(title), `the page shows "${title}"`);
		});
	});

	test('the round names nobody: every officer gets the notice, in their language, but the one who chose the digest', async () => {
		assert.equal(await one(`SELECT COUNT(*) FROM round_officers WHERE round_id = ${round2017}`), '0');
		assert.deepEqual((await rowsOf('application_submitted', `/applications/${id}`)).map((r) => r.slice(0, 2)),
			[[officer.admin.email, 'sv'], [officer.nils.email, 'en'], [officer.reviewer.email, 'sv']]);
		const [sv] = await mailsTo(stack, officer.admin.email, { pred: (m) => m.subject.startsWith('Ny ansökan') && m.subject.endsWith(` ${id}`) });
		const [en] = await mailsTo(stack, officer.nils.email, { pred: (m) => m.subject.startsWith('New application') && m.subject.endsWith(` ${id}`) });
		assert.equal(sv.subject, `Ny ansökan i ${roundSv}: Växjö kommun, Ansökan ${id}`);
		assert.equal(en.subject, `New application in ${roundEn}: Växjö kommun, Application ${id}`);
		assert.match(sv.body, /Typ av projekt: Projekt\n/);
		assert.match(en.body, /Type of project: Project\n/);
		assert.ok(sv.body.includes(await titleOf(id, 'sv')) && en.body.includes(await titleOf(id, 'en')));
		assert.equal(sv.link, `${stack.baseUrl}/applications/${id}`);
		assert.match(sv.body, /handläggare på ICLD/, 'the footer says why it comes');
		const page = await admin.get(new URL(sv.link).pathname);
		assert.equal(page.status, 200);
	});
});

describe('the officers who handle a round', () => {
	let id;

	test('ticked on the round form, they are saved with the round, in its audit row, and shown on the rounds page', async () => {
		const { page, form } = await formOn(admin, `/rounds/${round2017}/edit`, `/rounds/${round2017}`);
		const boxes = form.inputs.filter((i) => i.name === 'officer');
		assert.deepEqual(boxes.map((b) => b.value).sort(), Object.values(officer).map((o) => o.id).sort(),
			'every active officer is offered');
		assert.ok(boxes.every((b) => !b.checked));
		assert.match(page.text, /Om du inte kryssar för någon får alla programhandläggare mejlet\./);
		const body = new URLSearchParams(form.fields);
		body.append('officer', officer.reviewer.id);
		body.append('officer', officer.disa.id);
		const res = await admin.post(form.action, body.toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(res.status, 303, res.text.slice(0, 500));
		assert.deepEqual(await q(`SELECT user_id FROM round_officers WHERE round_id = ${round2017} ORDER BY user_id`),
			[[officer.reviewer.id], [officer.disa.id]].sort((a, b) => a[0] - b[0]));
		assert.deepEqual(await q(`SELECT JSON_VALUE(before_json, '$.officers'), JSON_VALUE(after_json, '$.officers')
			FROM audit_log WHERE action = 'round.update' AND entity_id = ${round2017} ORDER BY id DESC LIMIT 1`),
		[['', 'Disa Digest, ICLD Granskare']]);
		const again = await formOn(admin, `/rounds/${round2017}/edit`, `/rounds/${round2017}`);
		assert.deepEqual(again.form.inputs.filter((i) => i.name === 'officer' && i.checked).map((i) => i.value).sort(),
			[officer.reviewer.id, officer.disa.id].sort());
		const list = (await admin.get('/rounds')).text;
		assert.match(list, /<dt>Programhandläggare för utlysningen<\/dt><dd>Disa Digest, ICLD Granskare<\/dd>/);
		assert.match(list, /<dt>Programhandläggare för utlysningen<\/dt><dd>Alla programhandläggare: ingen är utsedd<\/dd>/);
		const applicant = await stack.login(EVA);
		assert.doesNotMatch((await applicant.get('/rounds')).text, /Programhandläggare för utlysningen/, 'ICLD\'s own');
	});

	test('an officer no longer active, ticked on a form shown before, is an error next to the boxes, and nothing is saved', async () => {
		const { form } = await formOn(admin, `/rounds/${round2017}/edit`, `/rounds/${round2017}`);
		const body = new URLSearchParams(form.fields);
		body.append('officer', officer.reviewer.id);
		body.append('officer', '999999');
		const res = await admin.post(form.action, body.toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(res.status, 200);
		assert.match(res.text, /<a href="#officers">Kryssa för programhandläggare i listan/);
		assert.match(res.text, /id="officers-error"/);
		const kept = parseForms(res.text).find((f) => f.action === form.action);
		assert.deepEqual(kept.inputs.filter((i) => i.name === 'officer' && i.checked).map((i) => i.value), [officer.reviewer.id]);
		assert.equal(await one(`SELECT COUNT(*) FROM round_officers WHERE round_id = ${round2017}`), '2');
	});

	test('a submission in the round goes to its named officers only, and not to the one who chose the digest', async () => {
		id = await draftOf('Lund');
		const email = await one(`SELECT u.email FROM users u JOIN applications a ON a.applicant_org_id = u.org_id
			WHERE a.id = ${id} AND u.active = 1 ORDER BY u.id LIMIT 1`);
		await submit(await stack.login(email), id);
		assert.deepEqual((await rowsOf('application_submitted', `/applications/${id}`)).map((r) => r[0]), [officer.reviewer.email]);
		await mailsTo(stack, officer.reviewer.email, { pred: (m) => m.subject.endsWith(`Ansökan ${id}`) });
		await allSent();
		assert.deepEqual(delivered(new RegExp(`^Ny ansökan .* ${id}$|^New application .* ${id}$`)).map((r) => r[0]),
			[officer.reviewer.email]);
	});

	test('a round whose named officers have all left names nobody: every active officer is told', async () => {
		await q(`UPDATE users SET active = 0 WHERE id IN (${officer.reviewer.id}, ${officer.disa.id})`);
		try {
			const other = await draftOf('Borlänge');
			const email = await one(`SELECT u.email FROM users u JOIN applications a ON a.applicant_org_id = u.org_id
				WHERE a.id = ${other} AND u.active = 1 ORDER BY u.id LIMIT 1`);
			await submit(await stack.login(email), other);
			assert.deepEqual((await rowsOf('application_submitted', `/applications/${other}`)).map((r) => r[0]),
				[officer.admin.email, officer.nils.email]);
		} finally {
			await q(`UPDATE users SET active = 1 WHERE id IN (${officer.reviewer.id}, ${officer.disa.id})`);
		}
		const list = (await admin.get('/rounds')).text;
		assert.match(list, /<dd>Disa Digest, ICLD Granskare<\/dd>/, 'named again once back');
	});
});

describe('decisions', () => {
	/** Application id's decision form as admin sees it. */
	const decisionForm = (id) => formOn(admin, `/applications/${id}/decision`);

	test('an approval: to every active person of the organisation (the receipt switched off or not), with the amounts per year', async () => {
		const id = await one(`SELECT id FROM applications WHERE applicant_org_id = ${vaxjo} AND status = 'submitted'
			AND round_id = ${round2017}`);
		const { form } = await decisionForm(id);
		const res = await send(admin, form, { outcome: 'approve' });
		assert.equal(res.status, 303, res.text.slice(0, 500));
		const years = await q(`SELECT y.year, y.amount FROM project_years y JOIN projects p ON p.id = y.project_id
			WHERE p.application_id = ${id} ORDER BY y.year`);
		assert.ok(years.length > 0);
		assert.deepEqual((await rowsOf('decision', `/applications/${id}/letter`)).map((r) => r.slice(0, 2)),
			[[IAN, 'en'], [TOVE, 'sv'], [EVA, 'sv']]);
		const [sv] = await mailsTo(stack, TOVE, { pred: (m) => m.subject === `Beslut om Ansökan ${id}: beviljad` });
		const [en] = await mailsTo(stack, IAN, { pred: (m) => m.subject === `Decision on Application ${id}: approved` });
		const total = years.reduce((s, [, a]) => s + Number(a), 0);
		for (const [y, amount] of years) {
			assert.match(sv.body, new RegExp(`År ${y} \\(.*\\): ${kr(amount)}\n`), sv.body);
			assert.match(en.body, new RegExp(`Year ${y} \\(.*\\): ${sek(amount).replace(/[.$]/g, '\\$&')}\n`), en.body);
		}
		assert.ok(sv.body.includes(`sammanlagt\n${kr(total)}`) || sv.body.includes(`sammanlagt ${kr(total)}`), sv.body);
		assert.match(sv.body, /Ansökan är beviljad\./);
		assert.equal(sv.link, `${stack.baseUrl}/applications/${id}/letter`);
		const eva = await stack.login(EVA);
		const letter = await eva.get(new URL(sv.link).pathname);
		assert.equal(letter.status, 200);
		assert.ok(letter.text.includes(await titleOf(id, 'sv')));
	});

	test('a rejection: no amounts, and the letter\'s link', async () => {
		const id = await one(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
			WHERE o.name LIKE 'Lund%' AND a.status = 'submitted' AND a.round_id = ${round2017}`);
		const { form } = await decisionForm(id);
		const res = await send(admin, form, { outcome: 'reject', reason_sv: 'Svag förankring.', reason_en: 'Weak ownership.' });
		assert.equal(res.status, 303, res.text.slice(0, 500));
		const [[email]] = await rowsOf('decision', `/applications/${id}/letter`);
		const [m] = await mailsTo(stack, email, { pred: (x) => x.subject === `Beslut om Ansökan ${id}: inte beviljad` });
		assert.match(m.body, /Ansökan är tyvärr inte beviljad\. Skälen står i beslutsbrevet\./);
		assert.doesNotMatch(m.body, /\d kr|År 1/, 'no amounts');
		assert.equal(m.link, `${stack.baseUrl}/applications/${id}/letter`);
		const s = await stack.login(email);
		assert.equal((await s.get(new URL(m.link).pathname)).status, 200);
	});

	test('a decision rolled back by a forced error sends nothing; decided again, one mail per person', async () => {
		const id = await one(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
			WHERE o.name LIKE 'Sundsvall%' AND a.status = 'submitted' AND a.round_id = ${round2017}`);
		const letter = `/applications/${id}/letter`;
		await q(`DELIMITER //
CREATE TRIGGER test_fail_reject BEFORE INSERT ON audit_log FOR EACH ROW
IF NEW.action = 'decision.reject' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'forced by the test'; END IF//
DELIMITER ;`);
		const { form } = await decisionForm(id);
		const fields = { outcome: 'reject', reason_sv: 'Otydlig budget.', reason_en: 'Unclear budget.' };
		try {
			const res = await send(admin, form, fields);
			assert.equal(res.status, 503, 'the error page');
		} finally {
			await q('DROP TRIGGER test_fail_reject');
		}
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'submitted');
		assert.equal(await one(`SELECT COUNT(*) FROM outbox WHERE link = ${sqlText(stack.baseUrl + letter)}`), '0', 'no outbox row');
		await allSent();
		assert.deepEqual(delivered(new RegExp(`Ansökan ${id}:|Application ${id}:`)), [], 'no mail');
		const res = await send(admin, form, fields);
		assert.equal(res.status, 303, res.text.slice(0, 500));
		const people = (await q(`SELECT u.email FROM users u JOIN applications a ON a.applicant_org_id = u.org_id
			WHERE a.id = ${id} AND u.active = 1 AND u.role = 'applicant'`)).sort(byAddress);
		assert.ok(people.length > 0);
		for (const [email] of people) await mailsTo(stack, email, { pred: (m) => m.subject.startsWith(`Beslut om Ansökan ${id}:`) });
		await allSent();
		assert.deepEqual(delivered(new RegExp(`^(Beslut om Ansökan|Decision on Application) ${id}:`)).map((r) => r[0]),
			people.map((p) => p[0]), 'exactly one each');
	});
});

describe('reviewers', () => {
	test('the reviewer assigned gets a mail with the link to the review form, which opens it', async () => {
		const id = await one(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
			WHERE o.name LIKE 'Eskilstuna%' AND a.status = 'submitted' AND a.round_id = ${round2017}`);
		const { form } = await formOn(admin, `/applications/${id}`, `/applications/${id}/reviewers`);
		const res = await send(admin, form, { reviewer: officer.nils.id });
		assert.equal(res.status, 303, res.text.slice(0, 500));
		assert.deepEqual((await rowsOf('reviewer_assigned', `/applications/${id}/review`)).map((r) => r.slice(0, 2)),
			[[officer.nils.email, 'en']]);
		const title = await titleOf(id, 'en');
		const [m] = await mailsTo(stack, officer.nils.email, { pred: (x) => x.subject.startsWith('You are reviewing') });
		assert.equal(m.subject, `You are reviewing Application ${id}: ${title}`);
		assert.match(m.body, /Applicant: Eskilstuna kommun\n/);
		assert.equal(m.link, `${stack.baseUrl}/applications/${id}/review`);
		const nils = await stack.login(officer.nils.email);
		const page = await nils.get(new URL(m.link).pathname);
		assert.equal(page.status, 200);
		assert.ok(parseForms(page.text).some((f) => f.action === `/applications/${id}/review`), 'the review form');
		// Assigned again (the form sent twice): no second mail.
		await send(admin, form, { reviewer: officer.nils.id });
		await allSent();
		assert.equal(delivered(/^You are reviewing /).length, 1);
	});
});
