// application_form.test.mjs - the application form, from a new draft to a submitted application: one draft per
// form however often it is sent, each section saved and read back exactly (long text, every script, HTML and SQL),
// what cannot be read shown next to its field with everything typed kept, stale saves refused, other
// organisations' drafts out of reach, the submission rules with links to the fields, one submission however often
// it is sent, and the audit rows; completing a section (every problem in one save, the box kept, a partner in
// another country than the application's refused), "Change" returning to check your answers, Enter saving; against the real nginx, workers and MariaDB with the demo data (today 2016-09-30,
// the 2017 call open).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, parseForms, htmlDecode, plain, formOn, DEMO_TODAY, onDemoDay } from './harness.mjs';

const BORLANGE = 'Borlänge kommun';
const SECTIONS = ['partners', 'project', 'results', 'team', 'budget', 'contact'];

let stack, one;
let applicant;		// borlange@kommun.example
let kenya;		// a Kenyan partner organisation: [id, name]
let kenya2;		// another one
let china;		// a Chinese one

before(async () => {
	({ stack, one, applicant } = await openStack({ workers: 2 }, ['applicant']));
	const orgs = await stack.mysql("SELECT id, name FROM organisations WHERE side = 'partner' AND country_code = 'KE' " +
		'AND active = 1 ORDER BY id LIMIT 2');
	assert.equal(orgs.length, 2, 'the demo data has Kenyan partner organisations');
	[kenya, kenya2] = orgs;
	[china] = await stack.mysql("SELECT id, name FROM organisations WHERE side = 'partner' AND country_code = 'CN' AND active = 1 ORDER BY id LIMIT 1");
	assert.ok(china, 'the demo data has a Chinese partner organisation');
});

after(() => stack?.stop());

/** A string as an SQL literal that survives any character: its UTF-8 bytes, to compare with CAST(col AS BINARY). */
const sqlBytes = (s) => `UNHEX('${Buffer.from(s, 'utf8').toString('hex')}')`;

/** What a browser sends for form: [name, value] pairs in page order (ticked boxes only, selected options). */
function pairsOf(form) {
	const out = [];
	for (const i of form.inputs) {
		if (['submit', 'button', 'image', 'reset', 'file'].includes(i.type)) continue;
		if ((i.type === 'checkbox' || i.type === 'radio') && !i.checked) continue;
		out.push([i.name, i.value]);
	}
	return out;
}

/**
 * Posts form as a browser would, with changes: set {name: value | [values] | null} replaces every pair of that
 * name (null drops it; a name not on the page is added at the end).
 */
