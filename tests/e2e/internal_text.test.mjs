// internal_text.test.mjs - ICLD's internal text never reaches Sida: a unique string is planted in every field that is
// ICLD's own (the payment's note, the comments returning and approving reports, the decision's conditions, the funds'
// note, an attached file's name and checksum, a review's comments), through the forms where there are forms; then
// every page and download Sida reaches from its start page is read (HTML, CSV, the XLSX workbook unpacked, the IATI
// file) and none may hold any of them, while ICLD's officers read each one where it belongs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openStack, htmlDecode, DEMO_TODAY } from './harness.mjs';
import { unzip } from './lib/zip.mjs';

let stack, q, one, admin, sida;

/** The strings planted, by where they were planted. */
const planted = {};
const mark = (what) => (planted[what] = `icld${what}${crypto.randomBytes(6).toString('hex')}`);

/** The two projects planted in: one with a report returned, one with a report approved and paid. */
let returned, paid;

before(async () => {
	({ stack, q, one, admin, sida } = await openStack({ workers: 2 }, ['admin', 'sida']));
	// Two progress reports waiting for ICLD's decision, in running projects, with costs to reimburse.
	const rows = await q(`SELECT r.id, p.code, p.id, p.application_id FROM reports r JOIN projects p ON p.id = r.project_id
		WHERE r.status = 'submitted' AND r.kind = 'progress' AND p.status IN ('implementation', 'finalisation')
		AND NOT EXISTS (SELECT 1 FROM disbursements d WHERE d.report_id = r.id)
		AND (SELECT SUM(fl.actual_amount) FROM report_financial_lines fl WHERE fl.report_id = r.id) > 0
		ORDER BY r.id LIMIT 2`);
	assert.equal(rows.length, 2, 'the demo has two progress reports waiting for a decision');
	[returned, paid] = rows.map(([report, code, id, app]) => ({ report: Number(report), code, id: Number(id), app: Number(app) }));
});

after(() => stack?.stop());

/** Posts the form of page path whose action is action, with fields over its own; expects a redirect. */
async function post(path, action, fields) {
	const { form } = await admin.form(path, (f) => f.action === action);
	const res = await admin.post(action, { ...form.fields, ...fields });
	assert.equal(res.status, 303, `${action}: ${res.status} ${res.text.slice(0, 400)}`);
}

