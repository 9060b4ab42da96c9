// API keys of the tenant: create one (name, environment, scopes) and see
// its secret once, list them by prefix, rotate (a new secret, shown once)
// and revoke.

import { api, session, allowed } from '../../api.js';
import { h, form, section, button, confirm, status, dateTime, secret, field } from '../../ui.js';
import { page } from '../../router.js';
import { notAllowed, guarded, tableOf } from './common.js';

const WHAT = 'managing the tenant\'s API keys';

// SCOPES are the API-key scopes (internal/apikey: Scopes) with what they allow.
const SCOPES = [
  ['tenant:read', 'Read the tenant, its templates and client configuration'],
  ['outlets:read', 'Read outlets'], ['outlets:write', 'Create, change and delete outlets'],
  ['config:read', 'Read the configuration'],
  ['customers:read', 'Read customers'], ['customers:write', 'Create, change and delete customers'],
  ['services:read', 'Read services'], ['services:write', 'Create, change and delete services'],
  ['staff:read', 'Read staff'], ['staff:write', 'Create, change and delete staff'],
  ['appointments:read', 'Read appointments'], ['appointments:write', 'Book and change appointments'],
  ['stats:read', 'Read the statistics'], ['login-tokens:write', 'Mint login tokens'],
];

page('/api-keys', async (ctx) => {
  ctx.title('API keys');
  if (!allowed('apikey.read')) { notAllowed(ctx.main, 'API keys', WHAT); return; }
  await guarded(ctx.main, 'API keys', WHAT, async () => {
    const shown = h('div', { id: 'api-key-secret', 'aria-live': 'polite' });
    const listBox = h('div', { id: 'api-key-list' });
    const st = status();
    const showSecret = (k, what) => {
      shown.replaceChildren(secret(what + ' ' + k.name + ' (' + k.environment + ')', k.key),
        h('p', { class: 'hint' }, 'Send it as the X-API-Key header. The list below shows only its prefix, ', h('code', null, k.prefix), '.'));
      shown.querySelector('button').focus();
    };
    const load = async () => {
      const keys = await api('GET', '/api/v1/api-keys');
      listBox.replaceChildren(tableOf('API keys', [
        { label: 'Name', value: (k) => k.name },
        { label: 'Environment', value: (k) => k.environment },
        { label: 'Scopes', value: (k) => k.scopes.join(', ') },
        { label: 'Prefix', value: (k) => h('code', { class: 'key-prefix' }, k.prefix + '…') },
        { label: 'Status', value: (k) => h('span', { class: 'badge' + (k.status === 'revoked' ? ' inactive' : '') }, k.status) },
        { label: 'Created', value: (k) => dateTime(k.created_at) },
        { label: 'Last used', value: (k) => k.last_used_at ? dateTime(k.last_used_at) : 'Never' },
        { label: 'Actions', value: (k) => {
          if (k.status === 'revoked') return 'Revoked ' + dateTime(k.revoked_at);
          const rotate = button('Rotate', async () => {
            if (!(await confirm('Give ' + k.name + ' a new secret? The current secret is refused at once.', { ok: 'Rotate' }))) return;
            const issued = await api('POST', '/api/v1/api-keys/' + encodeURIComponent(k.id) + '/rotate');
            await load();
            showSecret(issued, 'The new secret of');
          }, { label: 'Rotate ' + k.name, status: st });
          rotate.classList.add('key-rotate');
          const revoke = button('Revoke', async () => {
            if (!(await confirm('Revoke ' + k.name + '? Every client using it is refused at once.', { ok: 'Revoke', danger: true }))) return;
            await api('DELETE', '/api/v1/api-keys/' + encodeURIComponent(k.id));
            shown.replaceChildren();
            await load();
            st.show('ok', k.name + ' is revoked.');
          }, { label: 'Revoke ' + k.name, status: st, class: 'danger' });
          revoke.classList.add('key-revoke');
          return h('div', { class: 'row-actions' }, rotate, revoke);
        } },
      ], keys, 'No API keys yet. Create one above for a server that calls the API.'));
    };
    const scopeBoxes = SCOPES.map(([s, d]) => field({ type: 'checkbox', name: 'scope:' + s, label: s, hint: d, value: s === 'tenant:read' }));
    const create = form({
      id: 'api-key-create', submit: 'Create the key',
      fields: [
        { name: 'name', label: 'Name', required: true, placeholder: 'e.g. Booking website' },
        { name: 'environment', label: 'Environment', type: 'select', value: session.env || 'prod',
          options: [{ value: 'prod', label: 'Production' }, { value: 'staging', label: 'Staging' }, { value: 'dev', label: 'Development' }] },
      ],
      extra: h('fieldset', { class: 'scopes' }, h('legend', null, 'Scopes'), scopeBoxes),
      onSubmit: async (v) => {
        const scopes = scopeBoxes.filter((b) => b.input.checked).map((b) => b.input.name.slice('scope:'.length));
        const issued = await api('POST', '/api/v1/api-keys', { name: v.name, environment: v.environment, scopes: scopes.length ? scopes : undefined });
        await load();
        showSecret(issued, 'The secret of');
        create.querySelector('[name=name]').value = '';
        return 'The key ' + issued.name + ' is created.';
      },
    });
    await load();
    ctx.main.replaceChildren(h('h1', null, 'API keys'),
      h('p', null, 'Keys let your servers call the API for this tenant. A key\'s secret is shown once, when it is created or rotated.'),
      shown, section('Create a key', create), section('Keys', listBox, st));
  });
}, { access: 'tenant', nav: { section: 'tenant', label: 'API keys', order: 30, when: () => allowed('apikey.read') } });
