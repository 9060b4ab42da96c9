// The console's shell: the header (tenant and environment switchers, the
// account menu), the navigation of the sections the user may see, the
// impersonation banner, and the page of the address.

import { session, restore, signedIn, selectTenant, signOut, switchEnvironment, platformAdmin, endImpersonation } from './api.js';
import { h, describe, notice } from './ui.js';
import { start, match, go, navItems, href, current } from './router.js';
import './pages/signin.js';
import './pages/home.js';
import './pages/auth/index.js';
import './pages/tenant/index.js';
import './pages/manage/index.js';
import './pages/platform/index.js';
import './pages/booking/index.js';

const top = document.getElementById('top');
const nav = document.getElementById('nav');
const main = document.getElementById('main');
const banner = document.getElementById('banner');

function header() {
  const brand = h('a', { href: href('/'), class: 'brand' }, 'Tenantry');
  if (!signedIn()) { top.replaceChildren(brand); return; }
  const parts = [brand];
  if (session.tenants.length > 0 && !session.impersonating) { // an impersonation is bound to its tenant and environment
    const sel = h('select', { id: 'tenant-switch', 'aria-label': 'Tenant' },
      session.tenant ? null : h('option', { value: '' }, 'Choose a tenant…'),
      session.tenants.map((t) => h('option', { value: t.id, selected: session.tenant && t.id === session.tenant.id }, t.name + ' (' + t.role + ')')));
    sel.addEventListener('change', async () => {
      try { await selectTenant(sel.value); go('/'); } catch (err) { alert(describe(err)); }
    });
    parts.push(sel);
  }
  if (session.tenant && !session.impersonating) {
    const env = h('select', { id: 'env-switch', 'aria-label': 'Environment' },
      ['prod', 'dev'].map((e) => h('option', { value: e, selected: session.env === e }, e === 'prod' ? 'Production' : 'Development')));
    env.addEventListener('change', async () => {
      try { await switchEnvironment(env.value); refreshShell(); } catch (err) { alert(describe(err)); env.value = session.env; }
    });
    parts.push(env);
  }
  const who = session.me ? (session.me.email || '') : '';
  parts.push(h('div', { class: 'account' },
    h('a', { href: href('/profile'), id: 'profile-link' }, who),
    h('button', { type: 'button', id: 'signout', onclick: async () => { await signOut(false); go('/signin'); } }, 'Sign out'),
    h('button', { type: 'button', id: 'signout-all', onclick: async () => { await signOut(true); go('/signin'); } }, 'Sign out everywhere')));
  top.replaceChildren(...parts);
}

function navigation() {
  if (!signedIn()) { nav.hidden = true; return; }
  const groups = [];
  const add = (title, section) => {
    const items = navItems(section);
    if (items.length) groups.push(h('div', { class: 'nav-group' }, h('h2', null, title),
      h('ul', null, items.map((n) => h('li', null, h('a', { href: href(n.path), 'aria-current': current() === n.path ? 'page' : null }, n.label))))));
  };
  if (session.tenant) add(session.tenant.name, 'tenant');
  if (platformAdmin()) add('Platform', 'platform');
  add('Account', 'account');
  nav.replaceChildren(...groups);
  nav.hidden = groups.length === 0;
}

function impersonation() {
  banner.hidden = !session.impersonating;
  if (session.impersonating) banner.replaceChildren(notice('warn', 'You are impersonating ' + (session.me ? session.me.email : 'a user') + '. Everything you do is audited as theirs and yours. ',
    h('button', { type: 'button', id: 'stop-impersonating', onclick: async () => { const back = session.impersonating.returnTo; await endImpersonation(); go(back || '/', true); } }, 'Stop impersonating')));
}

/** refreshShell redraws the header and navigation (after a change of session). */
export function refreshShell() { header(); navigation(); impersonation(); }

let shownSeq = 0; // the newest navigation: a page that leads elsewhere while rendering yields to it

// notFound shows the page for an address that does not exist, or that the
// user may not see (the same page: nothing tells the two apart).
function notFound() {
  main.replaceChildren(h('h1', null, 'Page not found'), h('p', null, 'There is no such page. ', h('a', { href: href('/') }, 'Go to the start.')));
}

// done marks the page shown (data-page and data-shown, for tests and
// assistive tools) and moves the focus to its heading.
function done(pattern) {
  const h1 = main.querySelector('h1');
  if (h1) { h1.setAttribute('tabindex', '-1'); h1.focus(); }
  main.dataset.page = pattern;
  main.dataset.shown = String(Number(main.dataset.shown || 0) + 1);
}

async function show(path, query) {
  const mine = ++shownSeq;
  const m = match(path);
  refreshShell();
  if (!m) { document.title = 'Page not found · Tenantry'; notFound(); done('not-found'); return; }
  const access = m.route.access;
  if (access !== 'public' && !signedIn()) { go('/signin?next=' + encodeURIComponent(path + location.search), true); return; }
  if (access === 'tenant' && !session.tenant) { go('/tenants', true); return; }
  if (access === 'platform' && !platformAdmin()) { notFound(); done('not-found'); return; }
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  const ctx = { params: m.params, query, main, title: (t) => { document.title = t + ' · Tenantry'; } };
  try {
    await m.route.render(ctx);
  } catch (err) {
    if (mine !== shownSeq) return;
    if (err && err.status === 404) notFound();
    else main.replaceChildren(h('h1', null, err && err.status === 403 ? 'Not allowed' : 'Something went wrong'),
      notice('error', describe(err)), h('p', null, h('a', { href: href('/') }, 'Go to the start.')));
    done(err && err.status === 404 ? 'not-found' : m.route.pattern);
    return;
  }
  if (mine !== shownSeq) return;
  done(m.route.pattern);
}

session.listeners.add(refreshShell);
(async () => {
  await restore();
  start(show);
})();
