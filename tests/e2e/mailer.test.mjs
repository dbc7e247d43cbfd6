// mailer.test.mjs - kpp-mailer against a real SMTP server (aiosmtpd, a Maildir sink): rows queued in the outbox
// by SQL are delivered with their headers, retried after a 451, failed on a 550 with the server's words; a
// transaction rolled back queues nothing; a dead mailer's rows are sent once their lease has run out; two
// mailers at once send each row once; a mailer killed with SIGKILL mid-batch leaves at most the message in hand sent
// twice; STARTTLS required is never given up for a relay without it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pidAlive, startStack, sqlText, waitFor } from './harness.mjs';
import { decodeQP, decodeWords, headers } from './lib/mail.mjs';

let stack;
before(async () => {
	stack = await startStack({ data: 'empty', workers: 1, mail: true, conf: { 'mail.message_id_domain': 'kpp.test' } });
	await stack.startMailer();
});
after(() => stack?.stop());

/** The INSERT of one outbox row, as db_outbox_add() makes it. */
function insertSql({ kind = 'test', email, name = '', lang = 'sv', subject, body, created = 'UTC_TIMESTAMP()' }) {
	return `INSERT INTO outbox (kind, recipient_email, recipient_name, lang, subject, body, created_at, state, attempts,
		next_attempt_at) VALUES ('${kind}', ${sqlText(email)}, ${sqlText(name)}, '${lang}', ${sqlText(subject)},
		${sqlText(body)}, ${created}, 'queued', 0, UTC_TIMESTAMP(6))`;
}

/** Queues a message (committed); its row id. */
async function queue(msg) {
	return Number(await stack.one(`${insertSql(msg)}; SELECT LAST_INSERT_ID()`));
}

async function row(id) {
	const [r] = await stack.mysql(`SELECT state, attempts, last_answer, sent_at IS NOT NULL FROM outbox WHERE id = ${id}`);
	return r && { state: r[0], attempts: Number(r[1]), answer: r[2], sentAt: r[3] === '1' };
}

/** Waits until row id is in a final state (sent, failed); returns the row. */
function settled(id, timeoutMs = 20000) {
	return waitFor(async () => {
		const r = await row(id);
		return r && (r.state === 'sent' || r.state === 'failed') ? r : null;
	}, timeoutMs, `outbox row ${id} to be sent or failed (mailer log:\n${stack.mailerLog()})`, 200);
}

/** The delivered messages of row id (by its Message-ID). */
function delivered(id) {
	return stack.mailbox().filter((m) => m.raw.includes(`<kpp-outbox-${id}@kpp.test>`));
}

test('a queued message is delivered once, with encoded words, its Message-ID and Auto-Submitted; the row says sent', async () => {
	const body = 'Hej Växjö kommun!\n\nBeslutet om ansökan 2016-0042 är fattat = beviljad. Läs det på portalen.\n';
	const id = await queue({ email: 'registrator@vaxjo.example', name: 'Växjö kommun', subject: 'Beslut för Växjö kommun', body });
	const r = await settled(id);
	assert.equal(r.state, 'sent', `row ${id}: ${JSON.stringify(r)}`);
	assert.equal(r.attempts, 1);
	assert.match(r.answer, /^250 2\.0\.0 Ok/);
	assert.ok(r.sentAt);
	const got = delivered(id);
	assert.equal(got.length, 1);
	const h = headers(got[0].raw);
	assert.match(h.to, /=\?utf-8\?[bq]\?/i, 'the name travels in an encoded word');
	assert.equal(decodeWords(h.to), 'Växjö kommun <registrator@vaxjo.example>');
	assert.match(h.subject, /=\?utf-8\?[bq]\?/i);
	assert.equal(decodeWords(h.subject), 'Beslut för Växjö kommun');
	assert.equal(h['message-id'], `<kpp-outbox-${id}@kpp.test>`);
	assert.equal(h['auto-submitted'], 'auto-generated');
	assert.equal(h.from, 'ICLD <noreply@icld.se>');
	assert.equal(h['reply-to'], 'info@icld.se');
	assert.ok(h.date && !Number.isNaN(Date.parse(h.date)), `Date: ${h.date}`);
	assert.equal(h['delivered-to'], '<registrator@vaxjo.example>');
	assert.equal(h['return-path'], '<noreply@icld.se>');
	assert.match(h['content-type'], /^text\/plain; charset=utf-8$/i);
	assert.equal(h['content-transfer-encoding'], 'quoted-printable');
	assert.ok(/^[\x00-\x7f]*$/.test(got[0].raw), 'nothing but ASCII on the wire');
	assert.equal(decodeQP(got[0].raw.slice(got[0].raw.indexOf('\r\n\r\n') + 4)), body);
	assert.match(stack.mailerLog(), new RegExp(`req=outbox-${id} .*test to registrator@vaxjo\\.example: sent \\(attempt 1\\): 250 `));
});

