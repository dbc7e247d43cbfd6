// withdraw.test.mjs - an applicant takes an application back before ICLD decides: once, with its audit row,
// never for another organisation, never after a decision, and never over someone else's newer change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, onDemoDay } from './harness.mjs';

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
