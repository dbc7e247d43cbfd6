// admin.test.mjs - the operator's command (migrations, first admin) and the demo data's facts,
// against a real MariaDB: the statistics pages must be able to show the demo's facts (its story of the programme) from the data itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startStack, setIni, run, BUILD, SRC } from './harness.mjs';

let stack;

before(async () => {
	stack = await startStack({ workers: 1 });
});

after(async () => {
	await stack?.stop();
});

/** A config like the stack's, reading migrations from dir. */
function confWithSql(dir) {
	const file = path.join(stack.dir, `kpp-${path.basename(dir)}.conf`);
	fs.writeFileSync(file, setIni(fs.readFileSync(stack.confPath, 'utf8'), { 'app.sql_dir': dir }), { mode: 0o600 });
	return file;
}

describe('kpp-admin', () => {
	test('migrate applies nothing a second time and records every file with its checksum', async () => {
		const r = await stack.admin(['migrate']);
		assert.equal(r.code, 0, r.stderr);
		const files = fs.readdirSync(path.join(SRC, 'sql')).filter((f) => /^\d{4}_.*\.sql$/.test(f));
		const rows = await stack.mysql('SELECT filename, sha256 FROM schema_migrations ORDER BY version');
		assert.deepEqual(rows.map((x) => x[0]), files.sort());
		for (const [, sum] of rows) assert.match(sum, /^[0-9a-f]{64}$/);
	});

	test('migrate refuses to run when an applied migration was edited, and changes nothing', async () => {
		const dir = path.join(stack.dir, 'sql-edited');
		fs.cpSync(path.join(SRC, 'sql'), dir, { recursive: true });
		const first = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()[0];
		fs.appendFileSync(path.join(dir, first), '\n-- an edit after the fact\n');
		fs.writeFileSync(path.join(dir, '9999_new_table.sql'), 'CREATE TABLE should_not_exist (id INT PRIMARY KEY) ENGINE=InnoDB;\n');
		const edited = await run(path.join(BUILD, 'kpp-admin'), ['-c', confWithSql(dir), 'migrate']);
		assert.notEqual(edited.code, 0, 'an edited migration must be refused');
		assert.match(edited.stderr, new RegExp(first.replace('.', '\\.')));
		const exists = await stack.mysql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'kpp' AND table_name = 'should_not_exist'");
		assert.equal(exists[0][0], '0');
	});

	test('a new migration is applied once, in order', async () => {
		const dir = path.join(stack.dir, 'sql-new');
		fs.cpSync(path.join(SRC, 'sql'), dir, { recursive: true });
		fs.writeFileSync(path.join(dir, '9998_extra.sql'), 'CREATE TABLE extra_for_test (id INT PRIMARY KEY) ENGINE=InnoDB;\n');
		const conf = confWithSql(dir);
		assert.equal((await run(path.join(BUILD, 'kpp-admin'), ['-c', conf, 'migrate'])).code, 0);
		assert.equal((await run(path.join(BUILD, 'kpp-admin'), ['-c', conf, 'migrate'])).code, 0);
		const n = await stack.mysql("SELECT COUNT(*) FROM schema_migrations WHERE filename = '9998_extra.sql'");
		assert.equal(n[0][0], '1');
	});

	test('create-admin makes an account that can sign in; a short password or a taken email is refused', async () => {
		const ok = await stack.admin(['create-admin', 'first.admin@icld.example'], { input: 'a long enough password\n' });
		assert.equal(ok.code, 0, ok.stderr);
		const s = stack.session();
		const res = await s.login('first.admin@icld.example', 'a long enough password');
		assert.equal(res.status, 303);
		const short = await stack.admin(['create-admin', 'second@icld.example'], { input: 'short\n' });
		assert.notEqual(short.code, 0);
		assert.match(short.stderr, /12 characters/);
		const again = await stack.admin(['create-admin', 'first.admin@icld.example'], { input: 'a long enough password\n' });
		assert.notEqual(again.code, 0);
		assert.match(again.stderr, /already/);
		const bad = await stack.admin(['create-admin', 'not-an-email'], { input: 'a long enough password\n' });
		assert.notEqual(bad.code, 0);
	});

	test('demo refuses to load into a database that has users', async () => {
		const r = await stack.admin(['demo']);
		assert.notEqual(r.code, 0);
	});

	test('config prints a value for scripts, and refuses an unknown key', async () => {
		const r = await stack.admin(['config', 'server.workers']);
		assert.equal(r.code, 0);
		assert.equal(r.stdout.trim(), '1');
		assert.notEqual((await stack.admin(['config', 'server.nothing'])).code, 0);
	});
});

