// /security: the tenant's login methods, MFA policy, token lifetimes and
// third-party providers (GET/PUT /api/v1/tenants/{id}/auth-config). A field
// the tenant does not set itself inherits the platform's value and says
// so; a save sends only the fields changed, so the others keep inheriting.
// Provider client secrets are write-only.

import { api, session, allowed } from '../../api.js';
import { h, section, field, form, table, button, confirm, status, fill } from '../../ui.js';
import { page } from '../../router.js';
import { configEntries } from './configuration.js';
import { adminOnly } from './access.js';

const FACTORS = [
  { id: 'emailpassword', label: 'Email and password' },
  { id: 'otp-email', label: 'Code sent by email' },
  { id: 'thirdparty', label: 'Third-party provider' },
];

function inheritedBadge() { return h('span', { class: 'badge inherited' }, 'inherited'); }

/** marked builds a field whose label carries the inherited badge when the tenant does not set it. */
function marked(spec, own) {
  const f = field(spec);
  if (!own) f.querySelector('label').append(' ', inheritedBadge());
  return f;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function methodsForm(cfg, own, save) {
  const factorFields = FACTORS.map((f) => field({ name: 'ff_' + f.id, label: f.label, type: 'checkbox', value: cfg.first_factors.includes(f.id) }));
  const factorError = h('p', { class: 'field-error', id: 'security-factors-error', hidden: true });
  const el = form({
    id: 'security-methods',
    submit: 'Save login methods',
    fields: [
      marked({ name: 'email_password_enabled', label: 'Email and password sign-in', type: 'checkbox', value: cfg.email_password.enabled }, own('email_password_enabled')),
      marked({ name: 'passwordless_enabled', label: 'Email code (passwordless) sign-in', type: 'checkbox', value: cfg.passwordless.enabled }, own('passwordless_enabled')),
      marked({ name: 'third_party_enabled', label: 'Third-party sign-in', type: 'checkbox', value: cfg.third_party.enabled, hint: 'With the providers below.' }, own('third_party_enabled')),
      h('fieldset', { class: 'factors', 'aria-describedby': 'security-factors-error' },
        h('legend', null, 'Allowed first factors', own('first_factors') ? null : [' ', inheritedBadge()]), factorFields, factorError),
    ],
    onSubmit: async (v) => {
      const body = {};
      if (v.email_password_enabled !== cfg.email_password.enabled) body.email_password_enabled = v.email_password_enabled;
      if (v.passwordless_enabled !== cfg.passwordless.enabled) body.passwordless_enabled = v.passwordless_enabled;
      if (v.third_party_enabled !== cfg.third_party.enabled) body.third_party_enabled = v.third_party_enabled;
      const ff = FACTORS.filter((f) => v['ff_' + f.id]).map((f) => f.id);
      if (!same([...ff].sort(), [...cfg.first_factors].sort())) body.first_factors = ff;
      if (!Object.keys(body).length) return 'Nothing changed.';
      return save(body, 'Login methods saved.', 'security-methods');
    },
  });
  // The API names the factors as one field, first_factors: its message goes beside the group.
  el.fields.first_factors = {
    input: factorFields[0].input,
    setError: (msg) => { factorError.hidden = !msg; factorError.textContent = msg || ''; },
  };
  return el;
}

function mfaForm(cfg, own, enforced, save, rerender) {
  const requiresTOTP = cfg.required_secondary_factors.includes('totp');
  const fields = [
    marked({ name: 'required', label: 'Second factor at sign-in', type: 'select', value: requiresTOTP ? 'totp' : '',
      options: [{ value: '', label: 'Optional (each user decides)' }, { value: 'totp', label: 'Required: an authenticator app (TOTP)' }],
      hint: 'Required: everyone signing in to this tenant must confirm with a TOTP code, and enrols one at their next sign-in.' }, own('required_secondary_factors')),
  ];
  if (enforced) {
    const f = field({ name: 'mfa_enforced', label: enforced.lbl || 'Enforce MFA for all users', type: 'checkbox', value: enforced.val === true,
      readonly: !enforced.mod || enforced.is_locked,
      hint: enforced.is_locked ? 'Locked by the platform.' : (enforced.mod ? '' : 'Set by the platform.') });
    if (!enforced.mod || enforced.is_locked) f.input.disabled = true;
    const lbl = f.querySelector('label');
    if (enforced.is_locked) lbl.append(' ', h('span', { class: 'badge locked' }, 'locked'));
    else if (!['tenant', 'environment'].includes(enforced.source)) lbl.append(' ', inheritedBadge());
    fields.push(f);
  }
  return form({
    id: 'security-mfa',
    submit: 'Save MFA policy',
    fields,
    onSubmit: async (v) => {
      let msg = 'Nothing changed.';
      if (enforced && enforced.mod && !enforced.is_locked && v.mfa_enforced !== (enforced.val === true)) {
        await api('PUT', '/api/v1/configs/' + encodeURIComponent(enforced.key) + '?environment=all', { value: v.mfa_enforced });
        msg = 'MFA policy saved.';
      }
      const want = v.required === 'totp' ? ['totp'] : [];
      if (!same(want, cfg.required_secondary_factors)) msg = await save({ required_secondary_factors: want }, 'MFA policy saved.', 'security-mfa');
      else if (msg !== 'Nothing changed.') await rerender(msg, 'security-mfa');
      return msg;
    },
  });
}

function lifetimesForm(cfg, own, save) {
  return form({
    id: 'security-lifetimes',
    submit: 'Save lifetimes',
    fields: [
      marked({ name: 'access_token_validity', label: 'Access token lifetime (seconds)', type: 'number', min: 60, max: 86400,
        value: cfg.core_config.access_token_validity, hint: '60 to 86400 seconds.' }, own('core_config.access_token_validity')),
      marked({ name: 'refresh_token_validity', label: 'Session (refresh token) lifetime (seconds)', type: 'number', min: 60,
        value: cfg.core_config.refresh_token_validity, hint: 'At least the access token lifetime, at most 365 days.' }, own('core_config.refresh_token_validity')),
    ],
    onSubmit: async (v) => {
      const cc = {};
      if (v.access_token_validity !== cfg.core_config.access_token_validity) cc.access_token_validity = v.access_token_validity;
      if (v.refresh_token_validity !== cfg.core_config.refresh_token_validity) cc.refresh_token_validity = v.refresh_token_validity;
      if (!Object.keys(cc).length) return 'Nothing changed.';
      return save({ core_config: cc }, 'Lifetimes saved.', 'security-lifetimes');
    },
  });
}

function providersView(cfg, save) {
  const current = cfg.third_party.providers;
  // Sent back without client_secret, a provider keeps its stored secret.
  const keep = (list) => list.map((p) => ({ id: p.id, name: p.name, client_id: p.client_id }));
  const st = status();
  const rows = table([
    { label: 'Provider', value: (p) => p.name + ' (' + p.id + ')' },
    { label: 'Client id', value: (p) => h('code', null, p.client_id) },
    { label: 'Client secret', value: (p) => h('span', { class: 'badge' + (p.client_secret_set ? ' set' : '') }, p.client_secret_set ? 'set' : 'not set') },
    { label: '', value: (p) => button('Remove', async () => {
      if (!(await confirm('Remove the provider ' + p.name + '? Its users can no longer sign in with it.', { danger: true, ok: 'Remove' }))) return;
      await save({ providers: keep(current.filter((x) => x.id !== p.id)) }, 'Provider removed.', 'security-provider');
    }, { label: 'Remove ' + p.name, status: st }) },
  ], current, 'No third-party provider: add one below to let users sign in with it.');
  const add = form({
    id: 'security-provider',
    submit: 'Save provider',
    fields: [
      { name: 'id', label: 'Provider id', required: true, placeholder: 'google', hint: 'Lower-case letters, digits, - or _. An existing id is replaced.' },
      { name: 'name', label: 'Display name', required: true },
      { name: 'client_id', label: 'Client id', required: true, autocomplete: 'off' },
      { name: 'client_secret', label: 'Client secret', type: 'password', autocomplete: 'new-password', hint: 'Write-only: never shown again. Left empty, a stored secret is kept.' },
    ],
    onSubmit: async (v) => {
      const p = { id: v.id, name: v.name, client_id: v.client_id };
      if (v.client_secret) p.client_secret = v.client_secret;
      const others = keep(current.filter((x) => x.id !== v.id));
      return save({ providers: [...others, p] }, 'Provider saved.', 'security-provider');
    },
  });
  return [rows, st, h('h3', null, 'Add or replace a provider'), add];
}

page('/security', async (ctx) => {
  if (adminOnly(ctx, 'sign-in and security', 'tenant.auth_config.read')) return;
  ctx.title('Sign-in and security');
  const tid = session.tenant.id;
  const render = async (message, formID) => {
    const [cfg, entries] = await Promise.all([
      api('GET', '/api/v1/tenants/' + encodeURIComponent(tid) + '/auth-config'),
      configEntries().catch(() => []),
    ]);
    const overrides = new Set(cfg.overrides || []);
    const own = (f) => overrides.has(f);
    const enforced = entries.find((e) => e.key === 'auth.mfa_enforced') || null;
    // After a save the page is drawn again from the answer; the form saved shows the outcome.
    const save = async (body, msg, formID) => {
      await api('PUT', '/api/v1/tenants/' + encodeURIComponent(tid) + '/auth-config', body);
      await render(msg, formID);
      return msg;
    };
    fill(ctx.main, h('h1', null, 'Sign-in and security'),
      h('p', { class: 'hint' }, 'Values marked inherited come from the platform; saving a field makes it this tenant\'s own.'),
      section('Login methods', methodsForm(cfg, own, save)),
      section('Multi-factor authentication', mfaForm(cfg, own, enforced, save, render)),
      section('Token lifetimes', lifetimesForm(cfg, own, save)),
      section('Third-party providers', providersView(cfg, save)));
    const done = formID && document.getElementById(formID);
    if (done && done.outcome) { done.outcome.show('ok', message); const b = done.querySelector('button[type=submit]'); if (b) b.focus(); }
  };
  await render('');
}, { access: 'tenant', nav: { section: 'tenant', label: 'Sign-in and security', order: 52, when: () => allowed('tenant.auth_config.read') } });
