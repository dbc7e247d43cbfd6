// rounds.test.mjs - calls for applications (rounds) with their rules, and the partner countries: who may see and
// change them, the admins' forms (errors next to the fields, input kept), one round per form however often it
// is sent, stale edits refused, and an audit row for every change; against the real stack with the demo data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, parseForms, htmlDecode, sqlText, plain, formOn, send, csrfOf } from './harness.mjs';

let stack, one, admin, applicant, sida;

before(async () => {
	({ stack, one, admin, applicant, sida } = await openStack({ workers: 2 }, ['admin', 'applicant', 'sida']));
});

after(() => stack?.stop());

/** The value of the input called name in html, decoded. */
function valueOf(html, name) {
	const forms = parseForms(html);
	for (const f of forms) {
		const i = f.inputs.find((x) => x.name === name);
		if (i) return i.value;
	}
	return undefined;
}

let nameCounter = 0;
const GOOD = () => {
	nameCounter++;
	return {
		year: '2018',
		name_sv: `Utlysning 2018 nr ${nameCounter}`,
		name_en: `Call for applications 2018 no ${nameCounter}`,
		opens_on: '2017-09-01',
		closes_on: '2018-03-31',
	};
};

describe('reading the rounds', () => {
	test('an applicant reads the rounds and their rules, linked from the start page, without admin links', async () => {
		const home = await applicant.get('/');
		assert.match(home.text, /href="\/rounds"/);
		const res = await applicant.get('/rounds');
		assert.equal(res.status, 200);
		const text = plain(res.text);
		assert.match(text, /Utlysning 2017|Call for applications 2017/);
		assert.match(text, /300 000 kr – 500 000 kr|SEK 300,000 – SEK 500,000/, 'the project range');
		assert.match(text, /upp till 220 000 kr|up to SEK 220,000/, 'the inception ceiling in Europe');
		assert.match(text, /1–3 år|1–3 years/);
		assert.match(text, /tag-approved">(Öppen nu|Open now)</, 'the 2017 call is open on the demo date');
		assert.doesNotMatch(res.text, /href="\/rounds\/new"/);
		assert.doesNotMatch(res.text, /\/edit"/);
		assert.doesNotMatch(res.text, /href="\/countries"/);
	});

	test('rounds are listed newest first', async () => {
		const res = await sida.get('/rounds');
		assert.equal(res.status, 200);
		const years = [...res.text.matchAll(/(?:Utlysning|Call for applications) (\d{4})/g)].map((m) => Number(m[1]));
		const demo = years.filter((y) => y >= 2013 && y <= 2017);
		assert.deepEqual([...new Set(demo)], [2017, 2016, 2015, 2014, 2013]);
		assert.doesNotMatch(res.text, /href="\/rounds\/new"/);
	});

	test('an admin gets the button to add a round and an edit link per round', async () => {
		const res = await admin.get('/rounds');
		assert.equal(res.status, 200);
		assert.match(res.text, /<a class="button" href="\/rounds\/new">/);
		const n = Number(await one('SELECT COUNT(*) FROM rounds'));
		assert.equal([...res.text.matchAll(/href="\/rounds\/\d+\/edit"/g)].length, n);
		const home = await admin.get('/');
		assert.match(home.text, /href="\/rounds"/);
		assert.match(home.text, /href="\/countries"/);
	});
});

describe('adding a round', () => {
	test('the form has the programme\'s defaults and a one-time token', async () => {
		const { page, form } = await formOn(admin, '/rounds/new', '/rounds');
		assert.equal(page.status, 200);
		assert.match(form.fields.token, /^[0-9a-f]{64}$/);
		const f = Object.fromEntries(Object.entries(form.fields).map(([k, v]) => [k, plain(v)]));
		assert.equal(f.inception_min_years, '1');
		assert.equal(f.inception_max_years, '1');
		assert.match(f.inception_max_africa, /^275[ ,]000$/);
		assert.match(f.inception_max_latin_america, /^275[ ,]000$/);
		assert.match(f.inception_max_europe, /^220[ ,]000$/);
		assert.match(f.project_min_amount, /^300[ ,]000$/);
		assert.match(f.project_max_asia, /^500[ ,]000$/);
		assert.equal(f.project_max_years, '3');
		assert.match(f.three_party_max_asia, /^650[ ,]000$/);
		assert.match(f.three_party_max_europe, /^600[ ,]000$/);
		assert.match(f.three_party_max_latin_america, /^650[ ,]000$/);
		assert.match(page.text, /three_party_max_latin_america-hint/, 'the Latin America default is explained');
		for (const t of ['inception', 'project', 'three_party']) assert.equal(f[`${t}_allowed`], '1');
		assert.match(page.text, /type="date"/);
		// Another visit gets another token.
		const again = await formOn(admin, '/rounds/new', '/rounds');
		assert.notEqual(again.form.fields.token, form.fields.token);
	});

	test('an admin adds a round: one row, its three rules, an audit row, and it is listed', async () => {
		const good = GOOD();
		const { form } = await formOn(admin, '/rounds/new', '/rounds');
		const res = await send(admin, form, {
			...good, inception_all_year: '1', project_max_europe: '450 000 kr', three_party_min_amount: '100000',
		}, ['three_party_allowed']);
		assert.equal(res.status, 303, res.text.slice(0, 2000));
		assert.equal(res.headers.location, '/rounds');
		const [row] = await stack.mysql(`SELECT id, year, name_en, DATE_FORMAT(opens_on, '%Y-%m-%d'), ` +
			`DATE_FORMAT(closes_on, '%Y-%m-%d'), inception_all_year, create_token, version FROM rounds WHERE name_sv = ${sqlText(good.name_sv)}`);
		assert.ok(row, 'the round is stored');
		const [id, year, nameEn, opens, closes, allYear, token, version] = row;
		assert.deepEqual([year, nameEn, opens, closes, allYear, token, version],
			['2018', good.name_en, good.opens_on, good.closes_on, '1', form.fields.token, '1']);
		const rules = await stack.mysql(`SELECT project_type, allowed, min_years, max_years, min_amount, max_amount_africa, ` +
			`max_amount_asia, max_amount_europe, max_amount_latin_america FROM round_rules WHERE round_id = ${id} ORDER BY project_type`);
		assert.deepEqual(rules, [
			['inception', '1', '1', '1', '0', '275000', '275000', '220000', '275000'],
			['project', '1', '1', '3', '300000', '500000', '500000', '450000', '500000'],
			['three_party', '0', '1', '3', '100000', '650000', '650000', '600000', '650000'],
		]);
		const audit = await stack.mysql(`SELECT a.before_json, JSON_VALUE(a.after_json, '$.name_sv'), ` +
			`JSON_VALUE(a.after_json, '$.rules.project.max_amount.europe'), u.email FROM audit_log a ` +
			`JOIN users u ON u.id = a.user_id WHERE a.action = 'round.create' AND a.entity = 'round' AND a.entity_id = ${id}`);
		assert.deepEqual(audit, [[null, good.name_sv, '450000', 'admin@icld.example']]);
		const list = await applicant.get('/rounds');
		assert.ok(list.text.includes(good.name_sv) || list.text.includes(good.name_en));
		assert.match(list.text, /(Tas inte emot i den här utlysningen|Not accepted in this round)/);
	});

	test('a form sent twice with the same token creates one round', async () => {
		const good = GOOD();
		const { form } = await formOn(admin, '/rounds/new', '/rounds');
		const [a, b] = await Promise.all([send(admin, form, good), send(admin, form, good)]);
		const c = await send(admin, form, good);
		for (const res of [a, b, c]) {
			assert.equal(res.status, 303);
			assert.equal(res.headers.location, '/rounds');
		}
		assert.equal(await one(`SELECT COUNT(*) FROM rounds WHERE name_sv = ${sqlText(good.name_sv)}`), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'round.create' AND ` +
			`JSON_VALUE(after_json, '$.name_sv') = ${sqlText(good.name_sv)}`), '1');
	});

	test('a POST without a token or with a malformed one is refused and creates nothing', async () => {
		const good = GOOD();
		const { form } = await formOn(admin, '/rounds/new', '/rounds');
		assert.equal((await send(admin, form, good, ['token'])).status, 400);
		assert.equal((await send(admin, form, { ...good, token: 'x'.repeat(64) })).status, 400);
		assert.equal(await one(`SELECT COUNT(*) FROM rounds WHERE name_sv = ${sqlText(good.name_sv)}`), '0');
	});

	const BAD = [
		{ what: 'an empty Swedish name', set: { name_sv: '   ' }, field: 'name_sv', msg: /utlysningens namn på svenska|name of the round in Swedish/ },
		{ what: 'an empty English name', set: { name_en: '' }, field: 'name_en', msg: /utlysningens namn på engelska|name of the round in English/ },
		{ what: 'a closing date before the opening date', set: { opens_on: '2018-03-01', closes_on: '2018-02-28' }, field: 'closes_on', msg: /Sista dagen måste|closing date must/ },
		{ what: 'a date that does not exist', set: { opens_on: '2018-02-30' }, field: 'opens_on', msg: /2017-01-15/ },
		{ what: 'an empty opening date', set: { opens_on: '' }, field: 'opens_on', msg: /dagen då utlysningen öppnar|the round opens/ },
		{ what: 'a year out of range', set: { year: '1999' }, field: 'year', msg: /2000.*2100/ },
		{ what: 'a year that is not a number', set: { year: 'next' }, field: 'year', msg: /2000.*2100/ },
		{ what: 'four years', set: { project_max_years: '4' }, field: 'project_max_years', msg: /1.*3/ },
		{ what: 'zero years', set: { inception_min_years: '0' }, field: 'inception_min_years', msg: /1.*3/ },
		{ what: 'a shortest duration over the longest', set: { three_party_min_years: '3', three_party_max_years: '2' }, field: 'three_party_max_years', msg: /minst lika lång som den kortaste|at least the shortest/ },
		{ what: 'a largest amount that is no amount', set: { project_max_europe: 'abc' }, field: 'project_max_europe', msg: /500 000/ },
		{ what: 'an empty largest amount', set: { inception_max_asia: '' }, field: 'inception_max_asia', msg: /500 000/ },
		{ what: 'a smallest amount over the largest', set: { project_min_amount: '600 000' }, field: 'project_min_amount', msg: /lägsta beloppet|smallest amount/ },
		{ what: 'an amount over 10 000 000', set: { three_party_max_africa: '10 000 001' }, field: 'three_party_max_africa', msg: /10 000 000/ },
	];

	for (const c of BAD) {
		test(`${c.what}: the message next to the field and in the summary, everything typed kept, no round`, async () => {
			const good = GOOD();
			const { form } = await formOn(admin, '/rounds/new', '/rounds');
			const sent = { ...good, project_max_africa: '480 000 kr', ...c.set };
			const res = await send(admin, form, sent, ['project_allowed']);
			assert.equal(res.status, 200);
			assert.match(res.text, /<title>(Fel|Error): /);
			assert.match(res.text, /class="error-summary"/);
			assert.match(res.text, new RegExp(`<a href="#${c.field}">`), 'the summary links to the field');
			const msg = res.text.match(new RegExp(`<p class="error-message" id="${c.field}-error">([\\s\\S]*?)</p>`));
			assert.ok(msg, `a message next to ${c.field}`);
			assert.match(plain(msg[1]), c.msg);
			assert.match(res.text, new RegExp(`id="${c.field}"[^>]*aria-invalid="true"`));
			// everything typed is kept, including the other fields and the unticked box
			for (const [k, v] of Object.entries(sent)) assert.equal(valueOf(res.text, k), v, `${k} kept`);
			const again = parseForms(res.text).find((f) => f.action === '/rounds');
			assert.equal(again.fields.token, form.fields.token, 'the same one-time token');
			assert.equal(again.fields.project_allowed, undefined, 'the unticked box stays unticked');
			assert.equal(again.fields.inception_allowed, '1');
			assert.equal(await one(`SELECT COUNT(*) FROM rounds WHERE name_en = ${sqlText(sent.name_en)} OR name_sv = ${sqlText(sent.name_sv)}`), '0');
		});
	}

	test('after correcting the errors the same form creates the round', async () => {
		const good = GOOD();
		const { form } = await formOn(admin, '/rounds/new', '/rounds');
		const bad = await send(admin, form, { ...good, name_sv: '' });
		assert.equal(bad.status, 200);
		const again = parseForms(bad.text).find((f) => f.action === '/rounds');
		const res = await send(admin, again, { name_sv: good.name_sv });
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM rounds WHERE name_sv = ${sqlText(good.name_sv)}`), '1');
	});
});

describe('editing a round', () => {
	let id;

	before(async () => {
		const good = GOOD();
		const { form } = await formOn(admin, '/rounds/new', '/rounds');
		assert.equal((await send(admin, form, good)).status, 303);
		id = await one(`SELECT id FROM rounds WHERE name_sv = ${sqlText(good.name_sv)}`);
	});

	test('the form is filled from the database with the version', async () => {
		const { page, form } = await formOn(admin, `/rounds/${id}/edit`, `/rounds/${id}`);
		assert.equal(page.status, 200);
		assert.equal(form.fields.version, await one(`SELECT version FROM rounds WHERE id = ${id}`));
		assert.equal(form.fields.opens_on, '2017-09-01');
		assert.equal(form.fields.token, undefined);
		assert.match(plain(form.fields.project_max_latin_america), /^500[ ,]000$/);
	});

	test('an edit saves the round and its rules, bumps the version and writes before and after to the audit log', async () => {
		const v0 = Number(await one(`SELECT version FROM rounds WHERE id = ${id}`));
		const { form } = await formOn(admin, `/rounds/${id}/edit`, `/rounds/${id}`);
		const res = await send(admin, form, { closes_on: '2018-04-30', inception_max_europe: '230 000' }, ['inception_allowed']);
		assert.equal(res.status, 303, res.text.slice(0, 1500));
		assert.equal(res.headers.location, '/rounds');
		assert.deepEqual(await stack.mysql(`SELECT DATE_FORMAT(r.closes_on, '%Y-%m-%d'), r.version, rr.allowed, rr.max_amount_europe ` +
			`FROM rounds r JOIN round_rules rr ON rr.round_id = r.id AND rr.project_type = 'inception' WHERE r.id = ${id}`),
		[['2018-04-30', String(v0 + 1), '0', '230000']]);
		const audit = await stack.mysql(`SELECT JSON_VALUE(before_json, '$.closes_on'), JSON_VALUE(after_json, '$.closes_on'), ` +
			`JSON_VALUE(before_json, '$.rules.inception.allowed'), JSON_VALUE(after_json, '$.rules.inception.allowed') ` +
			`FROM audit_log WHERE action = 'round.update' AND entity_id = ${id} ORDER BY id DESC LIMIT 1`);
		assert.deepEqual(audit, [['2018-03-31', '2018-04-30', '1', '0']]);
	});

	test('bad input on an edit is shown next to the field with the input kept, and nothing changes', async () => {
		const before = await stack.mysql(`SELECT version, name_en FROM rounds WHERE id = ${id}`);
		const { form } = await formOn(admin, `/rounds/${id}/edit`, `/rounds/${id}`);
		const res = await send(admin, form, { name_en: 'Kept <b>as typed</b>', project_max_years: '4' });
		assert.equal(res.status, 200);
		assert.match(res.text, /id="project_max_years-error"/);
		assert.equal(valueOf(res.text, 'name_en'), 'Kept <b>as typed</b>');
		assert.ok(!res.text.includes('<b>as typed</b>'), 'escaped');
		assert.deepEqual(await stack.mysql(`SELECT version, name_en FROM rounds WHERE id = ${id}`), before);
	});

	test('a stale save is refused with the person\'s input kept; saving again then works', async () => {
		const mine = await formOn(admin, `/rounds/${id}/edit`, `/rounds/${id}`);
		const other = await stack.login('admin@icld.example');
		const theirs = await formOn(other, `/rounds/${id}/edit`, `/rounds/${id}`);
		assert.equal((await send(other, theirs.form, { name_en: 'Their name' })).status, 303);
		const v = await one(`SELECT version FROM rounds WHERE id = ${id}`);

		const res = await send(admin, mine.form, { name_en: 'My name', project_max_asia: '490 000' });
		assert.equal(res.status, 409);
		assert.match(res.text, /<title>(Fel|Error): /);
		assert.match(plain(res.text), /(Någon annan ändrade utlysningen medan du redigerade den|Someone else changed this round while you were editing it)/);
		assert.match(res.text, /class="error-summary"/);
		assert.equal(valueOf(res.text, 'name_en'), 'My name', 'my input, not the database\'s');
		assert.equal(plain(valueOf(res.text, 'project_max_asia')), '490 000');
		assert.equal(await one(`SELECT name_en FROM rounds WHERE id = ${id}`), 'Their name', 'theirs stands');
		const again = parseForms(res.text).find((f) => f.action === `/rounds/${id}`);
		assert.equal(again.fields.version, v, 'the form now carries the stored version');

		const second = await send(admin, again);
		assert.equal(second.status, 303);
		assert.deepEqual(await stack.mysql(`SELECT r.name_en, rr.max_amount_asia FROM rounds r JOIN round_rules rr ` +
			`ON rr.round_id = r.id AND rr.project_type = 'project' WHERE r.id = ${id}`), [['My name', '490000']]);
		const names = await stack.mysql(`SELECT JSON_VALUE(after_json, '$.name_en') FROM audit_log ` +
			`WHERE action = 'round.update' AND entity_id = ${id} ORDER BY id DESC LIMIT 2`);
		assert.deepEqual(names, [['My name'], ['Their name']]);
	});

	test('an unknown round, or no version, is refused', async () => {
		assert.equal((await admin.get('/rounds/999999/edit')).status, 404);
		assert.equal((await admin.get('/rounds/abc/edit')).status, 404);
		const { form } = await formOn(admin, `/rounds/${id}/edit`, `/rounds/${id}`);
		assert.equal((await admin.post('/rounds/999999', new URLSearchParams(form.fields).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 404);
		assert.equal((await send(admin, form, {}, ['version'])).status, 400);
	});
});

describe('who may change rounds and countries', () => {
	for (const who of ['applicant', 'sida']) {
		test(`${who}: the admin pages and every POST answer 404, and nothing changes`, async () => {
			const s = who === 'applicant' ? applicant : sida;
			const id = await one('SELECT MAX(id) FROM rounds');
			const before = await stack.mysql(`SELECT (SELECT COUNT(*) FROM rounds), (SELECT SUM(version) FROM rounds), ` +
				'(SELECT SUM(version) FROM countries), (SELECT COUNT(*) FROM countries)');
			for (const p of ['/rounds/new', `/rounds/${id}/edit`, '/countries', '/countries/KE/edit'])
				assert.equal((await s.get(p)).status, 404, `GET ${p}`);
			const csrf = await csrfOf(s);
			const posts = [
				['/rounds', { ...GOOD(), token: 'a'.repeat(64) }],
				[`/rounds/${id}`, { ...GOOD(), version: '1' }],
				['/countries/KE', { version: '1', eligible: '0' }],
				['/countries/KE', { version: '1', languages: 'sw' }],
				['/countries', { code: 'FI', name_sv: 'Finland', name_en: 'Finland', region: 'europe' }],
			];
			for (const [p, body] of posts)
				assert.equal((await s.post(p, { ...body, csrf })).status, 404, `POST ${p}`);
			assert.equal((await s.get('/rounds')).status, 200, 'the list is for everyone signed in');
			assert.deepEqual(await stack.mysql(`SELECT (SELECT COUNT(*) FROM rounds), (SELECT SUM(version) FROM rounds), ` +
				'(SELECT SUM(version) FROM countries), (SELECT COUNT(*) FROM countries)'), before);
		});
	}

	test('signed out: the pages send to sign-in, POSTs are refused', async () => {
		const res = await stack.get('/rounds');
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /^\/login\?next=/);
		assert.equal((await stack.request('/countries/KE', { method: 'POST', body: { version: '1', eligible: '0' } })).status, 403);
	});
});

describe('countries', () => {
	test('the list is in Swedish order with name, code, region group and eligibility', async () => {
		// Österrike sorts after Zimbabwe in Swedish (Ö is the last letter), not among the O's.
		const { form } = await formOn(admin, '/countries', '/countries');
		assert.equal((await send(admin, form, { code: 'AT', name_sv: 'Österrike', name_en: 'Austria', region: 'europe' })).status, 303);
		const res = await admin.get('/countries');
		assert.equal(res.status, 200);
		const names = [...res.text.matchAll(/<th scope="row" lang="sv">([^<]*)<\/th>/g)].map((m) => htmlDecode(m[1]));
		assert.equal(names.length, Number(await one('SELECT COUNT(*) FROM countries')));
		assert.ok(names.indexOf('Zimbabwe') < names.indexOf('Österrike'));
		assert.ok(names.indexOf('Albanien') < names.indexOf('Bolivia'));
		assert.match(res.text, /<td>XK<\/td>/);
		assert.match(res.text, /action="\/countries\/NA"[\s\S]*?name="eligible" value="1"/, 'Namibia is retired: it can be made eligible');
		assert.match(res.text, /action="\/countries\/KE"[\s\S]*?name="eligible" value="0"/, 'Kenya is eligible: it can be retired');
	});

	test('retire and reinstate a country: version bumped, an audit row each', async () => {
		const v0 = Number(await one("SELECT version FROM countries WHERE code = 'UG'"));
		const n0 = Number(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'country.update'"));
		const retire = await formOn(admin, '/countries', '/countries/UG');
		assert.equal(retire.form.fields.eligible, '0');
		const r1 = await send(admin, retire.form);
		assert.equal(r1.status, 303);
		assert.equal(r1.headers.location, '/countries');
		assert.deepEqual(await stack.mysql("SELECT eligible, version FROM countries WHERE code = 'UG'"), [['0', String(v0 + 1)]]);
		const page = await admin.get('/countries');
		assert.match(page.text, /action="\/countries\/UG"[\s\S]*?name="eligible" value="1"/);
		const back = await formOn(admin, '/countries', '/countries/UG');
		assert.equal((await send(admin, back.form)).status, 303);
		assert.deepEqual(await stack.mysql("SELECT eligible, version FROM countries WHERE code = 'UG'"), [['1', String(v0 + 2)]]);
		const audit = await stack.mysql("SELECT JSON_VALUE(before_json, '$.eligible'), JSON_VALUE(after_json, '$.eligible'), " +
			"JSON_VALUE(after_json, '$.code') FROM audit_log WHERE action = 'country.update' ORDER BY id DESC LIMIT 2");
		assert.deepEqual(audit, [['0', '1', 'UG'], ['1', '0', 'UG']]);
		assert.equal(Number(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'country.update'")), n0 + 2);
	});

	test('a re-sent click changes nothing twice; a stale one is refused with a message', async () => {
		const mine = await formOn(admin, '/countries', '/countries/BW');
		assert.equal((await send(admin, mine.form)).status, 303);
		const n = await one("SELECT COUNT(*) FROM audit_log WHERE action = 'country.update'");
		// the same click again: Botswana is already retired, as asked
		assert.equal((await send(admin, mine.form)).status, 303);
		assert.equal(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'country.update'"), n);
		// someone else reinstates it; my old "retire" with the old version is stale and now would undo theirs
		const other = await stack.login('admin@icld.example');
		assert.equal((await send(other, (await formOn(other, '/countries', '/countries/BW')).form)).status, 303);
		const res = await send(admin, mine.form);
		assert.equal(res.status, 409);
		assert.match(res.text, /<title>(Fel|Error): /);
		assert.match(res.text, /<a href="#country-BW">/);
		assert.match(res.text, /id="country-BW"/);
		assert.match(plain(res.text), /Botswana: (Någon annan ändrade landet|Someone else changed this country)/);
		assert.equal(await one("SELECT eligible FROM countries WHERE code = 'BW'"), '1');
	});

	test('an unknown country or a malformed request is refused', async () => {
		const csrf = await csrfOf(admin);
		assert.equal((await admin.post('/countries/QQ', { csrf, version: '1', eligible: '0' })).status, 404);
		assert.equal((await admin.post('/countries/ke', { csrf, version: '1', eligible: '0' })).status, 404);
		assert.equal((await admin.post('/countries/KE', { csrf, version: '1', eligible: 'maybe' })).status, 400);
		assert.equal((await admin.post('/countries/KE', { csrf, eligible: '0' })).status, 400);
	});

	test('adding a country: stored in capitals, eligible, audited; a re-sent form adds nothing more', async () => {
		const { form } = await formOn(admin, '/countries', '/countries');
		const fields = { code: ' et ', name_sv: 'Etiopien', name_en: 'Ethiopia', region: 'africa' };
		const res = await send(admin, form, fields);
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/countries');
		assert.deepEqual(await stack.mysql("SELECT name_sv, name_en, region, eligible FROM countries WHERE code = 'ET'"),
			[['Etiopien', 'Ethiopia', 'africa', '1']]);
		assert.equal((await send(admin, form, fields)).status, 303);
		assert.equal(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'country.create' AND JSON_VALUE(after_json, '$.code') = 'ET'"), '1');
		const list = await admin.get('/countries');
		assert.match(list.text, /Etiopien/);
	});

	const BAD = [
		{ what: 'an empty code', set: { code: '' }, field: 'code' },
		{ what: 'a code that is not two letters', set: { code: 'K1' }, field: 'code' },
		{ what: 'a three-letter code', set: { code: 'KEN' }, field: 'code' },
		{ what: 'a code already in the list', set: { code: 'KE', name_sv: 'Kenya 2' }, field: 'code', msg: /redan|already/ },
		{ what: 'an empty Swedish name', set: { name_sv: '' }, field: 'name_sv' },
		{ what: 'an empty English name', set: { name_en: ' ' }, field: 'name_en' },
		{ what: 'no region group', set: { region: '' }, field: 'region' },
		{ what: 'an unknown region group', set: { region: 'oceania' }, field: 'region' },
	];
	for (const c of BAD) {
		test(`adding a country with ${c.what}: the message next to the field, input kept, nothing added`, async () => {
			const count = await one('SELECT COUNT(*) FROM countries');
			const { form } = await formOn(admin, '/countries', '/countries');
			const sent = { code: 'GH', name_sv: 'Ghana <sv>', name_en: 'Ghana', region: 'africa', ...c.set };
			const res = await send(admin, form, sent);
			assert.equal(res.status, 200);
			assert.match(res.text, /<title>(Fel|Error): /);
			assert.match(res.text, new RegExp(`<a href="#${c.field}">`));
			assert.match(res.text, new RegExp(`id="${c.field}-error"`));
			if (c.msg) assert.match(res.text, c.msg);
			const again = parseForms(res.text).find((f) => f.action === '/countries');
			for (const k of ['name_sv', 'name_en']) assert.equal(again.fields[k], sent[k].trim(), `${k} kept`);
			assert.equal(again.fields.code, sent.code.trim().toUpperCase());
			if (['africa', 'asia', 'europe', 'latin_america'].includes(sent.region)) assert.equal(again.fields.region, sent.region);
			assert.equal(await one('SELECT COUNT(*) FROM countries'), count);
		});
	}

	describe('official languages', () => {
		/** The error message next to field id, as text, or null. */
		const messageAt = (html, id) => {
			const m = html.match(new RegExp(`<p class="error-message" id="${id}-error">([\\s\\S]*?)</p>`));
			return m ? plain(m[1].replace(/<[^>]*>/g, '')).replace(/^\s*(Fel|Error):\s*/, '').trim() : null;
		};
		const stored = () => stack.mysql("SELECT languages, version FROM countries WHERE code = 'XK'");

		test('shown in the list by name, each with a link to its form', async () => {
			const res = await admin.get('/countries');
			const row = res.text.match(/<th scope="row" lang="sv">Kosovo<\/th>[\s\S]*?<\/tr>/);
			assert.ok(row);
			assert.match(row[0], /<td>albanska, serbiska, bosniska, turkiska <a href="\/countries\/XK\/edit">Ändra<span class="visually-hidden"> de officiella språken i Kosovo<\/span><\/a><\/td>/);
			const page = await admin.get('/countries/XK/edit');
			assert.equal(page.status, 200);
			assert.match(page.text, /<h1>Officiella språk i Kosovo<\/h1>/);
			assert.match(page.text, /<label for="languages">Officiella språk \(ISO 639-1-koder, åtskilda med kommatecken\)<\/label>/);
			assert.equal(valueOf(page.text, 'languages'), 'sq,sr,bs,tr');
			assert.match(page.text, /<tr><td>tn<\/td><td>setswana<\/td><\/tr>/, 'the codes kpp knows are listed');
			assert.equal((await admin.get('/countries/QQ/edit')).status, 404);
			assert.equal((await admin.get('/countries/xk/edit')).status, 404);
		});

		const BAD = [
			{ typed: 'SQ, sr', msg: 'Skriv varje språk som dess ISO 639-1-kod med två små bokstäver, till exempel sw eller zh: ”SQ” är ingen sådan kod' },
			{ typed: 'sq, alb', msg: 'Skriv varje språk som dess ISO 639-1-kod med två små bokstäver, till exempel sw eller zh: ”alb” är ingen sådan kod' },
			{ typed: 'sq xx', msg: 'Skriv varje språk som dess ISO 639-1-kod med två små bokstäver, till exempel sw eller zh: ”sq xx” är ingen sådan kod' },
			{ typed: 'sq, xx', msg: 'kpp känner inte till språket ”xx”: skriv en av koderna i listan nedan' },
			{ typed: 'sq,sr,sq', msg: '”sq” står två gånger: ange varje språk en gång' },
			{ typed: 'sq,sr,bs,tr,en,de,ru', msg: 'Ange högst 6 språk' },
		];
		for (const c of BAD) {
			test(`"${c.typed}" is refused next to the field with the input kept, and nothing changes`, async () => {
				const before = await stored();
				const { form } = await formOn(admin, '/countries/XK/edit', '/countries/XK');
				const res = await send(admin, form, { languages: c.typed });
				assert.equal(res.status, 200);
				assert.match(res.text, /<title>Fel: /);
				assert.match(res.text, /<a href="#languages">/);
				assert.equal(messageAt(res.text, 'languages'), c.msg);
				assert.equal(valueOf(res.text, 'languages'), c.typed);
				assert.match(res.text, /<input[^>]*id="languages"[^>]*aria-describedby="languages-hint languages-error" aria-invalid="true">/);
				assert.deepEqual(await stored(), before);
			});
		}

		test('good input is stored as a plain list, audited before and after; a re-sent form changes nothing twice; a stale one is refused', async () => {
			const [[was, v0]] = await stored();
			const n0 = Number(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'country.update'"));
			const { form } = await formOn(admin, '/countries/XK/edit', '/countries/XK');
			const res = await send(admin, form, { languages: ' sq , sr ,, ' });
			assert.equal(res.status, 303);
			assert.equal(res.headers.location, '/countries');
			assert.deepEqual(await stored(), [['sq,sr', String(Number(v0) + 1)]]);
			assert.deepEqual(await stack.mysql("SELECT JSON_VALUE(before_json, '$.languages'), JSON_VALUE(after_json, '$.languages'), " +
				"JSON_VALUE(after_json, '$.code'), JSON_VALUE(after_json, '$.eligible') FROM audit_log WHERE action = 'country.update' ORDER BY id DESC LIMIT 1"),
				[[was, 'sq,sr', 'XK', '1']]);
			// The same form again finds the languages as asked.
			assert.equal((await send(admin, form, { languages: 'sq,sr' })).status, 303);
			assert.equal(Number(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'country.update'")), n0 + 1);
			// The application form offers them now.
			assert.match((await admin.get('/countries')).text, /<td>albanska, serbiska <a href="\/countries\/XK\/edit">/);
			// The old form with other languages is stale now: refused, the input kept, nothing overwritten.
			const stale = await send(admin, form, { languages: 'sr' });
			assert.equal(stale.status, 409);
			assert.match(plain(stale.text), /Någon annan ändrade landet medan du redigerade det/);
			assert.equal(valueOf(stale.text, 'languages'), 'sr');
			assert.deepEqual((await stored())[0][0], 'sq,sr');
			// Saved again from the page shown, back as it was; no languages at all is a list too.
			const again = parseForms(stale.text).find((f) => f.action === '/countries/XK');
			assert.equal((await send(admin, again, { languages: '' })).status, 303);
			assert.match((await admin.get('/countries')).text, /<th scope="row" lang="sv">Kosovo<\/th>[\s\S]*?<span class="hint">Inte inlagt<\/span>/);
			const back = await formOn(admin, '/countries/XK/edit', '/countries/XK');
			assert.equal((await send(admin, back.form, { languages: was })).status, 303);
			assert.equal((await stored())[0][0], was);
		});

		test('an eligibility click and a languages form are told apart; neither without a version', async () => {
			const csrf = await csrfOf(admin);
			assert.equal((await admin.post('/countries/XK', { csrf, languages: 'sq' })).status, 400);
			assert.equal((await admin.post('/countries/QQ', { csrf, version: '1', languages: 'sq' })).status, 404);
		});
	});
});
