// roles.test.mjs - who may use which page, for every route in fcgi-app/pages/routes.c, read from the route table
// itself so that a route added tomorrow is checked too: an applicant gets 404 for every page and POST that
// is not theirs (with ids of their own organisation's records, so that the 404 is the role's and not the
// record's), and Sida gets 404 for the pages that are not theirs and 403/404 for every POST, which
// changes nothing in the database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startStack, SRC, parseForms } from './harness.mjs';

let stack;

before(async () => {
	stack = await startStack({ workers: 2 });
});

after(async () => {
	await stack?.stop();
});

/** Every {method, pattern, may: Set of roles} of the route table. */
function routes() {
	const src = fs.readFileSync(path.join(SRC, 'fcgi-app', 'pages', 'routes.c'), 'utf8');
	const table = src.slice(src.indexOf('routes[] = {'), src.indexOf('};', src.indexOf('routes[] = {')));
	const out = [];
	for (const m of table.matchAll(/\{\s*METHOD_(GET|POST),\s*"([^"]+)",\s*\w+,\s*([A-Z_|\s]+),/g)) {
		const may = new Set(m[3].split('|').map((x) => x.trim().replace(/^MAY_/, '').toLowerCase()));
		out.push({ method: m[1], pattern: m[2], may });
	}
	return out;
}

const ROUTES = routes();

// What each role may use, written out here rather than read from the table, so that a route that lets the
// wrong people in fails this test. Everything else in the table must answer them 404.
const APPLICANT_PAGES = new Set([
	'GET /', 'POST /logout', 'GET /account', 'POST /account', 'GET /kept', 'POST /kept', 'GET /applications/new', 'POST /applications', 'GET /applications/{id}',
	...['tasks', 'partners', 'project', 'results', 'team', 'budget', 'contact', 'check', 'submitted', 'withdraw',
		'delete', 'letter'].map((x) => `GET /applications/{id}/${x}`),
	...['partners', 'project', 'results', 'team', 'budget', 'contact', 'submit', 'withdraw', 'delete']
		.map((x) => `POST /applications/{id}/${x}`),
	'GET /projects/{code}', 'GET /rounds',
	'GET /reports/{id}', 'POST /reports/{id}', 'GET /reports/{id}/revisions/{rev}',
	'GET /reports/{id}/check', 'POST /reports/{id}/submit',
	'GET /reports/{id}/attachments/{aid}', 'POST /reports/{id}/attachments/{aid}/remove',
]);
const SIDA_PAGES = new Set(['GET /', 'POST /logout', 'GET /account', 'GET /projects', 'GET /projects.csv', 'GET /projects.xlsx',
	'GET /projects/{code}', 'GET /rounds', 'GET /statistics', 'GET /export', 'GET /export/iati.xml']);

function allowed(route, role) {
	if (route.may.has('anyone')) return true;
	return (role === 'applicant' ? APPLICANT_PAGES : SIDA_PAGES).has(`${route.method} ${route.pattern}`);
}

/** Real ids for the placeholders: the applicant's own records wherever a record is the applicant's. */
async function placeholders() {
	const one = async (sql) => (await stack.mysql(sql))[0][0];
	const ownApp = await one(`SELECT a.id FROM applications a JOIN users u ON u.org_id = a.applicant_org_id
		WHERE u.email = 'borlange@kommun.example' AND a.status = 'submitted' ORDER BY a.id LIMIT 1`);
	return {
		'/applications/{id}': ownApp,
		'/rounds/{id}': await one('SELECT MAX(id) FROM rounds'),
		'/organisations/{id}': await one(`SELECT org_id FROM users WHERE email = 'borlange@kommun.example'`),
		'/users/{id}': await one(`SELECT id FROM users WHERE email = 'borlange@kommun.example'`),
		'/thematic-areas/{id}': await one('SELECT MIN(id) FROM thematic_areas'),
		'/countries/{code}': 'KE',
		'{user}': await one(`SELECT id FROM users WHERE email = 'reviewer@icld.example'`),
		'{code}': await one(`SELECT p.code FROM projects p JOIN applications a ON a.id = p.application_id
			JOIN users u ON u.org_id = a.applicant_org_id WHERE u.email = 'borlange@kommun.example' LIMIT 1`),
		'{token}': 'x'.repeat(43),
		'/reports/{id}': await one(`SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id
			JOIN applications a ON a.id = p.application_id JOIN users u ON u.org_id = a.applicant_org_id
			WHERE u.email = 'borlange@kommun.example' AND r.revision > 0 ORDER BY r.id LIMIT 1`),
		'{rev}': 1,
		// No demo report has files: any number stands for one (the answer is the role's).
		'{aid}': 1,
		'{fid}': await one('SELECT COALESCE(MIN(id), 1) FROM incoming_funds'),
	};
}

