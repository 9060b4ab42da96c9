// The user's profile: name and phone, the two addresses, the picture
// (previewed before it is sent), the password (with its concurrency stamp;
// the answer's new tokens keep the console signed in while every other
// session ends) and the TOTP second factor with its recovery codes.

import { api, adopt, session } from '../../api.js';
import { h, form, field, section, notice, status, button, copyButton } from '../../ui.js';
import { markFields } from './common.js';
import { page } from '../../router.js';
import { totpEnrolment } from '../totp.js';

const addressParts = [
  ['line1', 'Address line 1', 'address-line1'], ['line2', 'Address line 2', 'address-line2'], ['city', 'City', 'address-level2'],
  ['state', 'State or province', 'address-level1'], ['postal_code', 'Postal code', 'postal-code'], ['country', 'Country (2 letters, e.g. PH)', 'country'],
];

function addressFields(prefix, a, auto) {
  return addressParts.map(([k, text, ac]) => field({ name: prefix + '.' + k, label: text, value: (a || {})[k] || '', autocomplete: auto ? ac : 'off' }));
}

function pictureSection(me) {
  const current = h('img', { class: 'avatar', id: 'picture-current', alt: 'Your picture', width: 96, height: 96, hidden: !me.picture_url,
    src: me.picture_url ? me.picture_url : null });
  const none = h('p', { class: 'empty', hidden: !!me.picture_url }, 'No picture yet: choose one below.');
  const preview = h('img', { class: 'avatar preview', id: 'picture-preview', alt: 'Preview of the chosen picture', width: 96, height: 96, hidden: true });
  const previewBox = h('figure', { class: 'picture-preview', hidden: true }, preview, h('figcaption', null, 'Preview: not saved yet'));
  let blobURL = '';
  const el = form({
    id: 'profile-picture', submit: 'Upload the picture',
    fields: [{ name: 'picture', label: 'Picture (PNG, JPEG or WebP, at most 2 MiB)', type: 'file', accept: 'image/png,image/jpeg,image/webp', required: true }],
    onSubmit: async (v) => {
      const file = v.picture && v.picture[0];
      const body = new FormData();
      body.append('picture', file, file.name);
      const saved = await api('PUT', '/api/v1/me/picture', body, { global: true });
      session.me = Object.assign(session.me || {}, saved);
      current.src = saved.picture_url;
      current.hidden = false;
      none.hidden = true;
      return 'Saved: this is your picture now.';
    },
  });
  const input = el.querySelector('input[type=file]');
  input.addEventListener('change', () => {
    if (blobURL) URL.revokeObjectURL(blobURL);
    const file = input.files[0];
    previewBox.hidden = !file;
    preview.hidden = !file;
    if (!file) { blobURL = ''; preview.removeAttribute('src'); return; }
    blobURL = URL.createObjectURL(file);
    preview.src = blobURL;
  });
  return section('Picture', h('div', { class: 'pictures' }, h('figure', null, current, none, h('figcaption', null, 'Saved')), previewBox), el);
}

function passwordSection() {
  return section('Password', h('p', { class: 'hint' }, 'Changing it signs you out everywhere else; this console stays signed in.'), form({
    id: 'profile-password', submit: 'Change the password',
    fields: [
      { name: 'current_password', label: 'Current password', type: 'password', required: true, autocomplete: 'current-password' },
      { name: 'new_password', label: 'New password', type: 'password', required: true, autocomplete: 'new-password', hint: 'At least 8 characters; not a common password.' },
    ],
    onSubmit: async (v, el) => {
      const stamp = await api('POST', '/api/v1/me/password/stamp', undefined, { global: true });
      const answer = await api('PUT', '/api/v1/me/password', { current_password: v.current_password, new_password: v.new_password,
        concurrency_stamp: stamp.concurrency_stamp }, { global: true });
      await adopt(answer);
      for (const i of el.querySelectorAll('input')) i.value = '';
      return answer.message || 'Your password is changed; other sessions have ended.';
    },
  }));
}

// codesView shows recovery codes once, with a copy button.
function codesView(codes) {
  return h('div', { class: 'card recovery' }, h('h2', null, 'Your recovery codes'),
    h('p', { class: 'hint' }, 'Shown once: keep them safe. Each signs you in once without the app.'),
    h('ul', { class: 'codes', id: 'recovery-codes' }, codes.map((c) => h('li', null, h('code', null, c)))),
    copyButton(codes.join('\n'), 'Copy the codes'));
}

