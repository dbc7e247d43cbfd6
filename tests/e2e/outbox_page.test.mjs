// outbox_page.test.mjs - /outbox, ICLD's officers' view of the e-mail kpp sends, against a real SMTP server and
// kpp-mailer: a 550 shows as failed with the server's words; Retry delivers once, with a new retry window;
// Cancel means never sent; a message reads as it is sent (headers decoded, its text); the state filter and
// the address search; a button for a row that has moved on says so; applicants and Sida get 404 throughout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, csrfOf, formOn, htmlDecode, send, sqlText, startStack, textOf, waitFor } from './harness.mjs';

let stack, admin, sida, applicant;
before(async () => {
	stack = await startStack({ workers: 1, mail: true, conf: { 'mail.message_id_domain': 'kpp.test' } });
	admin = await stack.login(ACCOUNTS.admin);
	sida = await stack.login(ACCOUNTS.sida);
	applicant = await stack.login(ACCOUNTS.applicant);
	await stack.startMailer();
});
after(() => stack?.stop());

/** Queues one message (committed) as db_outbox_add() does, due at due; its row id. */
async function queue({ email, name = '', subject, body = 'Hej!\n', kind = 'decision', due = 'UTC_TIMESTAMP(6)',
	created = 'UTC_TIMESTAMP()' }) {
	return Number(await stack.one(`INSERT INTO outbox (kind, recipient_email, recipient_name, lang, subject, body,
		created_at, state, attempts, next_attempt_at) VALUES ('${kind}', ${sqlText(email)}, ${sqlText(name)}, 'sv',
		${sqlText(subject)}, ${sqlText(body)}, ${created}, 'queued', 0, ${due}); SELECT LAST_INSERT_ID()`));
}

/** A row in a final state straight away (the mailer never sees it). */
async function insertDone({ email, subject, state, answer = null }) {
	return Number(await stack.one(`INSERT INTO outbox (kind, recipient_email, lang, subject, body, created_at, state,
		attempts, next_attempt_at, last_answer, sent_at) VALUES ('payment', ${sqlText(email)}, 'sv', ${sqlText(subject)},
		'Text.\n', UTC_TIMESTAMP(), '${state}', 1, UTC_TIMESTAMP(6), ${answer === null ? 'NULL' : sqlText(answer)},
		${state === 'sent' ? 'UTC_TIMESTAMP()' : 'NULL'}); SELECT LAST_INSERT_ID()`));
}

async function row(id) {
	const [r] = await stack.mysql(`SELECT state, attempts, last_answer, created_at, retried_at FROM outbox WHERE id = ${id}`);
	return { state: r[0], attempts: Number(r[1]), answer: r[2], created: r[3], retried: r[4] };
}

function settled(id) {
	return waitFor(async () => {
		const r = await row(id);
		return r.state === 'sent' || r.state === 'failed' ? r : null;
	}, 20000, `outbox row ${id} to be sent or failed (mailer log:\n${stack.mailerLog()})`, 200);
}

const delivered = (id) => stack.mailbox().filter((m) => m.raw.includes(`<kpp-outbox-${id}@kpp.test>`));
const audits = async (action, id) => Number(await stack.one(
	`SELECT COUNT(*) FROM audit_log WHERE action = '${action}' AND entity = 'outbox' AND entity_id = ${id}`));

/** The list's row of message id, as text; null when the page does not list it. */
function listed(html, id) {
	const m = html.match(new RegExp(`<tr>(?:(?!</tr>)[\\s\\S])*href="/outbox/${id}"[\\s\\S]*?</tr>`));
	return m ? textOf(m[0]).replace(/\s+/g, ' ') : null;
}

/** Posts the message page's button (retry or cancel) as the officer does. */
async function press(s, id, what) {
	const { form } = await formOn(s, `/outbox/${id}`, `/outbox/${id}/${what}`);
	return send(s, form);
}

