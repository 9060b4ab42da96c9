// Addresses of the console: every page is a path under /console/, reached
// with the history API, so pages can be bookmarked and reloaded (the server
// answers the console's page for any path under /console/).

const routes = [];
const sections = new Map(); // nav section → [{label, path, order, when}]

/**
 * page registers a page. pattern: a path under /console with :name
 * parameters ('/outlets/:id'). render(ctx) fills ctx.main; ctx has
 * params, query, main and title(text) to name the page. opts.access:
 * 'public' (no session needed), 'user' (signed in), 'tenant' (a tenant
 * selected), 'platform' (a platform admin). opts.nav: {section ('tenant',
 * 'platform', 'account'), label, order, when: () => bool (shown only when
 * it answers true, e.g. for some roles)}.
 */
export function page(pattern, render, opts = {}) {
  const names = [];
  const re = new RegExp('^' + pattern.replace(/:[a-z_]+/g, (m) => { names.push(m.slice(1)); return '([^/]+)'; }) + '/?$');
  routes.push({ pattern, re, names, render, access: opts.access || 'user' });
  if (opts.nav) {
    const list = sections.get(opts.nav.section) || [];
    list.push({ path: pattern, label: opts.nav.label, order: opts.nav.order || 100, when: opts.nav.when });
    list.sort((a, b) => a.order - b.order);
    sections.set(opts.nav.section, list);
  }
}

/** navItems lists a nav section's entries that apply now. */
export function navItems(section) {
  return (sections.get(section) || []).filter((n) => !n.when || n.when());
}

/** match finds the page of a console path ('/outlets/x'). */
export function match(path) {
  for (const r of routes) {
    const m = path.match(r.re);
    if (m) {
      const params = {};
      r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { route: r, params };
    }
  }
  return null;
}

let onChange = () => {};

/** start calls show(path, query) now and on every navigation. */
export function start(show) {
  onChange = show;
  addEventListener('popstate', () => show(current(), new URLSearchParams(location.search)));
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest && ev.target.closest('a[href^="/console"]');
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || a.target) return;
    ev.preventDefault();
    go(a.getAttribute('href'));
  });
  show(current(), new URLSearchParams(location.search));
}

/** current is the console path shown ('/' for /console/). */
export function current() {
  const p = location.pathname.replace(/^\/console/, '') || '/';
  return p;
}

/** go shows the page at a console path ('/outlets' or '/console/outlets?x=1'); replace keeps the history entry. */
export function go(path, replace) {
  const full = path.startsWith('/console') ? path : '/console' + (path === '/' ? '/' : path);
  if (replace) history.replaceState(null, '', full); else history.pushState(null, '', full);
  onChange(current(), new URLSearchParams(location.search));
}

/** link is an anchor to a console path. */
export function href(path) { return '/console' + (path === '/' ? '/' : path); }
