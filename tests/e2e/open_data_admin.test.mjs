// open_data_admin.test.mjs - what ICLD's officers enter for IATI's comprehensiveness tests: a partner
// organisation's coordinates, a project's capital spend and the funds received from Sida for it; each bad input
// refused next to its field with the input kept, stale versions, audit rows, what Sida reads and applicants never see.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, parseForms, htmlDecode, kr, DEMO_TODAY } from './harness.mjs';
import { errorOf } from './lib/page.mjs';

let stack, q, one, admin, sida, applicant;
/** a demo partner organisation's id */
let partner;
/** the demo applicant's project: {code, id, decided (YYYY-MM-DD)} */
let project;

before(async () => {
	({ stack, q, one, admin, sida, applicant } = await openStack({ workers: 1 }, ['admin', 'sida', 'applicant']));
	partner = await one("SELECT id FROM organisations WHERE side = 'partner' AND active = 1 ORDER BY id LIMIT 1");
	const [row] = await q("SELECT p.code, p.id, DATE_FORMAT(d.decided_at, '%Y-%m-%d') FROM projects p " +
		'JOIN applications a ON a.id = p.application_id JOIN decisions d ON d.application_id = a.id ' +
		"JOIN users u ON u.org_id = a.applicant_org_id WHERE u.email = 'borlange@kommun.example' " +
		`AND d.decided_at < '${DEMO_TODAY}' ORDER BY p.code LIMIT 1`);
	project = { code: row[0], id: row[1], decided: row[2] };
});

after(() => stack?.stop());