function send(s, form, set = {}) {
	const pairs = pairsOf(form);
	const body = new URLSearchParams();
	const done = new Set();
	for (const [k, v] of pairs) {
		if (!(k in set)) { body.append(k, v); continue; }
		if (done.has(k)) continue;
		done.add(k);
		const nv = set[k];
		if (nv === null) continue;
		for (const x of Array.isArray(nv) ? nv : [nv]) body.append(k, x);
	}
	for (const [k, nv] of Object.entries(set)) {
		if (done.has(k) || nv === null) continue;
		for (const x of Array.isArray(nv) ? nv : [nv]) body.append(k, x);
	}
	return s.post(form.action, body.toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

/** A new draft of Borlänge in the 2017 call: its id. */
async function newDraft(s = applicant, type = 'project') {
	const { form, page } = await formOn(s, '/applications/new', '/applications');
	const choice = form.inputs.find((i) => i.name === 'choice' && i.value.endsWith(`:${type}`) &&
		page.text.includes(`value="${i.value}"`));
	assert.ok(choice, `the form offers ${type}`);
	const res = await send(s, form, { choice: choice.value });
	assert.equal(res.status, 303, res.text.slice(0, 1000));
	const m = res.headers.location.match(/^\/applications\/(\d+)\/tasks$/);
	assert.ok(m, `to the task list: ${res.headers.location}`);
	return Number(m[1]);
}

/** Saves section of draft id with set (see send): the response. */
async function save(id, section, set = {}, s = applicant) {
	const { form } = await formOn(s, `/applications/${id}/${section}`);
	return send(s, form, { action: 'draft', ...set });
}

/** The value of the field called name on a page, decoded; for a select its selected option's value. */
function valueOf(html, name) {
	for (const f of parseForms(html)) {
		const i = f.inputs.find((x) => x.name === name && (x.type !== 'radio' && x.type !== 'checkbox' || x.checked));
		if (i) return i.value;
	}
	return undefined;
}

/** The values of the ticked boxes called name. */
function ticked(html, name) {
	return parseForms(html).flatMap((f) => f.inputs.filter((i) => i.name === name && i.checked).map((i) => i.value));
}

/** The error message next to field id, as text; null when there is none. */
function messageAt(html, id) {
	const m = html.match(new RegExp(`<p class="error-message" id="${id}-error">([\\s\\S]*?)</p>`));
	return m ? plain(m[1].replace(/<[^>]*>/g, '')).replace(/^\s*(Fel|Error):\s*/, '').trim() : null;
}

/** The links of the error summary: [{href, text}]. */
function summaryLinks(html) {
	const box = html.match(/<div class="error-summary"[\s\S]*?<\/div>/);
	if (!box) return [];
	return [...box[0].matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((m) => ({ href: htmlDecode(m[1]), text: plain(m[2]) }));
}

/** Everything a complete project in Kenya needs, section by section (the rules' limits: 300 000-500 000 a year). */
const COMPLETE = () => ({
	partners: { type: 'project', 'partner-1': kenya[0], country: 'KE', done: '1' },
	project: {
		title_sv: 'Medborgardialog i Kisumu', title_en: 'Citizen dialogue in Kisumu', summary_en: 'Dialogue forums in every ward.',
		background: 'Few residents take part in budget decisions.', theme: '2', principle: ['inclusion', 'participation'],
		sdg: ['11', '16'], target_groups: 'Residents of informal settlements', citizen_dialogue: 'yes',
		dialogue_text: 'Ward forums twice a year', vulnerable_text: 'Forums held in Swahili and Luo', gender_text: 'Half of the speakers are women',
		done: '1',
	},
	results: {
		overall_objective: 'Residents influence the county budget', 'objective-1': 'More residents take part in budget forums',
		'result-1-1': 'Forums held in every ward', 'indicator-1-1-1-name': 'Forums held', 'indicator-1-1-1-unit': 'forums',
		'indicator-1-1-1-baseline': '0', 'indicator-1-1-1-target': '12', done: '1',
	},
	team: {
		...Object.fromEntries([1, 2, 3].flatMap((m) => [[`member-${m}-name`, `Tjänsteperson ${m}`], [`member-${m}-role`, 'civil_servant']])),
		...Object.fromEntries([4, 5, 6].flatMap((m) => [[`member-${m}-name`, `Officer ${m}`], [`member-${m}-role`, 'civil_servant']])),
		done: '1',
	},
	budget: {
		years: '2', planned_start: '2017-05-01',
		'amount-1': '400 000', 'amount-1-travel': '200000', 'amount-1-accommodation': '100 000 kr', 'amount-1-meetings': '100 000',
		'amount-2': '300000', 'amount-2-travel': '150 000', 'amount-2-meetings': '150 000', done: '1',
	},
	contact: { contact_name: 'Anna Andersson', contact_email: 'anna.andersson@borlange.example', contact_phone: '0243-740 00', done: '1' },
});

/** A draft with every section complete: its id. */
async function completeDraft(s = applicant) {
	const id = await newDraft(s);
	const all = COMPLETE();
	for (const sec of SECTIONS) {
		const res = await save(id, sec, all[sec], s);
		assert.equal(res.status, 303, `${sec}: ${summaryLinks(res.text).map((l) => l.text).join('; ')}`);
	}
	const done = await stack.mysql(`SELECT done_partners, done_description, done_focus, done_results, done_team, done_budget, done_contact FROM applications WHERE id = ${id}`);
	assert.deepEqual(done, [['1', '1', '1', '1', '1', '1', '1']], 'every section complete');
	return id;
}

describe('starting an application', () => {
	test('the open round with the types it takes and their rules in words, and a one-time token', async () => {
		const { page, form } = await formOn(applicant, '/applications/new', '/applications');
		assert.equal(page.status, 200);
		const text = plain(page.text);
		assert.match(text, /Utlysning 2017/);
		assert.doesNotMatch(text, /Utlysning 2016/, 'a closed round is not offered');
		assert.match(text, /1–3 år\. Belopp per år: 300 000 kr – 500 000 kr/);
		assert.match(text, /upp till 220 000 kr \(Europa\)/);
		assert.match(form.fields.token, /^[0-9a-f]{32}$/);
		const choices = form.inputs.filter((i) => i.name === 'choice').map((i) => i.value.split(':')[1]);
		assert.deepEqual(choices, ['inception', 'project', 'three_party']);
		assert.match(page.text, /<input id="choice" name="choice" type="radio"/, 'the first radio button has the id the error links to');
		const again = await formOn(applicant, '/applications/new', '/applications');
		assert.notEqual(again.form.fields.token, form.fields.token);
	});

	test('the start page links to it', async () => {
		const home = await applicant.get('/');
		assert.match(home.text, /href="\/applications\/new"/);
	});

	test('a form sent twice makes one draft of the applicant\'s organisation, with one audit row', async () => {
		const { form } = await formOn(applicant, '/applications/new', '/applications');
		const choice = form.inputs.find((i) => i.name === 'choice' && i.value.endsWith(':project')).value;
		const [a, b] = await Promise.all([send(applicant, form, { choice }), send(applicant, form, { choice })]);
		const c = await send(applicant, form, { choice });
		for (const res of [a, b, c]) assert.equal(res.status, 303);
		assert.equal(a.headers.location, b.headers.location);
		assert.equal(a.headers.location, c.headers.location);
		const id = Number(a.headers.location.match(/\d+/)[0]);
		const rows = await stack.mysql(`SELECT a.status, a.project_type, o.name, a.create_token, u.email, r.name_sv FROM applications a
			JOIN organisations o ON o.id = a.applicant_org_id JOIN users u ON u.id = a.created_by JOIN rounds r ON r.id = a.round_id
			WHERE a.create_token = '${form.fields.token}'`);
		assert.deepEqual(rows, [['draft', 'project', BORLANGE, form.fields.token, 'borlange@kommun.example', 'Utlysning 2017']]);
		const audit = await stack.mysql(`SELECT a.before_json, JSON_VALUE(a.after_json, '$.status'), u.email FROM audit_log a
			JOIN users u ON u.id = a.user_id WHERE a.action = 'application.create' AND a.entity = 'application' AND a.entity_id = ${id}`);
		assert.deepEqual(audit, [[null, 'draft', 'borlange@kommun.example']]);
	});

	test('no choice: the message, linked from the summary; no token: 400; nothing made', async () => {
		const before = await one('SELECT COUNT(*) FROM applications');
		const { form } = await formOn(applicant, '/applications/new', '/applications');
		const res = await send(applicant, form, {});
		assert.equal(res.status, 200);
		assert.match(res.text, /<title>Fel: /);
		assert.deepEqual(summaryLinks(res.text), [{ href: '#choice', text: 'Välj utlysning och typ av projekt' }]);
		assert.equal(messageAt(res.text, 'choice'), 'Välj utlysning och typ av projekt');
		assert.equal(parseForms(res.text).find((f) => f.action === '/applications').fields.token, form.fields.token);
		assert.equal((await send(applicant, form, { choice: '999999:project' })).status, 200, 'a round that is not open');
		assert.equal((await send(applicant, form, { token: null, choice: form.inputs.find((i) => i.name === 'choice').value })).status, 400);
		assert.equal(await one('SELECT COUNT(*) FROM applications'), before);
	});
});

describe('the task list', () => {
	test('six sections, not started, in progress and completed; submit offered once all are complete', async () => {
		const id = await newDraft();
		let page = (await applicant.get(`/applications/${id}/tasks`)).text;
		const states = (html) => Object.fromEntries([...html.matchAll(/id="(\w+)-status">([^<]*)</g)].map((m) => [m[1], m[2]]));
		assert.deepEqual(states(page), Object.fromEntries(SECTIONS.map((s) => [s, 'Inte påbörjad'])));
		for (const s of SECTIONS) assert.match(page, new RegExp(`<a href="/applications/${id}/${s}" aria-describedby="${s}-status">`));
		assert.doesNotMatch(page, /\/check"/, 'no check-your-answers before all are complete');

		assert.equal((await save(id, 'contact', { contact_name: 'Anna' })).status, 303);
		assert.equal((await save(id, 'project', { ...COMPLETE().project })).status, 303);
		page = (await applicant.get(`/applications/${id}/tasks`)).text;
		assert.equal(states(page).contact, 'Påbörjad');
		assert.equal(states(page).project, 'Klart');
		assert.match(page, /Du har gjort klart 1 av 6 avsnitt\./);

		const done = await completeDraft();
		page = (await applicant.get(`/applications/${done}/tasks`)).text;
		assert.deepEqual(states(page), Object.fromEntries(SECTIONS.map((s) => [s, 'Klart'])));
		assert.match(page, new RegExp(`<a class="button" href="/applications/${done}/check">Kontrollera dina svar och skicka in</a>`));
	});

	test('"Save and continue" goes to the next section, after the last to the task list; "Save as draft" to the task list', async () => {
		const id = await newDraft();
		for (const [k, sec] of SECTIONS.entries()) {
			const res = await save(id, sec, { action: 'continue' });
			assert.equal(res.status, 303);
			assert.equal(res.headers.location, k + 1 < SECTIONS.length ? `/applications/${id}/${SECTIONS[k + 1]}` : `/applications/${id}/tasks`);
		}
		const res = await save(id, 'budget', { action: 'draft' });
		assert.equal(res.headers.location, `/applications/${id}/tasks`);
		// Changed on the programme's day: the start page's "last changed" is on its clock.
		assert.equal((await stack.mysql(`SELECT ${onDemoDay('updated_at')} FROM applications WHERE id = ${id}`))[0][0], '1');
		const home = (await applicant.get('/')).text;
		const row = home.split('<tr>').find((r) => r.includes(`<a href="/applications/${id}">`));
		assert.match(row, new RegExp(`<td>${DEMO_TODAY}</td>`), row);
	});
});

describe('each section saved and read back', () => {
	let id;
	before(async () => {
		id = await newDraft();
		// China first: the title in the partner's language below is in one of its languages.
		assert.equal((await save(id, 'partners', { country: 'CN' })).status, 303);
	});

	const LONG = 'Lokal demokrati. '.repeat(600).slice(0, 9999) + 'ö';	// 10 000 characters
	const SCRIPTS = {
		title_sv: 'Ushirikiano wa Kisumu – Borlänge <b>fet</b> & "citat"',
		title_en: "Robert'); DROP TABLE applications;-- ‘quotes’",
		title_local: '博茨瓦纳 合作 — Bashkëpunimi në Prishtinë — Сарадња у Нишу',
		summary_sv: 'Ushirikiano\r\nwa kaunti\r\n\r\n<script>alert(1)</script>',
		summary_en: '{{title}} {{{csrf}}} %s %n \\0 \' " ` $(id)',
		background: LONG,
		target_groups: 'Wananchi; 居民; banorët; становници',
	};

	test('the project: 10 000 characters, every script, HTML and SQL exactly as typed; boxes and radios', async () => {
		const res = await save(id, 'project', {
			...SCRIPTS, title_local_lang: 'zh', theme: '3', principle: ['participation', 'accountability'], sdg: ['5', '11', '17'],
			citizen_dialogue: 'no', vulnerable_text: 'Ja', gender_text: 'Kvinnor 50 %',
		});
		assert.equal(res.status, 303, summaryLinks(res.text).map((l) => l.text).join('; '));
		const page = (await applicant.get(`/applications/${id}/project`)).text;
		for (const [k, v] of Object.entries(SCRIPTS)) assert.equal(valueOf(page, k), v, `${k} shown back exactly`);
		assert.ok(!page.includes('<script>alert'), 'markup is text, never markup');
		assert.equal(valueOf(page, 'theme'), '3');
		assert.deepEqual(ticked(page, 'principle'), ['participation', 'accountability']);
		assert.deepEqual(ticked(page, 'sdg'), ['5', '11', '17']);
		assert.equal(valueOf(page, 'citizen_dialogue'), 'no');
		for (const [k, v] of Object.entries(SCRIPTS)) {
			const col = k === 'target_groups' ? 'target_groups' : k;
			assert.equal(await one(`SELECT CAST(${col} AS BINARY) = ${sqlBytes(v)} FROM applications WHERE id = ${id}`), '1', `${k} stored exactly`);
		}
		assert.equal(await one(`SELECT CHAR_LENGTH(background) FROM applications WHERE id = ${id}`), '10000');
		assert.deepEqual(await stack.mysql(`SELECT goal FROM application_sdgs WHERE application_id = ${id} ORDER BY goal`), [['5'], ['11'], ['17']]);
		assert.deepEqual(await stack.mysql(`SELECT principle_inclusion, principle_participation, principle_transparency, principle_accountability, citizen_dialogue, thematic_area_id FROM applications WHERE id = ${id}`),
			[['0', '1', '0', '1', '0', '3']]);
		// The read-only page shows them too, escaped.
		const view = (await applicant.get(`/applications/${id}`)).text;
		assert.ok(view.includes('Ushirikiano wa Kisumu – Borlänge &lt;b&gt;fet&lt;/b&gt; &amp; &quot;citat&quot;'));
		assert.ok(view.includes('博茨瓦纳 合作 — Bashkëpunimi në Prishtinë — Сарадња у Нишу'));
	});

	test('10 001 characters: the message next to the field with the text kept; the rest is saved', async () => {
		const res = await save(id, 'project', { background: `${LONG}x`, title_en: 'Saved anyway' });
		assert.equal(res.status, 200);
		assert.match(messageAt(res.text, 'background'), /högst 10 000 tecken; du har skrivit 10 001/);
		assert.equal(valueOf(res.text, 'background'), `${LONG}x`);
		assert.equal(await one(`SELECT title_en FROM applications WHERE id = ${id}`), 'Saved anyway');
		assert.equal(await one(`SELECT CHAR_LENGTH(background) FROM applications WHERE id = ${id}`), '10000', 'the stored text stays');
	});

	test('partners and country: a partner from the list, the country, and a partner organisation added', async () => {
		let res = await save(id, 'partners', { type: 'project', 'partner-1': kenya[0], country: 'KE' });
		assert.equal(res.status, 303);
		let page = (await applicant.get(`/applications/${id}/partners`)).text;
		assert.equal(valueOf(page, 'partner-1'), kenya[0]);
		assert.equal(valueOf(page, 'country'), 'KE');
		assert.equal(valueOf(page, 'type'), 'project');
		assert.match(page, /<optgroup label="Kenya">/, 'partners grouped by country');

		// A three-party project whose second partner is new to the list.
		const name = 'Kaunti ya Kakamega <test> & "co"';
		res = await save(id, 'partners', { type: 'three_party', new_partner_name: name, new_partner_kind: 'county', new_partner_country: 'KE' });
		assert.equal(res.status, 303, summaryLinks(res.text).map((l) => l.text).join('; '));
		const [[orgId, kind, country, side]] = await stack.mysql(`SELECT id, kind, country_code, side FROM organisations WHERE CAST(name AS BINARY) = ${sqlBytes(name)}`);
		assert.deepEqual([kind, country, side], ['county', 'KE', 'partner']);
		assert.deepEqual(await stack.mysql(`SELECT position, org_id FROM application_partners WHERE application_id = ${id} ORDER BY position`),
			[['1', kenya[0]], ['2', orgId]]);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'organisation.create' AND entity_id = ${orgId}`), '1');
		page = (await applicant.get(`/applications/${id}/partners`)).text;
		assert.equal(valueOf(page, 'partner-2'), orgId);
		assert.ok(page.includes('Kaunti ya Kakamega &lt;test&gt; &amp; &quot;co&quot;'));

		// The same partner twice is refused next to the field; the type is saved.
		res = await save(id, 'partners', { type: 'project', 'partner-2': kenya[0] });
		assert.equal(res.status, 200);
		assert.match(messageAt(res.text, 'partner-2'), /annan andra partnerorganisation/);
		assert.equal(valueOf(res.text, 'partner-2'), kenya[0], 'the choice is shown as made');
		assert.equal(await one(`SELECT project_type FROM applications WHERE id = ${id}`), 'project');
		// Back to one partner.
		assert.equal((await save(id, 'partners', { type: 'project', 'partner-2': '' })).status, 303);
	});

	test('Swedish co-applicants: up to three, in Swedish order, never the applicant; saved, replaced, shown back and read-only', async () => {
		const own = await one(`SELECT id FROM organisations WHERE side = 'swedish' AND name = '${BORLANGE}'`);
		const others = await stack.mysql(`SELECT id, name FROM organisations WHERE side = 'swedish' AND active = 1 AND id <> ${own} ORDER BY name LIMIT 3`);
		assert.equal(others.length, 3, 'the demo data has other Swedish members');
		const [a, b, c] = others;
		let page = (await applicant.get(`/applications/${id}/partners`)).text;
		const sel = page.match(/<select id="coapplicant-1"[^>]*>([\s\S]*?)<\/select>/);
		assert.ok(sel, 'three selects are offered');
		assert.match(page, /<select id="coapplicant-3"/);
		const offered = [...sel[1].matchAll(/<option value="(\d+)">([^<]*)<\/option>/g)].map((m) => [m[1], htmlDecode(m[2])]);
		assert.ok(!offered.some(([v]) => v === own), 'the applicant itself is not offered');
		const names = offered.map(([, n]) => n);
		assert.deepEqual(names, [...names].sort(new Intl.Collator('sv').compare), 'in Swedish order');

		let res = await save(id, 'partners', { 'coapplicant-1': b[0], 'coapplicant-2': a[0] });
		assert.equal(res.status, 303, summaryLinks(res.text).map((l) => l.text).join('; '));
		assert.deepEqual(await stack.mysql(`SELECT org_id FROM application_coapplicants WHERE application_id = ${id} ORDER BY org_id`),
			[a[0], b[0]].sort((x, y) => x - y).map((x) => [x]));
		page = (await applicant.get(`/applications/${id}/partners`)).text;
		assert.deepEqual(['coapplicant-1', 'coapplicant-2', 'coapplicant-3'].map((f) => valueOf(page, f)), [a[0], b[0], ''],
			'shown back in name order');

		// Replaced, not added to: three, then one.
		res = await save(id, 'partners', { 'coapplicant-1': c[0], 'coapplicant-2': b[0], 'coapplicant-3': a[0] });
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM application_coapplicants WHERE application_id = ${id}`), '3');
		res = await save(id, 'partners', { 'coapplicant-1': c[0], 'coapplicant-2': '', 'coapplicant-3': '' });
		assert.equal(res.status, 303);
		assert.deepEqual(await stack.mysql(`SELECT org_id FROM application_coapplicants WHERE application_id = ${id}`), [[c[0]]]);
		const view = (await applicant.get(`/applications/${id}`)).text;
		assert.match(view, /Svenska medsökande/, 'on the read-only page');
		assert.ok(plain(view).includes(c[1]));

		// The applicant itself, an unknown id, the same one twice: refused next to the field, the rest saved.
		res = await save(id, 'partners', { 'coapplicant-1': own, country: 'TZ' });
		assert.equal(res.status, 200);
		assert.match(messageAt(res.text, 'coapplicant-1'), /egen organisation är sökande/);
		assert.ok(summaryLinks(res.text).some((l) => l.href === '#coapplicant-1'));
		assert.equal(valueOf(res.text, 'country'), 'TZ', 'the rest of the input is kept');
		assert.equal(await one(`SELECT country_code FROM applications WHERE id = ${id}`), 'TZ');
		assert.deepEqual(await stack.mysql(`SELECT org_id FROM application_coapplicants WHERE application_id = ${id}`), [[c[0]]]);

		res = await save(id, 'partners', { 'coapplicant-2': '999999', country: 'KE' });
		assert.equal(res.status, 200);
		assert.match(messageAt(res.text, 'coapplicant-2'), /Välj en svensk organisation i listan/);
		assert.equal(valueOf(res.text, 'country'), 'KE');
		assert.deepEqual(await stack.mysql(`SELECT org_id FROM application_coapplicants WHERE application_id = ${id}`), [[c[0]]]);

		res = await save(id, 'partners', { 'coapplicant-1': a[0], 'coapplicant-2': a[0] });
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'coapplicant-1'), null);
		assert.match(messageAt(res.text, 'coapplicant-2'), /bara en gång/);
		assert.equal(valueOf(res.text, 'coapplicant-2'), a[0], 'the choice is shown as made');
		assert.deepEqual(await stack.mysql(`SELECT org_id FROM application_coapplicants WHERE application_id = ${id}`), [[a[0]]],
			'the first is saved, the second not');
		assert.equal((await save(id, 'partners', { 'coapplicant-1': '', 'coapplicant-2': '' })).status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM application_coapplicants WHERE application_id = ${id}`), '0');
	});

	test('the title\'s language: chosen from the list, shown back and marked; a code not in the list is refused', async () => {
		assert.equal(await one(`SELECT country_code FROM applications WHERE id = ${id}`), 'KE');
		let res = await save(id, 'project', { title_local: 'Ushirikiano wa Kisumu', title_local_lang: 'sw' });
		assert.equal(res.status, 303, summaryLinks(res.text).map((l) => l.text).join('; '));
		assert.equal(await one(`SELECT title_local_lang FROM applications WHERE id = ${id}`), 'sw');
		let page = (await applicant.get(`/applications/${id}/project`)).text;
		assert.equal(valueOf(page, 'title_local_lang'), 'sw');
		assert.match(page, /<option value="sw" selected>swahili<\/option>/);
		assert.doesNotMatch(page, /<option value="zh">/, 'Kenya\'s languages only');
		assert.match(page, /<input[^>]*id="title_local"[^>]*lang="sw"/);
		await applicant.post('/language', new URLSearchParams({ csrf: parseForms(page)[0].fields.csrf, lang: 'en', back: '/' }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		const en = (await applicant.get(`/applications/${id}/project`)).text;
		await applicant.post('/language', new URLSearchParams({ csrf: parseForms(en)[0].fields.csrf, lang: 'sv', back: '/' }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.match(en, /<option value="sw" selected>Swahili<\/option>/, 'the names in English');
		assert.match(en, /an official language of Kenya/);
		const view = (await applicant.get(`/applications/${id}`)).text;
		assert.match(view, /lang="sw"[^>]*>Ushirikiano wa Kisumu</);

		res = await save(id, 'project', { title_local_lang: 'xx', title_en: 'Saved with a bad language' });
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'title_local_lang'), 'Välj ett av språken i Kenya');
		assert.equal(await one(`SELECT title_local_lang FROM applications WHERE id = ${id}`), 'sw', 'the stored one stays');
		assert.equal(await one(`SELECT title_en FROM applications WHERE id = ${id}`), 'Saved with a bad language');
		assert.equal(valueOf(res.text, 'title_en'), 'Saved with a bad language');

		res = await save(id, 'project', { title_local: '', title_local_lang: '' });
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT title_local_lang FROM applications WHERE id = ${id}`), null);
		page = (await applicant.get(`/applications/${id}/project`)).text;
		assert.equal(valueOf(page, 'title_local_lang'), '');
	});

	test('the results framework: objectives, results and indicators, blank rows dropped, "Add another" rows', async () => {
		let res = await save(id, 'results', {
			overall_objective: 'Målet', 'objective-1': '', 'result-1-1': '', 'indicator-1-1-1-name': '',
		});
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM objectives WHERE application_id = ${id}`), '0', 'blank rows are nothing');
		res = await save(id, 'results', { 'objective-1': 'Mål 一', 'result-1-1': 'Resultat', 'indicator-1-1-1-name': 'Antal <möten>',
			'indicator-1-1-1-unit': 'möten', 'indicator-1-1-1-baseline': '2,5', 'indicator-1-1-1-target': 'Alla stadsdelar', action: 'add-result-1' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/applications/${id}/results?add=result-1#result-1-2`);
		let page = (await applicant.get(res.headers.location)).text;
		assert.equal(valueOf(page, 'objective-1'), 'Mål 一');
		assert.equal(valueOf(page, 'indicator-1-1-1-name'), 'Antal <möten>');
		assert.equal(valueOf(page, 'indicator-1-1-1-baseline'), '2.5');
		assert.equal(valueOf(page, 'indicator-1-1-1-target'), 'Alla stadsdelar');
		assert.equal(valueOf(page, 'result-1-2'), '', 'an empty second result');
		assert.equal(valueOf(page, 'indicator-1-2-1-name'), '', 'with an empty indicator');
		assert.equal(valueOf(page, 'objective-2'), undefined, 'no second objective unless asked');
		assert.deepEqual(await stack.mysql(`SELECT i.name, i.baseline_value, i.baseline_text, i.target_value, i.target_text, i.measure
			FROM indicators i JOIN expected_results er ON er.id = i.result_id JOIN objectives o ON o.id = er.objective_id WHERE o.application_id = ${id}`),
			[['Antal <möten>', '2.50', null, null, 'Alla stadsdelar', 'unit']]);

		// Fill the new result from the page shown, ask for another objective.
		const form = parseForms(page).find((f) => f.action === `/applications/${id}/results`);
		res = await send(applicant, form, { 'result-1-2': 'Två', 'indicator-1-2-1-name': 'Ind', action: 'add-objective' });
		assert.equal(res.headers.location, `/applications/${id}/results?add=objective#objective-2`);
		page = (await applicant.get(res.headers.location)).text;
		assert.equal(valueOf(page, 'result-1-2'), 'Två');
		assert.equal(valueOf(page, 'objective-2'), '');
		assert.equal(await one(`SELECT COUNT(*) FROM expected_results er JOIN objectives o ON o.id = er.objective_id WHERE o.application_id = ${id}`), '2');
	});

	test('the team: each side\'s members with roles; a name without a role is refused next to it and not saved', async () => {
		const { page, form } = await formOn(applicant, `/applications/${id}/team`);
		assert.match(page.text, /id="team-swedish"/, 'the Swedish side\'s first field has the id the rules link to');
		assert.match(page.text, /id="team-partner-1"/);
		assert.match(plain(page.text), /tre till fem tjänstepersoner/, 'the rule of the type');
		let res = await send(applicant, form, {
			'member-1-name': 'Åsa Öberg', 'member-1-role': 'politician_majority', 'member-1-position': 'Kommunalråd',
			'member-2-name': 'Bo Berg', 'member-2-role': '',
			'member-4-name': 'Wanjiku Kamau', 'member-4-role': 'civil_servant', action: 'draft',
		});
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'member-2-role'), 'Välj rollen för Bo Berg');
		assert.equal(valueOf(res.text, 'member-2-name'), 'Bo Berg', 'the name is kept');
		const rows = await stack.mysql(`SELECT side, name, role, position, org_id FROM team_members WHERE application_id = ${id} ORDER BY side, id`);
		assert.deepEqual(rows, [['swedish', 'Åsa Öberg', 'politician_majority', 'Kommunalråd', null], ['partner', 'Wanjiku Kamau', 'civil_servant', null, kenya[0]]]);
		// Corrected from the page shown.
		const again = parseForms(res.text).find((f) => f.action === `/applications/${id}/team`);
		res = await send(applicant, again, { 'member-2-role': 'civil_servant', action: 'draft' });
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM team_members WHERE application_id = ${id}`), '3');
	});

	test('the budget: amounts the Swedish way, formatted after saving, sums worked out; "abc" next to its field, the rest saved', async () => {
		let res = await save(id, 'budget', {
			years: '2', planned_start: '2017-05-01', 'amount-1': '450 000 kr', 'amount-1-travel': '450000', 'amount-1-other': 'abc',
			'amount-2-travel': '100 000', 'amount-2-meetings': '50 000', other_costs: 'Tryck av affischer',
		});
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'amount-1-other'), 'Övrigt, år 1: Ange beloppet i hela kronor, till exempel 450 000');
		assert.equal(valueOf(res.text, 'amount-1-other'), 'abc', 'what was typed is shown');
		assert.deepEqual(summaryLinks(res.text).map((l) => l.href), ['#amount-1-other']);
		assert.match(res.text, /<title>Fel: /);
		assert.deepEqual(await stack.mysql(`SELECT year, amount FROM application_years WHERE application_id = ${id} ORDER BY year`),
			[['1', '450000'], ['2', null]], 'a year with costs but no amount yet');
		assert.deepEqual(await stack.mysql(`SELECT year, category, amount FROM application_budget_lines WHERE application_id = ${id} ORDER BY year, category`),
			[['1', 'travel', '450000'], ['2', 'travel', '100000'], ['2', 'meetings', '50000']]);
		assert.deepEqual(await stack.mysql(`SELECT duration_years, DATE_FORMAT(planned_start, '%Y-%m-%d'), other_costs FROM applications WHERE id = ${id}`),
			[['2', '2017-05-01', 'Tryck av affischer']]);

		const page = (await applicant.get(`/applications/${id}/budget`)).text;
		assert.equal(plain(valueOf(page, 'amount-1')), '450 000', 'formatted after saving');
		assert.equal(valueOf(page, 'amount-1-other'), '');
		assert.match(page, /<caption>Budget per projektår och kostnadsslag<\/caption>/);
		const foot = plain(page.slice(page.indexOf('<tfoot>'), page.indexOf('</tfoot>')));
		assert.match(foot, /Summa kostnader<\/th><td class="num">450 000 kr<\/td><td class="num">150 000 kr<\/td><td class="num">–<\/td><td class="num">600 000 kr<\/td>/);
		const body = plain(page.slice(page.indexOf('<tbody>'), page.indexOf('</tbody>')));
		assert.match(body, /Resor<\/th>[\s\S]*?<td class="num">550 000 kr<\/td><\/tr>/, 'the travel row\'s total');
		// In English the amounts are the English way.
		await applicant.post('/language', new URLSearchParams({ csrf: parseForms(page)[0].fields.csrf, lang: 'en', back: '/' }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		const en = (await applicant.get(`/applications/${id}/budget`)).text;
		assert.equal(valueOf(en, 'amount-1'), '450,000');
		assert.match(plain(en), /SEK 600,000/);
		await applicant.post('/language', new URLSearchParams({ csrf: parseForms(en)[0].fields.csrf, lang: 'sv', back: '/' }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	});

	test('the contact: a bad email address next to its field, input kept, the rest saved', async () => {
		let res = await save(id, 'contact', { contact_name: 'Ljiljana Јовановић', contact_email: 'ljiljana at borlange', contact_phone: '+46 243 740 00' });
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'contact_email'), 'Skriv en e-postadress i rätt format, till exempel namn@kommun.se');
		assert.equal(valueOf(res.text, 'contact_email'), 'ljiljana at borlange');
		assert.equal(valueOf(res.text, 'contact_name'), 'Ljiljana Јовановић');
		assert.deepEqual(await stack.mysql(`SELECT contact_name, contact_email, contact_phone FROM applications WHERE id = ${id}`),
			[['Ljiljana Јовановић', null, '+46 243 740 00']]);
		res = await save(id, 'contact', { contact_email: 'ljiljana@borlange.example' });
		assert.equal(res.status, 303);
	});

	test('"I have completed this section" with something missing: saved in progress, the problems shown, the box still ticked', async () => {
		const res = await save(id, 'contact', { contact_phone: '', done: '1' });
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'contact_phone'), 'Skriv kontaktpersonens telefonnummer');
		assert.deepEqual(summaryLinks(res.text), [{ href: '#contact_phone', text: 'Skriv kontaktpersonens telefonnummer' }]);
		assert.equal(valueOf(res.text, 'done'), '1', 'the box stays as it was sent, so that the next save checks again');
		assert.deepEqual(await stack.mysql(`SELECT contact_phone, done_contact FROM applications WHERE id = ${id}`), [[null, '0']]);
		// The page's version is the one now stored: saving again from it, as it stands but for the fix, completes it.
		const again = parseForms(res.text).find((f) => f.action === `/applications/${id}/contact`);
		const ok = await send(applicant, again, { contact_phone: '0243-740 00', action: 'draft' });
		assert.equal(ok.status, 303);
		assert.equal(await one(`SELECT done_contact FROM applications WHERE id = ${id}`), '1');
		const form = (await formOn(applicant, `/applications/${id}/contact`)).form;
		assert.equal(form.fields.done, '1', 'a completed section shows its box ticked');
	});
});

describe('completing a section', () => {
	test('a partner organisation in another country than the application\'s: refused at the country when completing and on submission', async () => {
		const id = await completeDraft();
		const MSG = `${kenya[1]} ligger i Kenya, inte i Uganda: välj Kenya som partnerland, eller en partnerorganisation i Uganda`;
		let res = await save(id, 'partners', { ...COMPLETE().partners, country: 'UG' });
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'country'), MSG);
		assert.deepEqual(summaryLinks(res.text), [{ href: '#country', text: MSG }]);
		assert.deepEqual(await stack.mysql(`SELECT country_code, done_partners FROM applications WHERE id = ${id}`), [['UG', '0']],
			'saved all the same, in progress');

		// Marked complete before the rule was there: submission refuses it, with a link to the field.
		await stack.mysql(`UPDATE applications SET done_partners = 1 WHERE id = ${id}`);
		const { form } = await formOn(applicant, `/applications/${id}/check`, `/applications/${id}/submit`);
		res = await send(applicant, form, {});
		assert.equal(res.status, 200);
		assert.deepEqual(summaryLinks(res.text), [{ href: `/applications/${id}/partners?return=check#country`, text: `Partner och land: ${MSG}` }]);
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'draft');

		// A three-party project: each partner is judged.
		res = await save(id, 'partners', { ...COMPLETE().partners, type: 'three_party', 'partner-2': china[0] });
		assert.equal(res.status, 200);
		assert.match(messageAt(res.text, 'country'), new RegExp(`ligger i Kina, inte i Kenya`));

		// Left empty, the country is the first partner's, as the field's hint says; complete then.
		res = await save(id, 'partners', { ...COMPLETE().partners, 'partner-2': '', country: '' });
		assert.equal(res.status, 303, summaryLinks(res.text).map((l) => l.text).join('; '));
		assert.deepEqual(await stack.mysql(`SELECT country_code, done_partners FROM applications WHERE id = ${id}`), [['KE', '1']]);
	});

	test('every problem of a section at once: what could not be read and every rule, in one save', async () => {
		const id = await newDraft();
		assert.equal((await save(id, 'partners', { ...COMPLETE().partners, 'partner-1': china[0], country: 'CN', done: null })).status, 303);
		// A language not of China, no principle, dialogue without how: all three named by the first save.
		let res = await save(id, 'project', { ...COMPLETE().project, title_local: 'Mazungumzo', title_local_lang: 'sw', principle: null, dialogue_text: '' });
		assert.equal(res.status, 200);
		let hrefs = summaryLinks(res.text).map((l) => l.href);
		assert.deepEqual(hrefs, ['#title_local_lang', '#principles', '#dialogue_text']);
		assert.equal(messageAt(res.text, 'title_local_lang'), 'Välj ett av språken i Kina');
		assert.match(messageAt(res.text, 'principles'), /minst en av de fyra principer/);
		assert.equal(valueOf(res.text, 'done'), '1', 'the box stays ticked');
		assert.equal(await one(`SELECT done_description FROM applications WHERE id = ${id}`), '0');

		// The budget: an amount that is no amount, a year over the ceiling, other costs not described; nothing
		// said of year 1's sum, which the rules could only judge without the amount that was not read.
		res = await save(id, 'budget', { ...COMPLETE().budget, 'amount-1-travel': 'abc', 'amount-2': '600 000', 'amount-2-other': '10 000' });
		assert.equal(res.status, 200);
		hrefs = summaryLinks(res.text).map((l) => l.href);
		assert.deepEqual(hrefs, ['#amount-1-travel', '#amount-2', '#amount-2', '#other_costs'], hrefs.join(' '));
		assert.equal(messageAt(res.text, 'amount-1'), null);
		assert.match(messageAt(res.text, 'amount-2'), /mellan 300 000 kr och 500 000 kr för år 2/);
		assert.equal(valueOf(res.text, 'done'), '1');
		assert.equal(await one(`SELECT done_budget FROM applications WHERE id = ${id}`), '0');
	});

	test('"Change" on check your answers: saving goes back there, also after a problem or an added row', async () => {
		const id = await completeDraft();
		const check = (await applicant.get(`/applications/${id}/check`)).text;
		const change = check.match(new RegExp(`<a href="(/applications/${id}/contact\\?return=check)#contact_phone">`));
		assert.ok(change, 'the Change link says where to go back to');
		let { form, page } = await formOn(applicant, change[1], `/applications/${id}/contact`);
		assert.equal(form.fields.return, 'check');
		assert.match(page.text, /<button class="button" name="action" value="continue">Spara och gå tillbaka till dina svar<\/button>/);
		assert.match(page.text, new RegExp(`<a href="/applications/${id}/check">Tillbaka till dina svar utan att spara</a>`));
		let res = await send(applicant, form, { contact_phone: '070-000 00 00', action: 'continue' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/applications/${id}/check`);

		// A problem first: the page shown keeps the way back.
		({ form } = await formOn(applicant, change[1], `/applications/${id}/contact`));
		res = await send(applicant, form, { contact_phone: '', action: 'continue' });
		assert.equal(res.status, 200);
		const again = parseForms(res.text).find((f) => f.action === `/applications/${id}/contact`);
		assert.equal(again.fields.return, 'check');
		res = await send(applicant, again, { contact_phone: '0243-740 00', action: 'continue' });
		assert.equal(res.headers.location, `/applications/${id}/check`);

		// "Add another" keeps it too.
		({ form } = await formOn(applicant, `/applications/${id}/results?return=check`, `/applications/${id}/results`));
		res = await send(applicant, form, { action: 'add-objective' });
		assert.equal(res.headers.location, `/applications/${id}/results?add=objective&return=check#objective-2`);
		({ form } = await formOn(applicant, res.headers.location.split('#')[0], `/applications/${id}/results`));
		assert.equal(form.fields.return, 'check');
		res = await send(applicant, form, { action: 'continue' });
		assert.equal(res.headers.location, `/applications/${id}/check`);
		// From the task list, "Save and continue" goes on to the next section as before.
		({ form } = await formOn(applicant, `/applications/${id}/contact`));
		assert.equal(form.fields.return, undefined);
	});

	test('Enter in a field saves as "Save and continue" does: the first button of every section form', async () => {
		const id = await newDraft();
		for (const sec of SECTIONS) {
			const { page } = await formOn(applicant, `/applications/${id}/${sec}`);
			const html = parseForms(page.text).find((f) => f.action === `/applications/${id}/${sec}`).html;
			const first = html.match(/<button\b[^>]*>/);
			assert.ok(first, sec);
			assert.match(first[0], /name="action" value="continue"/, `${sec}: the first button, which Enter presses, saves: ${first[0]}`);
			assert.match(first[0], /\bhidden\b/, `${sec}: seen only by Enter`);
		}
	});
});

