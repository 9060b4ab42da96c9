// Platform admin: every user (search by email), platform-admin grants and
// account locks.

import { api, session } from '../../api.js';
import { h, form, table, section, notice, button, status, dateTime, confirm, describe, pager, fill } from '../../ui.js';
import { page } from '../../router.js';
import { badge, query, keepAddress, render } from './common.js';

const LIMIT = 25;

page('/admin/users', async (ctx) => {
  ctx.title('Users');
  const state = { email: ctx.query.get('email') || '', skip: Number(ctx.query.get('skip') || 0) || 0 };
  const results = h('div', { id: 'user-results', 'aria-live': 'polite' });
  const out = status();

  const change = async (u, body, question, danger) => {
    if (question && !await confirm(question, { danger, ok: 'Yes' })) return;
    const now = await api('PUT', '/api/v1/admin/users/' + encodeURIComponent(u.id), body);
    out.show('ok', now.email + ': ' + (now.is_platform_admin ? 'platform admin' : 'not a platform admin') + ', ' + now.status + '.');
    await load();
  };

  const load = async () => {
    const r = await api('GET', '/api/v1/admin/users' + query({ email: state.email, offset: state.skip, limit: LIMIT }));
    keepAddress('/admin/users' + query({ email: state.email, skip: state.skip || '' }));
    const me = session.me ? session.me.id : '';
    fill(results, table([
      { label: 'User', value: (u) => [u.email, h('div', { class: 'hint' }, [u.first_name, u.last_name].filter(Boolean).join(' '))] },
      { label: 'Status', value: (u) => badge(u.status, u.status) },
      { label: 'Admin', value: (u) => u.is_platform_admin ? badge('platform admin', 'admin') : 'no' },
      { label: 'Tenants', value: (u) => String(u.tenant_count), class: 'num' },
      { label: 'Last sign-in', value: (u) => dateTime(u.last_login_at) },
      { label: 'Actions', value: (u) => h('div', { class: 'pf-row-actions' },
        u.is_platform_admin
          ? button('Revoke admin', () => change(u, { is_platform_admin: false }, 'Revoke platform admin from ' + u.email + '?' + (u.id === me ? ' That is you.' : ''), true),
            { status: out, label: 'Revoke platform admin from ' + u.email })
          : button('Make admin', () => change(u, { is_platform_admin: true }, 'Make ' + u.email + ' a platform admin? They can then administer every tenant.'),
            { status: out, label: 'Make ' + u.email + ' a platform admin' }),
        u.status === 'locked'
          ? button('Unlock', () => change(u, { status: 'active' }), { status: out, label: 'Unlock ' + u.email })
          : button('Lock', () => change(u, { status: 'locked' }, 'Lock ' + u.email + '? Their sessions end at once and they cannot sign in until unlocked.', true),
            { status: out, label: 'Lock ' + u.email, class: 'danger' })) },
    ], r.items, state.email ? 'No user\'s email contains "' + state.email + '". Try a shorter part, e.g. the domain.' : 'There are no users yet.'),
    r.total > LIMIT ? pager(state.skip, LIMIT, r.total, (skip) => { state.skip = skip; run(); }) : null);
    return r;
  };
  const run = async () => { try { await load(); } catch (err) { fill(results, notice('error', describe(err))); } };

  const search = form({
    id: 'user-search', submit: 'Search', class: 'form pf-filters',
    fields: [{ name: 'email', label: 'Email contains', type: 'search', value: state.email, placeholder: 'e.g. acme.com' }],
    onSubmit: async (v) => {
      state.email = (v.email || '').trim();
      state.skip = 0;
      const r = await load();
      return r.total === 1 ? '1 user found.' : r.total + ' users found.';
    },
  });
  await load();
  render(ctx.main, h('h1', null, 'Users'), section('Find a user', search), section('Users, newest first', out, results));
}, { access: 'platform', nav: { section: 'platform', label: 'Users', order: 2 } });