test('kpp-admin mail-test queues a message through db_outbox_add, which the mailer delivers', async () => {
	const r = await stack.admin(['mail-test', 'ops@icld.example']);
	assert.equal(r.code, 0, r.stderr);
	const id = Number(r.stdout.match(/^queued test message (\d+) to ops@icld\.example/)[1]);
	assert.deepEqual((await stack.mysql(`SELECT kind, recipient_email, recipient_name, lang, link FROM outbox WHERE id = ${id}`))[0],
		['test', 'ops@icld.example', '', 'sv', null]);
	assert.equal((await settled(id)).state, 'sent');
	const [m] = delivered(id);
	assert.equal(decodeWords(headers(m.raw).subject), 'kpp: testmeddelande / test message');
	assert.match(decodeQP(m.raw.slice(m.raw.indexOf('\r\n\r\n') + 4)), /^Det här är ett testmeddelande från kpp/);
	const bad = await stack.admin(['mail-test', 'not an address']);
	assert.equal(bad.code, 1);
	assert.match(bad.stderr, /is not an email address/);
});

test('the server answering 451 then 250: delivered once, after one retry', async () => {
	stack.smtpAnswers(['451 4.3.0 Try again later']);
	const id = await queue({ email: 'anna@borlange.example', lang: 'en', subject: 'Report due', body: 'Your report is due.\n' });
	const r = await settled(id);
	assert.equal(r.state, 'sent', JSON.stringify(r));
	assert.equal(r.attempts, 2);
	assert.match(r.answer, /^250 /);
	assert.deepEqual(stack.smtpAnswersLeft(), []);
	assert.equal(delivered(id).length, 1);
	assert.match(stack.mailerLog(), new RegExp(`req=outbox-${id} .*not delivered \\(attempt 1\\), again in 1 s: 451 4\\.3\\.0 Try again later`));
});

test('a 451 for a message queued longer ago than max_retry_hours: failed, with the server\'s text', async () => {
	stack.smtpAnswers(['451 4.7.1 Greylisted, try again']);
	// Queued 49 hours ago ([mail] max_retry_hours is 48): its next try would come too late.
	const id = await queue({ email: 'old@borlange.example', subject: 'Gammalt', body: 'Sedan länge.\n',
		created: 'UTC_TIMESTAMP() - INTERVAL 49 HOUR' });
	const r = await settled(id);
	assert.equal(r.state, 'failed');
	assert.equal(r.answer, '451 4.7.1 Greylisted, try again');
	assert.equal(delivered(id).length, 0);
	assert.match(stack.mailerLog(), new RegExp(`req=outbox-${id} .*failed \\(not delivered within 48 hours, 1 attempts\\)`));
});

test('the server answering 550: failed at once, with the server\'s text, and nothing delivered', async () => {
	stack.smtpAnswers(['550 5.1.1 No such user here']);
	const id = await queue({ email: 'nobody@borlange.example', subject: 'Kvitto', body: 'Tack.\n' });
	const r = await settled(id);
	assert.equal(r.state, 'failed');
	assert.equal(r.attempts, 1);
	assert.equal(r.answer, '550 5.1.1 No such user here');
	assert.equal(r.sentAt, false);
	assert.equal(delivered(id).length, 0);
});

test('the relay down for a while, then up: every message delivered once, after retries', async () => {
	await stack.stopSmtp();
	const ids = [];
	for (const n of [1, 2, 3]) ids.push(await queue({ email: `down${n}@borlange.example`, subject: `Down ${n}`, body: 'Later.\n' }));
	await waitFor(async () => Number(await stack.one(`SELECT MIN(attempts) FROM outbox WHERE id IN (${ids})`)) >= 2, 20000,
		`two failed tries each (mailer log:\n${stack.mailerLog()})`, 200);
	for (const id of ids) {
		const r = await row(id);
		assert.equal(r.state, 'queued');
		assert.match(r.answer, /connect/i, 'no reply: why is recorded');
	}
	await stack.startSmtp();
	for (const id of ids) {
		const r = await settled(id, 30000);
		assert.equal(r.state, 'sent');
		assert.ok(r.attempts >= 3, `attempts ${r.attempts}`);
		assert.equal(delivered(id).length, 1);
	}
});