// totpSection shows the second factor's state and the next steps: set up
// (enrol, then confirm with a code), or, once on, new recovery codes and
// turning it off (each with a current code).
function totpSection() {
  const box = h('div', { id: 'totp' });
  // draw shows the state; shown: {enrolment} during a set-up, {codes} right after one.
  const draw = async (shown = {}) => {
    const s = await api('GET', '/api/v1/me/mfa/totp', undefined, { global: true });
    const st = status();
    const parts = [];
    box.dataset.state = s.enabled ? 'on' : (shown.enrolment ? 'enrolling' : 'off');
    if (s.enabled) {
      parts.push(notice('ok', h('strong', null, 'Two-step verification is on. '),
        h('span', { id: 'totp-codes-left' }, s.recovery_codes_left + ' recovery code' + (s.recovery_codes_left === 1 ? '' : 's') + ' left.')));
      if (shown.codes) parts.push(codesView(shown.codes));
      parts.push(form({
        id: 'totp-recovery', submit: 'Make new recovery codes',
        fields: [{ name: 'code', label: 'Current code from the app', required: true, inputmode: 'numeric', autocomplete: 'one-time-code',
          hint: 'The old recovery codes stop working.' }],
        onSubmit: async (v) => {
          const r = await api('POST', '/api/v1/me/mfa/totp/recovery-codes', { code: v.code }, { global: true });
          await draw({ codes: r.recovery_codes });
          return 'New recovery codes made.';
        },
      }));
      parts.push(form({
        id: 'totp-disable', submit: 'Turn off two-step verification',
        fields: [{ name: 'code', label: 'Current code or a recovery code', required: true, autocomplete: 'one-time-code' }],
        onSubmit: async (v) => {
          await api('DELETE', '/api/v1/me/mfa/totp', { code: v.code }, { global: true });
          await draw();
          return 'Turned off.';
        },
      }));
    } else if (shown.enrolment) {
      const e = shown.enrolment;
      parts.push(notice('info', 'Scan the code with your authenticator app (or type the secret), then enter the code it shows to turn it on.'), totpEnrolment(e),
        form({
          id: 'totp-confirm', submit: 'Turn on',
          fields: [{ name: 'code', label: 'Code from the app', required: true, inputmode: 'numeric', autocomplete: 'one-time-code' }],
          onSubmit: async (v) => {
            await api('POST', '/api/v1/me/mfa/totp/verify', { code: v.code }, { global: true });
            await draw({ codes: e.recovery_codes || [] });
            return 'Two-step verification is on.';
          },
        }));
    } else {
      parts.push(h('p', { id: 'totp-state' }, s.pending ? 'A set-up was started but not confirmed. Start again to see a new code.'
        : 'Two-step verification is off. Turn it on to ask for a code from an authenticator app at every sign-in.'));
      parts.push(h('div', { class: 'actions' }, button(s.pending ? 'Start the set-up again' : 'Set up two-step verification', async () => {
        const e = await api('POST', '/api/v1/me/mfa/totp', undefined, { global: true });
        await draw({ enrolment: e });
      }, { class: 'primary totp-start', status: st })), st);
    }
    box.replaceChildren(...parts);
    if (shown.enrolment) box.querySelector('#totp-confirm input').focus();
  };
  return { el: section('Two-step verification', box), draw };
}

page('/profile', async (ctx) => {
  ctx.title('Your profile');
  const me = await api('GET', '/api/v1/me', undefined, { global: true });
  session.me = me;
  const details = form({
    id: 'profile-details', submit: 'Save', keepEmpty: true,
    fields: [
      { name: 'first_name', label: 'First name', value: me.first_name, autocomplete: 'given-name' },
      { name: 'last_name', label: 'Last name', value: me.last_name, autocomplete: 'family-name' },
      { name: 'phone', label: 'Phone', type: 'tel', value: me.phone, autocomplete: 'tel' },
    ],
    onSubmit: async (v) => {
      session.me = await api('PUT', '/api/v1/me', { first_name: v.first_name, last_name: v.last_name, phone: v.phone }, { global: true });
      return 'Saved.';
    },
  });
  const primary = addressFields('primary_address', me.primary_address, true);
  const letters = addressFields('communication_address', me.communication_address, false);
  const addresses = form({
    id: 'profile-addresses', submit: 'Save the addresses', keepEmpty: true,
    fields: [],
    extra: [
      h('fieldset', { class: 'address' }, h('legend', null, 'Primary address'), primary),
      h('fieldset', { class: 'address' }, h('legend', null, 'Address for letters'), letters),
    ],
    onSubmit: async (v, el) => {
      const body = { primary_address: {}, communication_address: {} };
      for (const [k, val] of Object.entries(v)) {
        const [which, part] = k.split('.');
        if (body[which]) body[which][part] = val;
      }
      try {
        session.me = await api('PUT', '/api/v1/me', body, { global: true });
      } catch (err) {
        markFields(el, err);
        throw err;
      }
      return 'Saved.';
    },
  });
  for (const f of [...primary, ...letters]) addresses.fields[f.input.name] = f;
  const totp = totpSection();
  ctx.main.replaceChildren(h('h1', null, 'Your profile'),
    h('p', null, 'Signed in as ', h('strong', { id: 'profile-email' }, me.email), '.'),
    section('Name and phone', details), section('Addresses', addresses), pictureSection(me), passwordSection(), totp.el);
  await totp.draw();
}, { nav: { section: 'account', label: 'Your profile', order: 10 } });