test('a 550 fails the message at once; /outbox shows it with the server\'s words; Retry delivers it once', async () => {
	stack.smtpAnswers(['550 5.1.1 No such user here']);
	const id = await queue({ email: 'registrator@vaxjo.example', name: 'Växjö kommun', subject: 'Beslut för Växjö kommun' });
	const failed = await settled(id);
	assert.equal(failed.state, 'failed');
	assert.equal(failed.answer, '550 5.1.1 No such user here');
	assert.equal(delivered(id).length, 0);

	const list = await admin.get('/outbox');
	assert.equal(list.status, 200);
	const line = listed(list.text, id);
	assert.ok(line, 'the failed message is listed');
	assert.match(line, /Beslut för Växjö kommun/);
	assert.match(line, /registrator@vaxjo\.example/);
	assert.match(line, /Misslyckat/);
	assert.match(line, /550 5\.1\.1 No such user here/);
	assert.match(line, /ICLD:s beslut om en ansökan/, 'the kind in words');

	const res = await press(admin, id, 'retry');
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, `/outbox/${id}?done=retry`);
	const sent = await settled(id);
	assert.equal(sent.state, 'sent', JSON.stringify(sent));
	assert.equal(sent.created, failed.created, 'when it was queued is kept');
	assert.ok(sent.retried, 'the retry is recorded');
	await new Promise((r) => setTimeout(r, 1500));
	assert.equal(delivered(id).length, 1, 'delivered once');
	assert.equal(await audits('outbox.retry', id), 1);
	// The audit log names the change, links to the message and says what it changed.
	const log = await admin.get(`/audit?entity=outbox&record=${id}`);
	assert.equal(log.status, 200);
	assert.match(log.text, new RegExp(`<a href="/outbox/${id}">`));
	assert.match(textOf(log.text), /E-post lagd i kö igen/);
	assert.match(log.text, /<th scope="row">Läge<\/th><td>Misslyckat<\/td><td>I kö<\/td><\/tr>/);
	const page = await admin.get(`/outbox/${id}?done=retry`);
	assert.match(textOf(page.text), /Meddelandet står i kö igen/);
	assert.match(textOf(page.text), /Skickat/);
});

test('Retry gives an old message a whole retry window: a 451 then queues it again instead of failing it', async () => {
	// Failed 49 hours after it was queued ([mail] max_retry_hours is 48): without a window of its own the
	// mailer would fail it at the first 451.
	const id = Number(await stack.one(`INSERT INTO outbox (kind, recipient_email, lang, subject, body, created_at, state,
		attempts, next_attempt_at, last_answer) VALUES ('payment', 'old@borlange.example', 'sv', 'Utbetalning', 'Text.\n',
		UTC_TIMESTAMP() - INTERVAL 49 HOUR, 'failed', 7, UTC_TIMESTAMP(6), '451 4.7.1 Greylisted'); SELECT LAST_INSERT_ID()`));
	stack.smtpAnswers(['451 4.3.0 Try again later']);
	assert.equal((await press(admin, id, 'retry')).status, 303);
	const r = await settled(id);
	assert.equal(r.state, 'sent', `${JSON.stringify(r)}\n${stack.mailerLog()}`);
	assert.equal(r.attempts, 2, 'the attempts count again from none: the 451, then the 250');
	assert.equal(delivered(id).length, 1);
});

test('Cancel of a queued message: cancelled, with its audit row, and never sent', async () => {
	// Due in an hour: the mailer leaves it alone until the officer has cancelled it.
	const id = await queue({ email: 'cancel@borlange.example', subject: 'Ska aldrig skickas',
		due: 'UTC_TIMESTAMP(6) + INTERVAL 1 HOUR' });
	const res = await press(admin, id, 'cancel');
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, `/outbox/${id}?done=cancel`);
	assert.equal((await row(id)).state, 'cancelled');
	assert.equal(await audits('outbox.cancel', id), 1);
	// Due now: a queued row would go at the mailer's next poll (1 s).
	await stack.mysql(`UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(6) WHERE id = ${id}`);
	await new Promise((r) => setTimeout(r, 3000));
	assert.equal((await row(id)).state, 'cancelled');
	assert.equal(delivered(id).length, 0);
	const page = await admin.get(`/outbox/${id}?done=cancel`);
	assert.match(textOf(page.text), /Meddelandet är avbrutet och kommer inte att skickas/);
	assert.doesNotMatch(page.text, /\/cancel"|\/retry"/, 'no button for a cancelled message');
});

