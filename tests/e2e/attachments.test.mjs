// attachments.test.mjs - files attached to a project's report: chosen in the report's form (multipart, field
// "files", kept with the save or the submission), listed on the report, downloaded from
// GET /reports/{id}/attachments/{aid} and removed with POST /reports/{id}/attachments/{aid}/remove; against the
// real nginx, workers and MariaDB with the demo data. The files are real ones made here (lib/files.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openStack, startStack, parseForms, textOf, send, csrfOf } from './harness.mjs';
import { errorOf, summaryLinks } from './lib/page.mjs';
import { multipartBody, submitMultipart, postLarge } from './lib/multipart.mjs';
import { pdfFile, pngFile } from './lib/files.mjs';
import { budgetOf, filled, indicatorsOf } from './lib/report.mjs';

const APPLICANT = 'borlange@kommun.example';
const OTHER = 'boras@kommun.example';

let stack, q, one, admin;

before(async () => {
	({ stack, q, one, admin } = await openStack({ workers: 2 }, ['admin']));
});

after(() => stack?.stop());

const href = (id, rest = '') => `/reports/${id}${rest}`;
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');
const PDF = pdfFile('Bokslut 2016, undertecknat');
const PNG = pngFile(16, 9);
const file = (filename, content, type) => ({ name: 'files', filename, type, content });

/** Posts report id's form as multipart/form-data: its fields with fields over them, then the files. */
const upload = (s, id, fields, files) => submitMultipart(s, href(id), fields, files, { form: (f) => f.action === href(id) });

/** Every file under the stack's attachments directory, temporary ones included, as paths relative to it. */
function stored() {
	const root = path.join(stack.dir, 'attachments');
	const out = [];
	const walk = (d) => {
		if (!fs.existsSync(d)) return;
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			if (e.isDirectory()) walk(path.join(d, e.name));
			else out.push(path.relative(root, path.join(d, e.name)));
		}
	};
	walk(root);
	return out.sort();
}

const onDisk = (hash) => path.join(stack.dir, 'attachments', hash.slice(0, 2), hash.slice(2, 4), hash);

/** The files of report id: [[id, filename, mime, size, sha256]], oldest first. */
const rowsOf = (id) => q(`SELECT id, filename, mime, size, sha256 FROM attachments WHERE report_id = ${id} ORDER BY id`);

/** The rows of the page's table of files, as text: [[name, type, size, by, added, submitted with]]. */
function listed(html) {
	const table = html.split('id="attachments-caption"')[1]?.split('</tbody>')[0] ?? '';
	return [...table.matchAll(/<tr><th scope="row">([\s\S]*?)<\/tr>/g)]
		.map((m) => [textOf(m[1].split('</th>')[0]), ...[...m[1].matchAll(/<td>([\s\S]*?)<\/td>|<td class="num">([\s\S]*?)<\/td>/g)]
			.map((c) => textOf(c[1] ?? c[2]))]);
}

/** The link to the file called name on the page. */
function linkOf(html, name) {
	const m = [...html.matchAll(/<th scope="row"><a href="([^"]+)">([^<]*)<\/a><\/th>/g)].find((x) => textOf(x[2]) === name);
	assert.ok(m, `the page links ${name}`);
	return m[1];
}

/** A Borlänge report the applicant can change: a draft progress report not yet submitted, other than those in skip. */
async function draftReport(skip = []) {
	return one(`SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id JOIN applications a ON a.id = p.application_id
		JOIN users u ON u.org_id = a.applicant_org_id WHERE u.email = '${APPLICANT}' AND r.kind = 'progress'
		AND r.status = 'draft' AND r.revision = 0 AND p.status = 'implementation'
		AND EXISTS (SELECT 1 FROM project_budget_lines bl WHERE bl.project_id = p.id AND bl.year = r.project_year AND bl.amount > 0)
		${skip.length ? `AND r.id NOT IN (${skip.join(', ')})` : ''} ORDER BY r.id LIMIT 1`);
}

