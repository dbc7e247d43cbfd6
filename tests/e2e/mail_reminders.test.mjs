// mail_reminders.test.mjs - kpp-mailer's daily pass on the demo data, against a real SMTP server: a report's
// reminders at 30 and 7 days before its deadline and 1 and 14 days after, each once, to its organisation's
// people in each one's language and as they chose; a pass that missed days sends only the most urgent stage;
// two passes at once or one after the other queue each reminder once; a round's news to those who asked for
// it; an officer's daily digest of what was submitted, and none when nothing was; each link opens its page.
// The days are set by SQL relative to the demo's today; a pass on another day runs with [app] today set so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ACCOUNTS, BUILD, DEMO_TODAY, NBSP, openStack, run, setIni, sqlText } from './harness.mjs';
import { mailsTo } from './lib/mail.mjs';

let stack, q, one;
/*
 * Reports not yet submitted, of projects under way, one per organisation with its applicant, due after every
 * day the tests' passes run on (so that none is reminded before a test sets its deadline): taken by the tests.
 */
let pool;

before(async () => {
	({ stack, q, one } = await openStack({ mail: true, workers: 1 }));
	await stack.startMailer();
	pool = (await q(`SELECT MIN(r.id), a.applicant_org_id, MIN(u.email), MIN(u.lang) FROM reports r
		JOIN projects p ON p.id = r.project_id JOIN applications a ON a.id = p.application_id
		JOIN users u ON u.org_id = a.applicant_org_id AND u.role = 'applicant'
		WHERE r.status = 'draft' AND p.status IN ('implementation', 'finalisation') AND r.deadline > '${day(80)}'
		GROUP BY a.applicant_org_id ORDER BY MIN(u.lang) = 'en' DESC, a.applicant_org_id`))
		.map(([id, org, email, lang]) => ({ id: Number(id), org: Number(org), email, lang }));
	assert.ok(pool.length >= 12 && pool[0].lang === 'en', `reports to remind: ${pool.length}`);
});
after(() => stack?.stop());

/** A report of the pool, of an organisation no other test uses. */
function take(lang = 'sv') {
	const i = pool.findIndex((r) => r.lang === lang);
	assert.ok(i >= 0, `no report left of an organisation writing ${lang}`);
	return pool.splice(i, 1)[0];
}

