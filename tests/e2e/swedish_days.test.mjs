// swedish_days.test.mjs - a date shown of a stamped time (a submission, a decision, a report's approval) is the
// day in Sweden, whatever the hour in UTC the row holds: stamps set by SQL just after or before midnight in
// Sweden, in winter and summer time, on the nights the clocks change and on New Year's night, show as their
// Swedish day on the inbox and its CSV, an application's page, the applicant's start page, the decision letter,
// the project page's check of Sida's funds, the IATI file's commitment and expenditure, and the statistics'
// decisions per year.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, textOf } from './harness.mjs';
import { parseCsv } from './lib/csv.mjs';
import { activities } from './lib/iati.mjs';

// [a UTC stamp as stored, its day in Sweden]
const EDGES = [
	['2016-01-14 22:59:59', '2016-01-14'], // 23:59:59 CET
	['2016-01-14 23:30:00', '2016-01-15'], // 00:30 CET: the hour after midnight in winter
	['2016-03-26 22:30:00', '2016-03-26'], // 23:30 CET, the evening before summer time begins
	['2016-03-26 23:30:00', '2016-03-27'], // 00:30 CET, the night it begins (at 01:00 UTC)
	['2016-03-27 21:59:59', '2016-03-27'], // 23:59:59 CEST, its first evening
	['2016-03-27 22:30:00', '2016-03-28'], // 00:30 CEST: the hour after midnight in summer
	['2016-06-30 22:30:00', '2016-07-01'], // 00:30 CEST
	['2016-10-29 22:30:00', '2016-10-30'], // 00:30 CEST, the night summer time ends (at 01:00 UTC)
	['2016-10-30 22:30:00', '2016-10-30'], // 23:30 CET, its evening
	['2016-10-30 23:30:00', '2016-10-31'], // 00:30 CET
	['2016-12-31 22:59:59', '2016-12-31'], // 23:59:59 CET on New Year's Eve
	['2016-12-31 23:30:00', '2017-01-01'], // 00:30 CET on New Year's night
];

let stack, q, one, admin, sida, applicant;

before(async () => {
	({ stack, q, one, admin, sida, applicant } = await openStack({ workers: 1 }, ['admin', 'sida', 'applicant']));
});

after(() => stack?.stop());