describe('the demo data', () => {
	test('the 2016 round has 32 approved projects, Kenya and China most, then Botswana, Uganda, South Africa, Kosovo', async () => {
		const rows = await stack.mysql(`SELECT a.country_code, COUNT(*) FROM projects p JOIN applications a ON a.id = p.application_id
			JOIN rounds r ON r.id = a.round_id WHERE r.year = 2016 GROUP BY a.country_code ORDER BY COUNT(*) DESC, a.country_code`);
		const total = rows.reduce((n, r) => n + Number(r[1]), 0);
		assert.equal(total, 32);
		assert.deepEqual(rows.slice(0, 2).map((r) => r[0]), ['KE', 'CN']);
		assert.deepEqual(rows.slice(2, 6).map((r) => r[0]).sort(), ['BW', 'UG', 'XK', 'ZA']);
	});

	test('the organisations granted in 2016 are the 21 the announcement names', async () => {
		const rows = await stack.mysql(`SELECT DISTINCT o.name FROM projects p JOIN applications a ON a.id = p.application_id
			JOIN rounds r ON r.id = a.round_id JOIN organisations o ON o.id = a.applicant_org_id WHERE r.year = 2016 ORDER BY o.name`);
		const names = rows.map((r) => r[0]).join('|');
		for (const n of ['Borlänge', 'Borås', 'Falköping', 'Filipstad', 'Gävle', 'Hultsfred', 'Härryda', 'Hörby', 'Kalmar', 'Malmö',
			'Sandviken', 'Skellefteå', 'Vara', 'Vimmerby', 'Västerås', 'Växjö', 'Landstinget Västernorrland', 'Region Gotland',
			'Region Dalarna', 'Region Kronoberg', 'Region Västerbotten'])
			assert.match(names, new RegExp(n), n);
		assert.equal(rows.length, 21);
	});

	test('about 70 projects from earlier rounds are ongoing, about 60 Swedish organisations take part', async () => {
		const ongoing = await stack.mysql(`SELECT COUNT(*) FROM projects p JOIN applications a ON a.id = p.application_id
			JOIN rounds r ON r.id = a.round_id WHERE r.year < 2016 AND p.status IN ('implementation', 'finalisation')`);
		assert.ok(Math.abs(Number(ongoing[0][0]) - 70) <= 5, `ongoing earlier projects: ${ongoing[0][0]}`);
		const orgs = await stack.mysql("SELECT COUNT(*) FROM organisations WHERE side = 'swedish'");
		assert.ok(Math.abs(Number(orgs[0][0]) - 60) <= 5, `Swedish organisations: ${orgs[0][0]}`);
	});

	test('grants are 300 000 to 500 000 kronor a year over one to three years, and each year adds up', async () => {
		const out = await stack.mysql(`SELECT COUNT(*) FROM project_years y JOIN projects p ON p.id = y.project_id
			JOIN applications a ON a.id = p.application_id WHERE a.project_type = 'project' AND (y.amount < 300000 OR y.amount > 500000)`);
		assert.equal(out[0][0], '0');
		const years = await stack.mysql('SELECT MIN(n), MAX(n) FROM (SELECT COUNT(*) n FROM project_years GROUP BY project_id) t');
		assert.ok(Number(years[0][0]) >= 1 && Number(years[0][1]) <= 3);
		const sums = await stack.mysql(`SELECT COUNT(*) FROM project_years y WHERE y.amount <>
			(SELECT SUM(l.amount) FROM project_budget_lines l WHERE l.project_id = y.project_id AND l.year = y.year)`);
		assert.equal(sums[0][0], '0');
	});

	test('every application status is present, and names sort in Swedish order', async () => {
		const st = await stack.mysql('SELECT DISTINCT status FROM applications ORDER BY status');
		assert.deepEqual(st.map((r) => r[0]).sort(), ['approved', 'draft', 'rejected', 'submitted', 'under_review', 'withdrawn']);
		const names = (await stack.mysql("SELECT name FROM organisations WHERE side = 'swedish' AND (name LIKE 'Va%' OR name LIKE 'Vi%' OR name LIKE 'Vä%') ORDER BY name")).map((r) => r[0].split(' ')[0]);
		assert.deepEqual(names, ['Vara', 'Vimmerby', 'Västerås', 'Växjö']);
	});

	test('the programme page shows the 2016 round and Kenya first, from the data', async () => {
		const s = stack.session();
		await s.login('sida@sida.example');
		const page = (await s.get('/')).text;
		assert.match(page, /<th scope="row">2016<\/th><td class="num">32<\/td>/);
		const start = page.indexOf('Beviljade i utlysningen 2016, per land');
		assert.ok(start > 0, 'the latest round by country');
		const table = page.slice(start, page.indexOf('</table>', start));
		const order = [...table.matchAll(/<th scope="row">([^<]+)<\/th><td class="num">(\d+)<\/td>/g)].map((m) => [m[1], Number(m[2])]);
		assert.deepEqual(order.slice(0, 2), [['Kenya', 8], ['Kina', 7]]);
		assert.deepEqual(order.slice(2, 6).map((x) => x[0]).sort(), ['Botswana', 'Kosovo', 'Sydafrika', 'Uganda']);
		assert.equal(order.reduce((n, x) => n + x[1], 0), 32);
	});
});