describe('files on a report', () => {
	let s, id, name;

	before(async () => {
		s = await stack.login(APPLICANT);
		id = await draftReport();
		name = await one(`SELECT name FROM users WHERE email = '${APPLICANT}'`);
	});

	test('the form posts as multipart and offers a file field for several files', async () => {
		const page = (await s.get(href(id))).text;
		const form = page.match(new RegExp(`<form method="post" action="${href(id)}"[^>]*>`))[0];
		assert.match(form, /enctype="multipart\/form-data"/);
		assert.match(page, /<input class="file-upload" id="files" name="files" type="file" multiple accept="[^"]*\.pdf[^"]*" aria-describedby="files-hint">/);
		assert.match(page, /<p class="hint" id="files-hint">Den undertecknade ekonomiska redovisningen \(xlsx, ods eller pdf\) och foton \(jpeg eller png\), högst 5 MB per fil och 10 MB tillsammans varje gång\. Filerna läggs till när du sparar eller skickar in rapporten\.<\/p>/);
		assert.match(page, /Inga filer är bifogade till rapporten/);
	});

	test('a pdf and a png sent with a save are kept by their content and listed with name, type, size, uploader and date', async () => {
		const before = stored();
		const res = await upload(s, id, { activities: 'Workshops in Nakuru.', action: 'save' },
			[file('Bokslut 2016 Borlänge.pdf', PDF, 'application/pdf'), file('workshop.png', PNG, 'image/png')]);
		assert.equal(res.status, 303, res.text.slice(0, 500));
		assert.equal(res.headers.location, href(id, '?saved=1'));
		assert.equal(await one(`SELECT activities FROM reports WHERE id = ${id}`), 'Workshops in Nakuru.', 'the form saved with them');
		const rows = await rowsOf(id);
		assert.deepEqual(rows.map((r) => r.slice(1)), [
			['Bokslut 2016 Borlänge.pdf', 'application/pdf', String(PDF.length), sha256(PDF)],
			['workshop.png', 'image/png', String(PNG.length), sha256(PNG)],
		]);
		for (const b of [PDF, PNG]) assert.ok(fs.readFileSync(onDisk(sha256(b))).equals(b), 'the file on disk is what was sent');
		const added = stored().filter((f) => !before.includes(f));
		assert.deepEqual(added.sort(), [PDF, PNG].map((b) => path.relative(path.join(stack.dir, 'attachments'), onDisk(sha256(b)))).sort(),
			'the two files and nothing else, no temporary file left');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'report.attach' AND entity_id = ${id}`), '2');
		const page = (await s.get(href(id, '?saved=1'))).text;
		const rowsShown = listed(page);
		assert.deepEqual(rowsShown.map((r) => [r[0], r[1], r[2], r[3], r[5]]), [
			['Bokslut 2016 Borlänge.pdf', 'PDF-dokument', '1 kB', name, 'Inte än'],
			['workshop.png', 'PNG-bild', '1 kB', name, 'Inte än'],
		]);
		for (const r of rowsShown) assert.match(r[4], /^\d{4}-\d\d-\d\d \d\d:\d\d$/, 'when, in Swedish time');
		// Each can be removed while the report is a draft: a button tied to a form of its own.
		for (const [aid] of rows) {
			assert.match(page, new RegExp(`<button class="link" form="remove-file-${aid}">Ta bort<span class="visually-hidden"> `));
			assert.ok(parseForms(page).some((f) => f.action === href(id, `/attachments/${aid}/remove`) && f.fields.csrf));
		}
	});

	test('a download answers the bytes, to save: Content-Disposition attachment, the type found, nosniff', async () => {
		const page = (await s.get(href(id))).text;
		for (const [who, sess] of [['the applicant', s], ['ICLD', admin]]) {
			for (const [fname, bytes, type] of [['Bokslut 2016 Borlänge.pdf', PDF, 'application/pdf'], ['workshop.png', PNG, 'image/png']]) {
				const res = await sess.get(linkOf(page, fname));
				assert.equal(res.status, 200, `${who} downloads ${fname}`);
				assert.ok(res.body.equals(bytes), 'the same bytes');
				assert.equal(res.headers['content-type'], type);
				assert.equal(res.headers['x-content-type-options'], 'nosniff');
				assert.match(res.headers['content-disposition'], /^attachment; /);
				assert.equal(Number(res.headers['content-length']), bytes.length);
			}
		}
		const res = await s.get(linkOf(page, 'Bokslut 2016 Borlänge.pdf'));
		assert.equal(res.headers['content-disposition'],
			'attachment; filename="Bokslut 2016 Borl_nge.pdf"; filename*=UTF-8\'\'Bokslut%202016%20Borl%C3%A4nge.pdf');
		// Only through its own report.
		const [[aid]] = await rowsOf(id);
		const other = await draftReport([id]);
		assert.equal((await s.get(href(other, `/attachments/${aid}`))).status, 404);
		assert.equal((await s.get(href(id, '/attachments/999999'))).status, 404);
		assert.equal((await s.get(href(id, '/attachments/x'))).status, 404);
	});

	test('a file that is not what its name says is refused next to the field; the form and the good files chosen with it are kept', async () => {
		const before = { files: stored(), rows: await rowsOf(id), text: await one(`SELECT activities FROM reports WHERE id = ${id}`) };
		const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
		const zip = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), crypto.randomBytes(200)]);
		const cases = [
			[file('bokslut.pdf', html, 'application/pdf'), /^bokslut\.pdf: Den valda filen måste vara en PDF, ett kalkylark i Excel- eller OpenDocument-format \(xlsx, ods\) eller en JPEG- eller PNG-bild$/],
			[file('kvitton.pdf', zip, 'application/pdf'), /^kvitton\.pdf: Den valda filen måste vara en PDF/],
			[file('tom.pdf', Buffer.alloc(0), 'application/pdf'), /^tom\.pdf: Den valda filen är tom$/],
			[file('stor.pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 1 - PDF.length, ' ')]), 'application/pdf'),
				/^stor\.pdf: Den valda filen måste vara mindre än 5 MB$/],
		];
		for (const [k, [bad, re]] of cases.entries()) {
			const good = `ok-${k}.png`;
			const res = await upload(s, id, { activities: `Typed with ${bad.filename}.`, action: 'save' }, [file(good, PNG, 'image/png'), bad]);
			assert.equal(res.status, 200, bad.filename);
			assert.match(res.text, /<title>Fel: /);
			assert.deepEqual(summaryLinks(res.text), ['files']);
			assert.match(errorOf(res.text, 'files'), re);
			assert.match(res.text, /aria-describedby="files-hint files-error" aria-invalid="true">/, 'the good file need not be chosen again');
			assert.doesNotMatch(res.text, /id="files-again"/);
			assert.match(res.text, /Din rapport är sparad som utkast med de andra filerna, men inte filerna som nämns nedan/);
			const form = parseForms(res.text).find((f) => f.action === href(id));
			assert.equal(form.fields.activities, `Typed with ${bad.filename}.`, 'the input shown');
			assert.equal(await one(`SELECT activities FROM reports WHERE id = ${id}`), `Typed with ${bad.filename}.`, 'and saved');
			assert.deepEqual((await rowsOf(id)).map((r) => r[1]).at(-1), good, 'the good file kept');
			assert.ok(listed(res.text).some((r) => r[0] === good), 'and listed');
			assert.ok(!(await rowsOf(id)).some((r) => r[1] === bad.filename), 'the refused one not');
		}
		// A cost that cannot be read keeps the form from being saved: the good file is kept all the same.
		const cat = Object.keys((await budgetOf(q, id)).lines)[0];
		const res = await upload(s, id, { activities: 'Not saved.', [`actual-${cat}`]: 'many', action: 'save' },
			[file('kept.png', PNG, 'image/png'), file('trasig.pdf', html, 'application/pdf')]);
		assert.equal(res.status, 200);
		assert.deepEqual(summaryLinks(res.text), [`actual-${cat}`, 'files']);
		assert.equal(parseForms(res.text).find((f) => f.action === href(id)).fields.activities, 'Not saved.', 'the input kept to correct');
		assert.equal(await one(`SELECT activities FROM reports WHERE id = ${id}`), `Typed with ${cases.at(-1)[0].filename}.`, 'the form not saved');
		assert.equal((await rowsOf(id)).at(-1)[1], 'kept.png');
		assert.doesNotMatch(res.text, /id="files-again"/);
		// The files kept here are not the next tests' business.
		await q(`DELETE FROM attachments WHERE report_id = ${id} AND id NOT IN (${before.rows.map((r) => r[0]).join(', ')})`);
		await q(`UPDATE reports SET activities = ${before.text === null ? 'NULL' : `'${before.text}'`} WHERE id = ${id}`);
		assert.deepEqual(await rowsOf(id), before.rows);
	});

	test('a truncated multipart body is 400, with no row and no file kept', async () => {
		const before = { files: stored(), rows: await rowsOf(id), version: await one(`SELECT version FROM reports WHERE id = ${id}`) };
		const { form } = await s.form(href(id), (f) => f.action === href(id));
		const fresh = pdfFile('Avbruten uppladdning');
		const { body, contentType } = multipartBody([{ name: 'csrf', value: form.fields.csrf }, { name: 'version', value: form.fields.version },
			{ name: 'action', value: 'save' }, file('avbruten.pdf', fresh, 'application/pdf')]);
		for (const cut of [20, Math.floor(fresh.length / 2)]) {
			const res = await s.post(href(id), body.subarray(0, body.length - cut), { headers: { 'Content-Type': contentType } });
			assert.equal(res.status, 400, `cut ${cut} bytes before the end`);
		}
		assert.deepEqual(await rowsOf(id), before.rows);
		assert.equal(await one(`SELECT version FROM reports WHERE id = ${id}`), before.version);
		assert.deepEqual(stored(), before.files, 'no file, no temporary file');
		assert.equal(fs.existsSync(onDisk(sha256(fresh))), false);
	});

	test('an upload over nginx\'s client_max_body_size is 413 from nginx', async () => {
		const res = await postLarge(stack.baseUrl, href(id), 10 * 1024 * 1024 + 1, { Cookie: s.cookieHeader() });
		assert.equal(res.status, 413);
		assert.equal(res.headers['x-request-id'], undefined, 'nginx answered');
	});

	test('another organisation\'s applicant gets 404 for the files, the form\'s POST and a removal, and nothing is stored', async () => {
		const other = await stack.login(OTHER);
		const [[aid]] = await rowsOf(id);
		const before = { files: stored(), rows: await rowsOf(id) };
		assert.equal((await other.get(href(id, `/attachments/${aid}`))).status, 404);
		const csrf = await csrfOf(other);
		const { body, contentType } = multipartBody([{ name: 'csrf', value: csrf }, { name: 'version', value: '1' },
			{ name: 'action', value: 'save' }, file('intrang.pdf', pdfFile('Intrång'), 'application/pdf')]);
		assert.equal((await other.post(href(id), body, { headers: { 'Content-Type': contentType } })).status, 404);
		assert.equal((await other.post(href(id, `/attachments/${aid}/remove`), new URLSearchParams({ csrf }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 404);
		assert.deepEqual(await rowsOf(id), before.rows);
		assert.deepEqual(stored(), before.files);
		// Sida reads projects, not reports, nor their files.
		const sida = await stack.login('sida@sida.example');
		assert.equal((await sida.get(href(id, `/attachments/${aid}`))).status, 404);
		assert.equal((await sida.post(href(id, `/attachments/${aid}/remove`), new URLSearchParams({ csrf: await csrfOf(sida) }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 404);
		assert.deepEqual(await rowsOf(id), before.rows);
	});

	test('a file is removed from a draft (its row; the content stays on disk), and a removal sent twice is harmless', async () => {
		const extra = pdfFile('Fel fil');
		assert.equal((await upload(s, id, { action: 'save' }, [file('fel-fil.pdf', extra, 'application/pdf')])).status, 303);
		const [aid] = (await rowsOf(id)).find((r) => r[1] === 'fel-fil.pdf');
		const { form } = await s.form(href(id), (f) => f.action === href(id, `/attachments/${aid}/remove`));
		let res = await send(s, form);
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, href(id, '?removed=1#attachments'));
		assert.equal(await one(`SELECT COUNT(*) FROM attachments WHERE id = ${aid}`), '0');
		assert.ok(fs.existsSync(onDisk(sha256(extra))), 'the file stays: the same content may be another row\'s');
		const [[before, afterJson]] = await q(`SELECT before_json, after_json FROM audit_log WHERE action = 'report.detach' AND entity_id = ${id}`);
		assert.equal(afterJson, null);
		assert.deepEqual(JSON.parse(before), { attachment: Number(aid), filename: 'fel-fil.pdf', type: 'application/pdf', size: extra.length, sha256: sha256(extra) });
		const page = (await s.get(res.headers.location)).text;
		assert.match(page, /Filen har tagits bort från rapporten\./);
		assert.deepEqual(listed(page).map((r) => r[0]), ['Bokslut 2016 Borlänge.pdf', 'workshop.png']);
		res = await send(s, form);
		assert.equal(res.status, 303, 'sent again');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'report.detach' AND entity_id = ${id}`), '1');
	});

	test('submitted, the files read only and cannot be removed; returned, those submitted stay and new ones come and go', async () => {
		const indicators = await indicatorsOf(q, id);
		const budget = await budgetOf(q, id);
		const costs = Object.fromEntries(Object.entries(budget.lines).map(([c, a]) => [`actual-${c}`, String(a)]));
		let res = await upload(s, id, { ...filled(indicators, costs), action: 'check' }, [file('foto-2.png', pngFile(3, 3), 'image/png')]);
		assert.equal(res.status, 303, res.text.slice(0, 400));
		assert.equal(res.headers.location, href(id, '/check'));
		// The check page lists the files that go with the report; its button submits them.
		let check = await s.get(href(id, '/check'));
		assert.deepEqual(listed(check.text).map((r) => r[0]), ['Bokslut 2016 Borlänge.pdf', 'workshop.png', 'foto-2.png']);
		res = await send(s, parseForms(check.text).find((f) => f.action === href(id, '/submit')));
		assert.equal(res.headers.location, href(id, '?sent=1'));
		const sent = await rowsOf(id);
		assert.deepEqual(sent.map((r) => r[1]), ['Bokslut 2016 Borlänge.pdf', 'workshop.png', 'foto-2.png'], 'the file went with the submission');
		let page = (await s.get(href(id))).text;
		assert.deepEqual(listed(page).map((r) => [r[0], r[5]]), sent.map((r) => [r[1], 'Version 1']));
		assert.doesNotMatch(page, /id="files"/, 'no file field');
		assert.doesNotMatch(page, /remove-file-/, 'no removal');
		// A removal posted all the same (a page from before the submission) is refused.
		const csrf = await csrfOf(s);
		res = await s.post(href(id, `/attachments/${sent[0][0]}/remove`), new URLSearchParams({ csrf }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(res.status, 409);
		assert.match(res.text, /Rapporten har skickats in till ICLD, så dess filer kan inte längre ändras\./);
		// So is a file sent with the form from before.
		const { body, contentType } = multipartBody([{ name: 'csrf', value: csrf }, { name: 'version', value: '1' },
			{ name: 'action', value: 'save' }, file('sen.pdf', pdfFile('Sen'), 'application/pdf')]);
		res = await s.post(href(id), body, { headers: { 'Content-Type': contentType } });
		assert.equal(res.status, 409);
		assert.deepEqual(await rowsOf(id), sent);
		// ICLD reads and downloads them.
		page = (await admin.get(href(id))).text;
		assert.deepEqual(listed(page).map((r) => r[0]), sent.map((r) => r[1]));
		assert.equal((await admin.get(linkOf(page, 'workshop.png'))).status, 200);

		// Returned: a new file can be added and removed; a submitted one stays.
		const { form: d } = await admin.form(href(id), (f) => f.action === href(id, '/decision'));
		assert.equal((await send(admin, d, { outcome: 'return', comment: 'Attach the signed accounts for the whole year.' })).status, 303);
		assert.equal((await upload(s, id, { action: 'save' }, [file('Bokslut helår.pdf', pdfFile('Helår'), 'application/pdf')])).status, 303);
		page = (await s.get(href(id))).text;
		assert.deepEqual(listed(page).map((r) => [r[0], r[5]]), [...sent.map((r) => [r[1], 'Version 1']), ['Bokslut helår.pdf', 'Inte än']]);
		for (const [aid] of sent) assert.doesNotMatch(page, new RegExp(`form="remove-file-${aid}"`), 'a submitted file offers no removal');
		res = await s.post(href(id, `/attachments/${sent[0][0]}/remove`), new URLSearchParams({ csrf }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(res.status, 409);
		assert.match(res.text, /Bokslut 2016 Borlänge\.pdf har skickats in till ICLD med rapporten, så den finns kvar i rapportens historik/);
		assert.equal(await one(`SELECT COUNT(*) FROM attachments WHERE id = ${sent[0][0]}`), '1');
		const late = (await rowsOf(id)).find((r) => r[1] === 'Bokslut helår.pdf')[0];
		const { form: rm } = await s.form(href(id), (f) => f.action === href(id, `/attachments/${late}/remove`));
		assert.equal((await send(s, rm)).status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM attachments WHERE id = ${late}`), '0');

		// Submitted again with another file: each revision shows the files it was submitted with.
		assert.equal((await upload(s, id, { action: 'check' }, [file('Bokslut helår, rättat.pdf', pdfFile('Helår 2'), 'application/pdf')])).status, 303);
		check = await s.get(href(id, '/check'));
		assert.equal((await send(s, parseForms(check.text).find((f) => f.action === href(id, '/submit')))).status, 303);
		assert.equal(await one(`SELECT revision FROM reports WHERE id = ${id}`), '2');
		const first = listed((await s.get(href(id, '/revisions/1'))).text).map((r) => [r[0], r[5]]);
		assert.deepEqual(first, sent.map((r) => [r[1], 'Version 1']));
		const second = listed((await admin.get(href(id, '/revisions/2'))).text).map((r) => [r[0], r[5]]);
		assert.deepEqual(second, [...sent.map((r) => [r[1], 'Version 1']), ['Bokslut helår, rättat.pdf', 'Version 2']]);
	});
});

describe('how many files a report takes', () => {
	test(`more than the most a report may have is refused next to the field, nothing stored`, async () => {
		const s = await stack.login(APPLICANT);
		const id = await draftReport([await draftReport()]);
		// 19 files there already (rows naming one stored content, as the same file uploaded again would).
		assert.equal((await upload(s, id, { action: 'save' }, [file('foto.png', PNG, 'image/png')])).status, 303);
		await q(`INSERT INTO attachments (report_id, sha256, filename, mime, size, uploaded_by, uploaded_at)
			SELECT a.report_id, a.sha256, CONCAT('foto-', s.seq, '.png'), a.mime, a.size, a.uploaded_by, a.uploaded_at
			FROM attachments a JOIN seq_1_to_18 s WHERE a.report_id = ${id}`);
		const before = await rowsOf(id);
		assert.equal(before.length, 19);
		const res = await upload(s, id, { lessons: 'Kept.', action: 'save' }, [file('a.png', pngFile(2, 2), 'image/png'), file('b.png', pngFile(3, 2), 'image/png')]);
		assert.equal(res.status, 200);
		assert.equal(errorOf(res.text, 'files'), 'En rapport kan ha högst 20 filer, och den har 19: ta bort en innan du lägger till en ny');
		assert.equal(parseForms(res.text).find((f) => f.action === href(id)).fields.lessons, 'Kept.');
		assert.match(res.text, /Välj filerna igen/);
		assert.deepEqual(await rowsOf(id), before);
		assert.equal(await one(`SELECT lessons FROM reports WHERE id = ${id}`), null, 'nothing saved');
		// One more fits.
		assert.equal((await upload(s, id, { action: 'save' }, [file('a.png', pngFile(2, 2), 'image/png')])).status, 303);
		assert.equal((await rowsOf(id)).length, 20);
	});
});

describe('the application\'s own body limit, behind a more generous nginx', () => {
	let big;

	before(async () => {
		big = await startStack({ workers: 1, maxBody: '20m', conf: { 'app.max_body': 1048576 } });
	});

	after(() => big?.stop());

	test('an upload over [app] max_body is 413 from the application, with nothing stored', async () => {
		const s = big.session();
		await s.login(APPLICANT);
		const [[id]] = await big.mysql(`SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id
			JOIN applications a ON a.id = p.application_id JOIN users u ON u.org_id = a.applicant_org_id
			WHERE u.email = '${APPLICANT}' AND r.status = 'draft' AND p.status = 'implementation' ORDER BY r.id LIMIT 1`);
		const res = await postLarge(big.baseUrl, href(id), 2 * 1024 * 1024, { Cookie: s.cookieHeader() });
		assert.equal(res.status, 413);
		assert.ok(res.headers['x-request-id'], 'the application answered');
		assert.match(res.text, /<h1>Det du skickade är för stort<\/h1>/);
		assert.equal(await big.one(`SELECT COUNT(*) FROM attachments WHERE report_id = ${id}`), '0');
		assert.equal(fs.existsSync(path.join(big.dir, 'attachments')), false, 'nothing reached the disk');
	});
});