describe('two windows on one draft', () => {
	test('the later save of a stale version is refused with its input kept; saving again then works', async () => {
		const id = await newDraft();
		const other = await stack.login('borlange@kommun.example');
		const mine = (await formOn(applicant, `/applications/${id}/project`)).form;
		const theirs = (await formOn(other, `/applications/${id}/project`)).form;
		assert.equal((await send(other, theirs, { title_sv: 'Deras titel', action: 'draft' })).status, 303);
		const res = await send(applicant, mine, { title_sv: 'Min titel', summary_en: 'Mitt', action: 'draft' });
		assert.equal(res.status, 409);
		assert.match(res.text, /<title>Fel: /);
		assert.match(summaryLinks(res.text)[0].text, /Någon annan sparade det här avsnittet/);
		assert.equal(valueOf(res.text, 'title_sv'), 'Min titel');
		assert.equal(valueOf(res.text, 'summary_en'), 'Mitt');
		assert.equal(await one(`SELECT title_sv FROM applications WHERE id = ${id}`), 'Deras titel', 'theirs stands');
		const again = parseForms(res.text).find((f) => f.action === `/applications/${id}/project`);
		assert.equal(Number(again.fields.version), Number(mine.fields.version) + 1);
		assert.equal((await send(applicant, again, { action: 'draft' })).status, 303);
		assert.deepEqual(await stack.mysql(`SELECT title_sv, summary_en FROM applications WHERE id = ${id}`), [['Min titel', 'Mitt']]);
	});

	test('a POST without a version is refused', async () => {
		const id = await newDraft();
		const { form } = await formOn(applicant, `/applications/${id}/contact`);
		assert.equal((await send(applicant, form, { version: null })).status, 400);
		assert.equal((await send(applicant, form, { version: 'x' })).status, 400);
	});
});

