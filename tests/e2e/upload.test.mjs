// upload.test.mjs - the upload infrastructure seen from outside: multipart only where a route takes files (415
// elsewhere), the body limit of nginx and of the application (413 from each), and the attachments schema.
// The pipeline itself (parser, sniffing, store, CSRF before any file is kept) is tested in tests/unit/
// (test_multipart, test_sniff, test_upload) and fuzzed (tests/fuzz/fuzz_multipart.c); the report pages test
// uploads through their own routes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startStack, parseForms } from './harness.mjs';
import { multipartBody, submitMultipart, postLarge } from './lib/multipart.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

describe('uploads: where multipart is taken, and the body limits', () => {
	let stack;

	before(async () => {
		stack = await startStack({ workers: 2 });
	});

	after(async () => {
		await stack?.stop();
	});

	test('a multipart POST to a route that takes no files is 415 from the application, signed in or not', async () => {
		const anon = stack.session();
		const login = parseForms((await anon.get('/login')).text).find((f) => 'password' in f.fields);
		const { body, contentType } = multipartBody([
			{ name: 'csrf', value: login.fields.csrf },
			{ name: 'email', value: 'borlange@kommun.example' },
			{ name: 'password', value: 'demo-password' },
			{ name: 'f', filename: 'a.pdf', type: 'application/pdf', content: PDF },
		]);
		let res = await anon.post('/login', body, { headers: { 'Content-Type': contentType } });
		assert.equal(res.status, 415, res.text.slice(0, 300));
		assert.ok(res.headers['x-request-id'], 'answered by the application');
		assert.match(res.headers['content-type'], /^text\/html/);
		assert.equal(anon.cookies.has('kpp_session'), false, 'not signed in by a multipart body');

		const s = await stack.login('borlange@kommun.example');
		res = await submitMultipart(s, '/', {}, [{ name: 'f', filename: 'a.pdf', type: 'application/pdf', content: PDF }],
			{ form: (f) => f.action === '/logout' });
		assert.equal(res.status, 415);
		const token = parseForms((await s.get('/')).text).find((f) => f.action === '/logout').fields.csrf;
		assert.equal((await s.get('/')).status, 200, 'still signed in: the logout was not taken');
		// Even without a boundary or a body: the route decides before the body is looked at.
		res = await s.post('/logout', '', { headers: { 'Content-Type': 'multipart/form-data' } });
		assert.equal(res.status, 415);
		// The same form urlencoded is taken as before.
		res = await s.post('/logout', new URLSearchParams({ csrf: token }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(res.status, 303);
	});

	test('an upload over client_max_body_size is refused by nginx with 413 before the application sees it', async () => {
		const res = await postLarge(stack.baseUrl, '/login', 10 * 1024 * 1024 + 1);
		assert.equal(res.status, 413);
		assert.equal(res.headers['x-request-id'], undefined, 'nginx answered, not the application');
		assert.match(res.text, /Request too large/);
	});

	test('none of it reached the attachments directory: a route without files never makes it', () => {
		assert.equal(fs.existsSync(path.join(stack.dir, 'attachments')), false);
	});

	test('attachments hold only what is known of a file: its content is on disk (sql/0015)', async () => {
		assert.deepEqual(await stack.mysql("SHOW TABLES LIKE 'attachment_blobs'"), []);
		const [[report, user]] = await stack.mysql(
			"SELECT r.id, u.id FROM reports r, users u WHERE u.email = 'borlange@kommun.example' LIMIT 1");
		const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
		const insert = (hash, mime, size) => stack.mysql(`INSERT INTO attachments
			(report_id, sha256, filename, mime, size, uploaded_by) VALUES (${report}, '${hash}', 'a.pdf', '${mime}', ${size}, ${user})`);
		await insert(sha, 'application/pdf', 36);
		await assert.rejects(insert(sha.toUpperCase(), 'application/pdf', 36), /attachments_sha256_hex/);
		await assert.rejects(insert(sha, 'text/html', 36), /attachments_mime_known/);
		await assert.rejects(insert(sha, 'image/png', 0), /attachments_size_positive/);
		await stack.mysql(`DELETE FROM attachments WHERE report_id = ${report}`);
	});
});

describe('uploads: the application\'s own limit, behind a more generous nginx', () => {
	let stack;

	before(async () => {
		stack = await startStack({ workers: 1, maxBody: '20m', conf: { 'app.max_body': 1048576 } });
	});

	after(async () => {
		await stack?.stop();
	});

	test('a multipart body over [app] max_body is 413 from the application, with its page', async () => {
		const res = await postLarge(stack.baseUrl, '/login', 2 * 1024 * 1024, { 'Accept-Language': 'en' });
		assert.equal(res.status, 413);
		assert.ok(res.headers['x-request-id'], 'the application answered');
		assert.match(res.text, /What you sent is too large/);
		// At the limit it gets as far as the route, which takes no files.
		const ok = await postLarge(stack.baseUrl, '/login', 1048576);
		assert.equal(ok.status, 415);
	});
});