describe('ICLD writes its internal text', () => {
	test('through the forms: report comments, the payment\'s note, the funds\' note, the decision\'s conditions', async () => {
		const r = (id) => `/reports/${id}`;
		await post(r(returned.report), `${r(returned.report)}/decision`, { outcome: 'return', comment: mark('return') });
		await post(r(paid.report), `${r(paid.report)}/decision`, { outcome: 'approve', comment: mark('approve') });
		await post(r(paid.report), `${r(paid.report)}/payment`, { note: mark('payment') });
		await post(`/projects/${paid.code}`, `/projects/${paid.code}/incoming-funds`,
			{ received_on: DEMO_TODAY, amount: '1000', note: mark('funds') });
		await post(`/applications/${paid.app}/decision`, `/applications/${paid.app}/decision`,
			{ conditions_sv: mark('conditions'), conditions_en: mark('conditions_en') });
		assert.equal(await one(`SELECT note FROM disbursements WHERE report_id = ${paid.report}`), planted.payment);
		assert.deepEqual(await q(`SELECT conditions_sv, conditions_en FROM decisions WHERE application_id = ${paid.app}`),
			[[planted.conditions, planted.conditions_en]]);
	});

	test('where the test cannot use a form: a file attached to a report, a review\'s comments', async () => {
		// An applicant's upload as db_attachment.c records it; its name and checksum are the file's.
		const applicant = await one(`SELECT MIN(u.id) FROM users u JOIN applications a ON a.applicant_org_id = u.org_id
			WHERE a.id = ${paid.app}`);
		const sha = crypto.randomBytes(32).toString('hex');
		planted.sha256 = sha;
		await q('INSERT INTO audit_log (user_id, ip, action, entity, entity_id, before_json, after_json) VALUES ' +
			`(${applicant}, '192.0.2.20', 'report.attach', 'report', ${paid.report}, NULL, JSON_OBJECT('attachment', 999999, ` +
			`'filename', '${mark('file')}.pdf', 'type', 'application/pdf', 'size', 2048, 'sha256', '${sha}'))`);
		await q(`UPDATE reviews SET comment_relevance = '${mark('review')}', summary = '${mark('summary')}'
			WHERE application_id = ${paid.app}`);
		assert.ok(Number(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${paid.app}`)) > 0, 'the project was reviewed');
		// Writes outside the application: the pages' caches must see them.
		await q('UPDATE data_version SET v = v + 1 WHERE id = 1');
	});

	test('ICLD\'s officers read each of them: the test would see a leak', async () => {
		const history = {
			[returned.code]: ['return'],
			[paid.code]: ['approve', 'payment', 'funds', 'conditions', 'conditions_en', 'file', 'sha256'],
		};
		for (const [code, whats] of Object.entries(history)) {
			const page = (await admin.get(`/projects/${code}`)).text;
			const trail = page.slice(page.indexOf('id="history"'));
			for (const w of whats) assert.ok(trail.includes(planted[w]), `ICLD reads ${w} in the history of ${code}`);
		}
		const app = (await admin.get(`/applications/${paid.app}`)).text;
		for (const w of ['review', 'summary']) assert.ok(app.includes(planted[w]), `ICLD reads the review's ${w}`);
	});
});

describe('Sida', () => {
	test('reaches no internal text on any page or download it can reach', async () => {
		const seen = new Map();
		const queue = ['/'];
		const leaks = [];
		while (queue.length > 0) {
			const path = queue.shift();
			if (seen.has(path)) continue;
			assert.ok(seen.size < 5000, 'the crawl ends');
			const res = await sida.get(path);
			seen.set(path, res.status);
			let text = res.text;
			if (/\.xlsx(\?|$)/.test(path) && res.status === 200)
				text = [...unzip(res.body).values()].map((b) => b.toString('utf8')).join('\n');
			for (const [what, s] of Object.entries(planted))
				if (text.includes(s) || htmlDecode(text).includes(s)) leaks.push(`${what} on ${path}`);
			const links = [];
			if (res.headers.location) links.push(res.headers.location);
			if (/text\/html/.test(res.headers['content-type'] ?? ''))
				for (const m of res.text.matchAll(/\shref="([^"]*)"/g)) links.push(htmlDecode(m[1]));
			for (const link of links) {
				const url = new URL(link, `${stack.baseUrl}${path}`);
				if (url.origin !== stack.baseUrl) continue;
				// The language switch leads back to the page it was on; signing out ends the crawl's session.
				if (url.pathname === '/language' || url.pathname === '/logout') continue;
				const next = url.pathname + url.search;
				if (!seen.has(next)) queue.push(next);
			}
		}
		assert.deepEqual(leaks, []);
		// The crawl went where Sida goes: the projects planted in, the lists and their downloads, the export.
		const reached = (p) => [...seen.keys()].some((k) => k === p || k.startsWith(`${p}?`));
		for (const p of [`/projects/${returned.code}`, `/projects/${paid.code}`, '/projects', '/projects.csv', '/projects.xlsx',
			'/statistics', '/export', '/export/iati.xml'])
			assert.ok(reached(p), `the crawl reached ${p}`);
		const failed = [...seen].filter(([, status]) => status >= 400);
		assert.deepEqual(failed, [], 'every page Sida reaches answers');
		// And the history is there for Sida, with the payment and the report's return in it, without their text.
		const page = (await sida.get(`/projects/${paid.code}`)).text;
		assert.match(page, /<h2 id="history">Historik<\/h2>/);
		assert.match(page, /Utbetalning registrerad/);
		assert.match(page, /Fil bifogad till en rapport/);
	});
});
