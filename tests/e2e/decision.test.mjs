// decision.test.mjs - ICLD decides on an application (GET/POST /applications/{id}/decision) and the decision letter
// (GET /applications/{id}/letter): the project an approval creates with its code, years, budget lines and reports,
// rejections with their reason, the round's rules, two admins at once, a re-sent form, changes to a decision, who may
// see what, and the applicant's view, against the real nginx, workers and MariaDB with the demo data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, parseForms, htmlDecode, NBSP, sqlText, onDemoDay } from './harness.mjs';

const CATEGORIES = ['travel', 'accommodation', 'meetings', 'consultants', 'translation', 'other'];

let stack, q, one;
/** The application approved first below (Eskilstuna's, project 2017-0001), which later tests change and print. */
let approvedId;

before(async () => {
	// Two workers, so that two POSTs at once really run at once.
	({ stack, q, one } = await openStack({ workers: 2 }));
});

after(() => stack?.stop());

/** The demo application of the organisation whose name starts so, in that status (the first by id). */
async function appOf(org, status) {
	const id = await one(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
		WHERE o.name LIKE '${org}%' AND a.status = '${status}' ORDER BY a.id LIMIT 1`);
	assert.ok(id, `${org} has an application that is ${status} in the demo data`);
	return id;
}

const path = (id) => `/applications/${id}/decision`;
const isDecisionForm = (id) => (f) => f.action === path(id);

/** The decision form of application id as the server sent it: {page, form}. */
async function decisionForm(s, id) {
	return s.form(path(id), isDecisionForm(id));
}

/** The form's fields with every amount emptied, then the given ones. */
function withAmounts(fields, amounts) {
	const out = { ...fields };
	for (const k of Object.keys(out)) if (k.startsWith('amount-')) out[k] = '';
	return { ...out, ...amounts };
}

/** A form field's value as shown, no-break spaces read as spaces. */
const shown = (html, id, name) => {
	const f = parseForms(html).find(isDecisionForm(id));
	assert.ok(f, 'the page has the decision form');
	return (f.fields[name] ?? '').replaceAll(NBSP, ' ');
};

async function admin() {
	return stack.login('admin@icld.example');
}

/** What the database holds about application id's project: {code, project, years, lines, reports}. */
async function projectOf(id) {
	const [p] = await q(`SELECT id, code, DATE_FORMAT(planned_start, '%Y-%m-%d'), DATE_FORMAT(planned_end, '%Y-%m-%d'),
		follows_project_id, status FROM projects WHERE application_id = ${id}`);
	if (!p) return null;
	return {
		id: p[0], code: p[1], start: p[2], end: p[3], follows: p[4], status: p[5],
		years: await q(`SELECT year, DATE_FORMAT(starts_on, '%Y-%m-%d'), DATE_FORMAT(ends_on, '%Y-%m-%d'), amount
			FROM project_years WHERE project_id = ${p[0]} ORDER BY year`),
		lines: await q(`SELECT year, category, amount FROM project_budget_lines WHERE project_id = ${p[0]}
			ORDER BY year, category + 0`),
		reports: await q(`SELECT kind, project_year, DATE_FORMAT(due_on, '%Y-%m-%d'), status FROM reports
			WHERE project_id = ${p[0]} ORDER BY kind = 'final', project_year`),
	};
}

describe('approving an application', () => {
	let id;
	let s;

	before(async () => {
		id = approvedId = await appOf('Eskilstuna', 'submitted');
		s = await admin();
	});

	test("the admin's application page leads to the decision", async () => {
		const page = await s.get(`/applications/${id}`);
		assert.equal(page.status, 200);
		assert.match(page.text, new RegExp(`<a class="button" href="/applications/${id}/decision">`));
	});

	test('the form is prefilled from the application: dates, years and amounts, with the round\'s rule', async () => {
		const { page, form } = await decisionForm(s, id);
		assert.equal(page.status, 200);
		const [[start, years, version]] = await q(`SELECT DATE_FORMAT(planned_start, '%Y-%m-%d'), duration_years, version
			FROM applications WHERE id = ${id}`);
		assert.equal(form.fields.starts_on, start);
		assert.equal(form.fields.years, years);
		assert.equal(form.fields.version, version);
		// The last day is the day before the start's anniversary after the years applied for.
		const end = new Date(`${start}T00:00:00Z`);
		end.setUTCFullYear(end.getUTCFullYear() + Number(years));
		end.setUTCDate(end.getUTCDate() - 1);
		assert.equal(form.fields.ends_on, end.toISOString().slice(0, 10));
		for (const [y, amount] of await q(`SELECT year, amount FROM application_years WHERE application_id = ${id}`))
			assert.equal(form.fields[`amount-${y}`].replaceAll(NBSP, ''), amount);
		assert.match(page.text, /<table class="table">\s*<caption>Beviljat belopp per projektår och kostnadsslag<\/caption>/);
		assert.match(page.text, /300\u00a0000\u00a0kr – 500\u00a0000\u00a0kr per år/);
		assert.ok(!('outcome' in form.fields), 'no outcome is chosen for the admin');
	});

	test('approving creates the project: the next code of the round\'s year, its years, budget lines and reports', async () => {
		const { form } = await decisionForm(s, id);
		const [[version]] = await q(`SELECT version FROM applications WHERE id = ${id}`);
		const before = await one('SELECT COUNT(*) FROM projects');
		const res = await s.post(path(id), withAmounts(form.fields, {
			outcome: 'approve',
			starts_on: '2017-07-01',
			ends_on: '2019-03-31',
			years: '2',
			'amount-1': '450 000', 'amount-1-travel': '200 000', 'amount-1-accommodation': '100000',
			'amount-1-meetings': '150 000 kr',
			'amount-2': '300 000', 'amount-2-travel': '250 000', 'amount-2-other': '50 000',
			// A year beyond those chosen is not part of the decision.
			'amount-3': '999 999',
			conditions_sv: 'En reviderad aktivitetsplan före den första utbetalningen.',
			conditions_en: 'A revised activity plan before the first payment.',
		}));
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, path(id));
		assert.equal(await one('SELECT COUNT(*) FROM projects'), String(Number(before) + 1));

		const [[status, appVersion]] = await q(`SELECT status, version FROM applications WHERE id = ${id}`);
		assert.equal(status, 'approved');
		assert.equal(appVersion, String(Number(version) + 1));
		assert.deepEqual(await q(`SELECT d.outcome, d.reason_sv, d.reason_en, d.conditions_sv, d.conditions_en, u.email,
			${onDemoDay('d.decided_at')} FROM decisions d JOIN users u ON u.id = d.decided_by WHERE d.application_id = ${id}`),
			[['approve', null, null, 'En reviderad aktivitetsplan före den första utbetalningen.',
				'A revised activity plan before the first payment.', 'admin@icld.example', '1']]);

		const p = await projectOf(id);
		assert.equal(p.code, '2017-0001', 'the first code of the 2017 round');
		assert.equal(await one('SELECT last_number FROM project_id_sequences WHERE year = 2017'), '1');
		assert.equal(p.start, '2017-07-01');
		assert.equal(p.end, '2019-03-31');
		assert.equal(p.status, 'implementation');
		// Year 2 is cut short at the project's end.
		assert.deepEqual(p.years, [['1', '2017-07-01', '2018-06-30', '450000'], ['2', '2018-07-01', '2019-03-31', '300000']]);
		const line = (y, c) => p.lines.find((l) => l[0] === String(y) && l[1] === c)?.[2];
		assert.equal(p.lines.length, 12, 'every category of every year has its line');
		assert.equal(line(1, 'travel'), '200000');
		assert.equal(line(1, 'accommodation'), '100000');
		assert.equal(line(1, 'meetings'), '150000');
		assert.equal(line(1, 'other'), '0');
		assert.equal(line(2, 'travel'), '250000');
		assert.equal(line(2, 'other'), '50000');
		// A progress report two months after each year, the final one three months after the end (as the demo's).
		assert.deepEqual(p.reports, [
			['progress', '1', '2018-08-31', 'draft'],
			['progress', '2', '2019-05-31', 'draft'],
			['final', '2', '2019-06-30', 'draft'],
		]);
		// The commitment is the decision's date and the years' total.
		assert.equal(await one(`SELECT SUM(amount) FROM project_years WHERE project_id = ${p.id}`), '750000');

		const audit = await q(`SELECT action, entity, JSON_VALUE(before_json, '$.status'), JSON_VALUE(after_json, '$.status'),
			JSON_VALUE(after_json, '$.project'), JSON_VALUE(after_json, '$.decision.total'), user_id IS NOT NULL
			FROM audit_log WHERE (entity = 'application' AND entity_id = ${id} AND action LIKE 'decision.%')
			OR (entity = 'project' AND entity_id = ${p.id}) ORDER BY id`);
		assert.deepEqual(audit, [
			['project.create', 'project', null, 'implementation', null, null, '1'],
			['decision.approve', 'application', 'submitted', 'approved', '2017-0001', '750000', '1'],
		]);
	});

	test('the decision page shows the project, the budget per year and category, and the reports due', async () => {
		const page = await s.get(path(id));
		assert.equal(page.status, 200);
		assert.match(page.text, /<a href="\/projects\/2017-0001">2017-0001<\/a>/);
		assert.match(page.text, /<caption>Beviljad budget per projektår och kostnadsslag<\/caption>/);
		assert.match(page.text, /750\u00a0000\u00a0kr/);
		assert.match(page.text, /Lägesrapport, år 2<\/th><td><span class="date">2018-07-01<\/span> – <span class="date">2019-03-31<\/span><\/td><td class="date">2019-05-31<\/td>/);
		assert.match(page.text, new RegExp(`href="/applications/${id}/letter\\?lang=en"`));
		// The change form carries the decision's version, not the application's.
		const form = parseForms(page.text).find(isDecisionForm(id));
		assert.equal(form.fields.decision_version, '1');
		assert.ok(!('version' in form.fields));
	});

	test('the next approval in the same round gets the next code', async () => {
		const other = await appOf('Östersund', 'under_review');
		const { form } = await decisionForm(s, other);
		const res = await s.post(path(other), { ...form.fields, outcome: 'approve' });
		assert.equal(res.status, 303);
		const p = await projectOf(other);
		assert.equal(p.code, '2017-0002');
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${other}`), 'approved');
		assert.equal(await one('SELECT last_number FROM project_id_sequences WHERE year = 2017'), '2');
	});

	test('a round year with codes given goes on from its last number', async () => {
		const other = await appOf('Norrköping', 'submitted');
		await q(`UPDATE applications SET round_id = (SELECT id FROM rounds WHERE year = 2016) WHERE id = ${other}`);
		const { form } = await decisionForm(s, other);
		const res = await s.post(path(other), { ...form.fields, outcome: 'approve' });
		assert.equal(res.status, 303);
		assert.equal((await projectOf(other)).code, '2016-0033');
		assert.equal(await one('SELECT last_number FROM project_id_sequences WHERE year = 2016'), '33');
	});
});