describe('confinement', () => {
	const GETS = ['tasks', ...SECTIONS, 'check', 'submitted'];
	const POSTS = [...SECTIONS, 'submit'];

	test('another organisation\'s draft: every page and every POST is 404, and nothing changes', async () => {
		const [[otherId, version, title]] = await stack.mysql(`SELECT a.id, a.version, COALESCE(a.title_sv, '') FROM applications a
			JOIN organisations o ON o.id = a.applicant_org_id WHERE o.name <> '${BORLANGE}' AND a.status = 'draft' ORDER BY a.id LIMIT 1`);
		const csrf = (await formOn(applicant, '/', '/language')).form.fields.csrf;
		for (const p of GETS) assert.equal((await applicant.get(`/applications/${otherId}/${p}`)).status, 404, `GET ${p}`);
		for (const p of POSTS) {
			const res = await applicant.post(`/applications/${otherId}/${p}`, new URLSearchParams({ csrf, version, title_sv: 'Stulen', done: '1', action: 'draft' }).toString(),
				{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			assert.equal(res.status, 404, `POST ${p}`);
		}
		assert.deepEqual(await stack.mysql(`SELECT version, COALESCE(title_sv, ''), status FROM applications WHERE id = ${otherId}`), [[version, title, 'draft']]);
		for (const p of ['nonesuch', '0', '-1', '99999999']) assert.equal((await applicant.get(`/applications/${p}/tasks`)).status, 404);
	});

	test('ICLD and Sida: the form\'s pages do not exist for them (404), POSTs included', async () => {
		const id = await newDraft();
		for (const email of ['admin@icld.example', 'sida@sida.example']) {
			const s = await stack.login(email);
			const csrf = (await formOn(s, '/accessibility', '/language')).form.fields.csrf;
			assert.equal((await s.get('/applications/new')).status, 404, `${email} GET new`);
			for (const p of GETS) assert.equal((await s.get(`/applications/${id}/${p}`)).status, 404, `${email} GET ${p}`);
			for (const p of POSTS) {
				const res = await s.post(`/applications/${id}/${p}`, new URLSearchParams({ csrf, version: '1' }).toString(),
					{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
				assert.equal(res.status, 404, `${email} POST ${p}`);
			}
			const res = await s.post('/applications', new URLSearchParams({ csrf, token: 'a'.repeat(32), choice: '1:project' }).toString(),
				{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			assert.equal(res.status, 404, `${email} POST /applications`);
		}
		assert.equal(await one(`SELECT version FROM applications WHERE id = ${id}`), '1');
	});

	test('without a CSRF token a save is refused (403)', async () => {
		const id = await newDraft();
		const { form } = await formOn(applicant, `/applications/${id}/contact`);
		assert.equal((await send(applicant, form, { csrf: null, contact_name: 'X' })).status, 403);
		assert.equal(await one(`SELECT contact_name FROM applications WHERE id = ${id}`), null);
	});
});

describe('submitting', () => {
	test('with parts missing: every problem listed, each naming its section and linking to its field', async () => {
		const id = await newDraft();
		assert.equal((await save(id, 'contact', { contact_name: 'Anna', contact_email: 'anna@borlange.example' })).status, 303);
		const { form, page } = await formOn(applicant, `/applications/${id}/check`, `/applications/${id}/submit`);
		assert.equal(page.status, 200);
		assert.match(page.text, /<button class="button" id="submit">Skicka ansökan till ICLD<\/button>/);
		assert.match(page.text, new RegExp(`<a href="/applications/${id}/contact\\?return=check#contact_name">Ändra<span class="visually-hidden"> Namn</span></a>`));
		const res = await send(applicant, form, {});
		assert.equal(res.status, 200);
		assert.match(res.text, /<title>Fel: /);
		const links = summaryLinks(res.text);
		const hrefs = links.map((l) => l.href);
		for (const h of ['partners#partner-1', 'partners#country', 'project#title_sv', 'project#principles', 'project#sdgs',
			'results#overall_objective', 'results#objective-1', 'team#team-swedish', 'budget#years', 'contact#contact_phone'])
			assert.ok(hrefs.includes(`/applications/${id}/${h.replace('#', '?return=check#')}`), `a link to ${h}: ${hrefs.join(' ')}`);
		assert.ok(links.find((l) => l.href.endsWith('#contact_phone')).text.startsWith('Kontaktperson: '), 'the section is named');
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'draft');
		// The links lead to pages with those fields.
		for (const h of hrefs) {
			const [path, field] = h.split('#');
			const p = (await applicant.get(path)).text;
			assert.match(p, new RegExp(`id="${field}"`), `${h} exists`);
		}
	});

	test('a budget over the ceiling, and costs that do not add up, are named at their fields', async () => {
		const id = await completeDraft();
		assert.equal((await save(id, 'budget', { 'amount-1': '500 001', 'amount-2': '299 999', 'amount-2-travel': '149 999', done: null })).status, 303);
		const { form } = await formOn(applicant, `/applications/${id}/check`, `/applications/${id}/submit`);
		const res = await send(applicant, form, {});
		assert.equal(res.status, 200);
		const texts = summaryLinks(res.text).map((l) => `${l.href} ${l.text}`);
		assert.ok(texts.some((t) => t.includes('budget?return=check#amount-1 Budget: Skriv ett belopp mellan 300 000 kr och 500 000 kr för år 1')), texts.join('\n'));
		assert.ok(texts.some((t) => t.includes('budget?return=check#amount-2 Budget: Skriv ett belopp mellan 300 000 kr och 500 000 kr för år 2')), texts.join('\n'));
		assert.ok(texts.some((t) => t.includes('budget?return=check#amount-1 Budget: Kostnaderna för år 1 blir sammanlagt 400 000 kr')), texts.join('\n'));
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'draft');
	});

	test('check your answers names the co-applicants and the language of the partner-language title', async () => {
		const id = await completeDraft();
		const [[co, name]] = await stack.mysql(`SELECT id, name FROM organisations WHERE side = 'swedish' AND active = 1 AND name <> '${BORLANGE}' ORDER BY name LIMIT 1`);
		const all = COMPLETE();
		assert.equal((await save(id, 'partners', { ...all.partners, 'coapplicant-1': co })).status, 303);
		assert.equal((await save(id, 'project', { ...all.project, title_local: 'Mazungumzo Kisumu', title_local_lang: 'sw' })).status, 303);
		const page = plain((await applicant.get(`/applications/${id}/check`)).text);
		assert.match(page, new RegExp(`Svenska medsökande[\\s\\S]*?${name}`));
		assert.match(page, new RegExp(`href="/applications/${id}/partners\\?return=check#coapplicant-1"`));
		assert.match(page, /Språk för titeln och sammanfattningen på partnerns språk[\s\S]*?swahili/);
	});

	test('a complete application is submitted once, however often the button is pressed, with one audit row', async () => {
		const id = await completeDraft();
		const { form, page } = await formOn(applicant, `/applications/${id}/check`, `/applications/${id}/submit`);
		assert.match(plain(page.text), /400 000 kr/);
		const [a, b] = await Promise.all([send(applicant, form, {}), send(applicant, form, {})]);
		const c = await send(applicant, form, {});
		for (const res of [a, b, c]) {
			assert.equal(res.status, 303);
			assert.equal(res.headers.location, `/applications/${id}/submitted`);
		}
		const [[status, by, at, version]] = await stack.mysql(`SELECT a.status, u.email, a.submitted_at IS NOT NULL, a.version FROM applications a
			JOIN users u ON u.id = a.submitted_by WHERE a.id = ${id}`);
		assert.deepEqual([status, by, at], ['submitted', 'borlange@kommun.example', '1']);
		const audit = await stack.mysql(`SELECT JSON_VALUE(before_json, '$.status'), JSON_VALUE(after_json, '$.status'), JSON_VALUE(after_json, '$.version'), u.email
			FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.action = 'application.submit' AND a.entity_id = ${id}`);
		assert.deepEqual(audit, [['draft', 'submitted', version, 'borlange@kommun.example']]);

		const conf = await applicant.get(`/applications/${id}/submitted`);
		assert.equal(conf.status, 200);
		assert.match(conf.text, new RegExp(`<strong>Ansökan ${id}</strong>`));
		assert.match(conf.text, /Vad händer nu/);
		assert.match(conf.text, new RegExp(`href="/applications/${id}"`));
		// The form is closed: its pages go to the read-only application, its POSTs are refused.
		for (const p of ['tasks', 'project', 'check']) {
			const res = await applicant.get(`/applications/${id}/${p}`);
			assert.equal(res.status, 303);
			assert.equal(res.headers.location, `/applications/${id}`);
		}
		const stale = (await formOn(applicant, '/', '/language')).form.fields.csrf;
		for (const p of SECTIONS) {
			const res = await applicant.post(`/applications/${id}/${p}`, new URLSearchParams({ csrf: stale, version, title_sv: 'Ändrad', contact_name: 'Ändrad', action: 'draft' }).toString(),
				{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			assert.equal(res.status, 409, `POST ${p}`);
			assert.match(res.text, /Ansökan kan inte längre ändras/);
		}
		assert.deepEqual(await stack.mysql(`SELECT title_sv, contact_name, version FROM applications WHERE id = ${id}`),
			[['Medborgardialog i Kisumu', 'Anna Andersson', version]]);
		const view = await applicant.get(`/applications/${id}`);
		assert.equal(view.status, 200);
		assert.match(view.text, /tag-submitted/);
	});

	test('a draft changed after the check page was shown is not submitted unseen (409), and is after a second look', async () => {
		const id = await completeDraft();
		const { form } = await formOn(applicant, `/applications/${id}/check`, `/applications/${id}/submit`);
		assert.equal((await save(id, 'contact', { contact_phone: '070-123 45 67', done: '1' })).status, 303);
		const res = await send(applicant, form, {});
		assert.equal(res.status, 409);
		assert.match(summaryLinks(res.text)[0].text, /ändrades efter att du öppnade sidan/);
		assert.match(res.text, /070-123 45 67/);
		const again = parseForms(res.text).find((f) => f.action === `/applications/${id}/submit`);
		assert.equal((await send(applicant, again, {})).status, 303);
	});

	test('the confirmation of a draft is its task list', async () => {
		const id = await newDraft();
		const res = await applicant.get(`/applications/${id}/submitted`);
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/applications/${id}/tasks`);
	});
});

describe('the title and summary in the partner\'s language', () => {
	const TITLE_ZH = '基苏木与博伦厄的公民对话 <b>&</b>';
	const SUMMARY_ZH = '两个城市在每个街区举办公民对话论坛。\r\n妇女和青年优先。';

	/** The options of the language select on a project page: [value, label] without the empty one. */
	const langOptions = (html) => {
		const sel = html.match(/<select id="title_local_lang"[^>]*>([\s\S]*?)<\/select>/);
		assert.ok(sel, 'the page has the language select');
		return [...sel[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].filter((m) => m[1] !== '').map((m) => [m[1], htmlDecode(m[2])]);
	};
	const hintOf = (html) => plain((html.match(/<p class="hint" id="title_local_lang-hint">([^<]*)<\/p>/) || [])[1] || '');

	test('a China application: a Chinese title and summary saved, shown back in their language, on the check page and the application', async () => {
		const id = await completeDraft();
		assert.equal((await save(id, 'partners', { ...COMPLETE().partners, 'partner-1': china[0], country: 'CN' })).status, 303);
		const res = await save(id, 'project', { ...COMPLETE().project, title_local: TITLE_ZH, summary_local: SUMMARY_ZH, title_local_lang: 'zh' });
		assert.equal(res.status, 303, summaryLinks(res.text).map((l) => l.text).join('; '));
		assert.deepEqual(await stack.mysql(`SELECT CAST(title_local AS BINARY) = ${sqlBytes(TITLE_ZH)}, CAST(summary_local AS BINARY) = ${sqlBytes(SUMMARY_ZH)}, ` +
			`title_local_lang, done_description FROM applications WHERE id = ${id}`), [['1', '1', 'zh', '1']]);

		const page = (await applicant.get(`/applications/${id}/project`)).text;
		assert.equal(valueOf(page, 'title_local'), TITLE_ZH);
		assert.equal(valueOf(page, 'summary_local'), SUMMARY_ZH);
		assert.equal(valueOf(page, 'title_local_lang'), 'zh');
		assert.match(page, /<textarea id="summary_local" name="summary_local" rows="5" maxlength="10000" lang="zh"/);
		assert.match(page, /<input[^>]*id="title_local"[^>]*lang="zh"/);

		const check = (await applicant.get(`/applications/${id}/check`)).text;
		assert.ok(check.includes('<span lang="zh">两个城市在每个街区举办公民对话论坛。'), 'the summary on the check page, in its language');
		assert.ok(check.includes('<span lang="zh">基苏木与博伦厄的公民对话 &lt;b&gt;&amp;&lt;/b&gt;</span>'), 'the title, escaped');
		assert.match(check, new RegExp(`<a href="/applications/${id}/project\\?return=check#summary_local">Ändra<span class="visually-hidden"> Sammanfattning på partnerns språk</span></a>`));
		assert.match(plain(check), /Språk för titeln och sammanfattningen på partnerns språk[\s\S]*?kinesiska/);
		assert.doesNotMatch(check, /class="error-message"/, 'nothing to fix');

		const view = (await applicant.get(`/applications/${id}`)).text;
		assert.match(view, /<dt>Sammanfattning på partnerns språk<\/dt><dd class="prose"><span lang="zh">两个城市/);

		// The task list counts a summary alone as a start of the section.
		const other = await newDraft();
		assert.equal((await save(other, 'partners', { country: 'CN' })).status, 303);
		assert.equal((await save(other, 'project', { summary_local: '仅摘要', title_local_lang: 'zh' })).status, 303);
		assert.match((await applicant.get(`/applications/${other}/tasks`)).text, /id="project-status">Påbörjad</);
	});

	test('the select offers exactly the country\'s languages, English aside; without a country or with English only, it says so', async () => {
		const id = await newDraft();
		let page = (await applicant.get(`/applications/${id}/project`)).text;
		assert.deepEqual(langOptions(page), [], 'no country: nothing to choose');
		assert.match(hintOf(page), /Välj först partnerland, under Partner och land/);
		for (const [country, want] of [
			['CN', [['zh', 'kinesiska']]],
			['XK', [['sq', 'albanska'], ['sr', 'serbiska'], ['bs', 'bosniska'], ['tr', 'turkiska']]],
			['ZA', [['zu', 'zulu'], ['xh', 'xhosa'], ['af', 'afrikaans'], ['st', 'sesotho'], ['tn', 'setswana']]],
			['KE', [['sw', 'swahili']]],
		]) {
			assert.equal((await save(id, 'partners', { country })).status, 303);
			page = (await applicant.get(`/applications/${id}/project`)).text;
			assert.deepEqual(langOptions(page), want, country);
			const languages = await one(`SELECT languages FROM countries WHERE code = '${country}'`);
			assert.deepEqual(langOptions(page).map(([v]) => v), languages.split(',').filter((c) => c !== 'en'), `${country}: as countries.languages, in order`);
		}
		assert.equal((await save(id, 'partners', { country: 'ZM' })).status, 303);
		page = (await applicant.get(`/applications/${id}/project`)).text;
		assert.deepEqual(langOptions(page), []);
		assert.equal(hintOf(page), 'Engelska är det enda officiella språket i Zambia: ingen titel eller sammanfattning på ett annat språk behövs.');
		// A language posted all the same is refused there.
		const res = await save(id, 'project', { title_local_lang: 'sw', title_local: 'Ushirikiano' });
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'title_local_lang'), hintOf(page));
		assert.equal(await one(`SELECT title_local FROM applications WHERE id = ${id}`), null);
	});

	test('a language not of the country is refused next to the select, with everything typed kept and the rest saved', async () => {
		const id = await newDraft();
		assert.equal((await save(id, 'partners', { country: 'CN' })).status, 303);
		const res = await save(id, 'project', { title_local: TITLE_ZH, summary_local: SUMMARY_ZH, title_local_lang: 'sw', title_en: 'Saved anyway' });
		assert.equal(res.status, 200);
		assert.match(res.text, /<title>Fel: /);
		assert.equal(messageAt(res.text, 'title_local_lang'), 'Välj ett av språken i Kina');
		assert.ok(summaryLinks(res.text).some((l) => l.href === '#title_local_lang' && l.text === 'Välj ett av språken i Kina'));
		assert.equal(valueOf(res.text, 'title_local_lang'), 'sw', 'the choice is shown as made');
		assert.equal(valueOf(res.text, 'title_local'), TITLE_ZH);
		assert.equal(valueOf(res.text, 'summary_local'), SUMMARY_ZH);
		assert.equal(valueOf(res.text, 'title_en'), 'Saved anyway');
		assert.deepEqual(await stack.mysql(`SELECT title_local, summary_local, title_local_lang, title_en FROM applications WHERE id = ${id}`),
			[[null, null, null, 'Saved anyway']], 'the texts wait for their language; the rest is saved');
		// Corrected from the page shown.
		const again = parseForms(res.text).find((f) => f.action === `/applications/${id}/project`);
		const ok = await send(applicant, again, { title_local_lang: 'zh', action: 'draft' });
		assert.equal(ok.status, 303);
		assert.deepEqual(await stack.mysql(`SELECT title_local_lang, CAST(summary_local AS BINARY) = ${sqlBytes(SUMMARY_ZH)} FROM applications WHERE id = ${id}`), [['zh', '1']]);
	});

	test('a summary or title without a language is refused next to the select; a language without them is kept', async () => {
		const id = await newDraft();
		assert.equal((await save(id, 'partners', { country: 'XK' })).status, 303);
		let res = await save(id, 'project', { summary_local: 'Bashkëpunim për dialog me qytetarët.', title_local_lang: '' });
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'title_local_lang'), 'Välj språk för titeln och sammanfattningen på partnerns språk');
		assert.equal(valueOf(res.text, 'summary_local'), 'Bashkëpunim për dialog me qytetarët.');
		assert.equal(await one(`SELECT summary_local FROM applications WHERE id = ${id}`), null);
		res = await save(id, 'project', { title_local: 'Dialog me qytetarët', title_local_lang: '' });
		assert.equal(res.status, 200);
		assert.equal(messageAt(res.text, 'title_local_lang'), 'Välj språk för titeln och sammanfattningen på partnerns språk');
		assert.equal(await one(`SELECT title_local FROM applications WHERE id = ${id}`), null);

		res = await save(id, 'project', { title_local_lang: 'sq' });
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT title_local_lang FROM applications WHERE id = ${id}`), 'sq');
		assert.equal(valueOf((await applicant.get(`/applications/${id}/project`)).text, 'title_local_lang'), 'sq');
	});

	test('the country changed after the language was chosen: flagged on the check page, submission refused with a link, then fixed', async () => {
		const id = await completeDraft();
		assert.equal((await save(id, 'project', { ...COMPLETE().project, title_local: 'Mazungumzo Kisumu', summary_local: 'Mabaraza ya wananchi.', title_local_lang: 'sw' })).status, 303);
		assert.equal((await save(id, 'partners', { ...COMPLETE().partners, 'partner-1': china[0], country: 'CN' })).status, 303);

		const MSG = 'Språket swahili är inte ett av språken i Kina: välj ett av dem, eller inget';
		const { form, page } = await formOn(applicant, `/applications/${id}/check`, `/applications/${id}/submit`);
		const row = page.text.match(/<dt>Språk för titeln och sammanfattningen på partnerns språk<\/dt><dd>([\s\S]*?)<\/dd><dd class="actions"><a href="([^"]*)">/);
		assert.ok(row, 'the language is on the check page');
		assert.match(row[1], /<p class="error-message"><span class="visually-hidden">Fel:<\/span> /);
		assert.ok(plain(row[1]).includes(MSG), plain(row[1]));
		assert.equal(row[2], `/applications/${id}/project?return=check#title_local_lang`);

		const res = await send(applicant, form, {});
		assert.equal(res.status, 200);
		assert.deepEqual(summaryLinks(res.text), [{ href: `/applications/${id}/project?return=check#title_local_lang`, text: `Projektet: ${MSG}` }]);
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'draft');

		// The project page still shows the old language, marked, so it is not dropped unseen; choosing Chinese fixes it.
		const proj = (await applicant.get(`/applications/${id}/project`)).text;
		assert.match(proj, /<option value="sw" selected>swahili \(inte ett språk i Kina\)<\/option>/);
		assert.match(proj, /<option value="zh">kinesiska<\/option>/);
		assert.equal((await save(id, 'project', { title_local: '基苏木对话', summary_local: '公民论坛。', title_local_lang: 'zh', done: '1' })).status, 303);
		assert.doesNotMatch((await applicant.get(`/applications/${id}/check`)).text, /class="error-message"/);
		const fixed = await formOn(applicant, `/applications/${id}/check`, `/applications/${id}/submit`);
		const done = await send(applicant, fixed.form, {});
		assert.equal(done.status, 303, summaryLinks(done.text).map((l) => l.text).join('; '));
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'submitted');
	});
});

describe('the database stalls', () => {
	test('a save answers 503 with a way back, and the next save after it returns works', { timeout: 60000 }, async () => {
		const id = await newDraft();
		const { form } = await formOn(applicant, `/applications/${id}/contact`);
		stack.sigstopDb();
		let res;
		try {
			res = await send(applicant, form, { contact_name: 'Under stopp', action: 'draft' });
		} finally {
			stack.sigcontDb();
		}
		assert.equal(res.status, 503);
		assert.match(res.text, /href="\/"/);
		const again = (await formOn(applicant, `/applications/${id}/contact`)).form;
		res = await send(applicant, again, { contact_name: 'Efter stopp', action: 'draft' });
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT contact_name FROM applications WHERE id = ${id}`), 'Efter stopp');
	});
});
