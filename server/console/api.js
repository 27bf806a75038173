// The console's one way to the JSON API (docs/console.md): JSON in and out,
// the session's CSRF token on every request that changes state, and the
// log-in page when the session has ended.

const BASE = '/api/v1/console/';
let csrfToken = '';
let sessionLost = null;

// The token from POST or GET /session; '' after log-out.
export function setCsrf(token) {
  csrfToken = token || '';
}

// `handler` runs when an answer is 401 (the session ended or never was).
export function onSessionLost(handler) {
  sessionLost = handler;
}

// 'items', 'faq-x', 'vi' → 'items/faq-x/vi', each part percent-encoded.
export function path(...parts) {
  return parts.map((p) => encodeURIComponent(String(p))).join('/');
}

// Resolves to {ok, status, data, headers} whatever the status; `data` is the
// parsed JSON body or null. A network failure is status 0 with
// data.error. A 401 also calls the session-lost handler unless
// options.quiet401 is set (the log-in form, which expects 401s).
export async function call(method, route, body, options = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(BASE + route, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (err) {
    return { ok: false, status: 0, data: { error: String(err && err.message ? err.message : err) }, headers: new Headers() };
  }
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { error: text.slice(0, 500) };
    }
  }
  if (response.status === 401 && !options.quiet401 && sessionLost) sessionLost();
  return { ok: response.ok, status: response.status, data, headers: response.headers };
}

export const get = (route, options) => call('GET', route, undefined, options);
export const post = (route, body, options) => call('POST', route, body === undefined ? {} : body, options);
export const put = (route, body, options) => call('PUT', route, body, options);
export const del = (route, options) => call('DELETE', route, undefined, options);

// A short reason for an answer that went wrong, for a message line.
export function reason(answer) {
  if (answer.data && typeof answer.data.error === 'string' && answer.data.error) return answer.data.error;
  if (answer.data && Array.isArray(answer.data.errors)) {
    return answer.data.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
  }
  return answer.status ? `HTTP ${answer.status}` : 'no answer from the server';
}
