// http.mjs - a small HTTP client for the end-to-end tests: raw responses, cookies, and HTML forms.
// Only Node's standard library: it runs on Debian 12's Node 18 as well as on newer ones.
import http from 'node:http';

/**
 * request(baseUrl, path, {method, headers, body, timeoutMs}) -> Promise<response>
 * One HTTP/1.1 request on a new connection, no redirects followed. body: string | Buffer | URLSearchParams |
 * plain object (sent as application/x-www-form-urlencoded). The response:
 *   {status, headers (lower-case names; set-cookie is an array), body: Buffer, text: string, ms}
 * Rejects on a network error or after timeoutMs (default 30 s).
 */
export function request(baseUrl, path, opts = {}) {
	const url = new URL(path, baseUrl);
	let body = opts.body;
	const headers = { ...(opts.headers || {}) };
	if (body !== undefined && body !== null && !(typeof body === 'string') && !Buffer.isBuffer(body)) {
		body = new URLSearchParams(body).toString();
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	if (body !== undefined && body !== null) headers['Content-Length'] = Buffer.byteLength(body);
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const req = http.request(url, {
			method: opts.method || (body !== undefined && body !== null ? 'POST' : 'GET'),
			headers,
			agent: false,
		}, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => {
				const buf = Buffer.concat(chunks);
				resolve({
					status: res.statusCode,
					headers: res.headers,
					body: buf,
					text: buf.toString('utf8'),
					complete: res.complete,
					ms: Date.now() - started,
				});
			});
		});
		req.setTimeout(opts.timeoutMs ?? 30000, () => req.destroy(new Error(`timeout after ${opts.timeoutMs ?? 30000} ms: ${url}`)));
		req.on('error', reject);
		if (body !== undefined && body !== null) req.write(body);
		req.end();
	});
}

/** The decoded text of HTML attribute values and text (the entities the application may write). */
export function htmlDecode(s) {
	return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (m, e) => {
		const l = e.toLowerCase();
		if (l === 'amp') return '&';
		if (l === 'lt') return '<';
		if (l === 'gt') return '>';
		if (l === 'quot') return '"';
		if (l === 'apos' || l === '#39') return "'";
		if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
		return String.fromCodePoint(parseInt(l.slice(1), 10));
	});
}

function attrs(tag) {
	const out = {};
	const re = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
	let m;
	const inner = tag.replace(/^<\s*[a-z]+/i, '').replace(/\/?>$/, '');
	while ((m = re.exec(inner))) out[m[1].toLowerCase()] = htmlDecode(m[2] ?? m[3] ?? m[4] ?? '');
	return out;
}

/**
 * parseForms(html) -> [{action, method, fields: {name: value}, inputs: [{name, type, value, checked}]}]
 * fields holds what a browser would send unchanged: hidden and text inputs, checked boxes, selected options,
 * textareas (the CSRF token among them). Good enough for the application's own pages, not a full HTML parser.
 */
export function parseForms(html) {
	const forms = [];
	const formRe = /<form\b[^>]*>([\s\S]*?)<\/form>/gi;
	let fm;
	while ((fm = formRe.exec(html))) {
		const open = fm[0].match(/^<form\b[^>]*>/i)[0];
		const a = attrs(open);
		const body = fm[1];
		const inputs = [];
		const fields = {};
		for (const m of body.matchAll(/<input\b[^>]*>/gi)) {
			const ia = attrs(m[0]);
			if (!ia.name) continue;
			const type = (ia.type || 'text').toLowerCase();
			const input = { name: ia.name, type, value: ia.value ?? '', checked: 'checked' in ia };
			inputs.push(input);
			if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
			if ((type === 'checkbox' || type === 'radio') && !input.checked) continue;
			if (type === 'checkbox' || type === 'radio') input.value = ia.value ?? 'on';
			fields[ia.name] = input.value;
		}
		for (const m of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
			const ta = attrs(`<textarea${m[1]}>`);
			if (ta.name) { fields[ta.name] = htmlDecode(m[2].replace(/^\n/, '')); inputs.push({ name: ta.name, type: 'textarea', value: fields[ta.name] }); }
		}
		for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
			const sa = attrs(`<select${m[1]}>`);
			if (!sa.name) continue;
			const opts = [...m[2].matchAll(/<option\b([^>]*)>([\s\S]*?)(?=<option\b|<\/option>|$)/gi)].map((o) => {
				const oa = attrs(`<option${o[1]}>`);
				return { value: oa.value ?? htmlDecode(o[2].trim()), selected: 'selected' in oa };
			});
			const sel = opts.find((o) => o.selected) || opts[0];
			if (sel) fields[sa.name] = sel.value;
			inputs.push({ name: sa.name, type: 'select', value: sel ? sel.value : '', options: opts.map((o) => o.value) });
		}
		forms.push({ action: a.action ?? '', method: (a.method || 'get').toLowerCase(), fields, inputs, html: fm[0] });
	}
	return forms;
}

/**
 * A browser-like session: keeps cookies (name=value, honouring Max-Age=0/expired deletions), sends them back,
 * follows nothing by itself. Create one with new Session(baseUrl) or stack.session().
 *   get(path, opts), post(path, fields|body, opts)  -> response (as request() above)
 *   form(path, n = 0 | predicate)                   -> the page and its n-th form (or the first that matches)
 *   submit(path, fields, {form})                    -> GET the page, take its form (with CSRF token), override
 *                                                      fields, POST it to the form's action; the response
 *   login(email, password)                          -> the POST /login response; throws unless it redirects
 */
export class Session {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookies = new Map();
	}

	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	remember(res) {
		for (const sc of res.headers['set-cookie'] || []) {
			const [pair, ...attrsList] = sc.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const lower = attrsList.map((x) => x.trim().toLowerCase());
			const gone = value === '' || lower.some((x) => x === 'max-age=0' || x.startsWith('max-age=-')) ||
				lower.some((x) => x.startsWith('expires=') && Date.parse(x.slice(8)) < Date.now());
			if (gone) this.cookies.delete(name); else this.cookies.set(name, value);
		}
		return res;
	}

	async request(path, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		if (this.cookies.size) headers.Cookie = this.cookieHeader();
		return this.remember(await request(this.baseUrl, path, { ...opts, headers }));
	}

	get(path, opts = {}) { return this.request(path, { ...opts, method: 'GET' }); }

	post(path, body, opts = {}) { return this.request(path, { ...opts, method: 'POST', body }); }

	async form(path, which = 0) {
		const page = await this.get(path);
		const forms = parseForms(page.text);
		const form = typeof which === 'function' ? forms.find(which) : forms[which];
		if (!form) throw new Error(`no form ${typeof which === 'function' ? 'matching' : which} on ${path} (status ${page.status})`);
		return { page, form, forms };
	}

	async submit(path, fields = {}, opts = {}) {
		const { form } = await this.form(path, opts.form ?? 0);
		const target = new URL(form.action || path, new URL(path, this.baseUrl));
		const action = target.pathname + target.search;
		const body = new URLSearchParams({ ...form.fields, ...fields });
		return this.post(action, body.toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(opts.headers || {}) } });
	}

	async login(email, password = 'demo-password') {
		const res = await this.submit('/login', { email, password }, { form: (f) => 'password' in f.fields || f.inputs.some((i) => i.name === 'password') });
		if (res.status < 300 || res.status >= 400)
			throw new Error(`login as ${email} answered ${res.status}, not a redirect:\n${res.text.slice(0, 500)}`);
		return res;
	}
}