test('a transaction that added a message and rolled back leaves nothing queued and sends nothing', async () => {
	const before = Number(await stack.one('SELECT COUNT(*) FROM outbox'));
	await stack.mysql(`START TRANSACTION; ${insertSql({ email: 'rollback@borlange.example', subject: 'Rolled back', body: 'Never.\n' })};
		ROLLBACK`);
	// A message committed after it goes through: the mailer has had its chance at whatever was queued.
	const marker = await queue({ email: 'marker@borlange.example', subject: 'Marker', body: 'After.\n' });
	assert.equal((await settled(marker)).state, 'sent');
	assert.equal(Number(await stack.one('SELECT COUNT(*) FROM outbox')), before + 1);
	assert.equal(await stack.one("SELECT COUNT(*) FROM outbox WHERE recipient_email = 'rollback@borlange.example'"), '0');
	assert.ok(!stack.mailbox().some((m) => m.raw.includes('rollback@borlange.example')));
});

test('a row left sending by a mailer that died is queued again once its lease has run out, and delivered', async () => {
	// As a mailer killed after its claim leaves its rows: sending, one attempt counted; one lease past, one not.
	const leased = (email, until) => stack.one(`INSERT INTO outbox (kind, recipient_email, recipient_name, lang, subject,
		body, created_at, state, attempts, next_attempt_at, lease_holder, lease_until) VALUES ('test', '${email}', '', 'sv',
		'Leased', 'Claimed before.\n', UTC_TIMESTAMP(), 'sending', 1, UTC_TIMESTAMP(6), 'elsewhere:1', ${until});
		SELECT LAST_INSERT_ID()`).then(Number);
	const held = await leased('held@borlange.example', 'UTC_TIMESTAMP(6) + INTERVAL 1 HOUR');
	const id = await leased('orphan@borlange.example', 'UTC_TIMESTAMP(6) - INTERVAL 1 SECOND');
	const r = await settled(id);
	assert.equal(r.state, 'sent');
	assert.equal(r.attempts, 2);
	assert.equal(delivered(id).length, 1);
	assert.match(stack.mailerLog(), /1 message\(s\) of a mailer that stopped while sending them are queued again/);
	// A lease still running belongs to its mailer: nobody else sends that row.
	assert.deepEqual((await stack.mysql(`SELECT state, lease_holder FROM outbox WHERE id = ${held}`))[0], ['sending', 'elsewhere:1']);
	assert.equal(delivered(held).length, 0);
	await stack.mysql(`UPDATE outbox SET state = 'cancelled', lease_holder = NULL, lease_until = NULL WHERE id = ${held}`);
});

test('two mailers at once: each of 200 messages is claimed by one and delivered once, a batch over one connection', async () => {
	const second = await stack.startMailer();
	const first = await stack.one('SELECT COALESCE(MAX(id), 0) + 1 FROM outbox');
	await stack.mysql(`INSERT INTO outbox (kind, recipient_email, recipient_name, lang, subject, body, created_at, state,
		attempts, next_attempt_at) SELECT 'test', CONCAT('bulk', seq, '@borlange.example'), '', 'sv', CONCAT('Bulk ', seq),
		'Text.\n', UTC_TIMESTAMP(), 'queued', 0, UTC_TIMESTAMP(6) FROM seq_1_to_200`);
	await waitFor(async () => (await stack.one(`SELECT COUNT(*) FROM outbox WHERE id >= ${first} AND state = 'sent'`)) === '200',
		60000, `200 messages sent (mailer log:\n${stack.mailerLog()})`, 250);
	assert.deepEqual(await stack.mysql(`SELECT DISTINCT attempts FROM outbox WHERE id >= ${first}`), [['1']]);
	const ids = stack.mailbox().map((m) => (m.raw.match(/^Message-Id: <kpp-outbox-(\d+)@kpp\.test>/mi) || [])[1])
		.filter((id) => Number(id) >= Number(first));
	assert.equal(ids.length, 200, 'one delivery per row');
	assert.equal(new Set(ids).size, 200);
	// A batch goes over one connection ([mail] batch 20): two mailers need a few, not one per message.
	const peers = new Set(stack.mailbox().filter((m) => /^Message-Id: <kpp-outbox-(\d+)@/mi.test(m.raw)
		&& Number(m.raw.match(/^Message-Id: <kpp-outbox-(\d+)@/mi)[1]) >= Number(first))
		.map((m) => m.raw.match(/^X-Sink-Peer: (\S+)/m)[1]));
	assert.ok(peers.size >= 1 && peers.size <= 20, `200 messages over ${peers.size} connections`);
	assert.match(stack.mailerLog(), new RegExp(`as [^ ]+:${second}\n`));
});

test('SIGTERM: the mailers stop cleanly, holding no row', async () => {
	const r = await stack.stopMailers('SIGTERM');
	assert.deepEqual(r, [{ code: 0, signal: null }, { code: 0, signal: null }]);
	assert.equal(stack.mailerLog().match(/ stopped$/gm).length, 2);
	assert.equal(await stack.one("SELECT COUNT(*) FROM outbox WHERE state = 'sending'"), '0');
});

