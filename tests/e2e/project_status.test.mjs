// project_status.test.mjs - a project approved to start later: until its first day it is "approved, starts on
// <date>" everywhere its status shows (the public register's list and page, the project page for ICLD, Sida and the
// applicant, the projects list, the applicant's start page, the IATI file and the public one, with IATI's activity
// status 1), and in implementation (2) from that day, against the real nginx, workers and MariaDB with the demo data.
// What MariaDB counts, filters and sorts by status (the projects list's filter and counts, its sort and the
// public register's, the start page's "Projects by status" and "under way" figures, the statistics) agrees with
// the status each project shows, edges included: a start today, an actual start before or after the planned one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, textOf, DEMO_TODAY } from './harness.mjs';
import { activities, xmllint } from './lib/iati.mjs';

const ORG_REF = 'SE-ON-2220000315';
const STARTS = '2017-07-01';

let stack, q, one, admin, sida;
let code, applicant;

before(async () => {
	({ stack, q, one, admin, sida } = await openStack({ workers: 1 }, ['admin', 'sida']));
	// A 2017 application approved now (the demo's today is 2016-09-30), to start in July 2017.
	const [[id, email]] = await q(`SELECT a.id, u.email FROM applications a JOIN rounds r ON r.id = a.round_id
		JOIN users u ON u.org_id = a.applicant_org_id AND u.role = 'applicant'
		WHERE r.year = 2017 AND a.status = 'submitted' ORDER BY a.id, u.id LIMIT 1`);
	const action = `/applications/${id}/decision`;
	const { form } = await admin.form(action, (f) => f.action === action);
	const res = await admin.post(action, { ...form.fields, outcome: 'approve', starts_on: STARTS, ends_on: '2018-06-30', years: '1' });
	assert.equal(res.status, 303, textOf(res.text).slice(0, 500));
	code = await one(`SELECT code FROM projects WHERE application_id = ${id}`);
	assert.ok(code);
	applicant = await stack.login(email);
});

after(() => stack?.stop());

/** The status tags of a page: [[class, words]]. */
const tags = (html) => [...html.matchAll(/<strong class="tag tag-([a-z_]+)">([^<]*)<\/strong>/g)].map((m) => [m[1], textOf(m[2])]);