test('the message page shows it as it is sent: headers decoded, Message-ID, Auto-Submitted, the text, its delivery', async () => {
	const body = 'Hej Växjö kommun!\n\nBeslutet om ansökan 2016-0042 är fattat = beviljad.\nLäs det på portalen.\n';
	const id = await queue({ email: 'kansli@vaxjo.example', name: 'Växjö kommun', subject: 'Beslut för Växjö kommun', body });
	const sent = await settled(id);
	assert.equal(sent.state, 'sent');
	const page = await admin.get(`/outbox/${id}`);
	assert.equal(page.status, 200);
	const headers = Object.fromEntries([...page.text.matchAll(/<div><dt>([^<]+)<\/dt><dd(?: lang="sv")?>([^<]*)<\/dd><\/div>/g)]
		.map((m) => [m[1], htmlDecode(m[2])]));
	assert.equal(headers.Subject, 'Beslut för Växjö kommun');
	assert.match(page.text, /<h1 lang="sv">Beslut för Växjö kommun<\/h1>/, 'the subject in its own language');
	assert.equal(headers.To, 'Växjö kommun <kansli@vaxjo.example>');
	assert.equal(headers.From, 'ICLD <noreply@icld.se>');
	assert.equal(headers['Reply-To'], 'info@icld.se');
	assert.equal(headers['Message-ID'], `<kpp-outbox-${id}@kpp.test>`);
	assert.equal(headers['Auto-Submitted'], 'auto-generated');
	assert.ok(!Number.isNaN(Date.parse(headers.Date)), headers.Date);
	const text = page.text.match(/<pre class="mail-text" lang="sv">([\s\S]*?)<\/pre>/);
	assert.ok(text, 'the text is shown');
	assert.equal(htmlDecode(text[1]), body);
	// The source is the message as the server got it, built by the same code: its headers (the Date aside,
	// which is each build's) and its quoted-printable text byte for byte.
	const source = htmlDecode(page.text.match(/<details class="mail-source">[\s\S]*?<pre>([\s\S]*?)<\/pre>/)[1]);
	const raw = delivered(id)[0].raw;
	assert.match(source, /^Subject: .*=\?utf-8\?[bq]\?/im, 'non-ASCII travels in encoded words');
	const line = (msg, name) => msg.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}: `));
	for (const name of ['From', 'Reply-To', 'To', 'Subject', 'Message-ID', 'Auto-Submitted', 'Content-Type',
		'Content-Transfer-Encoding'])
		assert.equal(line(source, name), line(raw, name), name);
	assert.equal(source.slice(source.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n')));
	assert.match(textOf(page.text), /250 /, 'the server\'s answer');
	assert.doesNotMatch(page.text, /\/cancel"|\/retry"/, 'no button for a sent message');
});

test('the state filter with each state\'s count, and the search by address', async () => {
	const a = await insertDone({ email: 'filter@alpha.example', subject: 'Alfa', state: 'cancelled' });
	const b = await insertDone({ email: 'filter@beta.example', subject: 'Beta', state: 'cancelled' });
	const refused = '554 5.7.1 <other@alpha.example>: Recipient address rejected: Access denied by the receiving organisation';
	const c = await insertDone({ email: 'other@alpha.example', subject: 'Gamma', state: 'failed', answer: refused });
	const accepted = '250 2.0.0 Ok: queued as 4Xk2Hq1cPz on mx1.alpha.example after a content scan of 1.2 seconds';
	const d = await insertDone({ email: 'sent@alpha.example', subject: 'Delta', state: 'sent', answer: accepted });
	const counts = Object.fromEntries(await stack.mysql('SELECT state, COUNT(*) FROM outbox GROUP BY state'));

	const cancelled = await admin.get('/outbox?state=cancelled');
	assert.equal(cancelled.status, 200);
	assert.ok(listed(cancelled.text, a) && listed(cancelled.text, b));
	assert.equal(listed(cancelled.text, c), null);
	const link = cancelled.text.match(/<a href="\/outbox\?state=cancelled" aria-current="true">([\s\S]*?)<\/a>/);
	assert.ok(link, 'the count of the state filtered by is the current one');
	assert.match(textOf(link[1]), new RegExp(`Avbrutet\\s+${counts.cancelled}$`));
	assert.match(textOf(cancelled.text), new RegExp(`Meddelande 1 till ${counts.cancelled} av ${counts.cancelled}`));

	const alpha = await admin.get('/outbox?address=ALPHA.example');
	assert.ok(listed(alpha.text, a) && listed(alpha.text, c), 'any case, any part of the address');
	assert.equal(listed(alpha.text, b), null);
	// A failed message's answer whole, as it says why; another's cut short.
	assert.ok(listed(alpha.text, c).includes(refused));
	assert.ok(listed(alpha.text, d).includes(`${accepted.slice(0, 60)}…`));
	assert.ok(!listed(alpha.text, d).includes(accepted));
	const both = await admin.get('/outbox?address=alpha&state=failed');
	assert.ok(listed(both.text, c));
	assert.equal(listed(both.text, a), null);
	assert.match(textOf(both.text), /Meddelande 1 till 1 av 1/);
	// Newest first.
	const all = await admin.get('/outbox');
	assert.ok(all.text.indexOf(`href="/outbox/${c}"`) < all.text.indexOf(`href="/outbox/${a}"`));
	assert.equal((await admin.get('/outbox?state=lost')).status, 400);
	assert.equal((await admin.get('/outbox?page=0')).status, 400);
});

test('a button for a message that has moved on meanwhile: its state kept, and a message that says why', async () => {
	const sent = await insertDone({ email: 'moved@borlange.example', subject: 'Redan skickat', state: 'sent', answer: '250 2.0.0 Ok' });
	const failed = await insertDone({ email: 'moved2@borlange.example', subject: 'Misslyckat', state: 'failed', answer: '550 No' });
	const csrf = await csrfOf(admin);
	const post = (path) => admin.post(path, `csrf=${encodeURIComponent(csrf)}`,
		{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

	let res = await post(`/outbox/${sent}/cancel`);
	assert.equal(res.status, 409);
	assert.match(textOf(res.text), /Meddelandet hann skickas innan det kunde avbrytas/);
	res = await post(`/outbox/${sent}/retry`);
	assert.equal(res.status, 409);
	assert.match(textOf(res.text), /Meddelandet har skickats under tiden/);
	res = await post(`/outbox/${failed}/cancel`);
	assert.equal(res.status, 409);
	assert.match(textOf(res.text), /finns inget att avbryta/);
	// Claimed by a mailer (its lease an hour long): no longer to be cancelled.
	const sending = Number(await stack.one(`INSERT INTO outbox (kind, recipient_email, lang, subject, body, created_at, state,
		attempts, next_attempt_at, lease_holder, lease_until) VALUES ('payment', 'busy@borlange.example', 'sv', 'Skickas',
		'Text.\n', UTC_TIMESTAMP(), 'sending', 1, UTC_TIMESTAMP(6), 'mx.test:1', UTC_TIMESTAMP(6) + INTERVAL 1 HOUR);
		SELECT LAST_INSERT_ID()`));
	res = await post(`/outbox/${sending}/cancel`);
	assert.equal(res.status, 409);
	assert.match(textOf(res.text), /Meddelandet skickas just nu och kan inte längre avbrytas/);
	assert.match(textOf(res.text), /mx\.test:1/, 'the page says which mailer holds it');
	assert.equal((await row(sending)).state, 'sending');
	assert.equal((await row(sent)).state, 'sent');
	assert.equal((await row(failed)).state, 'failed');
	assert.equal(await audits('outbox.cancel', sent) + await audits('outbox.retry', sent) + await audits('outbox.cancel', failed), 0);
	assert.equal((await post('/outbox/999999999/retry')).status, 404);
	assert.equal((await admin.get('/outbox/999999999')).status, 404);
	// Without the form's token: refused, nothing changed.
	res = await admin.post(`/outbox/${failed}/retry`, 'csrf=x', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(res.status, 403);
	assert.equal((await row(failed)).state, 'failed');
});

test('applicants and Sida get 404 for /outbox, a message and its buttons; the officers\' start page links to it', async () => {
	const id = await insertDone({ email: 'secret@borlange.example', subject: 'Hemligt', state: 'failed', answer: '550 No' });
	for (const s of [applicant, sida]) {
		const csrf = await csrfOf(s);
		for (const path of ['/outbox', '/outbox?state=failed', `/outbox/${id}`])
			assert.equal((await s.get(path)).status, 404, path);
		for (const path of [`/outbox/${id}/retry`, `/outbox/${id}/cancel`]) {
			const res = await s.post(path, `csrf=${encodeURIComponent(csrf)}`,
				{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			assert.equal(res.status, 404, path);
		}
		assert.doesNotMatch((await s.get('/')).text, /href="\/outbox"/);
	}
	assert.equal((await row(id)).state, 'failed');
	assert.match((await admin.get('/')).text, /<a href="\/outbox">Utkorg: e-post som portalen skickar<\/a>/);
});
