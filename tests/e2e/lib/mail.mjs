// mail.mjs - reading the messages the test SMTP server kept (stack.mailbox()): header fields, RFC 2047 encoded
// words, quoted-printable text; and waiting for the messages a test expects.
import { waitFor } from '../harness.mjs';

/** A message's header fields, unfolded, by lower-case name: {name: value}. */
export function headers(raw) {
	const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
	const out = {};
	for (const line of head.split('\r\n')) {
		const i = line.indexOf(':');
		out[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
	}
	return out;
}

/** RFC 2047 encoded words (B and Q, UTF-8) decoded; whitespace between two encoded words dropped. */
export function decodeWords(v) {
	return v.replace(/(\?=)\s+(?==\?)/g, '$1').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (m, enc, text) => (
		enc.toLowerCase() === 'b'
			? Buffer.from(text, 'base64')
			: Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (x, h) => String.fromCharCode(parseInt(h, 16))), 'latin1')
	).toString('utf8'));
}

/** A quoted-printable body decoded to its UTF-8 text, line ends as LF. */
export function decodeQP(body) {
	const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (x, h) => String.fromCharCode(parseInt(h, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}

/**
 * A delivered message as a person reads it: {raw, headers, to, from, subject (decoded), body (decoded text,
 * LF line ends), messageId, link (the first https?:// address in the text, or null)}.
 */
export function readMail(raw) {
	const h = headers(raw);
	const body = decodeQP(raw.slice(raw.indexOf('\r\n\r\n') + 4));
	return {
		raw,
		headers: h,
		to: decodeWords(h.to ?? ''),
		from: decodeWords(h.from ?? ''),
		subject: decodeWords(h.subject ?? ''),
		body,
		messageId: h['message-id'],
		link: (body.match(/https?:\/\/\S+/) ?? [null])[0],
	};
}

/** Every message stack's server has kept so far, read (readMail), oldest first. */
export function mails(stack) {
	return stack.mailbox().map((m) => readMail(m.raw));
}

/**
 * Waits until the messages to address (and matching pred, when given) number at least n; returns them,
 * oldest first. The mailer must run (stack.startMailer()).
 */
export function mailsTo(stack, address, { n = 1, pred = () => true, timeoutMs = 20000 } = {}) {
	return waitFor(() => {
		const got = mails(stack).filter((m) => m.to.includes(`<${address}>`) || m.to === address).filter(pred);
		return got.length >= n ? got : null;
	}, timeoutMs, `${n} message(s) to ${address} (mailer log:\n${stack.mailerLog()})`, 200);
}
