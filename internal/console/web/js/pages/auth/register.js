// Registering a business: its tenant and its owner's account in one form
// (POST /api/v1/public/register), then the owner signed in to it.

import { api, session } from '../../api.js';
import { h, form, section, notice } from '../../ui.js';
import { page, href } from '../../router.js';
import { finish } from '../signin.js';
import { sameRepeat } from './common.js';

page('/register', async (ctx) => {
  ctx.title('Register your business');
  const parts = [h('h1', null, 'Register your business')];
  let registered = null; // a registration whose sign-in is still to do (a retry signs in only)
  if (session.global) {
    parts.push(notice('info', 'You are signed in as ' + (session.me ? session.me.email : 'a user') + '. To add a business to this account, ',
      h('a', { href: href('/tenants/new') }, 'create a tenant'), ' instead.'));
  }
  parts.push(form({
    id: 'register', submit: 'Register and sign in', class: 'form register',
    fields: [
      h('h2', null, 'Your business'),
      { name: 'business_name', label: 'Business name', required: true, autocomplete: 'organization' },
      { name: 'business_email', label: 'Business email', type: 'email', required: true, autocomplete: 'email',
        hint: 'Where customers and the platform reach the business.' },
      { name: 'business_phone', label: 'Business phone (optional)', type: 'tel', autocomplete: 'tel', hint: 'In international form, e.g. +62 812 3456 7890.' },
      { name: 'preferred_slug', label: 'Address name (optional)', autocomplete: 'off',
        hint: 'Lower-case letters, digits and dashes: your sign-in page is /console/t/<this name>. Left empty, it is made from the business name.' },
      h('h2', null, 'You, its owner'),
      { name: 'admin_first_name', label: 'First name', required: true, autocomplete: 'given-name' },
      { name: 'admin_last_name', label: 'Last name', required: true, autocomplete: 'family-name' },
      { name: 'admin_email', label: 'Your email (to sign in)', type: 'email', required: true, autocomplete: 'username' },
      { name: 'admin_password', label: 'Password', type: 'password', required: true, autocomplete: 'new-password' },
      { name: 'repeat', label: 'The password again', type: 'password', required: true, autocomplete: 'new-password' },
      { name: 'terms_accepted', label: 'I accept the terms of service', type: 'checkbox' },
      { name: 'privacy_accepted', label: 'I accept the privacy policy', type: 'checkbox' },
    ],
    onSubmit: async (v) => {
      sameRepeat(v.admin_password, v.repeat);
      const body = Object.assign({}, v);
      delete body.repeat;
      if (!registered || registered.email !== v.admin_email) {
        registered = { email: v.admin_email, answer: await api('POST', '/api/v1/public/register', body, { anonymous: true }) };
      }
      const r = registered.answer;
      const login = await api('POST', '/api/v1/auth/login', { email: v.admin_email, password: v.admin_password, tenant_id: r.tenant_id }, { anonymous: true });
      await finish(ctx.main, login, { next: '/' });
      return 'Registered.';
    },
  }));
  parts.push(h('p', null, 'Already registered? ', h('a', { href: href('/signin') }, 'Sign in.')));
  ctx.main.replaceChildren(...parts);
}, { access: 'public' });
