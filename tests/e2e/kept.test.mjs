// kept.test.mjs - a form posted after its session lapsed is kept for its author (kept.c, h_kept.c): they sign in
// again, see what they sent and save it; another person signing in on the same browser gets nothing; a form
// without the lapsed session's own token (another site's) is refused and nothing is kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, formOn, send, parseForms, ACCOUNTS } from './harness.mjs';

let stack, one;

before(async () => {
	({ stack, one } = await openStack({ workers: 2 }));
});

after(() => stack?.stop());

const LOGIN = { form: (f) => f.action === '/login' };
const cookie = (res, name) => (res.headers['set-cookie'] || []).find((c) => c.startsWith(`${name}=`));

/** A new draft of the applicant's, signed in as s: its id. */
async function newDraft(s) {
	const { form, page } = await formOn(s, '/applications/new', '/applications');
	const choice = form.inputs.find((i) => i.name === 'choice' && i.value.endsWith(':project') && page.text.includes(`value="${i.value}"`));
	const res = await send(s, form, { choice: choice.value });
	assert.equal(res.status, 303);
	return Number(res.headers.location.match(/^\/applications\/(\d+)\/tasks$/)[1]);
}

/** Lets the sessions of email lapse, as an hour without activity does. */
const lapse = (email) => stack.mysql(`UPDATE sessions s JOIN users u ON u.id = s.user_id
	SET s.last_seen_at = UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE u.email = '${email}'`);

describe('a form posted after the session lapsed', () => {
	test('is kept, shown only to its author once signed in again, and saved on their word', async () => {
		const s = stack.session();
		await s.login(ACCOUNTS.applicant);
		const id = await newDraft(s);
		const { form } = await formOn(s, `/applications/${id}/project`);
		const text = `Sammanfattning skriven i en timme, rad ett\nrad två & "citat" ${Date.now()}`;
		await lapse(ACCOUNTS.applicant);
		const res = await send(s, form, { summary_sv: text });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/login?next=/kept');
		assert.ok(cookie(res, 'kpp_kept'), 'the browser holds the token');
		assert.equal(await one(`SELECT COUNT(*) FROM kept_posts k JOIN users u ON u.id = k.user_id WHERE u.email = '${ACCOUNTS.applicant}'
			AND k.path = '/applications/${id}/project'`), '1');
		assert.equal(await one(`SELECT COALESCE(summary_sv, '') = '' FROM applications WHERE id = ${id}`), '1', 'nothing saved yet');
		const signIn = await s.get('/login?next=/kept');
		assert.match(signIn.text, /What you sent has been kept|Det du skickade har sparats undan/);

		// Someone else signing in on the same browser sees nothing of it, and it stays for its author.
		const other = await s.submit('/login?next=/kept', { email: 'kalmar@kommun.example', password: 'demo-password' }, LOGIN);
		assert.equal(other.headers.location, '/kept');
		const theirs = await s.get('/kept');
		assert.equal(theirs.status, 303);
		assert.equal(theirs.headers.location, '/');
		assert.ok(!(await s.get('/')).text.includes('Sammanfattning skriven'));
		assert.equal((await s.post('/kept', { csrf: parseForms((await s.get('/')).text)[0].fields.csrf, action: 'save' })).status, 303);
		assert.equal(await one(`SELECT COALESCE(summary_sv, '') = '' FROM applications WHERE id = ${id}`), '1');
		await s.post('/logout', { csrf: parseForms((await s.get('/')).text).find((f) => f.action === '/logout').fields.csrf });

		// Its author signs in and lands on what they sent; saving it goes through the section's own save.
		const back = await s.submit('/login?next=/kept', { email: ACCOUNTS.applicant, password: 'demo-password' }, LOGIN);
		assert.equal(back.headers.location, '/kept');
		const page = await s.get('/kept');
		assert.equal(page.status, 200);
		assert.ok(page.text.includes('rad två &amp; &quot;citat&quot;') || page.text.includes('rad två &amp; "citat"'), 'the text is shown');
		assert.match(page.text, new RegExp(`href="/applications/${id}/project"`));
		const keptForm = parseForms(page.text).find((f) => f.action === '/kept');
		const saved = await s.post('/kept', { csrf: keptForm.fields.csrf, action: 'save' });
		assert.equal(saved.status, 303, saved.text.slice(0, 500));
		assert.match(await one(`SELECT summary_sv FROM applications WHERE id = ${id}`), /rad två & "citat"/);
		assert.equal(await one(`SELECT COUNT(*) FROM kept_posts WHERE path = '/applications/${id}/project'`), '0');
		assert.match(cookie(saved, 'kpp_kept') || '', /Max-Age=0/);
		assert.equal((await s.get('/kept')).status, 303, 'nothing kept any more');
	});

	test('is refused without the lapsed session\'s own token, or without any session, and nothing is kept', async () => {
		const s = stack.session();
		await s.login('gavle@kommun.example');
		const before = await one('SELECT COUNT(*) FROM kept_posts');
		await lapse('gavle@kommun.example');
		const forged = await s.post('/applications', { csrf: 'a'.repeat(64), choice: 'x' });
		assert.equal(forged.status, 403);
		const none = await stack.session().post('/applications', { csrf: 'a'.repeat(64), choice: 'x' });
		assert.equal(none.status, 403);
		assert.equal(await one('SELECT COUNT(*) FROM kept_posts'), before);
	});

	test('can be discarded, and a page left open only to sign out keeps nothing', async () => {
		const s = stack.session();
		await s.login('falkoping@kommun.example');
		const home = await s.get('/');
		const logout = parseForms(home.text).find((f) => f.action === '/logout');
		const { form } = await formOn(s, '/applications/new', '/applications');
		await lapse('falkoping@kommun.example');
		const out = await s.post('/logout', logout.fields);
		assert.equal(out.status, 303);
		assert.equal(out.headers.location, '/login');
		const kept = await send(s, form, { choice: 'nothing-valid' });
		assert.equal(kept.headers.location, '/login?next=/kept');
		await s.submit('/login?next=/kept', { email: 'falkoping@kommun.example', password: 'demo-password' }, LOGIN);
		const page = await s.get('/kept');
		const discard = await s.post('/kept', { csrf: parseForms(page.text).find((f) => f.action === '/kept').fields.csrf, action: 'discard' });
		assert.equal(discard.status, 303);
		assert.equal(discard.headers.location, '/', 'no page to go back to: the start page');
		assert.equal(await one("SELECT COUNT(*) FROM kept_posts k JOIN users u ON u.id = k.user_id WHERE u.email = 'falkoping@kommun.example'"), '0');
	});
});
