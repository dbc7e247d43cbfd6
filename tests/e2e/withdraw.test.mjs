// withdraw.test.mjs - an applicant takes an application back before ICLD decides: once, with its audit row,
// never for another organisation, never after a decision, and never over someone else's newer change. A draft
// never submitted (withdrawn or not) can be deleted: confirmed, audited, with all its parts, gone from the start
// page and 404 afterwards; never one that was submitted, never another organisation's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, parseForms, onDemoDay } from './harness.mjs';

let stack;

before(async () => {
	stack = await startStack({ workers: 1 });
});

after(async () => {
	await stack?.stop();
});

const WITHDRAW = (id) => ({ form: (f) => f.action === `/applications/${id}/withdraw` });

async function borlanges(status) {
	const rows = await stack.mysql(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
		WHERE o.name LIKE 'Borlänge%' AND a.status = '${status}' ORDER BY a.id`);
	return rows.map((r) => r[0]);
}

describe('withdrawing an application', () => {
	test('the applicant confirms and the application is withdrawn, with an audit row', async () => {
		const [id] = await borlanges('submitted');
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const page = await s.get(`/applications/${id}`);
		assert.match(page.text, new RegExp(`href="/applications/${id}/withdraw"`));
		const res = await s.submit(`/applications/${id}/withdraw`, {}, WITHDRAW(id));
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/applications/${id}`);
		const [[status, at]] = await stack.mysql(`SELECT status, ${onDemoDay('withdrawn_at')} AND ${onDemoDay('updated_at')} FROM applications WHERE id = ${id}`);
		assert.equal(status, 'withdrawn');
		assert.equal(at, '1', "withdrawn on the programme's day, not the real one");
		const audit = await stack.mysql(`SELECT user_id IS NOT NULL, JSON_VALUE(before_json, '$.status'), JSON_VALUE(after_json, '$.status')
			, ${onDemoDay('at')} FROM audit_log WHERE action = 'application.withdraw' AND entity_id = ${id}`);
		assert.deepEqual(audit, [['1', 'submitted', 'withdrawn', '1']]);
		const shown = await s.get(`/applications/${id}`);
		assert.match(shown.text, /tag-withdrawn/);
		assert.doesNotMatch(shown.text, new RegExp(`/applications/${id}/withdraw`));
	});

	test('a re-sent withdrawal changes nothing more and lands on the application', async () => {
		const [id] = await borlanges('under_review');
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const { form } = await s.form(`/applications/${id}/withdraw`, (f) => f.action === `/applications/${id}/withdraw`);
		const first = await s.post(`/applications/${id}/withdraw`, form.fields);
		const again = await s.post(`/applications/${id}/withdraw`, form.fields);
		assert.equal(first.status, 303);
		assert.equal(again.status, 303);
		const n = await stack.mysql(`SELECT COUNT(*) FROM audit_log WHERE action = 'application.withdraw' AND entity_id = ${id}`);
		assert.equal(n[0][0], '1');
	});

	test('a stale version is refused with a message and a fresh form', async () => {
		const [id] = await borlanges('draft');
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const { form } = await s.form(`/applications/${id}/withdraw`, (f) => f.action === `/applications/${id}/withdraw`);
		await stack.mysql(`UPDATE applications SET version = version + 1 WHERE id = ${id}`);
		const res = await s.post(`/applications/${id}/withdraw`, form.fields);
		assert.equal(res.status, 409);
		assert.match(res.text, /class="error-summary"/);
		assert.match(res.text, /href="#withdraw"/);
		assert.equal((await stack.mysql(`SELECT status FROM applications WHERE id = ${id}`))[0][0], 'draft');
		const fresh = (await import('./harness.mjs')).parseForms(res.text).find((f) => f.action === `/applications/${id}/withdraw`);
		const ok = await s.post(`/applications/${id}/withdraw`, fresh.fields);
		assert.equal(ok.status, 303);
		assert.equal((await stack.mysql(`SELECT status FROM applications WHERE id = ${id}`))[0][0], 'withdrawn');
	});

	test('a decided application cannot be withdrawn', async () => {
		const [id] = await borlanges('rejected');
		const [[version]] = await stack.mysql(`SELECT version FROM applications WHERE id = ${id}`);
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const get = await s.get(`/applications/${id}/withdraw`);
		assert.equal(get.status, 303);
		const { form } = await s.form('/', 0);
		const res = await s.post(`/applications/${id}/withdraw`, { csrf: form.fields.csrf, version });
		assert.equal(res.status, 409);
		assert.match(res.text, /kan inte längre återkallas|can no longer be withdrawn/);
		assert.equal((await stack.mysql(`SELECT status FROM applications WHERE id = ${id}`))[0][0], 'rejected');
	});

	test("another organisation's application is 404 for GET and POST; ICLD and Sida have no such page", async () => {
		const [[other]] = await stack.mysql(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
			WHERE o.name NOT LIKE 'Borlänge%' AND a.status = 'submitted' LIMIT 1`);
		const s = stack.session();
		await s.login('borlange@kommun.example');
		assert.equal((await s.get(`/applications/${other}/withdraw`)).status, 404);
		const { form } = await s.form('/', 0);
		const post = await s.post(`/applications/${other}/withdraw`, { csrf: form.fields.csrf, version: 1 });
		assert.equal(post.status, 404);
		assert.equal((await stack.mysql(`SELECT status FROM applications WHERE id = ${other}`))[0][0], 'submitted');
		for (const who of ['admin@icld.example', 'sida@sida.example']) {
			const t = stack.session();
			await t.login(who);
			assert.equal((await t.get(`/applications/${other}/withdraw`)).status, 404, who);
			const f = await t.form('/', 0);
			assert.equal((await t.post(`/applications/${other}/withdraw`, { csrf: f.form.fields.csrf, version: 1 })).status, 404, who);
		}
	});

	test('a malformed version is a 400', async () => {
		const [id] = await borlanges('rejected');
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const { form } = await s.form('/', 0);
		assert.equal((await s.post(`/applications/${id}/withdraw`, { csrf: form.fields.csrf, version: 'x' })).status, 400);
	});
});

const DELETE = (id) => ({ form: (f) => f.action === `/applications/${id}/delete` });

/** A new draft of the session's organisation in the 2017 call: its id. */
async function newDraft(s) {
	const { form } = await s.form('/applications/new', (f) => f.action === '/applications');
	const choice = form.inputs.find((i) => i.name === 'choice' && i.value.endsWith(':project')).value;
	const res = await s.post('/applications', { ...form.fields, choice });
	assert.equal(res.status, 303);
	return Number(res.headers.location.match(/\/applications\/(\d+)\/tasks/)[1]);
}

/** How many rows of each part of application id there are, its files' included. */
async function parts(id) {
	const [row] = await stack.mysql(`SELECT
		(SELECT COUNT(*) FROM applications WHERE id = ${id}),
		(SELECT COUNT(*) FROM application_partners WHERE application_id = ${id}),
		(SELECT COUNT(*) FROM application_coapplicants WHERE application_id = ${id}),
		(SELECT COUNT(*) FROM application_sdgs WHERE application_id = ${id}),
		(SELECT COUNT(*) FROM objectives WHERE application_id = ${id}),
		(SELECT COUNT(*) FROM expected_results er JOIN objectives o ON o.id = er.objective_id WHERE o.application_id = ${id}),
		(SELECT COUNT(*) FROM indicators i JOIN expected_results er ON er.id = i.result_id JOIN objectives o ON o.id = er.objective_id WHERE o.application_id = ${id}),
		(SELECT COUNT(*) FROM team_members WHERE application_id = ${id}),
		(SELECT COUNT(*) FROM application_years WHERE application_id = ${id}),
		(SELECT COUNT(*) FROM application_budget_lines WHERE application_id = ${id}),
		(SELECT COUNT(*) FROM attachments WHERE application_id = ${id})`);
	return row.map(Number);
}

/** Gives draft id one of every part, a file among them. */
async function fill(id) {
	await stack.mysql(`
		INSERT INTO application_partners (application_id, position, org_id)
			SELECT ${id}, 1, MIN(id) FROM organisations WHERE side = 'partner' AND country_code = 'KE';
		INSERT INTO application_coapplicants (application_id, org_id)
			SELECT ${id}, MIN(id) FROM organisations WHERE side = 'swedish' AND name <> 'Borlänge kommun';
		INSERT INTO application_sdgs (application_id, goal) VALUES (${id}, 16);
		INSERT INTO objectives (application_id, position, description) VALUES (${id}, 1, 'Mål');
		INSERT INTO expected_results (objective_id, position, description) VALUES (LAST_INSERT_ID(), 1, 'Resultat');
		INSERT INTO indicators (result_id, position, name) VALUES (LAST_INSERT_ID(), 1, 'Indikator');
		INSERT INTO team_members (application_id, side, name, role) VALUES (${id}, 'swedish', 'Åsa Öberg', 'civil_servant');
		INSERT INTO application_years (application_id, year, amount) VALUES (${id}, 1, 300000);
		INSERT INTO application_budget_lines (application_id, year, category, amount) VALUES (${id}, 1, 'travel', 300000);
		INSERT INTO attachments (application_id, sha256, filename, mime, size, uploaded_by)
			SELECT ${id}, REPEAT('ab', 32), 'avsiktsförklaring.pdf', 'application/pdf', 1000, id FROM users WHERE email = 'borlange@kommun.example';
		UPDATE applications SET title_sv = 'Utkast att radera' WHERE id = ${id}`);
}

describe('deleting a draft never submitted', () => {
	test('confirmed from the application\'s page: gone with all its parts and files, audited, 404 afterwards', async () => {
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const id = await newDraft(s);
		await fill(id);
		assert.deepEqual(await parts(id), [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
		assert.match((await s.get('/')).text, new RegExp(`href="/applications/${id}"`), 'on the start page');
		assert.match((await s.get(`/applications/${id}/tasks`)).text, new RegExp(`href="/applications/${id}/delete"`), 'offered on the task list');
		const page = await s.get(`/applications/${id}`);
		assert.match(page.text, new RegExp(`<a href="/applications/${id}/delete">Radera utkastet</a>`));
		const confirm = await s.get(`/applications/${id}/delete`);
		assert.equal(confirm.status, 200);
		assert.match(confirm.text, /<h1>Radera utkastet\?<\/h1>/);
		assert.match(confirm.text, /Utkast att radera/);
		assert.equal(parseForms(confirm.text).find((f) => f.action === `/applications/${id}/delete`).method, 'post');

		const res = await s.submit(`/applications/${id}/delete`, {}, DELETE(id));
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/#applications');
		assert.deepEqual(await parts(id), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'nothing of it is left');
		const audit = await stack.mysql(`SELECT u.email, JSON_VALUE(a.before_json, '$.status'), JSON_VALUE(a.before_json, '$.title_sv'),
			JSON_VALUE(a.before_json, '$.files'), a.after_json FROM audit_log a JOIN users u ON u.id = a.user_id
			WHERE a.action = 'application.delete' AND a.entity = 'application' AND a.entity_id = ${id}`);
		assert.deepEqual(audit, [['borlange@kommun.example', 'draft', 'Utkast att radera', '1', null]]);
		assert.doesNotMatch((await s.get('/')).text, new RegExp(`href="/applications/${id}"`), 'gone from the start page');
		for (const p of ['', '/tasks', '/delete', '/withdraw'])
			assert.equal((await s.get(`/applications/${id}${p}`)).status, 404, `GET ${p}`);
		// Sent again (a double click): the start page, nothing more written.
		const again = await s.post(`/applications/${id}/delete`, { csrf: parseForms(confirm.text).find((f) => f.action === `/applications/${id}/delete`).fields.csrf, version: 1 });
		assert.equal(again.status, 303);
		assert.equal(again.headers.location, '/#applications');
		assert.equal((await stack.mysql(`SELECT COUNT(*) FROM audit_log WHERE action = 'application.delete' AND entity_id = ${id}`))[0][0], '1');
		// ICLD's audit log names it.
		const admin = stack.session();
		await admin.login('admin@icld.example');
		assert.match((await admin.get('/audit')).text, /Utkast raderat/);
	});

	test('a draft withdrawn before it was ever submitted can be deleted; one withdrawn after submission cannot', async () => {
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const id = await newDraft(s);
		assert.equal((await s.submit(`/applications/${id}/withdraw`, {}, WITHDRAW(id))).status, 303);
		const page = await s.get(`/applications/${id}`);
		assert.match(page.text, /tag-withdrawn/);
		assert.match(page.text, new RegExp(`href="/applications/${id}/delete"`));
		assert.equal((await s.submit(`/applications/${id}/delete`, {}, DELETE(id))).status, 303);
		assert.equal((await stack.mysql(`SELECT COUNT(*) FROM applications WHERE id = ${id}`))[0][0], '0');

		const [[submitted, version]] = await stack.mysql(`SELECT a.id, a.version FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
			WHERE o.name = 'Borlänge kommun' AND a.status = 'withdrawn' AND a.submitted_at IS NOT NULL ORDER BY a.id LIMIT 1`);
		assert.ok(submitted, 'the demo data has an application of Borlänge withdrawn after submission');
		assert.doesNotMatch((await s.get(`/applications/${submitted}`)).text, /\/delete"/, 'no link');
		const get = await s.get(`/applications/${submitted}/delete`);
		assert.equal(get.status, 303);
		assert.equal(get.headers.location, `/applications/${submitted}`);
		const { form } = await s.form('/', 0);
		const res = await s.post(`/applications/${submitted}/delete`, { csrf: form.fields.csrf, version });
		assert.equal(res.status, 409);
		assert.match(res.text, /kan därför inte längre raderas/);
		assert.equal((await stack.mysql(`SELECT status FROM applications WHERE id = ${submitted}`))[0][0], 'withdrawn');
	});

	test('an application decided on, a stale version, no CSRF token: refused, nothing deleted', async () => {
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const [sub] = await borlanges('approved');
		const [[v]] = await stack.mysql(`SELECT version FROM applications WHERE id = ${sub}`);
		const { form } = await s.form('/', 0);
		assert.equal((await s.post(`/applications/${sub}/delete`, { csrf: form.fields.csrf, version: v })).status, 409);
		assert.equal((await stack.mysql(`SELECT COUNT(*) FROM applications WHERE id = ${sub}`))[0][0], '1');

		const id = await newDraft(s);
		const { form: del } = await s.form(`/applications/${id}/delete`, (f) => f.action === `/applications/${id}/delete`);
		await stack.mysql(`UPDATE applications SET version = version + 1 WHERE id = ${id}`);
		const stale = await s.post(`/applications/${id}/delete`, del.fields);
		assert.equal(stale.status, 409);
		assert.match(stale.text, /href="#delete"/);
		assert.equal((await stack.mysql(`SELECT COUNT(*) FROM applications WHERE id = ${id}`))[0][0], '1');
		const fresh = parseForms(stale.text).find((f) => f.action === `/applications/${id}/delete`);
		assert.equal((await s.post(`/applications/${id}/delete`, { version: fresh.fields.version })).status, 403, 'no CSRF token');
		assert.equal((await stack.mysql(`SELECT COUNT(*) FROM applications WHERE id = ${id}`))[0][0], '1');
		assert.equal((await s.post(`/applications/${id}/delete`, fresh.fields)).status, 303);
		assert.equal((await stack.mysql(`SELECT COUNT(*) FROM applications WHERE id = ${id}`))[0][0], '0');
	});

	test("another organisation's draft is 404 for GET and POST; ICLD and Sida have no such page", async () => {
		const [[other, version]] = await stack.mysql(`SELECT a.id, a.version FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
			WHERE o.name <> 'Borlänge kommun' AND a.status = 'draft' ORDER BY a.id LIMIT 1`);
		for (const who of ['borlange@kommun.example', 'admin@icld.example', 'sida@sida.example']) {
			const s = stack.session();
			await s.login(who);
			assert.equal((await s.get(`/applications/${other}/delete`)).status, 404, who);
			const { form } = await s.form('/', 0);
			assert.equal((await s.post(`/applications/${other}/delete`, { csrf: form.fields.csrf, version })).status, 404, who);
		}
		assert.equal((await stack.mysql(`SELECT status FROM applications WHERE id = ${other}`))[0][0], 'draft');
	});
});