describe('rejecting an application', () => {
	let id;
	let s;

	before(async () => {
		id = await appOf('Sundsvall', 'submitted');
		s = await admin();
	});

	test('without a reason in each language: the error next to each field, the choice kept, nothing recorded', async () => {
		const { form } = await decisionForm(s, id);
		const res = await s.post(path(id), { ...form.fields, outcome: 'reject', reason_sv: '  ', 'amount-1': 'not checked' });
		assert.equal(res.status, 200);
		assert.match(res.text, /<title>Fel: /);
		assert.match(res.text, /<a href="#reason_sv">Ange skälet till att ansökan avslås på svenska/);
		assert.match(res.text, /<a href="#reason_en">Ange skälet till att ansökan avslås på engelska/);
		assert.match(res.text, /<p class="error-message" id="reason_sv-error">/);
		assert.match(res.text, /<p class="error-message" id="reason_en-error">/);
		// The English reason alone is not enough either: the Swedish letter would have none.
		const half = await s.post(path(id), { ...form.fields, outcome: 'reject', reason_en: 'Only in English.' });
		assert.match(half.text, /<a href="#reason_sv">/);
		assert.doesNotMatch(half.text, /<a href="#reason_en">/);
		assert.equal(shown(half.text, id, 'reason_en'), 'Only in English.');
		// A rejection judges no amounts.
		assert.doesNotMatch(res.text, /href="#amount-1"/);
		const f = parseForms(res.text).find(isDecisionForm(id));
		assert.equal(f.fields.outcome, 'reject');
		assert.equal(f.fields['amount-1'], 'not checked');
		assert.equal(await one(`SELECT COUNT(*) FROM decisions WHERE application_id = ${id}`), '0');
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'submitted');
	});

	test('without a choice: the error says to choose', async () => {
		const { form } = await decisionForm(s, id);
		const res = await s.post(path(id), form.fields);
		assert.equal(res.status, 200);
		assert.match(res.text, /<a href="#outcome">Välj om ansökan ska beviljas eller avslås<\/a>/);
	});

	test('with a reason: the decision, the status and the audit row; no project', async () => {
		const { form } = await decisionForm(s, id);
		const reason = 'Ansökan visar inte hur partnern äger projektet. <b>"Citat"</b> & mer.';
		const reasonEn = 'The application does not show how the partner owns the project.';
		const res = await s.post(path(id), { ...form.fields, outcome: 'reject', reason_sv: reason, reason_en: reasonEn,
			conditions_sv: 'ignored' });
		assert.equal(res.status, 303);
		assert.deepEqual(await q(`SELECT outcome, reason_sv, reason_en, conditions_sv, conditions_en FROM decisions
			WHERE application_id = ${id}`), [['reject', reason, reasonEn, null, null]]);
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'rejected');
		assert.equal(await projectOf(id), null);
		const audit = await q(`SELECT JSON_VALUE(before_json, '$.status'), JSON_VALUE(after_json, '$.status'),
			JSON_VALUE(after_json, '$.decision.reason_sv'), JSON_VALUE(after_json, '$.decision.reason_en')
			FROM audit_log WHERE action = 'decision.reject' AND entity_id = ${id}`);
		assert.deepEqual(audit, [['submitted', 'rejected', reason, reasonEn]]);
		// What was typed comes back escaped.
		const page = await s.get(path(id));
		assert.match(page.text, /&lt;b&gt;&quot;Citat&quot;&lt;\/b&gt; &amp; mer\./);
		assert.doesNotMatch(page.text, /<b>"Citat"/);
	});

	test("the rejection's reason can be changed, guarded by the decision's version", async () => {
		const { form } = await decisionForm(s, id);
		assert.equal(form.fields.decision_version, '1');
		assert.ok(!('starts_on' in form.fields), 'a rejection has no dates or amounts');
		// Someone else changes it first: refused, the new text kept, the current version offered.
		await q(`UPDATE decisions SET reason_sv = ${sqlText('Ändrat av någon annan.')}, version = version + 1 WHERE application_id = ${id}`);
		const stale = await s.post(path(id), { ...form.fields, reason_sv: 'Mitt nya skäl.' });
		assert.equal(stale.status, 409);
		assert.match(stale.text, /<a href="#form">Någon annan ändrade beslutet medan du ändrade det/);
		assert.equal(shown(stale.text, id, 'reason_sv'), 'Mitt nya skäl.');
		assert.equal(shown(stale.text, id, 'decision_version'), '2');
		assert.equal(await one(`SELECT reason_sv FROM decisions WHERE application_id = ${id}`), 'Ändrat av någon annan.');
		// Saved again knowingly: it is the reason now, with an audit row.
		const fresh = parseForms(stale.text).find(isDecisionForm(id));
		const res = await s.post(path(id), fresh.fields);
		assert.equal(res.status, 303);
		assert.deepEqual(await q(`SELECT reason_sv, version FROM decisions WHERE application_id = ${id}`), [['Mitt nya skäl.', '3']]);
		const audit = await q(`SELECT JSON_VALUE(before_json, '$.reason_sv'), JSON_VALUE(after_json, '$.reason_sv') FROM audit_log
			WHERE action = 'decision.update' AND entity = 'decision' ORDER BY id DESC LIMIT 1`);
		assert.deepEqual(audit, [['Ändrat av någon annan.', 'Mitt nya skäl.']]);
		// Emptied: refused like a new rejection without a reason.
		const { form: again } = await decisionForm(s, id);
		const empty = await s.post(path(id), { ...again.fields, reason_en: '' });
		assert.equal(empty.status, 200);
		assert.match(empty.text, /id="reason_en-error"/);
	});
});

