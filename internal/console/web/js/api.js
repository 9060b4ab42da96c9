// The console's only way to the server: the public JSON API. The access
// token lives in this module's memory; the refresh token in an HttpOnly
// cookie set by POST /api/v1/console/session, which the script never sees.
// A reload restores the session through POST /api/v1/console/refresh, whose
// X-CSRF-Token header repeats the script-readable CSRF cookie.

/** ApiError is a problem answer (RFC 9457) of the API. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.code = problem.code || '';
    this.problem = problem;
    /** fields maps a field name to its message. */
    this.fields = {};
    for (const e of problem.errors || []) this.fields[e.field] = e.message;
  }
}

const TENANT_KEY = 'tenantry.tenant'; // which tenant this tab works in: an id, not a secret

/** session is what the console knows of the signed-in user. */
export const session = {
  global: null,   // access token of the sign-in (no tenant, or the tenant signed in to)
  scoped: null,   // access token scoped to session.tenant
  csrf: '',
  me: null,       // GET /api/v1/me
  tenants: [],    // GET /api/v1/me/tenants
  tenant: null,   // the tenant worked in: {id, name, slug, role, status}
  env: 'prod',
  impersonating: false,
  listeners: new Set(),
};

function changed() { for (const f of session.listeners) f(session); }

function csrfCookie() {
  const m = document.cookie.match(/(?:^|;\s*)__Host-tenantry-csrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

async function send(method, path, body, token, headers) {
  const h = Object.assign({ Accept: 'application/json, application/problem+json' }, headers || {});
  if (token) h.Authorization = 'Bearer ' + token;
  let payload = body;
  if (body !== undefined && !(body instanceof FormData) && !(body instanceof Blob)) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, { code: 'network', detail: 'The server could not be reached. Check the connection and try again.' });
  }
  return res;
}

