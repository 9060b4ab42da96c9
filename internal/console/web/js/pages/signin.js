// Signing in: email and password or an emailed code, then the TOTP step
// (or its enrolment when the tenant requires it), then into the console.
// /signin is the platform's page; /t/:slug is a tenant's own (branded, its
// login methods; auth/tenant-signin.js).

import { api, adopt, session } from '../api.js';
import { h, form, notice, section } from '../ui.js';
import { page, go, href } from '../router.js';
import { totpEnrolment } from './totp.js';

/**
 * signInView renders the sign-in forms into main. opts: {tenantID (sign in
 * straight into that tenant), methods ({password, otp} booleans, default
 * both), next (path after sign-in), heading}.
 */
export function signInView(main, opts = {}) {
  const methods = opts.methods || { password: true, otp: true };
  const tenantID = opts.tenantID || undefined;
  const done = async (answer) => finish(main, answer, opts);
  const parts = [h('h1', null, opts.heading || 'Sign in')];
  if (methods.password) {
    parts.push(section('With your password', form({
      id: 'signin-password', submit: 'Sign in',
      fields: [
        { name: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'username' },
        { name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'current-password' },
      ],
      onSubmit: async (v) => { await done(await api('POST', '/api/v1/auth/login', { email: v.email, password: v.password, tenant_id: tenantID }, { anonymous: true })); return 'Signed in.'; },
    }), h('p', null, h('a', { href: href('/forgot-password') }, 'Forgot your password?'))));
  }
  if (methods.otp) {
    let email = '';
    const verify = form({
      id: 'signin-code-verify', submit: 'Sign in with the code',
      fields: [{ name: 'code', label: 'The 6-digit code from the email', required: true, inputmode: 'numeric', autocomplete: 'one-time-code' }],
      onSubmit: async (v) => { await done(await api('POST', '/api/v1/auth/otp/verify', { email, code: v.code, tenant_id: tenantID }, { anonymous: true })); return 'Signed in.'; },
    });
    verify.hidden = true;
    const request = form({
      id: 'signin-code', submit: 'Email me a code',
      fields: [{ name: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'username' }],
      onSubmit: async (v) => {
        email = v.email;
        const r = await api('POST', '/api/v1/auth/otp/request', { email: v.email, tenant_id: tenantID }, { anonymous: true });
        verify.hidden = false;
        verify.querySelector('input').focus();
        return r.message || 'If the address has an account, a code is on its way.';
      },
    });
    parts.push(section('With a code by email', request, verify));
  }
  if (!opts.tenantID) parts.push(h('p', null, 'New here? ', h('a', { href: href('/register') }, 'Register your business.')));
  main.replaceChildren(...parts);
}

/**
 * finish completes a sign-in answer (of a login, a code, or an accepted
 * invitation) in main: the TOTP step, its enrolment, or the session itself,
 * then the page opts.next (default the start).
 */
export async function finish(main, answer, opts = {}) {
  if (answer.mfa_required && answer.mfa_enrollment_required) {
    await enrolStep(main, answer, opts);
    return;
  }
  if (answer.mfa_required) {
    totpStep(main, answer, opts);
    return;
  }
  await adopt(answer);
  go(opts.next && opts.next.startsWith('/') ? opts.next : '/', true);
}

function totpStep(main, challenge, opts) {
  main.replaceChildren(h('h1', { tabindex: '-1' }, 'Two-step verification'),
    section('Your authenticator code', h('p', null, 'Enter the 6-digit code your authenticator app shows, or one of your recovery codes.'),
      form({
        id: 'signin-totp', submit: 'Verify',
        fields: [{ name: 'code', label: 'Code', required: true, autocomplete: 'one-time-code' }],
        onSubmit: async (v) => { await finish(main, await api('POST', '/api/v1/auth/mfa/verify', { mfa_token: challenge.mfa_token, code: v.code }, { anonymous: true }), opts); return 'Verified.'; },
      })));
  main.querySelector('h1').focus();
}

async function enrolStep(main, challenge, opts) {
  const e = await api('POST', '/api/v1/auth/mfa/enroll', { mfa_token: challenge.mfa_token }, { anonymous: true });
  main.replaceChildren(h('h1', { tabindex: '-1' }, 'Set up two-step verification'),
    notice('info', 'This tenant requires an authenticator app. Scan the code, then enter the code the app shows.'),
    totpEnrolment(e),
    form({
      id: 'signin-enrol', submit: 'Turn on and sign in',
      fields: [{ name: 'code', label: 'Code from the app', required: true, inputmode: 'numeric', autocomplete: 'one-time-code' }],
      onSubmit: async (v) => { await finish(main, await api('POST', '/api/v1/auth/mfa/enroll/verify', { mfa_token: challenge.mfa_token, code: v.code }, { anonymous: true }), opts); return 'Verified.'; },
    }));
  main.querySelector('h1').focus();
}

page('/signin', async (ctx) => {
  ctx.title('Sign in');
  if (session.global) { go('/', true); return; }
  signInView(ctx.main, { next: ctx.query.get('next') || '/' });
}, { access: 'public' });