/** The table row of a list page that links to href. */
const rowOf = (html, href) => {
	const row = [...html.matchAll(/<tr>[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((r) => r.includes(`href="${href}"`));
	assert.ok(row, `a row links to ${href}`);
	return row;
};

/** The activity-status code of the project's activity in an IATI file. */
const statusIn = (xml) => {
	const act = activities(xml).get(`${ORG_REF}-${code}`);
	assert.ok(act, `the file has ${code}`);
	return act.match(/<activity-status code="(\d)"\/>/)[1];
};

describe('a project approved to start later', () => {
	const waiting = [['approved', `Beviljat, startar ${STARTS}`]];

	test('is "approved, starts on" on the public register, its list and its page', async () => {
		const list = await stack.get(`/partnerships?q=${code}`, { headers: { Cookie: 'kpp_lang=sv' } });
		assert.deepEqual(tags(rowOf(list.text, `/partnerships/${code}`)), waiting);
		const page = await stack.get(`/partnerships/${code}`, { headers: { Cookie: 'kpp_lang=en' } });
		assert.equal(page.status, 200);
		assert.deepEqual(tags(page.text).slice(0, 1), [['approved', `Approved, starts on ${STARTS}`]]);
	});

	test('is so on the project page for ICLD, Sida and the applicant, on the projects list and the start page', async () => {
		for (const s of [admin, sida, applicant]) {
			const page = await s.get(`/projects/${code}`);
			assert.equal(page.status, 200);
			assert.deepEqual(tags(page.text.slice(0, page.text.indexOf('</p>', page.text.indexOf('<h1')))), waiting);
		}
		const round = await one('SELECT id FROM rounds WHERE year = 2017');
		assert.deepEqual(tags(rowOf((await admin.get(`/projects?round=${round}`)).text, `/projects/${code}`)), waiting);
		const home = (await applicant.get('/')).text;
		assert.deepEqual(tags(rowOf(home.slice(home.indexOf('<h2 id="projects">')), `/projects/${code}`)), waiting);
		const csv = (await admin.get('/projects.csv')).text;
		assert.ok(csv.split('\n').find((l) => l.startsWith(code)).includes(`Beviljat, startar ${STARTS}`), 'the download too');
	});

	test('is IATI\'s pipeline (activity status 1) in the export and in the public file, which stay valid', async () => {
		const xml = (await sida.get('/export/iati.xml')).text;
		assert.equal(statusIn(xml), '1');
		assert.ok((await xmllint(xml)).ok);
		const pub = (await stack.get('/iati/activities.xml')).text;
		assert.equal(statusIn(pub), '1');
		// Not yet started: no actual start in the file.
		assert.doesNotMatch(activities(xml).get(`${ORG_REF}-${code}`), /<activity-date type="2"/);
		// kpp's check of the file finds nothing wrong with it.
		assert.doesNotMatch((await admin.get('/export')).text, new RegExp(`href="/projects/${code}"`));
	});

	test('every count, filter and sort by status agrees with the status each project shows', async () => {
		// The edges of the rule: an actual start still to come though the planned one is past (approved), an
		// actual start past though the planned one is to come (started), and a first day that is today (started).
		const edges = await q(`SELECT p.code FROM projects p WHERE p.status = 'implementation' AND p.actual_end IS NULL
			AND p.planned_end > '2017-01-31' AND p.code <> '${code}' ORDER BY p.code LIMIT 3`);
		assert.equal(edges.length, 3);
		const [late, early, today] = edges.map(([c]) => c);
		await q(`UPDATE projects SET planned_start = '2016-01-01', actual_start = '2016-10-15' WHERE code = '${late}'`);
		await q(`UPDATE projects SET planned_start = '2016-11-01', actual_start = '2016-09-01' WHERE code = '${early}'`);
		await q(`UPDATE projects SET planned_start = '${DEMO_TODAY}', actual_start = NULL WHERE code = '${today}'`);
		const expect = { [code]: 'approved', [late]: 'approved', [early]: 'implementation', [today]: 'implementation' };
		const order = ['approved', 'implementation', 'finalisation', 'closed', 'cancelled'];
		const num = (t) => Number(textOf(t).replace(/[^0-9]/g, ''));

		/** Every row of a list, page after page: [{code, org, status}]. */
		const listAll = async (href) => {
			const out = [];
			for (let page = 1; ; page++) {
				const html = (await admin.get(`${href}${href.includes('?') ? '&' : '?'}page=${page}`)).text;
				for (const [row] of html.matchAll(/<tr>\s*<td><a href="\/projects\/[^"]+">[\s\S]*?<\/tr>/g)) {
					const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
					out.push({ code: textOf(cells[0]), org: textOf(cells[2]), status: tags(row)[0][0] });
				}
				if (!/rel="next"/.test(html)) return out;
			}
		};
		/** The counts per status of the projects list: {status: n}. */
		const countsOf = (html) => Object.fromEntries([...html.matchAll(/<span class="tag tag-([a-z_]+)">[^<]*<\/span> <span class="count">([^<]*)<\/span>/g)]
			.map((m) => [m[1], num(m[2])]));

		const all = await listAll('/projects');
		assert.equal(all.length, Number(await one('SELECT COUNT(*) FROM projects')));
		const shown = Object.fromEntries(all.map((r) => [r.code, r.status]));
		for (const [c, st] of Object.entries(expect)) {
			assert.equal(shown[c], st, `${c} in the list`);
			const page = (await admin.get(`/projects/${c}`)).text;
			assert.equal(tags(page.slice(0, page.indexOf('</p>', page.indexOf('<h1'))))[0][0], st, `${c} on its page`);
		}
		const first = (await admin.get('/projects')).text;
		const counts = countsOf(first);
		assert.equal(counts.all, all.length);
		// The filter offers the status a project shows, approved (not yet started) among them.
		assert.match(first, /<option value="approved"[^>]*>Beviljat, ej startat<\/option>/);
		for (const st of order) {
			const rows = await listAll(`/projects?status=${st}`);
			assert.deepEqual(rows.map((r) => r.status).filter((x) => x !== st), [], `the filter ${st} finds only ${st}`);
			assert.deepEqual(rows.map((r) => r.code).sort(), all.filter((r) => r.status === st).map((r) => r.code).sort(),
				`the filter ${st} finds every project that shows ${st}`);
			assert.equal(counts[st], rows.length, `the count of ${st}`);
		}
		assert.ok(counts.approved >= 2 && counts.implementation > 0, 'both sides of the rule are counted');
		const underWay = all.filter((r) => r.status === 'implementation' || r.status === 'finalisation');

		// Sorted by status, in the lifecycle's order as the projects show it, both ways.
		const ranks = (html) => tags(html.slice(html.indexOf('<tbody>'))).map(([t]) => order.indexOf(t));
		for (const [href, dir] of [['/projects?sort=status', 1], ['/projects?sort=status&dir=desc', -1],
			['/partnerships?sort=status', 1], ['/partnerships?sort=status&dir=desc', -1]]) {
			const r = ranks((await admin.get(href)).text);
			assert.ok(r.length > 0 && !r.includes(-1), href);
			assert.deepEqual(r, [...r].sort((x, y) => dir * (x - y)), `${href} keeps the lifecycle's order`);
			if (dir === 1) assert.equal(r[0], 0, `${href} begins with the projects not yet started`);
		}

		// The start page's projects by status and under way, for ICLD and Sida.
		for (const s of [admin, sida]) {
			const home = (await s.get('/')).text;
			const table = home.slice(home.indexOf('Projekt per status'));
			const byStatus = Object.fromEntries([...table.slice(0, table.indexOf('</table>'))
				.matchAll(/<strong class="tag tag-([a-z_]+)">([^<]*)<\/strong><\/td><td class="num">([^<]*)</g)]
				.map((m) => [m[1], num(m[3])]));
			assert.deepEqual(byStatus, Object.fromEntries(order.filter((st) => counts[st] > 0).map((st) => [st, counts[st]])));
			assert.match(table, /tag-approved">Beviljat, ej startat</);
			const stat = (words) => num(home.match(new RegExp(`<span class="stat-number">([^<]*)</span> <span class="stat-label">${words}<`))[1]);
			assert.equal(stat('pågående projekt'), underWay.length, 'projects under way');
			assert.equal(stat('svenska organisationer med pågående projekt'), new Set(underWay.map((r) => r.org)).size,
				'organisations with a project under way');
			const stats = (await s.get('/statistics')).text;
			const figure = (words) => num(stats.match(new RegExp(`<span class="stat-number">([^<]*)</span> <span class="stat-label">${words}`))[1]);
			assert.equal(figure('beviljade projekt'), all.length);
			assert.equal(figure('av dem pågående'), underWay.length, 'the statistics\' under way');
		}
	});

	test('is in implementation from its first day', async () => {
		await q(`UPDATE projects SET planned_start = '${DEMO_TODAY}' WHERE code = '${code}'`);
		const impl = [['implementation', 'Genomförande']];
		assert.deepEqual(tags(rowOf((await stack.get(`/partnerships?q=${code}`, { headers: { Cookie: 'kpp_lang=sv' } })).text,
			`/partnerships/${code}`)), impl);
		const page = (await admin.get(`/projects/${code}`)).text;
		assert.deepEqual(tags(page.slice(0, page.indexOf('</p>', page.indexOf('<h1')))), impl);
		assert.equal(statusIn((await sida.get('/export/iati.xml')).text), '2');
	});
});