async function parse(res, raw) {
  if (!res.ok) {
    let problem = {};
    try { problem = await res.json(); } catch (e) { problem = { detail: res.status + ' ' + res.statusText }; }
    throw new ApiError(res.status, problem);
  }
  if (raw) return res;
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

let refreshing = null;

/** refresh gets a new access token from the console cookie, once for concurrent callers. */
export function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const res = await send('POST', '/api/v1/console/refresh', undefined, null, { 'X-CSRF-Token': csrfCookie() });
        const s = await parse(res);
        session.global = s.access_token;
        session.csrf = s.csrf_token;
        session.scoped = null;
        if (session.tenant) await scope(session.tenant.id);
        return true;
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

/**
 * api calls the JSON API with the session's token and answers the parsed
 * body (null for 204). An expired token is refreshed once and the call
 * repeated. opts: {raw: answer the Response, headers, global: use the
 * sign-in's token even while a tenant is selected, anonymous}.
 */
export async function api(method, path, body, opts = {}) {
  const token = () => opts.anonymous ? null : (opts.global ? session.global : (session.scoped || session.global));
  let res = await send(method, path, body, token(), opts.headers);
  if (res.status === 401 && !opts.anonymous && session.impersonating) {
    // An impersonation token has no refresh: it ended (15 minutes at most). Back to the admin's own session.
    await endImpersonation();
    throw new ApiError(401, { code: 'impersonation_ended', detail: 'The impersonation has ended (it lasts at most 15 minutes): you act as yourself again.' });
  }
  if (res.status === 401 && !opts.anonymous && session.global) {
    try { await refresh(); } catch (e) { signedOut(); throw new ApiError(401, { code: 'session_ended', detail: 'Your session has ended: sign in again.' }); }
    res = await send(method, path, body, token(), opts.headers);
  }
  return parse(res, opts.raw);
}

/** page calls a listing and answers {items, total, next} from its headers. */
export async function list(path, opts = {}) {
  const res = await api('GET', path, undefined, Object.assign({}, opts, { raw: true }));
  const items = await res.json();
  const total = res.headers.get('X-Total-Count');
  return { items, total: total === null ? null : Number(total), next: res.headers.get('X-Next-Cursor') || '' };
}

async function scope(tenantID) {
  const s = await parse(await send('POST', '/api/v1/auth/select-tenant', { tenant_id: tenantID }, session.global));
  session.scoped = s.access_token;
  session.env = s.environment || 'prod';
}

/**
 * adopt takes a completed sign-in (an answer carrying refresh_token) into
 * the console: the refresh token goes to the cookie and is used up there.
 */
export async function adopt(signin) {
  const s = await parse(await send('POST', '/api/v1/console/session', { refresh_token: signin.refresh_token }));
  session.global = s.access_token;
  session.csrf = s.csrf_token;
  await load();
  const preferred = signin.tenant_id || sessionStorage.getItem(TENANT_KEY);
  const pick = session.tenants.find((t) => t.id === preferred) || (session.tenants.length === 1 ? session.tenants[0] : null);
  if (pick) await selectTenant(pick.id);
  changed();
}

/** restore resumes the session of this browser's cookie, if there is one. */
export async function restore() {
  if (!csrfCookie()) return false;
  try {
    await refresh();
  } catch (e) {
    return false;
  }
  await load();
  const saved = sessionStorage.getItem(TENANT_KEY);
  const pick = session.tenants.find((t) => t.id === saved) || (session.tenants.length === 1 ? session.tenants[0] : null);
  if (pick) {
    try { await selectTenant(pick.id); } catch (e) { sessionStorage.removeItem(TENANT_KEY); }
  }
  changed();
  return true;
}

async function load() {
  session.me = await parse(await send('GET', '/api/v1/me', undefined, session.global));
  session.tenants = await parse(await send('GET', '/api/v1/me/tenants', undefined, session.global));
}

/** selectTenant makes tenantID the tenant this tab works in. */
export async function selectTenant(tenantID) {
  await scope(tenantID);
  session.tenant = session.tenants.find((t) => t.id === tenantID) || { id: tenantID, name: tenantID, role: '' };
  sessionStorage.setItem(TENANT_KEY, tenantID);
  changed();
}

/** reloadTenants re-reads the tenants of the user (after creating one). */
export async function reloadTenants() {
  session.tenants = await api('GET', '/api/v1/me/tenants', undefined, { global: true });
  if (session.tenant) session.tenant = session.tenants.find((t) => t.id === session.tenant.id) || session.tenant;
  changed();
}

/** switchEnvironment exchanges the tenant token for one acting in env. */
export async function switchEnvironment(env) {
  const s = await api('POST', '/api/v1/auth/switch-environment', { environment: env });
  session.scoped = s.access_token;
  session.env = s.environment || env;
  changed();
}

/**
 * impersonate makes the console act with an impersonation token (the
 * answer of POST /api/v1/admin/impersonate): the user's identity in the
 * one tenant, with no refresh token. The admin's own session stays in
 * its cookie; endImpersonation resumes it (so does a reload). returnTo is
 * the console path to show after it ends.
 */
export async function impersonate(answer, returnTo) {
  const token = answer.access_token;
  const get = async (path) => parse(await send('GET', path, undefined, token));
  const me = await get('/api/v1/me');
  let tenants = [];
  try { tenants = await get('/api/v1/me/tenants'); } catch (e) { tenants = []; }
  const t = tenants.find((x) => x.id === answer.tenant_id) || { id: answer.tenant_id, name: answer.tenant_id, status: 'active' };
  session.global = session.scoped = token;
  session.me = me;
  session.tenant = Object.assign({}, t, { role: answer.role || t.role || '' });
  session.tenants = [session.tenant];
  session.env = 'prod';
  session.impersonating = { userID: answer.user_id, tenantID: answer.tenant_id, email: me.email || '',
    expiresAt: Date.now() + (answer.expires_in || 0) * 1000, returnTo: returnTo || '' };
  changed();
}

/** endImpersonation drops the impersonation token and resumes the admin's own session from the cookie. */
export async function endImpersonation() {
  if (!session.impersonating) return;
  session.impersonating = false;
  session.global = session.scoped = null;
  session.tenant = null;
  session.tenants = [];
  session.me = null;
  try {
    await refresh();
    await load();
    const saved = sessionStorage.getItem(TENANT_KEY);
    const pick = session.tenants.find((t) => t.id === saved);
    if (pick) { try { await selectTenant(pick.id); } catch (e) { /* stays without a tenant */ } }
  } catch (e) {
    signedOut();
    return;
  }
  changed();
}

/** signOut ends this console session, or every session of the account. */
export async function signOut(everywhere) {
  if (session.impersonating) await endImpersonation();
  try {
    await api('DELETE', '/api/v1/console/session', everywhere ? { everywhere: true } : undefined,
      { global: true, headers: { 'X-CSRF-Token': csrfCookie() } });
  } finally {
    signedOut();
  }
}

function signedOut() {
  session.impersonating = false;
  session.global = session.scoped = null;
  session.me = session.tenant = null;
  session.tenants = [];
  session.csrf = '';
  sessionStorage.removeItem(TENANT_KEY);
  changed();
}

/** signedIn reports whether there is a session. */
export function signedIn() { return !!session.global; }

/** role is the user's role in the selected tenant ('' without one). */
export function role() { return session.tenant ? session.tenant.role : ''; }

/**
 * allowed reports whether the user's role in the selected tenant may do
 * action, an action of the permission table (docs/roles.md), as the API's
 * GET /api/v1/me/tenants lists them: the console asks the server's table,
 * never a copy of it.
 */
export function allowed(action) { return !!(session.tenant && (session.tenant.actions || []).includes(action)); }

/** isAdmin reports whether the user administers the selected tenant. */
export function isAdmin() { return ['owner', 'tenant_admin'].includes(role()); }

/** platformAdmin reports whether the user is a platform admin. */
export function platformAdmin() { return !!(session.me && session.me.is_platform_admin); }
