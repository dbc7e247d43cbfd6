// multipart.mjs - multipart/form-data bodies for the end-to-end tests, byte for byte, as browsers send them.
// Only Node's standard library.
//
//   import { multipartBody, submitMultipart } from './lib/multipart.mjs';
//   const { body, contentType } = multipartBody([
//     { name: 'csrf', value: token },
//     { name: 'accounts', filename: 'bokslut.pdf', type: 'application/pdf', content: pdfBuffer },
//   ]);
//   await session.post('/some/upload', body, { headers: { 'Content-Type': contentType } });
//   // a truncated upload: body.subarray(0, body.length - 20), sent with its own (shorter) length
//   await postLarge(stack.baseUrl, '/reports/1', 11 * 1024 * 1024, { Cookie: session.cookieHeader() });
import crypto from 'node:crypto';
import http from 'node:http';
import { parseForms } from './http.mjs';

/**
 * multipartBody(parts, {boundary}) -> {body: Buffer, contentType, boundary}
 * parts, in order: {name, value} for a field; {name, filename, type, content: Buffer | string} for a file
 * (type: the part's Content-Type, default application/octet-stream; filename '' for a file input left
 * empty). Names and filenames are written in quotes with '"' as %22, as browsers do.
 */
export function multipartBody(parts, { boundary = `----kppTestBoundary${crypto.randomBytes(8).toString('hex')}` } = {}) {
	const q = (s) => String(s).replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
	const chunks = [];
	for (const p of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${q(p.name)}"`;
		if (p.filename !== undefined) head += `; filename="${q(p.filename)}"\r\nContent-Type: ${p.type || 'application/octet-stream'}`;
		chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'));
		const content = p.filename !== undefined ? p.content ?? '' : p.value ?? '';
		chunks.push(Buffer.isBuffer(content) ? content : Buffer.from(String(content), 'utf8'));
		chunks.push(Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}`, boundary };
}

/**
 * submitMultipart(session, path, fields, files, {form}) -> the POST's response.
 * Like Session.submit(): GETs path, takes its form (opts.form: index or predicate), keeps its fields (the CSRF
 * token first, as the page sends it) with fields over them, adds files ([{name, filename, type, content}])
 * and POSTs it all as multipart/form-data to the form's action.
 */
export async function submitMultipart(session, path, fields = {}, files = [], opts = {}) {
	const page = await session.get(path);
	const forms = parseForms(page.text);
	const which = opts.form ?? 0;
	const form = typeof which === 'function' ? forms.find(which) : forms[which];
	if (!form) throw new Error(`no form on ${path} (status ${page.status})`);
	const all = { ...form.fields, ...fields };
	const parts = [];
	if ('csrf' in all) parts.push({ name: 'csrf', value: all.csrf });
	for (const [name, value] of Object.entries(all)) if (name !== 'csrf') parts.push({ name, value });
	parts.push(...files);
	const { body, contentType } = multipartBody(parts);
	const target = new URL(form.action || path, new URL(path, session.baseUrl));
	return session.post(target.pathname + target.search, body, { headers: { 'Content-Type': contentType } });
}

/**
 * postLarge(baseUrl, path, size, headers) -> {status, headers, text}: POSTs a multipart body of size bytes (a file
 * "big.pdf" in field f) without holding it, as a big upload would come; an answer before the body is all sent
 * (nginx's 413 from the Content-Length) is taken.
 */
export function postLarge(baseUrl, p, size, headers = {}) {
	const boundary = '----kppLargeUpload';
	const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="big.pdf"\r\n`
		+ 'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n');
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	return new Promise((resolve, reject) => {
		const req = http.request(`${baseUrl}${p}`, {
			method: 'POST', agent: false,
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': size, ...headers },
		}, (r) => {
			let text = '';
			r.setEncoding('utf8');
			r.on('data', (d) => { text += d; });
			r.on('end', () => resolve({ status: r.statusCode, headers: r.headers, text }));
			r.on('error', reject);
		});
		// nginx may answer from the Content-Length alone and close before the body is all sent.
		req.on('error', (e) => { if (!['EPIPE', 'ECONNRESET'].includes(e.code)) reject(e); });
		const filler = Buffer.alloc(64 * 1024, 'x');
		let sent = 0;
		const write = (b) => { sent += b.length; return req.write(b); };
		const pump = () => {
			if (sent === 0 && !write(head)) { req.once('drain', pump); return; }
			while (sent < size - tail.length) {
				const n = Math.min(filler.length, size - tail.length - sent);
				if (!write(n === filler.length ? filler : filler.subarray(0, n))) { req.once('drain', pump); return; }
			}
			if (sent < size) write(tail);
			req.end();
		};
		pump();
	});
}
