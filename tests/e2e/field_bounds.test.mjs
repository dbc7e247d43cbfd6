// field_bounds.test.mjs - every text field of every form is bounded before anything is stored: the forms each
// role reaches from its start page are found by following the links (one page of each kind), and each text
// field is posted alone far longer than any column holds (the rest of the form as the page filled it). The
// answer is never a server error; a form shown again names that field's error next to it and shows back what
// was typed; and in the end no column of any table, the audit log included, holds the long text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, parseForms } from './harness.mjs';

let stack, admin, applicant;

before(async () => {
	({ stack, admin, applicant } = await openStack({ workers: 2 }, ['admin', 'applicant']));
});

after(() => stack?.stop());

// Longer than any column (a TEXT holds 65 535 bytes) and than any field's own limit: a word of its own,
// repeated, so that any piece of it stored anywhere (three words: a truncated copy too) can be looked for.
const WORD = 'overlong-';
const LONG = WORD.repeat(Math.ceil(70000 / WORD.length)).slice(0, 70000);
const STORED_PIECE = WORD.repeat(3);
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'url', 'search', 'textarea', 'date', 'number']);
// Not forms whose fields are typed: signing out, the language switch (which sends only a choice and a path).
const SKIP_ACTIONS = [/^\/logout$/, /^\/language$/];
// Links not followed: downloads, and pages that end the session.
const SKIP_LINKS = /\.(csv|xlsx|xml|zip|pdf)$|\/attachments\/|^\/logout|^\/static\/|^\/iati\//;

/**
 * The kind of a link: its numbers and project codes replaced and its query's values left out, so that one page
 * of each kind is visited (a list's sorts and pages once; a form's ?side=partner beside ?side=swedish).
 */
const kindOf = (p) => {
	const [pathPart, query = ''] = p.split('?');
	const keys = [...new URLSearchParams(query)].map(([k, v]) => (k === 'side' ? `${k}=${v}` : k)).sort();
	return `${pathPart.replace(/\d{4}-\d{4}/g, '#').replace(/\d+/g, '#')}?${keys.join('&')}`;
};

/** The local pages s reaches from starts by links, one of each kind, at most max. */
async function crawl(s, starts, max = 150) {
	const seen = new Set(starts.map(kindOf)), pages = [];
	const queue = [...starts];
	while (queue.length > 0 && pages.length < max) {
		const p = queue.shift();
		const res = await s.get(p);
		if (res.status !== 200 || !/text\/html/.test(res.headers['content-type'] || '')) continue;
		pages.push({ path: p, html: res.text });
		for (const m of res.text.matchAll(/href="(\/[^"#]*)"/g)) {
			const href = m[1].replace(/&amp;/g, '&');
			if (SKIP_LINKS.test(href) || href.startsWith('//')) continue;
			const k = kindOf(href);
			if (seen.has(k)) continue;
			seen.add(k);
			queue.push(href);
		}
	}
	return pages;
}

/**
 * The id of the field of a page that shows text back (as typed, or normalised in capitals), or null: the
 * field the error must stand next to (rows of a table may be numbered anew when shown again).
 */
function fieldShowing(html, text) {
	const lower = html.toLowerCase();
	for (let at = lower.indexOf(text); at >= 0; at = lower.indexOf(text, at + text.length)) {
		const open = lower.lastIndexOf('<', at);
		const tag = html.slice(open, html.indexOf('>', open) + 1);
		const id = tag.match(/\bid="([^"]+)"/);
		if (/^<(input|textarea)\b/i.test(tag) && id) return id[1];
	}
	return null;
}