describe("the round's rules", () => {
	let id;
	let s;

	before(async () => {
		id = await appOf('Lunds', 'submitted');
		s = await admin();
	});

	test('an amount over the ceiling: the error next to the field, every input kept, nothing recorded', async () => {
		const { form } = await decisionForm(s, id);
		const res = await s.post(path(id), withAmounts(form.fields, {
			outcome: 'approve', years: '1', starts_on: '2017-09-01', ends_on: '2018-08-31',
			'amount-1': '600 000', 'amount-1-travel': '600 000', 'amount-1-meetings': 'abc',
			conditions_sv: 'Villkor som ska stå kvar.', conditions_en: 'Conditions to be kept.',
		}));
		assert.equal(res.status, 200);
		// Bosnia and Herzegovina is in Europe: a project gets 300 000 to 500 000 a year there.
		assert.match(res.text, /<a href="#amount-1">Skriv ett belopp mellan 300\u00a0000\u00a0kr och 500\u00a0000\u00a0kr för år 1<\/a>/);
		assert.match(res.text, /<p class="error-message" id="amount-1-error">/);
		assert.match(res.text, /id="amount-1" name="amount-1" type="text" inputmode="numeric" spellcheck="false" value="600\u00a0000" aria-describedby="amount-1-error" aria-invalid="true"/);
		assert.match(res.text, /<a href="#amount-1-meetings">Möten och workshoppar, år 1: Ange beloppet i hela kronor/);
		assert.equal(shown(res.text, id, 'amount-1-meetings'), 'abc');
		assert.equal(shown(res.text, id, 'conditions_sv'), 'Villkor som ska stå kvar.');
		assert.equal(shown(res.text, id, 'conditions_en'), 'Conditions to be kept.');
		assert.equal(shown(res.text, id, 'ends_on'), '2018-08-31');
		assert.equal(shown(res.text, id, 'outcome'), 'approve');
		assert.equal(await one(`SELECT COUNT(*) FROM decisions WHERE application_id = ${id}`), '0');
	});

	test('years, dates and sums: each problem at its field', async () => {
		const { form } = await decisionForm(s, id);
		const res = await s.post(path(id), withAmounts(form.fields, {
			outcome: 'approve', years: '2', starts_on: '2017-09-01', ends_on: '2019-09-01',
			'amount-1': '400 000', 'amount-1-travel': '390 000',
			'amount-2': '400 000', 'amount-2-travel': '400 000',
		}));
		assert.equal(res.status, 200);
		assert.match(res.text, /<a href="#ends_on">Ett projektår är högst ett år: med 2 projektår kan sista dagen vara senast 2019-08-31<\/a>/);
		assert.match(res.text, /<a href="#amount-1">Kostnaderna för år 1 blir sammanlagt 390\u00a0000\u00a0kr, inte de 400\u00a0000\u00a0kr som beviljats för året: rätta kostnaderna eller det beviljade beloppet<\/a>/);
		assert.doesNotMatch(res.text, /sökta/);
		// The summary lists the problems in the form's order.
		assert.ok(res.text.indexOf('href="#ends_on"') < res.text.indexOf('href="#amount-1"'));
		const end = await s.post(path(id), withAmounts(form.fields, {
			outcome: 'approve', years: '2', starts_on: '2017-09-01', ends_on: '2017-08-31',
		}));
		assert.match(end.text, /<a href="#ends_on">Sista dagen måste komma efter första dagen<\/a>/);
		const years = await s.post(path(id), withAmounts(form.fields, { outcome: 'approve', years: '' }));
		assert.match(years.text, /<a href="#years">/);
	});

	test('a year whose 9999 codes are all given: refused, nothing recorded', async () => {
		const last = await one('SELECT last_number FROM project_id_sequences WHERE year = 2017');
		await q(`INSERT INTO project_id_sequences (year, last_number) VALUES (2017, 9999)
			ON DUPLICATE KEY UPDATE last_number = 9999`);
		try {
			const { form } = await decisionForm(s, id);
			const res = await s.post(path(id), { ...form.fields, outcome: 'approve' });
			assert.equal(res.status, 409);
			assert.match(res.text, /Alla 9999 projektkoder för 2017 har delats ut/);
			assert.equal(await one(`SELECT COUNT(*) FROM decisions WHERE application_id = ${id}`), '0');
			assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'submitted');
			assert.equal(await one('SELECT last_number FROM project_id_sequences WHERE year = 2017'), '9999');
		} finally {
			if (last === null) await q('DELETE FROM project_id_sequences WHERE year = 2017');
			else await q(`UPDATE project_id_sequences SET last_number = ${last} WHERE year = 2017`);
		}
	});
});