test('starttls = required and a relay without TLS: nothing goes out in clear, the message waits for a retry', async () => {
	const pid = await stack.startMailer({ conf: { 'mail.starttls': 'required', 'mail.retry_first_seconds': 3600 } });
	const id = await queue({ email: 'secret@borlange.example', subject: 'Lösenord', body: 'Din länk.\n' });
	const r = await waitFor(async () => { const x = await row(id); return x.attempts === 1 && x.state === 'queued' ? x : null; },
		20000, `row ${id} tried once (mailer log:\n${stack.mailerLog()})`, 200);
	assert.match(r.answer, /STARTTLS|SSL|TLS/i);
	assert.equal(delivered(id).length, 0);
	assert.ok(!stack.mailbox().some((m) => m.raw.includes('secret@borlange.example')));
	assert.match(stack.mailerLog(), new RegExp(`req=outbox-${id} .*not delivered \\(attempt 1\\), again in 3600 s`));
	assert.deepEqual(await stack.stopMailers('SIGTERM'), [{ code: 0, signal: null }, { code: 0, signal: null }, { code: 0, signal: null }]);
	assert.equal(pidAlive(pid), false);
});

test('a mailer killed with SIGKILL in the middle of a batch of 500: every row delivered, a duplicate only for the message in hand', async () => {
	// A short lease (timeout_seconds x (batch + 1) = 18 s), so that the dead mailer's rows come back soon.
	const conf = { 'mail.timeout_seconds': 3, 'mail.batch': 5 };
	const first = Number(await stack.one('SELECT COALESCE(MAX(id), 0) + 1 FROM outbox'));
	await stack.mysql(`INSERT INTO outbox (kind, recipient_email, recipient_name, lang, subject, body, created_at, state,
		attempts, next_attempt_at) SELECT 'test', CONCAT('killed', seq, '@gavle.example'), '', 'sv', CONCAT('Batch ', seq),
		'Text.\n', UTC_TIMESTAMP(), 'queued', 0, UTC_TIMESTAMP(6) FROM seq_1_to_500`);
	const sent = async () => Number(await stack.one(`SELECT COUNT(*) FROM outbox WHERE id >= ${first} AND state = 'sent'`));
	// What a mailer holds: the rows it has claimed and not recorded, one of them perhaps delivered already.
	const holding = async (pid) => (await stack.mysql(`SELECT id FROM outbox WHERE id >= ${first} AND state = 'sending'
		AND lease_holder LIKE '%:${pid}'`)).map(([id]) => Number(id));
	// Killed while it holds a batch. A kill that lands between two batches (it holds nothing by then) proves
	// less: another mailer is started and killed in its turn.
	const held = [];
	let kills = 0;
	for (let attempt = 1; attempt <= 5 && held.length === 0; attempt++) {
		const victim = await stack.startMailer({ conf });
		const after = 100 + 50 * attempt;
		await waitFor(async () => (await sent()) >= after && (await holding(victim)).length > 0, 60000,
			`${after} messages sent and a batch in hand (mailer log:\n${stack.mailerLog()})`, 10);
		process.kill(victim, 'SIGKILL');
		kills++;
		await waitFor(() => !pidAlive(victim), 5000, 'the killed mailer to be gone');
		held.push(...await holding(victim));
	}
	assert.ok(held.length >= 1 && held.length <= 5, `killed in the middle of a batch: it held ${held.length} rows`);
	assert.ok((await sent()) < 500, 'killed before the end');
	await stack.startMailer({ conf });
	await waitFor(async () => (await sent()) === 500, 120000, `all 500 sent (mailer log:\n${stack.mailerLog()})`, 250);
	const times = new Map();
	for (const m of stack.mailbox()) {
		const id = Number((m.raw.match(/^Message-Id: <kpp-outbox-(\d+)@kpp\.test>/mi) || [])[1]);
		if (id >= first) times.set(id, (times.get(id) ?? 0) + 1);
	}
	assert.equal(times.size, 500, 'every row delivered');
	const twice = [...times].filter(([, n]) => n > 1).map(([id]) => id);
	assert.ok(twice.length <= kills, `delivered twice: ${twice} (mailers killed: ${kills})`);
	for (const id of twice) assert.ok(held.includes(id), `row ${id} delivered twice but was not in a dead mailer's hand`);
	assert.ok([...times.values()].every((n) => n <= 2));
	// The rows in the dead mailers' hands were claimed again (a second attempt); no other row was.
	assert.deepEqual((await stack.mysql(`SELECT id FROM outbox WHERE id >= ${first} AND attempts > 1 ORDER BY id`))
		.map(([id]) => Number(id)), [...held].sort((a, b) => a - b));
	await stack.stopMailers('SIGTERM');
});