async function checkRole(s, who, starts = ['/']) {
	const pages = await crawl(s, starts);
	const problems = [];
	const done = new Set();
	let posted = 0;
	for (const page of pages) {
		for (const form of parseForms(page.html)) {
			if (form.method !== 'post' || SKIP_ACTIONS.some((re) => re.test(form.action))) continue;
			for (const input of form.inputs) {
				if (!TEXT_TYPES.has(input.type)) continue;
				const key = `${kindOf(form.action)} ${input.name}`;
				if (done.has(key)) continue;
				done.add(key);
				// A fresh page each time: a post before may have changed the form's version.
				const fresh = parseForms((await s.get(page.path)).text).find((f) => f.action === form.action);
				if (!fresh) continue;
				// A choice nobody made yet takes its first option, so that the fields it brings in are judged.
				const chosen = {};
				for (const i of fresh.inputs)
					if (i.type === 'radio' && !(i.name in fresh.fields) && !(i.name in chosen)) chosen[i.name] = i.value;
				const res = await s.post(form.action, new URLSearchParams({ ...fresh.fields, ...chosen, [input.name]: LONG }).toString(),
					{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
				posted++;
				const where = `${who}: ${form.action} (on ${page.path}) field ${input.name}`;
				if (res.status >= 500) {
					problems.push(`${where}: ${res.status}`);
					continue;
				}
				if (res.status === 303 || res.status === 404 || res.status === 403) continue;
				const id = fieldShowing(res.text, LONG);
				if (id === null)
					problems.push(`${where}: ${res.status}, the text typed is not shown back in a field`);
				else if (!res.text.includes(`id="${id}-error"`) || !res.text.includes(`href="#${id}"`))
					problems.push(`${where}: ${res.status} without an error next to #${id} and in the summary`);
			}
		}
	}
	return { problems, posted, fields: [...done] };
}

describe('every text field of every form is bounded', () => {
	test('ICLD\'s forms, a review among them', async (t) => {
		// The review form is the assigned reviewer's: the admin takes a submitted application.
		const app = await stack.one("SELECT id FROM applications WHERE status IN ('submitted', 'under_review') ORDER BY id LIMIT 1");
		const me = await stack.one("SELECT id FROM users WHERE email = 'admin@icld.example'");
		const { form } = await admin.form(`/applications/${app}`, (f) => f.action === `/applications/${app}/reviewers`);
		const assigned = await admin.post(form.action, new URLSearchParams({ ...form.fields, reviewer: me }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(assigned.status, 303);
		const { problems, posted, fields } = await checkRole(admin, 'admin', [`/applications/${app}/review`, '/']);
		t.diagnostic(fields.join('\n'));
		assert.ok(posted >= 20, `only ${posted} fields posted`);
		assert.deepEqual(problems, []);
	});

	test('an applicant\'s forms, a new draft\'s sections among them', async (t) => {
		// The draft's sections are reached from its task list: a draft of each kind of project.
		const starts = [];
		for (const type of ['project', 'three_party']) {
			const { form, page } = await applicant.form('/applications/new', (f) => f.action === '/applications');
			const choice = form.inputs.find((i) => i.name === 'choice' && i.value.endsWith(`:${type}`) && page.text.includes(`value="${i.value}"`));
			if (!choice) continue;
			const res = await applicant.post('/applications', new URLSearchParams({ ...form.fields, choice: choice.value }).toString(),
				{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			assert.equal(res.status, 303);
			starts.push(res.headers.location);
		}
		assert.ok(starts.length >= 1, 'a draft to fill');
		const { problems, posted, fields } = await checkRole(applicant, 'applicant', [...starts, '/']);
		t.diagnostic(fields.join('\n'));
		assert.ok(posted >= 20, `only ${posted} fields posted`);
		assert.deepEqual(problems, []);
	});

	test('the sign-in form', async () => {
		const s = stack.session();
		const { problems } = await checkRole({
			get: (p) => s.get(p === '/' ? '/login' : p), post: (...a) => s.post(...a),
		}, 'anyone');
		assert.deepEqual(problems, []);
	});

	test('no column of any table holds the long text', async () => {
		const cols = await stack.mysql(`SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = DATABASE() AND data_type IN ('varchar', 'text', 'mediumtext', 'longtext', 'char')`);
		const hits = [];
		for (const [t, c] of cols) {
			const n = await stack.one(`SELECT COUNT(*) FROM \`${t}\` WHERE \`${c}\` LIKE '%${STORED_PIECE}%'`);
			if (n !== '0') hits.push(`${t}.${c}: ${n}`);
		}
		assert.deepEqual(hits, []);
	});
});