describe('two admins at once', () => {
	test('a change to the application between the form and its sending: refused with the input kept', async () => {
		const id = await appOf('Jönköping', 'under_review');
		const s = await admin();
		const { form } = await decisionForm(s, id);
		await q(`UPDATE applications SET version = version + 1 WHERE id = ${id}`);
		const fields = { ...form.fields, outcome: 'approve', conditions_sv: 'Mina villkor.', conditions_en: 'My conditions.',
			'amount-1-travel': '1 234' };
		const res = await s.post(path(id), fields);
		assert.equal(res.status, 409);
		assert.match(res.text, /<a href="#form">Någon annan ändrade ansökan medan du fattade beslut/);
		assert.equal(shown(res.text, id, 'conditions_sv'), 'Mina villkor.');
		assert.equal(shown(res.text, id, 'amount-1-travel'), '1 234');
		assert.equal(shown(res.text, id, 'outcome'), 'approve');
		assert.equal(await one(`SELECT COUNT(*) FROM decisions WHERE application_id = ${id}`), '0');
		// The form now carries the version stored: sent again, the decision is recorded.
		const fresh = parseForms(res.text).find(isDecisionForm(id));
		assert.equal(fresh.fields.version, await one(`SELECT version FROM applications WHERE id = ${id}`));
		const again = await s.post(path(id), withAmounts(fresh.fields, Object.fromEntries(
			Object.entries(form.fields).filter(([k]) => k.startsWith('amount-')))));
		assert.equal(again.status, 303);
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'approved');
	});

	test('someone else decided meanwhile: refused with the input kept, no second decision', async () => {
		const id = await appOf('Borlänge', 'under_review');
		const first = await admin();
		const second = await stack.login('reviewer@icld.example');
		const { form } = await decisionForm(first, id);
		const { form: theirs } = await decisionForm(second, id);
		assert.equal((await second.post(path(id), { ...theirs.fields, outcome: 'reject', reason_sv: 'Avslås av granskaren.',
			reason_en: 'Rejected by the reviewer.' })).status, 303);
		const res = await first.post(path(id), { ...form.fields, outcome: 'approve', conditions_sv: 'Mitt villkor.',
			conditions_en: 'My condition.' });
		assert.equal(res.status, 409);
		assert.match(res.text, /Ansökan beslutades medan du fattade beslut: ditt beslut registrerades inte/);
		assert.equal(shown(res.text, id, 'conditions_sv'), 'Mitt villkor.');
		// The decision that stands is shown, and the form has no button to record another.
		assert.match(res.text, /Avslås av granskaren\./);
		const f = parseForms(res.text).find(isDecisionForm(id));
		assert.doesNotMatch(f.html, /<button/);
		assert.deepEqual(await q(`SELECT outcome FROM decisions WHERE application_id = ${id}`), [['reject']]);
		assert.equal(await projectOf(id), null);
	});

	test('the same form sent twice: one decision, one project; the second lands on the decision', async () => {
		const id = await appOf('Vara', 'under_review');
		const s = await admin();
		const { form } = await decisionForm(s, id);
		const fields = { ...form.fields, outcome: 'approve' };
		const first = await s.post(path(id), fields);
		const again = await s.post(path(id), fields);
		assert.equal(first.status, 303);
		assert.equal(again.status, 303);
		assert.equal(again.headers.location, path(id));
		assert.equal(await one(`SELECT COUNT(*) FROM decisions WHERE application_id = ${id}`), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM projects WHERE application_id = ${id}`), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'decision.approve' AND entity_id = ${id}`), '1');
		const page = await s.get(again.headers.location);
		assert.equal(page.status, 200);
		// The same page's form with the other outcome is no re-send: refused, the reason kept.
		const other = await s.post(path(id), { ...form.fields, outcome: 'reject', reason_sv: 'Ändrade mig.',
			reason_en: 'Changed my mind.' });
		assert.equal(other.status, 409);
		assert.equal(shown(other.text, id, 'reason_sv'), 'Ändrade mig.');
		assert.deepEqual(await q(`SELECT outcome FROM decisions WHERE application_id = ${id}`), [['approve']]);
	});

	test('two POSTs at once: one decision, one project, one code used', async () => {
		const id = await appOf('Borlänge', 'submitted');
		const s = await admin();
		const { form } = await decisionForm(s, id);
		const seq = await one('SELECT last_number FROM project_id_sequences WHERE year = 2017');
		const fields = { ...form.fields, outcome: 'approve' };
		const results = await Promise.all([s.post(path(id), fields), s.post(path(id), fields), s.post(path(id), fields)]);
		for (const r of results) {
			assert.equal(r.status, 303, r.text.slice(0, 300));
			assert.equal(r.headers.location, path(id));
		}
		assert.equal(await one(`SELECT COUNT(*) FROM decisions WHERE application_id = ${id}`), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM projects WHERE application_id = ${id}`), '1');
		assert.equal(await one('SELECT last_number FROM project_id_sequences WHERE year = 2017'), String(Number(seq) + 1));
		// An inception: one year, no inception project to continue.
		const p = await projectOf(id);
		assert.equal(p.years.length, 1);
		assert.equal(p.reports.length, 2);
	});
});

describe('changing an approval', () => {
	let id;
	let s;

	before(async () => {
		id = approvedId;
		s = await admin();
	});

	test('amounts and dates change while no report is submitted: years, lines and reports follow', async () => {
		const { form } = await decisionForm(s, id);
		assert.ok('starts_on' in form.fields);
		const pid = (await projectOf(id)).id;
		const draft = await one(`SELECT id FROM reports WHERE project_id = ${pid} AND kind = 'progress' AND project_year = 1`);
		await q(`UPDATE reports SET activities = 'Utkast som ska finnas kvar.' WHERE id = ${draft}`);
		const res = await s.post(path(id), withAmounts(form.fields, {
			starts_on: '2017-08-01', ends_on: '2020-07-31', years: '3',
			'amount-1': '400 000', 'amount-1-travel': '400 000',
			'amount-2': '350 000', 'amount-2-travel': '350 000',
			'amount-3': '300 000', 'amount-3-meetings': '300 000',
			conditions_sv: 'Nya villkor.', conditions_en: 'New conditions.',
		}));
		assert.equal(res.status, 303);
		const p = await projectOf(id);
		assert.equal(p.code, '2017-0001', 'the code never changes');
		assert.deepEqual([p.start, p.end], ['2017-08-01', '2020-07-31']);
		assert.deepEqual(p.years.map((y) => y.join(' ')), [
			'1 2017-08-01 2018-07-31 400000', '2 2018-08-01 2019-07-31 350000', '3 2019-08-01 2020-07-31 300000']);
		assert.deepEqual(p.reports, [
			['progress', '1', '2018-09-30', 'draft'],
			['progress', '2', '2019-09-30', 'draft'],
			['progress', '3', '2020-09-30', 'draft'],
			['final', '3', '2020-10-31', 'draft'],
		]);
		assert.equal(await one(`SELECT activities FROM reports WHERE id = ${draft}`), 'Utkast som ska finnas kvar.');
		assert.equal(p.lines.length, 18);
		assert.equal(await one(`SELECT conditions_sv FROM decisions WHERE application_id = ${id}`), 'Nya villkor.');
		const [[before, afterTotal]] = await q(`SELECT JSON_VALUE(before_json, '$.total'), JSON_VALUE(after_json, '$.total')
			FROM audit_log WHERE action = 'decision.update' ORDER BY id DESC LIMIT 1`);
		assert.deepEqual([before, afterTotal], ['750000', '1050000']);
		// Back to two years: the third year and its report go.
		const { form: again } = await decisionForm(s, id);
		const two = await s.post(path(id), { ...again.fields, ends_on: '2019-07-31', years: '2', 'amount-3': '', 'amount-3-meetings': '' });
		assert.equal(two.status, 303);
		const q2 = await projectOf(id);
		assert.equal(q2.years.length, 2);
		assert.deepEqual(q2.reports.map((r) => r.slice(0, 2).join(' ')), ['progress 1', 'progress 2', 'final 2']);
	});

	test('once a report is submitted, only the conditions change', async () => {
		const pid = (await projectOf(id)).id;
		await q(`UPDATE reports SET status = 'submitted', submitted_at = UTC_TIMESTAMP(), revision = 1
			WHERE project_id = ${pid} AND kind = 'progress' AND project_year = 1`);
		const { page, form } = await decisionForm(s, id);
		assert.ok(!('starts_on' in form.fields), 'the dates and amounts are no longer offered');
		assert.match(page.text, /Projektet har en inlämnad rapport eller en utbetalning/);
		const res = await s.post(path(id), { ...form.fields, conditions_sv: 'Villkor efter rapporten.',
			conditions_en: 'Conditions after the report.' });
		assert.equal(res.status, 303);
		assert.deepEqual(await q(`SELECT conditions_sv, conditions_en FROM decisions WHERE application_id = ${id}`),
			[['Villkor efter rapporten.', 'Conditions after the report.']]);
		// Amounts sent all the same (an old page): refused, nothing saved.
		const { form: now } = await decisionForm(s, id);
		const sneaky = await s.post(path(id), { ...now.fields, conditions_sv: 'Annat', starts_on: '2017-08-01', ends_on: '2019-07-31',
			years: '2', 'amount-1': '400000', 'amount-1-travel': '400000', 'amount-2': '350000', 'amount-2-travel': '350000' });
		assert.equal(sneaky.status, 409);
		assert.equal(await one(`SELECT conditions_sv FROM decisions WHERE application_id = ${id}`), 'Villkor efter rapporten.');
	});
});

describe('who may decide', () => {
	test('the applicant and Sida have no decision form: 404, or 403 for a POST without a token', async () => {
		const id = await appOf('Vara', 'approved');
		const open = await appOf('Lunds', 'submitted');
		for (const [who, email] of [['applicant', 'vara@kommun.example'], ['sida', 'sida@sida.example']]) {
			const s = await stack.login(email);
			for (const target of [id, open]) {
				assert.equal((await s.get(path(target))).status, 404, `${who} GET`);
				const { form } = await s.form('/', 0);
				const post = await s.post(path(target), { csrf: form.fields.csrf, version: '1', outcome: 'approve' });
				assert.ok([403, 404].includes(post.status), `${who} POST: ${post.status}`);
			}
		}
		assert.equal(await one(`SELECT COUNT(*) FROM decisions WHERE application_id = ${id}`), '1');
	});

	test('a draft or withdrawn application cannot be decided', async () => {
		const s = await admin();
		const draft = await one("SELECT id FROM applications WHERE status = 'draft' ORDER BY id LIMIT 1");
		const page = await s.get(path(draft));
		assert.equal(page.status, 200);
		assert.match(page.text, /Bara en ansökan som har skickats in eller håller på att granskas kan beslutas/);
		assert.equal(parseForms(page.text).find(isDecisionForm(draft)), undefined);
		const { form } = await s.form('/', 0);
		const post = await s.post(path(draft), { csrf: form.fields.csrf, version: '1', outcome: 'reject', reason_sv: 'x', reason_en: 'x' });
		assert.equal(post.status, 409);
		assert.equal(await one(`SELECT COUNT(*) FROM decisions WHERE application_id = ${draft}`), '0');
		assert.equal((await s.get('/applications/999999/decision')).status, 404);
		assert.equal((await s.post(path(draft), { csrf: form.fields.csrf, version: 'x' })).status, 400);
	});
});

describe('the applicant and the letter', () => {
	test('the start page shows each decision with its letter, and the project of an approval', async () => {
		const s = await stack.login('borlange@kommun.example');
		const home = await s.get('/');
		assert.equal(home.status, 200);
		const rejected = await appOf('Borlänge', 'rejected');
		const approved = await one(`SELECT a.id FROM applications a JOIN projects p ON p.application_id = a.id
			WHERE p.code LIKE '2017-%' AND a.applicant_org_id = (SELECT id FROM organisations WHERE name = 'Borlänge kommun')`);
		const code = await one(`SELECT code FROM projects WHERE application_id = ${approved}`);
		const section = home.text.slice(home.text.indexOf('<h2 id="decisions">'), home.text.indexOf('<h2 id="projects">'));
		assert.match(section, new RegExp(`href="/applications/${rejected}/letter"`));
		assert.match(section, new RegExp(`href="/applications/${approved}/letter"`));
		assert.match(section, new RegExp(`<a href="/projects/${code}">${code}</a>`));
		assert.match(section, /tag-rejected/);
		assert.match(section, /tag-approved/);
	});

	test("a rejected application's page gives the reason and the letter; an approved one its project", async () => {
		const s = await stack.login('borlange@kommun.example');
		const rejected = await appOf('Borlänge', 'rejected');
		const page = await s.get(`/applications/${rejected}`);
		assert.equal(page.status, 200);
		const [[reason, reasonEn]] = await q(`SELECT reason_sv, reason_en FROM decisions WHERE application_id = ${rejected}`);
		assert.ok(htmlDecode(page.text).includes(reason));
		// In the interface's language: the English reason for English, never the other.
		assert.ok(!htmlDecode(page.text).includes(reasonEn));
		await s.post('/language', { csrf: parseForms(page.text)[0].fields.csrf, lang: 'en', back: '/' });
		const enPage = await s.get(`/applications/${rejected}`);
		const en = htmlDecode(enPage.text);
		assert.ok(en.includes(reasonEn) && !en.includes(reason), 'the English reason in English');
		await s.post('/language', { csrf: parseForms(enPage.text)[0].fields.csrf, lang: 'sv', back: '/' });
		assert.match(page.text, new RegExp(`href="/applications/${rejected}/letter"`));
		assert.doesNotMatch(page.text, new RegExp(`/applications/${rejected}/decision`));
		const approved = await one(`SELECT p.application_id FROM projects p WHERE p.code = (SELECT MAX(code) FROM projects p2
			JOIN applications a ON a.id = p2.application_id JOIN organisations o ON o.id = a.applicant_org_id
			WHERE o.name = 'Borlänge kommun' AND p2.code LIKE '2017-%')`);
		const ap = await s.get(`/applications/${approved}`);
		const code = await one(`SELECT code FROM projects WHERE application_id = ${approved}`);
		assert.match(ap.text, new RegExp(`<a href="/projects/${code}">${code}</a>`));
	});

	test('the letter of a rejection: in the reader\'s language, or the one asked for', async () => {
		const s = await stack.login('borlange@kommun.example');
		// Rejected by the reviewer above, while another admin was deciding.
		const id = await one("SELECT application_id FROM decisions WHERE reason_sv = 'Avslås av granskaren.'");
		const sv = await s.get(`/applications/${id}/letter`);
		assert.equal(sv.status, 200);
		assert.match(sv.text, /<html lang="sv">/);
		assert.match(sv.text, /<h1>Beslut: ansökan avslås<\/h1>/);
		assert.match(sv.text, /<strong>Borlänge kommun<\/strong>/);
		assert.match(sv.text, /<h2>Skäl för beslutet<\/h2>\s*<p class="prose">Avslås av granskaren\.<\/p>/);
		assert.match(sv.text, new RegExp(`Ansökan ${id}`));
		assert.match(sv.text, new RegExp(`href="/applications/${id}/letter\\?lang=en"`));
		const en = await s.get(`/applications/${id}/letter?lang=en`);
		assert.equal(en.status, 200);
		assert.match(en.text, /<html lang="en">/);
		assert.match(en.text, /<h1>Decision: the application is rejected<\/h1>/);
		assert.match(en.text, /ICLD has decided not to approve the application from Borlänge kommun\./);
		// Each letter gives the reason in its own language, never the other's.
		assert.match(en.text, /<h2>Reason for the decision<\/h2>\s*<p class="prose">Rejected by the reviewer\.<\/p>/);
		assert.doesNotMatch(en.text, /Avslås av granskaren/);
		assert.doesNotMatch(sv.text, /Rejected by the reviewer/);
		assert.equal((await s.get(`/applications/${id}/letter?lang=de`)).status, 400);
		// The reader's own language is unchanged by reading the letter in another.
		assert.match((await s.get('/')).text, /<html lang="sv">/);
	});

	test('a reason written before both languages were asked for: the English letter says where it is, never mixes', async () => {
		const s = await stack.login('borlange@kommun.example');
		const id = await one("SELECT application_id FROM decisions WHERE reason_sv = 'Avslås av granskaren.'");
		await q(`UPDATE decisions SET reason_en = NULL WHERE application_id = ${id}`);
		try {
			const en = await s.get(`/applications/${id}/letter?lang=en`);
			assert.equal(en.status, 200);
			assert.match(en.text, /<h2>Reason for the decision<\/h2>\s*<p>The reason for this decision was written in Swedish only: the decision letter in Swedish gives it\.<\/p>/);
			assert.doesNotMatch(en.text, /Avslås av granskaren/);
			assert.match((await s.get(`/applications/${id}/letter?lang=sv`)).text, /<p class="prose">Avslås av granskaren\.<\/p>/);
			// ICLD's page shows the English reason missing, and saving the decision asks for it.
			const admin = await stack.login('admin@icld.example');
			const { form } = await decisionForm(admin, id);
			assert.equal(form.fields.reason_en, '');
			const res = await admin.post(path(id), form.fields);
			assert.equal(res.status, 200);
			assert.match(res.text, /<a href="#reason_en">Ange skälet till att ansökan avslås på engelska/);
		} finally {
			await q(`UPDATE decisions SET reason_en = 'Rejected by the reviewer.' WHERE application_id = ${id}`);
		}
	});

	test('the letter of an approval: amounts per year and category, dates, conditions and the reports due', async () => {
		const s = await admin();
		const id = approvedId;
		const en = await s.get(`/applications/${id}/letter?lang=en`);
		assert.equal(en.status, 200);
		assert.match(en.text, /<h1>Decision: the application is approved<\/h1>/);
		assert.match(en.text, /<dd>2017-0001<\/dd>/);
		assert.match(en.text, /grants Eskilstuna kommun SEK\u00a0750,000 for the project 2017-0001, from 2017-08-01 to 2019-07-31/);
		assert.match(en.text, /<caption>Approved budget per project year and cost category<\/caption>/);
		assert.match(en.text, /<th scope="row">Travel<\/th><td class="num">SEK\u00a0400,000<\/td><td class="num">SEK\u00a0350,000<\/td><td class="num">SEK\u00a0750,000<\/td>/);
		assert.match(en.text, /<p class="prose">Conditions after the report\.<\/p>/);
		assert.doesNotMatch(en.text, /Villkor efter rapporten/);
		assert.match(en.text, /Progress report, year 1<\/th><td><span class="date">2017-08-01<\/span> – <span class="date">2018-07-31<\/span><\/td><td class="date">2018-09-30<\/td>/);
		assert.match(en.text, /Final report<\/th><td><span class="date">2017-08-01<\/span> – <span class="date">2019-07-31<\/span><\/td><td class="date">2019-10-31<\/td>/);
		const sv = await s.get(`/applications/${id}/letter?lang=sv`);
		assert.match(sv.text, /<html lang="sv">/);
		assert.match(sv.text, /ger Eskilstuna kommun 750\u00a0000\u00a0kr för projektet 2017-0001/);
		assert.match(sv.text, /<p class="prose">Villkor efter rapporten\.<\/p>/);
		assert.doesNotMatch(sv.text, /Conditions after the report/);
		// The header names the officer reading it, never as one of the applicant's: the letter's addressee
		// is the page's value, the signed-in person's organisation the layout's.
		for (const page of [en, sv])
			assert.match(page.text, /<span class="who">ICLD Programhandläggare<\/span>/);
		const own = await (await stack.login('eskilstuna@kommun.example')).get(`/applications/${id}/letter`);
		const [[name]] = await q("SELECT name FROM users WHERE email = 'eskilstuna@kommun.example'");
		assert.ok(own.text.includes(`<span class="who">${name}, Eskilstuna kommun</span>`));
		assert.match(sv.text, /<link rel="stylesheet" href="\/static\/print.css" media="print">/);
	});

	test("the letter is not there for another organisation, Sida, or before the decision", async () => {
		const id = approvedId;
		const other = await stack.login('borlange@kommun.example');
		assert.equal((await other.get(`/applications/${id}/letter`)).status, 404);
		const own = await stack.login('eskilstuna@kommun.example');
		assert.equal((await own.get(`/applications/${id}/letter`)).status, 200);
		const sida = await stack.login('sida@sida.example');
		assert.equal((await sida.get(`/applications/${id}/letter`)).status, 404);
		const undecided = await one("SELECT id FROM applications WHERE status IN ('submitted', 'under_review', 'draft') ORDER BY id LIMIT 1");
		assert.equal((await (await admin()).get(`/applications/${undecided}/letter`)).status, 404);
	});
});
