// project_status.test.mjs - a project approved to start later: until its first day it is "approved, starts on
// <date>" everywhere its status shows (the public register's list and page, the project page for ICLD, Sida and the
// applicant, the projects list, the applicant's start page, the IATI file and the public one, with IATI's activity
// status 1), and in implementation (2) from that day, against the real nginx, workers and MariaDB with the demo data.
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