/** The value attribute of input id on page html, decoded; null when there is no such input. */
function valueOf(html, id) {
	const tag = html.match(new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`));
	if (!tag) return null;
	const v = tag[0].match(/\bvalue="([^"]*)"/);
	return v ? htmlDecode(v[1]) : '';
}

/** The CSRF token of a session's pages. */
const csrfOf = async (s) => parseForms((await s.get('/')).text)[0].fields.csrf;

const audits = async (action, entity, id) =>
	q(`SELECT before_json, after_json FROM audit_log WHERE action = '${action}' AND entity = '${entity}' ` +
		`AND entity_id = ${id} ORDER BY id`);

describe('a partner organisation\'s coordinates', () => {
	const editPath = () => `/organisations/${partner}/edit`;
	const form = async () => (await admin.form(editPath(), (f) => f.action === `/organisations/${partner}`)).form;
	const stored = async () => (await q(`SELECT lat, lng, version FROM organisations WHERE id = ${partner}`))[0];

	test('are saved with a decimal comma or point and surrounding spaces, shown back, and audited', async () => {
		const [lat0] = await stored();
		const f = await form();
		const res = await admin.post(f.action, { ...f.fields, lat: ' -0,0917 ', lng: '34.7680 ' });
		assert.equal(res.status, 303, res.text.slice(0, 800));
		const [lat, lng] = await stored();
		assert.deepEqual([lat, lng], ['-0.091700', '34.768000']);
		const page = (await admin.get(editPath())).text;
		assert.equal(valueOf(page, 'lat'), '-0.0917');
		assert.equal(valueOf(page, 'lng'), '34.768');
		const rows = await audits('organisation.update', 'organisation', partner);
		const last = rows.at(-1);
		assert.equal(JSON.parse(last[0]).lat, lat0 === null ? null : Number(lat0));
		assert.equal(JSON.parse(last[1]).lat, -0.0917);
		assert.equal(JSON.parse(last[1]).lng, 34.768);
	});

	test('each bad input is refused next to its field, with everything typed kept and nothing saved', async () => {
		const cases = [
			{ lat: 'north', lng: '34.768', field: 'lat', re: /decimala grader/ },
			{ lat: '1.1234567', lng: '34.768', field: 'lat', re: /högst 6 decimaler/ },
			{ lat: '91', lng: '34.768', field: 'lat', re: /latitud från -90 till 90/ },
			{ lat: '-90.5', lng: '34.768', field: 'lat', re: /latitud från -90 till 90/ },
			{ lat: '-0.0917', lng: '180,1', field: 'lng', re: /longitud från -180 till 180/ },
			{ lat: '-0.0917', lng: '34.7E1', field: 'lng', re: /decimala grader/ },
			{ lat: '-0.0917', lng: '', field: 'lng', re: /longituden också/ },
			{ lat: '', lng: '34.768', field: 'lat', re: /latituden också/ },
			{ lat: '0', lng: '0,000', field: 'lat', re: /0, 0 är ingen ort utan en punkt i Atlanten/ },
		];
		const before = await stored();
		for (const c of cases) {
			const f = await form();
			const res = await admin.post(f.action, { ...f.fields, name: `${f.fields.name}`, lat: c.lat, lng: c.lng });
			const what = `${c.lat} / ${c.lng}`;
			assert.equal(res.status, 200, what);
			assert.match(res.text, /<title>Fel: /, what);
			assert.match(errorOf(res.text, c.field) ?? '', c.re, what);
			const other = c.field === 'lat' ? 'lng' : 'lat';
			assert.equal(errorOf(res.text, other), null, `${what}: no error next to ${other}`);
			assert.ok(res.text.includes(`<a href="#${c.field}">`), `${what}: the summary links to the field`);
			assert.equal(valueOf(res.text, 'lat'), c.lat, `${what}: latitude kept`);
			assert.equal(valueOf(res.text, 'lng'), c.lng, `${what}: longitude kept`);
			assert.equal(valueOf(res.text, 'name'), f.fields.name, `${what}: the other fields kept`);
		}
		assert.deepEqual(await stored(), before);
	});

	test('both empty removes them (NULL)', async () => {
		const f = await form();
		assert.equal((await admin.post(f.action, { ...f.fields, lat: '', lng: ' ' })).status, 303);
		const [lat, lng] = await stored();
		assert.deepEqual([lat, lng], [null, null]);
		assert.equal(JSON.parse((await audits('organisation.update', 'organisation', partner)).at(-1)[1]).lat, null);
	});

	test('a new partner takes them; a Swedish member has no coordinate fields', async () => {
		const swedish = (await admin.get('/organisations/new?side=swedish')).text;
		assert.equal(valueOf(swedish, 'lat'), null);
		assert.equal(valueOf(swedish, 'lng'), null);
		const sweEdit = await one("SELECT org_id FROM users WHERE email = 'borlange@kommun.example'");
		assert.equal(valueOf((await admin.get(`/organisations/${sweEdit}/edit`)).text, 'lat'), null);

		const { form: f } = await admin.form('/organisations/new?side=partner', (x) => x.action === '/organisations');
		const name = `Kisumu Test County ${process.pid}`;
		const res = await admin.post('/organisations', { ...f.fields, name, country: 'KE', kind: f.inputs.find((i) => i.name === 'kind').options[1], lat: '-0,0917', lng: '34,768' });
		assert.equal(res.status, 303, res.text.slice(0, 800));
		const [[lat, lng, id]] = await q(`SELECT lat, lng, id FROM organisations WHERE name = '${name}'`);
		assert.deepEqual([lat, lng], ['-0.091700', '34.768000']);
		const [[after]] = await q(`SELECT after_json FROM audit_log WHERE action = 'organisation.create' AND entity_id = ${id}`);
		assert.equal(JSON.parse(after).lng, 34.768);
	});
});

describe('a project\'s capital spend', () => {
	const page = (s = admin) => s.get(`/projects/${project.code}`);
	const form = async () => (await admin.form(`/projects/${project.code}`, (f) => f.action === `/projects/${project.code}/capital-spend`)).form;
	const stored = async () => (await q(`SELECT capital_spend FROM projects WHERE id = ${project.id}`))[0][0];

	test('is 0 by default; an admin saves a share with a decimal comma, with an audit row', async () => {
		const f = await form();
		assert.equal(f.fields.capital_spend, '0');
		assert.ok(f.fields.version);
		const res = await admin.post(f.action, { ...f.fields, capital_spend: ' 12,5 ' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/projects/${project.code}#capital`);
		assert.equal(await stored(), '12.50');
		assert.equal((await form()).fields.capital_spend, '12,5');
		const rows = await audits('project.capital_spend', 'project', project.id);
		assert.equal(rows.length, 1);
		assert.deepEqual([JSON.parse(rows[0][0]), JSON.parse(rows[0][1])], [{ capital_spend: 0 }, { capital_spend: 12.5 }]);
		// The same form sent again is done already.
		assert.equal((await admin.post(f.action, { ...f.fields, capital_spend: '12.50' })).status, 303);
		assert.equal((await audits('project.capital_spend', 'project', project.id)).length, 1);
	});

	test('out of range, text, three decimals or nothing are refused next to the field with the input kept', async () => {
		const before = await stored();
		for (const [typed, re] of [['101', /från 0 till 100/], ['-1', /från 0 till 100/], ['100,01', /från 0 till 100/],
			['tolv', /högst två decimaler/], ['12.345', /högst två decimaler/], ['', /procentsats från 0 till 100/]]) {
			const f = await form();
			const res = await admin.post(f.action, { ...f.fields, capital_spend: typed });
			assert.equal(res.status, 200, typed);
			assert.match(errorOf(res.text, 'capital_spend') ?? '', re, typed);
			assert.ok(res.text.includes('<a href="#capital_spend">'), typed);
			assert.equal(valueOf(res.text, 'capital_spend'), typed, `${typed}: kept`);
		}
		assert.equal(await stored(), before);
	});

	test('a stale version is refused (409) with the input kept; the page\'s form then saves it', async () => {
		const f = await form();
		const res = await admin.post(f.action, { ...f.fields, version: String(Number(f.fields.version) + 5), capital_spend: '30' });
		assert.equal(res.status, 409);
		assert.match(errorOf(res.text, 'capital_spend') ?? '', /Någon annan ändrade projektet/);
		assert.equal(valueOf(res.text, 'capital_spend'), '30');
		assert.equal(await stored(), '12.50');
		const again = parseForms(res.text).find((x) => x.action === f.action);
		assert.equal((await admin.post(again.action, again.fields)).status, 303);
		assert.equal(await stored(), '30.00');
		assert.equal((await admin.post(f.action, { csrf: f.fields.csrf, capital_spend: '1' })).status, 400, 'no version');
	});

	test('Sida reads it; applicants neither see it nor can set it', async () => {
		const s = (await page(sida)).text;
		assert.match(s, /<h2 id="capital">/);
		assert.ok(s.includes('30\u00a0%'), 'the share, as Swedish writes a percentage');
		assert.ok(!parseForms(s).some((f) => f.action.endsWith('/capital-spend')), 'no form for Sida');
		const a = (await page(applicant)).text;
		assert.doesNotMatch(a, /id="capital"|capital-spend|Kapitalutgifter/);
	});
});

