// mail.mjs - kpp-mailer's benchmark (run it through tests/bench/mail, which checks the tools and refreshes build/).
// On one private stack with a real SMTP server (tests/e2e/harness.mjs startStack({ mail: true }): aiosmtpd keeping
// each message in a Maildir), for each of BENCH_SIZES (10 000, then 100 000): queues that many messages at once,
// starts one kpp-mailer with the stack's configuration ([mail] batch 20, as shipped), waits until every one is
// sent, and prints messages per second and the mailer's peak resident memory (VmHWM of /proc/PID/status).
//
// Goal, checked: the largest within 1.2x the smallest one's peak RSS. Exit status 0 when met, 1 when not or when
// something failed. BENCH_KEEP=1 keeps the stack's directory.
import fs from 'node:fs';
import { startStack, waitFor } from '../e2e/harness.mjs';

const SIZES = (process.env.BENCH_SIZES || '10000,100000').split(',').map(Number);
const RSS_RATIO = 1.2;
const KEEP = process.env.BENCH_KEEP === '1';

/** The peak resident memory of process pid in MiB, while it runs. */
function peakRssMb(pid) {
	const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB$/m);
	if (!m) throw new Error(`no VmHWM in /proc/${pid}/status`);
	return Number(m[1]) / 1024;
}

async function measure(stack, n) {
	const first = Number(await stack.one('SELECT COALESCE(MAX(id), 0) + 1 FROM outbox'));
	// A realistic message: a subject and a few lines with non-ASCII text, as the decision mails are.
	await stack.mysql(`INSERT INTO outbox (kind, recipient_email, recipient_name, lang, subject, body, link, created_at,
		state, attempts, next_attempt_at) SELECT 'decision', CONCAT('person', seq, '@vaxjo.example'), 'Växjö kommun', 'sv',
		CONCAT('Beslut om ansökan ', seq, ': Lokal demokrati i Kisumu'),
		REPEAT('ICLD har fattat beslut om er ansökan. Läs beslutsbrevet på portalen: https://portal.icld.se/applications/1/letter\\n', 8),
		'https://portal.icld.se/applications/1/letter', UTC_TIMESTAMP(), 'queued', 0, UTC_TIMESTAMP(6) FROM seq_1_to_${n}`,
	{ timeoutMs: 600000 });
	const t0 = process.hrtime.bigint();
	const pid = await stack.startMailer();
	let peak = 0;
	await waitFor(async () => {
		peak = Math.max(peak, peakRssMb(pid));
		return Number(await stack.one(`SELECT COUNT(*) FROM outbox WHERE id >= ${first} AND state = 'sent'`)) === n;
	}, 3600000, `${n} messages sent`, 500);
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	peak = Math.max(peak, peakRssMb(pid));
	await stack.stopMailers('SIGTERM');
	stack.mailers.length = 0;
	const failed = await stack.one(`SELECT COUNT(*) FROM outbox WHERE id >= ${first} AND state <> 'sent'`);
	if (failed !== '0') throw new Error(`${failed} of ${n} messages not sent`);
	return { n, seconds, rate: n / seconds, rssMb: peak };
}

async function main() {
	const stack = await startStack({ data: 'empty', workers: 1, mail: true, name: 'bench-mail', accessLog: false });
	let failed = true;
	try {
		const rows = [];
		for (const n of SIZES) {
			const r = await measure(stack, n);
			rows.push(r);
			console.log(`${String(n).padStart(7)} messages: ${r.seconds.toFixed(1)} s, ${r.rate.toFixed(0)} messages/s, `
				+ `mailer peak RSS ${r.rssMb.toFixed(1)} MiB`);
		}
		const small = rows[0];
		const large = rows[rows.length - 1];
		const ratio = large.rssMb / small.rssMb;
		const ok = ratio <= RSS_RATIO;
		console.log(`peak RSS ${large.n} / ${small.n}: ${ratio.toFixed(2)}x (goal <= ${RSS_RATIO}x): ${ok ? 'met' : 'MISSED'}`);
		console.log(`rate ${large.n} / ${small.n}: ${(large.rate / small.rate).toFixed(2)}`);
		failed = !ok;
	} finally {
		await stack.stop({ keep: KEEP });
	}
	process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
	console.error(`bench: ${e.message}`);
	process.exitCode = 1;
});