function fill(pattern, ids) {
	let p = pattern;
	for (const [prefix, v] of Object.entries(ids)) {
		if (prefix.startsWith('/')) {
			const head = prefix.slice(0, prefix.indexOf('{'));
			if (p.startsWith(head)) p = p.replace(/\{(id|code)\}/, String(v));
		}
	}
	return p.replace('{user}', ids['{user}']).replace('{code}', ids['{code}']).replace('{token}', ids['{token}'])
		.replace('{rev}', ids['{rev}']).replace('{aid}', ids['{aid}']).replace('{fid}', ids['{fid}']);
}

/** The session's CSRF token, as every page's language form carries it. */
async function csrfOf(s) {
	const page = await s.get('/');
	const form = parseForms(page.text).find((f) => f.action === '/language');
	assert.ok(form?.fields.csrf, 'the start page carries the CSRF token');
	return form.fields.csrf;
}

const POST_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('the route table', () => {
	test('is read: it has the pages of every role', () => {
		assert.ok(ROUTES.length >= 60, `${ROUTES.length} routes read from routes.c`);
		for (const p of ['/inbox', '/audit', '/statistics', '/applications/{id}/decision', '/users', '/reports',
			'/reports/{id}/payment', '/projects/{code}/capital-spend', '/projects/{code}/incoming-funds',
			'/projects/{code}/incoming-funds/{fid}/remove'])
			assert.ok(ROUTES.some((r) => r.pattern === p), `${p} is in the table`);
	});
});

describe('an applicant', () => {
	test('gets 404 for every page and POST that is not an applicant\'s, with their own records\' ids', async () => {
		const ids = await placeholders();
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const csrf = await csrfOf(s);
		const wrong = [];
		let checked = 0;
		for (const r of ROUTES.filter((x) => !allowed(x, 'applicant'))) {
			const url = fill(r.pattern, ids);
			const res = r.method === 'GET' ? await s.get(url)
				: await s.post(url, new URLSearchParams({ csrf }).toString(), { headers: POST_HEADERS });
			checked++;
			if (res.status !== 404) wrong.push(`${r.method} ${url}: ${res.status}`);
		}
		assert.ok(checked >= 30, `${checked} routes checked`);
		assert.deepEqual(wrong, []);
		// Still signed in: the 404s were the role's, not a lost session.
		assert.equal((await s.get('/')).status, 200);
	});
});

describe('Sida', () => {
	test('gets 404 for the pages that are not Sida\'s and 403/404 for every POST, changing nothing', async () => {
		const ids = await placeholders();
		const s = stack.session();
		await s.login('sida@sida.example');
		const csrf = await csrfOf(s);
		const [[before]] = await stack.mysql('SELECT COUNT(*) FROM audit_log');
		const [[versionBefore]] = await stack.mysql('SELECT v FROM data_version');
		const wrong = [];
		for (const r of ROUTES) {
			// Not a role's: signing out, and one's own account page (its language and e-mail, tested in mail_account).
			if (r.may.has('anyone') || r.pattern === '/logout' || r.pattern === '/account') continue;
			const url = fill(r.pattern, ids);
			if (r.method === 'GET') {
				if (allowed(r, 'sida')) continue;
				const res = await s.get(url);
				if (res.status !== 404) wrong.push(`GET ${url}: ${res.status}`);
			} else {
				const res = await s.post(url, new URLSearchParams({ csrf }).toString(), { headers: POST_HEADERS });
				if (res.status !== 403 && res.status !== 404) wrong.push(`POST ${url}: ${res.status}`);
			}
		}
		assert.deepEqual(wrong, []);
		const [[afterCount]] = await stack.mysql('SELECT COUNT(*) FROM audit_log');
		const [[versionAfter]] = await stack.mysql('SELECT v FROM data_version');
		assert.equal(afterCount, before, 'no audit row from Sida\'s POSTs');
		assert.equal(versionAfter, versionBefore, 'no data changed by Sida\'s POSTs');
		for (const p of ['/statistics', '/projects', `/projects/${ids['{code}']}`])
			assert.equal((await s.get(p)).status, 200, `Sida reads ${p}`);
	});
});