describe('funds received from Sida', () => {
	const path = () => `/projects/${project.code}`;
	const form = async () => (await admin.form(path(), (f) => f.action === `/projects/${project.code}/incoming-funds`)).form;
	const rows = async () => q(`SELECT id, DATE_FORMAT(received_on, '%Y-%m-%d'), amount, note, recorded_by FROM incoming_funds WHERE project_id = ${project.id} ORDER BY id`);
	const NOTE = 'Sida utbetalning 51170071 <intern>';

	// The demo records Sida's funds for every project year begun; this project starts from none.
	before(() => q(`DELETE FROM incoming_funds WHERE project_id = ${project.id}`));

	test('are recorded, listed with their total (the note for ICLD only), and audited; a re-sent form records once', async () => {
		assert.match((await admin.get(path())).text, /Inga medel från Sida har registrerats/);
		let f = await form();
		let res = await admin.post(f.action, { ...f.fields, received_on: project.decided, amount: '300 000', note: NOTE });
		assert.equal(res.status, 303, res.text.slice(0, 800));
		assert.equal(res.headers.location, `/projects/${project.code}#incoming-funds`);
		assert.equal((await admin.post(f.action, { ...f.fields, received_on: project.decided, amount: '300 000', note: NOTE })).status, 303);
		f = await form();
		res = await admin.post(f.action, { ...f.fields, received_on: DEMO_TODAY, amount: '150000 kr', note: '' });
		assert.equal(res.status, 303);
		const got = await rows();
		const adminId = await one("SELECT id FROM users WHERE email = 'admin@icld.example'");
		assert.deepEqual(got.map((r) => r.slice(1)), [[project.decided, '300000', NOTE, adminId], [DEMO_TODAY, '150000', null, adminId]]);

		const html = (await admin.get(path())).text;
		const table = html.slice(html.indexOf('<table class="table" id="funds">'), html.indexOf('</table>', html.indexOf('id="funds"')));
		assert.ok(table.includes(project.decided) && table.includes(DEMO_TODAY));
		assert.ok(table.includes(kr(300000)) && table.includes(kr(150000)));
		assert.ok(table.includes('Sida utbetalning 51170071 &lt;intern&gt;'), 'the note, escaped');
		assert.match(table, new RegExp(`<tfoot><tr><th scope="row">Mottaget totalt</th><td class="num">${kr(450000)}</td>`));

		// The demo's own recordings of the project's funds come first.
		const audit = (await audits('project.funds_record', 'project', project.id))
			.filter((a) => got.some((r) => Number(r[0]) === JSON.parse(a[1]).incoming_funds));
		assert.equal(audit.length, 2);
		assert.equal(audit[0][0], null);
		assert.deepEqual(JSON.parse(audit[0][1]), { incoming_funds: Number(got[0][0]), received_on: project.decided, amount: 300000, note: NOTE });
	});

	test('a date after today or before the decision, a zero or text amount are refused next to the field, input kept', async () => {
		const before = await rows();
		const dayBefore = new Date(Date.parse(`${project.decided}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
		const cases = [
			{ received_on: '2016-10-01', amount: '300 000', field: 'received_on', re: /inte vara efter i dag/ },
			{ received_on: dayBefore, amount: '300 000', field: 'received_on', re: new RegExp(`före beslutet om projektet, ${project.decided}`) },
			{ received_on: '2016-02-30', amount: '300 000', field: 'received_on', re: /riktigt datum/ },
			{ received_on: '', amount: '300 000', field: 'received_on', re: /Ange dagen då medlen togs emot/ },
			{ received_on: DEMO_TODAY, amount: '0', field: 'amount', re: /över 0 kronor/ },
			{ received_on: DEMO_TODAY, amount: 'trehundratusen', field: 'amount', re: /hela kronor/ },
			{ received_on: DEMO_TODAY, amount: '300 000,50', field: 'amount', re: /hela kronor/ },
			{ received_on: DEMO_TODAY, amount: '', field: 'amount', re: /Ange det mottagna beloppet/ },
		];
		for (const c of cases) {
			const f = await form();
			const res = await admin.post(f.action, { ...f.fields, received_on: c.received_on, amount: c.amount, note: 'kept <note>' });
			const what = `${c.received_on} / ${c.amount}`;
			assert.equal(res.status, 200, what);
			assert.match(errorOf(res.text, c.field) ?? '', c.re, what);
			assert.equal(errorOf(res.text, c.field === 'amount' ? 'received_on' : 'amount'), null, `${what}: one error`);
			assert.ok(res.text.includes(`<a href="#${c.field}">`), what);
			assert.equal(valueOf(res.text, 'received_on'), c.received_on, `${what}: date kept`);
			assert.equal(valueOf(res.text, 'amount'), c.amount, `${what}: amount kept`);
			assert.ok(res.text.includes('kept &lt;note&gt;</textarea>'), `${what}: note kept`);
		}
		const f = await form();
		const stale = await admin.post(f.action, { ...f.fields, version: String(Number(f.fields.version) + 3), received_on: DEMO_TODAY, amount: '1000' });
		assert.equal(stale.status, 409);
		assert.match(errorOf(stale.text, 'received_on') ?? '', /Någon annan ändrade projektet/);
		assert.equal(valueOf(stale.text, 'amount'), '1000');
		assert.deepEqual(await rows(), before);
	});

	test('Sida reads the list and total without the notes, in the list and in the history; applicants see none of it', async () => {
		const s = (await sida.get(path())).text;
		assert.match(s, /<h2 id="incoming-funds">Medel mottagna från Sida<\/h2>/);
		assert.ok(s.includes(kr(450000)));
		assert.ok(!s.includes('51170071'), 'no note for Sida, not even in the history');
		assert.ok(!parseForms(s).some((f) => f.action.includes('/incoming-funds')), 'no form for Sida');
		assert.match(s, /Medel från Sida registrerade/, 'the history names the change');
		const a = (await applicant.get(path())).text;
		assert.ok(!a.includes('incoming-funds') && !a.includes('51170071') && !a.includes('Medel mottagna från Sida'));
		for (const p of ['/partnerships', `/partnerships/${project.code}`]) {
			const pub = await stack.get(p);
			assert.ok(!pub.text.includes('51170071'), `not on ${p}`);
		}
	});

	test('are removed with an audit row; a removal sent again changes nothing', async () => {
		const [first] = await rows();
		const page = (await admin.get(path())).text;
		const remove = parseForms(page).find((f) => f.action === `/projects/${project.code}/incoming-funds/${first[0]}/remove`);
		assert.ok(remove, 'a remove button per row');
		const res = await admin.post(remove.action, remove.fields);
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/projects/${project.code}#incoming-funds`);
		assert.equal((await admin.post(remove.action, remove.fields)).status, 303);
		assert.deepEqual((await rows()).map((r) => r[2]), ['150000']);
		const audit = await audits('project.funds_remove', 'project', project.id);
		assert.equal(audit.length, 1);
		assert.deepEqual(JSON.parse(audit[0][0]), { incoming_funds: Number(first[0]), received_on: project.decided, amount: 300000, note: NOTE });
		assert.equal(audit[0][1], null);
		const total = (await admin.get(path())).text;
		assert.match(total, new RegExp(`Mottaget totalt</th><td class="num">${kr(150000)}</td>`));
		assert.equal((await admin.post(`/projects/2099-9999/incoming-funds/${first[0]}/remove`, remove.fields)).status, 404, 'no such project');
	});
});

describe('who may', () => {
	test('applicants get 404 and Sida 403/404 for every new POST, changing nothing', async () => {
		const [fund] = (await q(`SELECT id FROM incoming_funds WHERE project_id = ${project.id} LIMIT 1`))[0];
		const version = await one(`SELECT version FROM projects WHERE id = ${project.id}`);
		const state = 'SELECT (SELECT COUNT(*) FROM audit_log), (SELECT v FROM data_version), ' +
			`(SELECT COUNT(*) FROM incoming_funds), (SELECT capital_spend FROM projects WHERE id = ${project.id})`;
		const before = await q(state);
		const posts = [
			[`/projects/${project.code}/capital-spend`, { version, capital_spend: '50' }],
			[`/projects/${project.code}/incoming-funds`, { version, received_on: DEMO_TODAY, amount: '1000' }],
			[`/projects/${project.code}/incoming-funds/${fund}/remove`, {}],
		];
		for (const [p, body] of posts) {
			assert.equal((await applicant.post(p, { ...body, csrf: await csrfOf(applicant) })).status, 404, `applicant: ${p}`);
			const r = await sida.post(p, { ...body, csrf: await csrfOf(sida) });
			assert.ok([403, 404].includes(r.status), `Sida: ${p}: ${r.status}`);
			assert.equal((await stack.request(p, { method: 'POST', body })).status, 403, `anonymous: ${p}`);
		}
		assert.deepEqual(await q(state), before);
	});
});