describe('the day in Sweden of a stamp', () => {
	test('the inbox and its CSV show each application\'s submission on its Swedish day', async () => {
		const ids = (await q(`SELECT id FROM applications WHERE status <> 'draft' AND submitted_at IS NOT NULL
			ORDER BY id LIMIT ${EDGES.length}`)).map((r) => Number(r[0]));
		assert.equal(ids.length, EDGES.length, 'enough submitted applications in the demo');
		for (const [i, id] of ids.entries())
			await q(`UPDATE applications SET submitted_at = '${EDGES[i][0]}' WHERE id = ${id}`);
		const want = new Map(ids.map((id, i) => [id, EDGES[i][1]]));

		const res = await admin.get('/inbox.csv?sort=ref&dir=asc');
		assert.equal(res.status, 200);
		const [head, ...rows] = parseCsv(res.body.toString('utf8').slice(1));
		const ref = head.indexOf('Nr'), submitted = head.indexOf('Inskickad');
		assert.ok(ref >= 0 && submitted >= 0, head.join(';'));
		const got = new Map(rows.filter((r) => want.has(Number(r[ref]))).map((r) => [Number(r[ref]), r[submitted]]));
		assert.deepEqual(got, want);

		// The page itself: the lowest numbers come first.
		const html = (await admin.get('/inbox?sort=ref&dir=asc')).text;
		const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
		const shown = new Map([...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
			.map((m) => [...m[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => textOf(c[1])))
			.filter((c) => want.has(Number(c[0])))
			.map((c) => [Number(c[0]), c.find((t) => /^\d{4}-\d\d-\d\d$/.test(t))]));
		assert.deepEqual(shown, want);

		// The application's own page: submitted at 00:30 in Sweden on 15 January.
		const app = textOf((await admin.get(`/applications/${ids[1]}`)).text);
		assert.ok(app.includes('2016-01-15') && !app.includes('2016-01-14'), 'the application shows its Swedish day');
	});

	test('a decision just after Swedish midnight: the letter, the project page, the IATI commitment and the statistics', async () => {
		const [[aid, code]] = await q(`SELECT a.id, p.code FROM applications a JOIN projects p ON p.application_id = a.id
			JOIN decisions d ON d.application_id = a.id WHERE d.outcome = 'approve' ORDER BY p.code LIMIT 1`);
		await q(`UPDATE decisions SET decided_at = '2016-01-14 23:30:00' WHERE application_id = ${aid}`);

		const letter = (await admin.get(`/applications/${aid}/letter`)).text;
		assert.match(letter, /<dd class="date">2016-01-15<\/dd>/);

		// Funds cannot have come before the decision's day: the Swedish one, not the UTC one before it.
		const { form } = await admin.form(`/projects/${code}`, (f) => f.action === `/projects/${code}/incoming-funds`);
		const refused = await admin.post(form.action, { ...form.fields, received_on: '2016-01-14', amount: '1000', note: '' });
		assert.equal(refused.status, 200, 'the form again, with its error');
		assert.match(refused.text, /före beslutet om projektet, 2016-01-15/);

		const xml = (await sida.get('/export/iati.xml')).text;
		const act = activities(xml).get([...activities(xml).keys()].find((k) => k.endsWith(`-${code}`)));
		assert.ok(act, `the export holds ${code}`);
		assert.match(act, /<transaction-type code="2"\/>\s*<transaction-date iso-date="2016-01-15"\/>/);

		// Decided on New Year's night: the statistics count it in the year it began in Sweden.
		await q(`UPDATE decisions SET decided_at = '2016-12-31 23:30:00' WHERE application_id = ${aid}`);
		assert.equal(Number(await one("SELECT COUNT(*) FROM decisions WHERE decided_at >= '2016-12-31 23:00:00'")), 1,
			'the only decision of 2017 in Sweden');
		const stats = (await sida.get('/statistics')).text;
		const start = stats.indexOf('<section class="figure" aria-labelledby="approved-heading">');
		assert.ok(start >= 0, 'the figure of amounts approved per year');
		const approved = stats.slice(start, stats.indexOf('</section>', start));
		assert.match(approved, /<th scope="row">2017<\/th>/);
	});

	test('the applicant\'s start page dates its decisions by the Swedish day', async () => {
		const [[aid]] = await q(`SELECT d.application_id FROM decisions d JOIN applications a ON a.id = d.application_id
			JOIN users u ON u.org_id = a.applicant_org_id WHERE u.email = 'borlange@kommun.example' ORDER BY d.id LIMIT 1`);
		await q(`UPDATE decisions SET decided_at = '2016-03-27 22:30:00' WHERE application_id = ${aid}`);
		const home = (await applicant.get('/')).text;
		const row = [...home.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).find((r) => r.includes('<td class="date">2016-03-2'));
		assert.ok(row, 'the decision is listed');
		assert.match(row, /<td class="date">2016-03-28<\/td>/);
	});

	test('a report approved just after Swedish midnight in summer: the IATI expenditure on that day', async () => {
		const [[rid, code]] = await q(`SELECT r.id, p.code FROM reports r JOIN projects p ON p.id = r.project_id
			WHERE r.status = 'approved' AND EXISTS (SELECT 1 FROM report_financial_lines f WHERE f.report_id = r.id AND f.actual_amount > 0)
			ORDER BY r.id LIMIT 1`);
		await q(`UPDATE reports SET decided_at = '2016-06-30 22:30:00' WHERE id = ${rid}`);
		const xml = (await sida.get('/export/iati.xml')).text;
		const act = activities(xml).get([...activities(xml).keys()].find((k) => k.endsWith(`-${code}`)));
		assert.match(act, /<transaction-type code="4"\/>\s*<transaction-date iso-date="2016-07-01"\/>/);
		assert.doesNotMatch(act, /<transaction-type code="4"\/>\s*<transaction-date iso-date="2016-06-30"\/>/);
	});
});
