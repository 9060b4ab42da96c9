// The forgotten password: /forgot-password emails a reset link, whose
// address /reset-password?token=… sets a new password with it.

import { api, session, signOut } from '../../api.js';
import { h, form, section, notice } from '../../ui.js';
import { page, href } from '../../router.js';
import { linkToken, forgetToken, sameRepeat } from './common.js';

page('/forgot-password', async (ctx) => {
  ctx.title('Forgotten password');
  const done = h('p', { class: 'next-step', hidden: true }, 'Open the link in the email to choose a new password. ',
    h('a', { href: href('/signin') }, 'Back to sign in'));
  ctx.main.replaceChildren(h('h1', null, 'Forgotten password'),
    section('Get a link to choose a new password',
      h('p', null, 'Enter the email address of your account. If it has one, a link to choose a new password is on its way: it works once, for an hour.'),
      form({
        id: 'forgot-password', submit: 'Email me a link',
        fields: [{ name: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'username', value: session.me ? session.me.email : '' }],
        onSubmit: async (v) => {
          const r = await api('POST', '/api/v1/auth/forgot-password', { email: v.email }, { anonymous: true });
          done.hidden = false;
          return r.message || 'If the address has an account, a link is on its way.';
        },
      }), done),
    h('p', null, h('a', { href: href('/signin') }, 'Remembered it? Sign in.')));
}, { access: 'public' });

page('/reset-password', async (ctx) => {
  ctx.title('Choose a new password');
  const token = linkToken(ctx, '/reset-password');
  if (!token) {
    ctx.main.replaceChildren(h('h1', null, 'Choose a new password'),
      notice('warn', 'This page needs the link from your password reset email, which carries its key. Open the link again, or ask for a new one.'),
      h('p', null, h('a', { href: href('/forgot-password') }, 'Email me a new link')));
    return;
  }
  const next = h('p', { class: 'next-step', hidden: true }, h('a', { href: href('/signin'), id: 'reset-signin' }, 'Sign in with your new password'));
  ctx.main.replaceChildren(h('h1', null, 'Choose a new password'),
    section('Your new password',
      h('p', null, 'Setting it signs you out everywhere: sign in again with the new password.'),
      form({
        id: 'reset-password', submit: 'Set the password',
        fields: [
          { name: 'new_password', label: 'New password', type: 'password', required: true, autocomplete: 'new-password' },
          { name: 'repeat', label: 'The new password again', type: 'password', required: true, autocomplete: 'new-password' },
        ],
        onSubmit: async (v, f) => {
          sameRepeat(v.new_password, v.repeat);
          await api('POST', '/api/v1/auth/reset-password', { token, new_password: v.new_password }, { anonymous: true });
          forgetToken('/reset-password');
          if (session.global) { // the new password ended every session, this one too
            try { await signOut(false); } catch (e) { /* already ended */ }
          }
          f.querySelector('button[type=submit]').hidden = true;
          for (const i of f.querySelectorAll('input')) i.disabled = true;
          next.hidden = false;
          return 'Your password is set. Sign in with it.';
        },
      }), next));
}, { access: 'public' });