describe('cached pages', () => {
	test('a change to the data shows on the next request: every write moves data_version on', async () => {
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const [[id, title]] = await stack.mysql("SELECT a.id, a.title_sv FROM applications a JOIN organisations o ON o.id = a.applicant_org_id WHERE o.name LIKE 'Borlänge%' AND a.status = 'draft' LIMIT 1");
		for (let i = 0; i < 3; i++) assert.match((await s.get('/')).text, new RegExp(title));
		const [[before]] = await stack.mysql('SELECT v FROM data_version');
		await stack.mysql(`UPDATE applications SET title_sv = 'Nytt namn på utkastet ÅÄÖ' WHERE id = ${id}`);
		const [[afterV]] = await stack.mysql('SELECT v FROM data_version');
		assert.ok(BigInt(afterV) > BigInt(before), 'the trigger moved the version on');
		for (let i = 0; i < 3; i++) {
			const page = (await s.get('/')).text;
			assert.match(page, /Nytt namn på utkastet ÅÄÖ/);
			assert.doesNotMatch(page, new RegExp(`>${title}<`));
		}
		await stack.mysql(`UPDATE applications SET title_sv = NULL, title_en = NULL WHERE id = ${id}`);
		assert.match((await s.get('/')).text, /Ansökan utan titel/);
	});
});

describe('the start page\'s rounds by country', () => {
	/** The start page's tables of approved projects by country of a round: [[heading, projects in total]]. */
	const roundTables = (html) => [...html.matchAll(/<h2>(Beviljade (?:hittills )?i utlysningen [^<]*)<\/h2>([\s\S]*?)<\/table>/g)]
		.map((m) => [m[1], [...m[2].matchAll(/<th scope="row">[^<]+<\/th><td class="num">(\d+)<\/td>/g)]
			.reduce((n, x) => n + Number(x[1]), 0)]);

	test('a first decision in a new round shows it beside the round before, until the new round is fully decided', async () => {
		const sida = stack.session();
		await sida.login('sida@sida.example');
		assert.deepEqual(roundTables((await sida.get('/')).text), [['Beviljade i utlysningen 2016, per land', 32]],
			'the 2017 round has no decision yet');
		const admin = stack.session();
		await admin.login('admin@icld.example');
		const [[id]] = await stack.mysql(`SELECT a.id FROM applications a JOIN rounds r ON r.id = a.round_id
			WHERE r.year = 2017 AND a.status = 'submitted' ORDER BY a.id LIMIT 1`);
		const action = `/applications/${id}/decision`;
		const { form } = await admin.form(action, (f) => f.action === action);
		assert.equal((await admin.post(action, { ...form.fields, outcome: 'approve' })).status, 303);
		const both = [['Beviljade hittills i utlysningen 2017, per land', 1], ['Beviljade i utlysningen 2016, per land', 32]];
		assert.deepEqual(roundTables((await sida.get('/')).text), both);
		assert.deepEqual(roundTables((await admin.get('/')).text), both, 'the admin\'s start page alike');
		// Closed, with applications still awaiting a decision: not yet fully decided.
		await stack.mysql("UPDATE rounds SET closes_on = '2016-09-15' WHERE year = 2017");
		assert.deepEqual(roundTables((await sida.get('/')).text), both);
		// Every application decided (or no longer awaiting one): the new round alone.
		await stack.mysql(`UPDATE applications a JOIN rounds r ON r.id = a.round_id SET a.status = 'withdrawn'
			WHERE r.year = 2017 AND a.status IN ('submitted', 'under_review')`);
		assert.deepEqual(roundTables((await sida.get('/')).text), [['Beviljade i utlysningen 2017, per land', 1]]);
	});
});