/** The day n days after the demo's today (YYYY-MM-DD). */
function day(n) {
	const d = new Date(`${DEMO_TODAY}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

const MONTHS = {
	sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
	en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
/** A date as the mails write it: "30 oktober 2016", "30 October 2016". */
function longDate(iso, lang) {
	const [y, m, d] = iso.split('-').map(Number);
	return `${d}${NBSP}${MONTHS[lang][m - 1]}${NBSP}${y}`;
}

/** Runs `kpp-mailer --daily` for the demo's today, or for [app] today = on; its log. */
async function daily(on) {
	let conf = stack.confPath;
	if (on) {
		conf = path.join(stack.dir, `daily-${on}.conf`);
		fs.writeFileSync(conf, setIni(fs.readFileSync(stack.confPath, 'utf8'), { 'app.today': on }), { mode: 0o600 });
	}
	const r = await run(path.join(BUILD, 'kpp-mailer'), ['-c', conf, '--daily']);
	assert.equal(r.code, 0, `kpp-mailer --daily: ${r.stderr}`);
	assert.match(r.stderr, new RegExp(`daily pass \\d+ for ${on ?? DEMO_TODAY}: `));
	return r.stderr;
}

/** Sets report id due on the day n days from the demo's today (a draft: its deadline). */
function dueIn(id, n) {
	return q(`UPDATE reports SET due_on = '${day(n)}' WHERE id = ${id}`);
}

/** The messages queued with link path: [{email, lang, subject, body}] in order. */
async function queued(linkPath) {
	return (await q(`SELECT recipient_email, lang, subject, body FROM outbox
		WHERE link = ${sqlText(stack.baseUrl + linkPath)} ORDER BY id`))
		.map(([email, lang, subject, body]) => ({ email, lang, subject, body }));
}

async function reportFacts(id) {
	const [[code, sv, en, year, kind, org]] = await q(`SELECT p.code, a.title_sv, a.title_en, r.project_year, r.kind, o.name
		FROM reports r JOIN projects p ON p.id = r.project_id JOIN applications a ON a.id = p.application_id
		JOIN organisations o ON o.id = a.applicant_org_id WHERE r.id = ${id}`);
	return { code, title: { sv, en }, year: Number(year), final: kind === 'final', org };
}

/** The words a reminder names its report with, in the body: "lägesrapporten för projektår 2", "final report". */
function reportWords(f, lang) {
	if (lang === 'sv') return f.final ? 'slutrapporten' : `lägesrapporten för projektår ${f.year}`;
	return f.final ? 'final report' : `progress report for project year ${f.year}`;
}

test('each stage: one reminder per report, to its organisation\'s people in each one\'s language, with its link', async () => {
	// 30 and 7 days before, 1 and 14 days after; the first organisation writes English, and gets a Swedish-speaking colleague.
	const stages = [
		{ r: take('en'), n: 30, stage: 'due_30' },
		{ r: take(), n: 7, stage: 'due_7' },
		{ r: take(), n: -1, stage: 'overdue_1' },
		{ r: take(), n: -14, stage: 'overdue_14' },
	];
	const colleague = 'kollega.reminders@kommun.example';
	await q(`INSERT INTO users (email, password_hash, name, role, org_id, lang)
		SELECT ${sqlText(colleague)}, password_hash, 'Kollega Påminnelse', 'applicant', ${stages[0].r.org}, 'sv'
		FROM users WHERE email = ${sqlText(ACCOUNTS.applicant)}`);
	for (const s of stages) await dueIn(s.r.id, s.n);
	await daily();

	const words = {
		sv: {
			due_30: (f, due) => [`Påminnelse: rapport för ${f.code} ska lämnas in senast den ${due}`,
				`Om 30 dagar, senast den ${due}, ska ${reportWords(f, 'sv')} för projektet ${f.code} ${f.title.sv} lämnas in till ICLD.`],
			due_7: (f, due) => [`Påminnelse: rapport för ${f.code} ska lämnas in senast den ${due}`,
				`Nu är det 7 dagar kvar: senast den ${due} ska ${reportWords(f, 'sv')} för projektet ${f.code} ${f.title.sv} lämnas in till ICLD.`],
			overdue_1: (f, due) => [`Rapporten för ${f.code} är försenad`,
				`skulle ha lämnats in senast den ${due}, för 1 dag sedan. Vi har ännu inte fått den.`],
			overdue_14: (f, due) => [`Rapporten för ${f.code} har fortfarande inte kommit in`,
				`skulle ha lämnats in senast den ${due}, för 14 dagar sedan, och vi har fortfarande inte fått den.`],
		},
		en: {
			due_30: (f, due) => [`Reminder: the report for ${f.code} is due on ${due}`,
				`The ${reportWords(f, 'en')} for project ${f.code} ${f.title.en} is due in 30 days: please submit it to ICLD by ${due}.`],
		},
	};
	for (const s of stages) {
		const f = await reportFacts(s.r.id);
		const link = `/reports/${s.r.id}`;
		const people = s === stages[0] ? [[s.r.email, 'en'], [colleague, 'sv']] : [[s.r.email, s.r.lang]];
		const rows = await queued(link);
		assert.deepEqual(rows.map((m) => [m.email, m.lang]).sort(), people.slice().sort(), `${s.stage}: one message per person`);
		assert.deepEqual((await q(`SELECT stage FROM report_reminders WHERE report_id = ${s.r.id}`)).flat(), [s.stage]);
		for (const [email, lang] of people) {
			const [m] = await mailsTo(stack, email, { pred: (x) => x.body.includes(stack.baseUrl + link) });
			const [subject, sentence] = words[lang][s.stage](f, longDate(day(s.n), lang));
			assert.equal(m.subject, subject);
			assert.ok(m.body.includes(sentence), `${s.stage} (${lang}) says "${sentence}":\n${m.body}`);
			assert.equal(m.link, stack.baseUrl + link, 'the first link is the report\'s page');
			assert.ok(m.body.includes(lang === 'sv' ? `har ett konto i kpp för ${f.org}.` : `account in kpp for ${f.org}.`), m.body);
		}
	}
	// The report's page, from the link, for the organisation's people.
	const s = await stack.login(stages[1].r.email);
	const page = await s.get(`/reports/${stages[1].r.id}`);
	assert.equal(page.status, 200);
	assert.ok(page.text.includes((await reportFacts(stages[1].r.id)).code));
});

test('opting out of report reminders: that person gets none, the others of the organisation theirs', async () => {
	const r = take();
	const other = 'kollega.valt-bort@kommun.example';
	await q(`INSERT INTO users (email, password_hash, name, role, org_id, lang)
		SELECT ${sqlText(other)}, password_hash, 'Kollega Utan Påminnelser', 'applicant', ${r.org}, 'sv'
		FROM users WHERE email = ${sqlText(ACCOUNTS.applicant)};
		UPDATE users SET mail_kinds = 'application_receipt,report_approved,payment' WHERE email = ${sqlText(other)}`);
	await dueIn(r.id, 30);
	await daily();
	assert.deepEqual((await queued(`/reports/${r.id}`)).map((m) => m.email), [r.email]);
	await mailsTo(stack, r.email, { pred: (m) => m.link === `${stack.baseUrl}/reports/${r.id}` });
	assert.equal(await one(`SELECT COUNT(*) FROM outbox WHERE recipient_email = ${sqlText(other)}`), '0');
});

test('the pass run twice on one day, and two passes at once: each reminder queued once', async () => {
	const rs = [take(), take(), take()];
	// The day's pass done: what these passes find to do is the three reports' alone.
	await daily();
	await dueIn(rs[0].id, 30);
	await dueIn(rs[1].id, 5);
	await dueIn(rs[2].id, -20);
	const runs = Number(await one(`SELECT runs FROM mail_daily_passes WHERE day = '${DEMO_TODAY}'`));
	// Two mailers' passes at the same moment: the second waits for the first's day, then finds it all recorded.
	const [a, b] = await Promise.all([daily(), daily()]);
	await daily();
	const counts = [a, b].map((log) => Number(log.match(/: (\d+) report reminder/)[1]));
	assert.equal(Math.min(...counts), 0, `one of the two passes recorded nothing: ${a}${b}`);
	assert.equal(Math.max(...counts), 3, `the other recorded the three: ${a}${b}`);
	assert.equal(Number(await one(`SELECT runs FROM mail_daily_passes WHERE day = '${DEMO_TODAY}'`)), runs + 3);
	for (const [i, stage] of ['due_30', 'due_7', 'overdue_14'].entries()) {
		const rows = await queued(`/reports/${rs[i].id}`);
		assert.deepEqual(rows.map((m) => m.email), [rs[i].email], `report ${rs[i].id}: one message`);
		assert.deepEqual((await q(`SELECT stage FROM report_reminders WHERE report_id = ${rs[i].id}`)).flat(), [stage]);
		const got = await mailsTo(stack, rs[i].email, { pred: (m) => m.link === `${stack.baseUrl}/reports/${rs[i].id}` });
		assert.equal(got.length, 1);
	}
});

test('a pass that missed days sends only the most urgent stage reached, and never an earlier one after a later', async () => {
	const r = take();
	const link = `/reports/${r.id}`;
	// Due in 3 days and never reminded: the 30 days' stage was missed; the 7 days' one is sent.
	await dueIn(r.id, 3);
	await daily();
	// A week and more with no pass: 15 days overdue on the next, past the 1 day's stage too.
	await daily(day(18));
	// A pass for a day in between (a clock set back): overdue by 3 days, a stage before the one sent.
	await daily(day(6));
	const rows = await queued(link);
	assert.deepEqual(rows.map((m) => m.subject), [
		`Påminnelse: rapport för ${(await reportFacts(r.id)).code} ska lämnas in senast den ${longDate(day(3), 'sv')}`,
		`Rapporten för ${(await reportFacts(r.id)).code} har fortfarande inte kommit in`,
	]);
	assert.ok(rows[0].body.includes('Nu är det 3 dagar kvar'), rows[0].body);
	assert.ok(rows[1].body.includes('för 15 dagar sedan'), rows[1].body);
	assert.deepEqual((await q(`SELECT stage, sent_on FROM report_reminders WHERE report_id = ${r.id} ORDER BY stage`)),
		[['due_7', DEMO_TODAY], ['overdue_14', day(18)]]);
	// A returned report's new deadline has reminders of its own.
	await q(`UPDATE reports SET status = 'returned', submitted_at = '2016-09-01 10:00:00', decided_at = '2016-09-02 10:00:00',
		revise_by = '${day(25)}' WHERE id = ${r.id}`);
	await daily(day(19));
	const again = await queued(link);
	assert.equal(again.length, 3);
	assert.ok(again[2].body.includes(`senast den ${longDate(day(25), 'sv')}`), again[2].body);
});

test('a round\'s news: its opening and its closing in 7 days, once each, only to the applicants who asked for it', async () => {
	await q(`INSERT INTO rounds (year, name_sv, name_en, opens_on, closes_on)
		VALUES (2017, 'Höstens extra utlysning', 'Extra autumn call', '${DEMO_TODAY}', '${day(40)}')`);
	const sv = take();
	const en = take('en');
	await q(`UPDATE users SET mail_kinds = CONCAT(mail_kinds, ',round_news') WHERE email IN (${sqlText(sv.email)}, ${sqlText(en.email)})`);
	await daily();
	await daily();
	const news = async () => (await q(`SELECT recipient_email, lang, subject, body FROM outbox WHERE kind = 'round_news'
		AND (subject LIKE '%Höstens extra utlysning%' OR subject LIKE '%Extra autumn call%') ORDER BY id`))
		.map(([email, lang, subject, body]) => ({ email, lang, subject, body }));
	const opening = await news();
	assert.deepEqual(opening.map((m) => [m.email, m.lang]).sort(), [[en.email, 'en'], [sv.email, 'sv']].sort());
	const svOpen = opening.find((m) => m.lang === 'sv');
	assert.equal(svOpen.subject, 'Höstens extra utlysning är öppen för ansökningar');
	assert.ok(svOpen.body.includes(`Från och med den ${longDate(DEMO_TODAY, 'sv')} till och med den ${longDate(day(40), 'sv')}`), svOpen.body);
	assert.ok(svOpen.body.includes('du har valt att få nyheter om ICLD:s utlysningar'));
	assert.equal(opening.find((m) => m.lang === 'en').subject, 'Extra autumn call is open for applications');

	// Seven days before it closes.
	await daily(day(33));
	await daily(day(34));
	const all = await news();
	assert.equal(all.length, 4, 'one closing each');
	const [enClose] = all.slice(2).filter((m) => m.lang === 'en');
	assert.equal(enClose.subject, 'Extra autumn call closes in 7 days');
	assert.ok(enClose.body.includes(`The last day to submit an application in Extra autumn call is ${longDate(day(40), 'en')}, in 7 days.`), enClose.body);
	assert.deepEqual(await q(`SELECT n.stage, n.sent_on FROM round_news n JOIN rounds r ON r.id = n.round_id
		WHERE r.name_sv = 'Höstens extra utlysning' ORDER BY n.stage`), [['opening', DEMO_TODAY], ['closing', day(33)]]);

	// Delivered, with the link to start an application, which opens for the applicant.
	const [m] = await mailsTo(stack, en.email, { n: 2, pred: (x) => x.subject.startsWith('Extra autumn call') });
	assert.equal(m.link, `${stack.baseUrl}/applications/new`);
	const s = await stack.login(en.email);
	assert.equal((await s.get(new URL(m.link).pathname)).status, 200);
});

test('an officer\'s digest: what was submitted in their rounds since the previous one, once a day; none when nothing is new', async () => {
	const [admin, reviewer] = (await q(`SELECT id FROM users WHERE email IN (${sqlText(ACCOUNTS.admin)}, ${sqlText(ACCOUNTS.reviewer)})
		ORDER BY email = ${sqlText(ACCOUNTS.reviewer)}`)).flat().map(Number);
	await q(`UPDATE users SET mail_kinds = CONCAT(mail_kinds, ',digest') WHERE id IN (${admin}, ${reviewer});
		UPDATE users SET lang = 'en' WHERE id = ${reviewer}`);
	// An application in a round that names the admin as its officer, and a report of a round that names nobody.
	const [[appId, appRound]] = await q(`SELECT id, round_id FROM applications WHERE status IN ('submitted', 'under_review')
		ORDER BY id LIMIT 1`);
	const [[reportId]] = await q(`SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id
		JOIN applications a ON a.id = p.application_id WHERE r.status IN ('submitted', 'approved') AND a.round_id <> ${appRound}
		ORDER BY r.id LIMIT 1`);
	await q(`INSERT INTO round_officers (round_id, user_id) VALUES (${appRound}, ${admin})`);
	// Their previous digests, on the 19th day.
	await q(`INSERT INTO officer_digests (user_id, day, covers_from, covers_to, items) VALUES
		(${admin}, '${day(19)}', '${day(18)} 12:00:00', '${day(19)} 12:00:00', 1),
		(${reviewer}, '${day(19)}', '${day(18)} 12:00:00', '${day(19)} 12:00:00', 1)`);
	const digests = async () => (await q(`SELECT recipient_email, lang, subject, body, link FROM outbox WHERE kind = 'digest' ORDER BY id`))
		.map(([email, lang, subject, body, link]) => ({ email, lang, subject, body, link }));

	// Nothing submitted since: no digest, and nothing recorded.
	await daily(day(20));
	assert.deepEqual(await digests(), []);
	assert.equal(await one(`SELECT COUNT(*) FROM officer_digests WHERE day = '${day(20)}'`), '0');

	await q(`UPDATE applications SET submitted_at = '${day(20)} 20:00:00' WHERE id = ${appId};
		UPDATE reports SET submitted_at = '${day(20)} 20:05:00' WHERE id = ${reportId}`);
	await daily(day(21));
	await daily(day(21));
	const got = await digests();
	assert.deepEqual(got.map((m) => [m.email, m.lang]), [[ACCOUNTS.admin, 'sv'], [ACCOUNTS.reviewer, 'en']], 'one each, in their language');
	const [[title, org, round]] = await q(`SELECT a.title_sv, o.name, r.name_sv FROM applications a
		JOIN organisations o ON o.id = a.applicant_org_id JOIN rounds r ON r.id = a.round_id WHERE a.id = ${appId}`);
	const rf = await reportFacts(reportId);
	const sv = got[0];
	assert.equal(sv.subject, `Dagens sammanställning från kpp, ${longDate(day(21), 'sv')}`);
	assert.ok(sv.body.includes(`Ansökningar (1):\n- ${title}\n  ${org}, ${round}, inlämnad ${day(20)} 22:00\n  ${stack.baseUrl}/applications/${appId}\n`), sv.body);
	const kindSv = rf.final ? 'Slutrapport' : `Lägesrapport för projektår ${rf.year}`;
	assert.ok(sv.body.includes(`Rapporter (1):\n- ${kindSv}, ${rf.code} ${rf.title.sv}\n  ${rf.org}, inlämnad ${day(20)} 22:05\n  ${stack.baseUrl}/reports/${reportId}\n`), sv.body);
	assert.ok(sv.body.includes(`sedan din förra sammanställning (${day(19)} 14:00)`), sv.body);
	assert.equal(sv.link, `${stack.baseUrl}/applications/${appId}`);
	// The reviewer is not named for the application's round, which names the admin: only the report.
	const en = got[1];
	assert.equal(en.subject, `Your daily summary from kpp, ${longDate(day(21), 'en')}`);
	assert.ok(!en.body.includes(`/applications/${appId}`), en.body);
	const kindEn = rf.final ? 'Final report' : `Progress report for project year ${rf.year}`;
	assert.ok(en.body.includes(`Reports (1):\n- ${kindEn}, ${rf.code} ${rf.title.en}\n  ${rf.org}, submitted ${day(20)} 22:05\n`), en.body);
	assert.deepEqual(await q(`SELECT user_id, covers_from, items FROM officer_digests WHERE day = '${day(21)}' ORDER BY user_id`),
		[[String(admin), `${day(19)} 12:00:00`, '2'], [String(reviewer), `${day(19)} 12:00:00`, '1']].sort((x, y) => x[0] - y[0]));

	// The next day, nothing new: no digest.
	await daily(day(22));
	assert.equal((await digests()).length, 2);

	// Delivered; each link opens its page for the officer.
	const [m] = await mailsTo(stack, ACCOUNTS.admin, { pred: (x) => x.subject.startsWith('Dagens sammanställning') });
	const s = await stack.login(ACCOUNTS.admin);
	for (const link of m.body.match(/https?:\/\/\S+/g).filter((l) => !l.endsWith('/account'))) {
		assert.equal((await s.get(new URL(link).pathname)).status, 200, link);
	}
});

test('a mailer started after [mail] daily_at runs the day\'s pass at once, when it has not run', async () => {
	const r = take();
	await dueIn(r.id, 47);
	const pid = await stack.startMailer({ conf: { 'mail.daily_at': '00:00', 'app.today': day(40) } });
	const got = await mailsTo(stack, r.email, { pred: (m) => m.link === `${stack.baseUrl}/reports/${r.id}` });
	assert.equal(got.length, 1);
	assert.match(stack.mailerLog(), new RegExp(`kpp-mailer\\[${pid}\\] req=daily-${day(40)} info daily pass 1 for ${day(40)}: `));
	assert.equal(await one(`SELECT runs FROM mail_daily_passes WHERE day = '${day(40)}'`), '1');
});
