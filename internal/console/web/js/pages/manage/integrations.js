// /integrations: the tenant's own payment gateway credentials (Paper.id,
// Stripe) and its storage, all write-only: the forms never show a secret
// back, only whether it is set and when it was last changed. A secret
// field left empty keeps the stored secret.

import { api, session, allowed } from '../../api.js';
import { h, section, form, notice, button, confirm, status, dateTime, describe, fill } from '../../ui.js';
import { page } from '../../router.js';
import { adminOnly } from './access.js';

/** optional reads a configuration that answers 404 while none is set. */
async function optional(path) {
  try {
    return await api('GET', path);
  } catch (err) {
    if (err.status === 404) return null;
    throw err;
  }
}

function setBadge(set, id) {
  return h('span', { class: 'badge ' + (set ? 'set' : 'unset'), id }, set ? 'set' : 'not set');
}

function facts(rows) {
  return h('dl', { class: 'facts' }, rows.filter(Boolean).map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

const secretHint = (isSet) => isSet ? 'Set. Write-only: leave empty to keep the stored value, or type a new one to replace it.' : 'Not set. Write-only: it is never shown again.';

function paperID(cfg, tid, done) {
  const path = '/api/v1/tenants/' + encodeURIComponent(tid) + '/paper-id-config';
  const st = status();
  return [
    facts([
      ['Credentials', setBadge(!!cfg, 'paperid-state')],
      cfg && ['Client id', h('code', null, cfg.client_id)],
      cfg && ['Mode', cfg.is_production ? 'production' : 'sandbox'],
      cfg && ['Enabled', cfg.enabled ? 'yes' : 'no (disabled: payments do not use it)'],
      cfg && ['Last changed', dateTime(cfg.updated_at)],
    ]),
    form({
      id: 'paperid-config',
      submit: cfg ? 'Save Paper.id credentials' : 'Set Paper.id credentials',
      fields: [
        { name: 'client_id', label: 'Client id', value: cfg ? cfg.client_id : '', required: !cfg, autocomplete: 'off' },
        { name: 'client_secret', label: 'Client secret', type: 'password', required: !cfg, autocomplete: 'new-password', hint: secretHint(!!cfg) + (cfg ? ' A new client id needs its secret.' : '') },
        { name: 'is_production', label: 'Production (unchecked: sandbox)', type: 'checkbox', value: cfg ? cfg.is_production : false },
        { name: 'enabled', label: 'Enabled', type: 'checkbox', value: cfg ? cfg.enabled : true },
      ],
      onSubmit: async (v) => {
        const body = { is_production: v.is_production, enabled: v.enabled };
        if (v.client_id && (!cfg || v.client_id !== cfg.client_id)) body.client_id = v.client_id;
        if (v.client_secret) body.client_secret = v.client_secret;
        await api('PUT', path, body);
        return done('Paper.id credentials saved.', 'paperid-config');
      },
    }),
    cfg && cfg.enabled ? h('div', { class: 'actions' }, button('Disable Paper.id', async () => {
      if (!(await confirm('Disable Paper.id? The credentials are kept; enable it again by saving.', { ok: 'Disable', danger: true }))) return;
      await api('DELETE', path);
      await done('Paper.id disabled.', 'paperid-config');
    }, { status: st })) : null,
    st,
  ];
}

function stripe(cfg, tid, done) {
  const path = '/api/v1/tenants/' + encodeURIComponent(tid) + '/stripe-config';
  return [
    facts([
      ['Secret key', [setBadge(cfg && cfg.has_secret_key, 'stripe-secret-state'), cfg && cfg.secret_key_last4 ? ' ending in ' + cfg.secret_key_last4 : '']],
      ['Webhook secret', setBadge(cfg && cfg.has_webhook_secret, 'stripe-webhook-state')],
      cfg && ['Publishable key', h('code', null, cfg.publishable_key)],
      cfg && ['Mode', cfg.mode],
      cfg && ['Enabled', cfg.enabled ? 'yes' : 'no'],
      cfg && ['Last changed', dateTime(cfg.updated_at)],
    ]),
    form({
      id: 'stripe-config',
      submit: cfg ? 'Save Stripe keys' : 'Set Stripe keys',
      fields: [
        { name: 'secret_key', label: 'Secret key', type: 'password', required: !cfg, autocomplete: 'new-password', placeholder: 'sk_test_…', hint: secretHint(cfg && cfg.has_secret_key) },
        { name: 'publishable_key', label: 'Publishable key', value: cfg ? cfg.publishable_key : '', required: !cfg, autocomplete: 'off', placeholder: 'pk_test_…', hint: 'The same mode (live or test) as the secret key.' },
        { name: 'webhook_secret', label: 'Webhook signing secret', type: 'password', autocomplete: 'new-password', placeholder: 'whsec_…', hint: secretHint(cfg && cfg.has_webhook_secret) },
        { name: 'enabled', label: 'Enabled', type: 'checkbox', value: cfg ? cfg.enabled : true },
      ],
      onSubmit: async (v) => {
        const body = { enabled: v.enabled };
        if (v.secret_key) body.secret_key = v.secret_key;
        if (v.webhook_secret) body.webhook_secret = v.webhook_secret;
        if (v.publishable_key && (!cfg || v.publishable_key !== cfg.publishable_key)) body.publishable_key = v.publishable_key;
        await api('PUT', path, body);
        return done('Stripe keys saved.', 'stripe-config');
      },
    }),
  ];
}

function storage(cfg, done) {
  const st = status();
  st.id = 'storage-test-status';
  const provider = cfg ? cfg.provider : 'S3';
  const f = form({
    id: 'storage-config',
    submit: cfg ? 'Replace the storage configuration' : 'Configure storage',
    fields: [
      { name: 'provider', label: 'Provider', type: 'select', value: provider, options: [{ value: 'S3', label: 'Amazon S3 or S3-compatible' }, { value: 'AZURE', label: 'Azure Blob Storage' }] },
      { name: 'bucket', label: 'Bucket', value: cfg ? cfg.bucket : '' },
      { name: 'region', label: 'Region', value: cfg ? cfg.region : '', placeholder: 'eu-west-1' },
      { name: 'endpoint', label: 'Endpoint (S3-compatible stores only)', value: cfg ? cfg.endpoint : '', placeholder: 'https://s3.example.com', type: 'url' },
      { name: 'aws_access_key_id', label: 'Access key id', type: 'password', autocomplete: 'new-password', hint: 'Write-only.' },
      { name: 'aws_secret_access_key', label: 'Secret access key', type: 'password', autocomplete: 'new-password', hint: 'Write-only.' },
      { name: 'azure_connection_string', label: 'Connection string', type: 'password', autocomplete: 'new-password', hint: 'Write-only.' },
      { name: 'container_name', label: 'Container', value: cfg ? cfg.container_name : '' },
    ],
    extra: h('p', { class: 'hint' }, 'The whole configuration is sent each time, secrets included: the stored secrets are replaced.'),
    onSubmit: async (v) => {
      const keys = v.provider === 'AZURE' ? ['azure_connection_string', 'container_name'] : ['bucket', 'region', 'endpoint', 'aws_access_key_id', 'aws_secret_access_key'];
      const body = { provider: v.provider };
      for (const k of keys) if (v[k]) body[k] = v[k];
      await api('PUT', '/api/v1/storage', body);
      return done('Storage configured.', 'storage-config');
    },
  });
  const sel = f.fields.provider.input;
  const showFor = () => {
    const azure = sel.value === 'AZURE';
    for (const k of ['bucket', 'region', 'endpoint', 'aws_access_key_id', 'aws_secret_access_key']) f.fields[k].hidden = azure;
    for (const k of ['azure_connection_string', 'container_name']) f.fields[k].hidden = !azure;
  };
  sel.addEventListener('change', showFor);
  showFor();
  return [
    facts([
      ['Storage', setBadge(!!cfg, 'storage-state')],
      cfg && ['Provider', cfg.provider === 'AZURE' ? 'Azure · container ' + cfg.container_name : 'S3 · ' + cfg.bucket + (cfg.region ? ' (' + cfg.region + ')' : '') + (cfg.endpoint ? ' at ' + cfg.endpoint : '')],
      cfg && ['Credentials', setBadge(cfg.credentials_set)],
      cfg && ['Audit batches last shipped', cfg.last_shipped_at ? dateTime(cfg.last_shipped_at) : 'not yet'],
      cfg && cfg.last_error ? ['Last error', h('span', { class: 'field-error' }, cfg.last_error)] : null,
    ]),
    cfg ? h('div', { class: 'actions' },
      button('Test the connection', async () => {
        st.show('', 'Testing…');
        try { await api('POST', '/api/v1/storage/test'); st.show('ok', 'The storage answered: a probe object was written, read and deleted.'); } catch (err) { st.show('error', describe(err)); }
      }),
      button('Remove the storage', async () => {
        if (!(await confirm('Remove the storage configuration and its secrets? Audit batches stop being shipped.', { danger: true, ok: 'Remove' }))) return;
        await api('DELETE', '/api/v1/storage');
        await done('Storage removed.', 'storage-config');
      }, { status: st })) : null,
    st,
    f,
  ];
}

page('/integrations', async (ctx) => {
  if (adminOnly(ctx, 'integrations', 'tenant.credentials.read')) return;
  ctx.title('Integrations');
  const tid = session.tenant.id;
  const render = async (message, formID) => {
    const [paper, str, store] = await Promise.all([
      optional('/api/v1/tenants/' + encodeURIComponent(tid) + '/paper-id-config'),
      optional('/api/v1/tenants/' + encodeURIComponent(tid) + '/stripe-config'),
      optional('/api/v1/storage'),
    ]);
    const done = async (msg, id) => { await render(msg, id); return msg; };
    fill(ctx.main, h('h1', null, 'Integrations'),
      notice('info', 'Secrets go in and never come out: these pages show only whether each is set.'),
      section('Paper.id', paperID(paper, tid, done)),
      section('Stripe', stripe(str, tid, done)),
      section('Storage for audit batches', storage(store, done)));
    const f = formID && document.getElementById(formID);
    if (f && f.outcome) f.outcome.show('ok', message);
  };
  await render('');
}, { access: 'tenant', nav: { section: 'tenant', label: 'Integrations', order: 54, when: () => allowed('tenant.credentials.read') } });
