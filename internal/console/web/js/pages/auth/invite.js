// Accepting an invitation, /accept-invite?token=…: as a new account (a
// password and names, then signed in to the tenant with the invited role),
// as the account signed in here, or as an existing account that then signs
// in to the tenant (POST /api/v1/invites/accept answers no session for it).

import { api, session, reloadTenants, selectTenant, signOut } from '../../api.js';
import { h, form, section, notice, button } from '../../ui.js';
import { page, go, href } from '../../router.js';
import { finish } from '../signin.js';
import { linkToken, forgetToken, sameRepeat } from './common.js';
import { clientConfig, brandedSignIn } from './tenant-signin.js';

const PATH = '/accept-invite';

page(PATH, async (ctx) => {
  ctx.title('Accept the invitation');
  const token = linkToken(ctx, PATH);
  if (!token) {
    ctx.main.replaceChildren(h('h1', null, 'Accept the invitation'),
      notice('warn', 'This page needs the link from your invitation email, which carries its key. Open the link again; if it has expired, ask for a new invitation.'));
    return;
  }
  const accepted = async (r) => {
    forgetToken(PATH);
    if (r.session) { // a new account: signed in with the password it just chose
      await finish(ctx.main, r.session, { next: '/' });
      return;
    }
    if (session.global && session.me && session.me.email === r.email) { // the account signed in here
      await reloadTenants();
      await selectTenant(r.tenant_id);
      go('/');
      return;
    }
    // An existing account: it signs in to the tenant as usual.
    let cfg = null;
    try { cfg = await clientConfig(r.tenant_id); } catch (e) { cfg = null; }
    const joined = notice('ok', 'You (' + r.email + ') joined ' + (cfg ? cfg.name : 'the tenant') + ' as ' + r.role + '. Sign in to start.');
    if (cfg) brandedSignIn(ctx.main, cfg, { heading: 'Sign in to ' + cfg.name, next: '/', before: joined });
    else ctx.main.replaceChildren(h('h1', null, 'Invitation accepted'), joined, h('p', null, h('a', { href: href('/signin') }, 'Sign in')));
    const email = ctx.main.querySelector('#signin-password [name=email], #signin-code [name=email]');
    if (email) email.value = r.email;
  };

  if (session.global && session.me) {
    ctx.main.replaceChildren(h('h1', null, 'Accept the invitation'),
      section('Join as ' + session.me.email,
        h('p', null, 'You are signed in as ', h('strong', null, session.me.email), '. If the invitation is for this address, accept it to join the tenant with the invited role.'),
        form({ id: 'accept-invite', submit: 'Accept the invitation', fields: [],
          onSubmit: async () => { await accepted(await api('POST', '/api/v1/invites/accept', { token }, { anonymous: true })); return 'Accepted.'; } })),
      section('Another address?',
        h('p', null, 'If the invitation is for another address, sign out first, then open this page again from the email.'),
        button('Sign out', async () => { await signOut(false); go(PATH, true); }, { class: '' })));
    return;
  }

  ctx.main.replaceChildren(h('h1', null, 'Accept the invitation'),
    section('Join the tenant',
      h('p', null, 'New here? Choose a password and give your name: your account is created with the invited email address. ',
        'Already have an account with that address? Leave these empty and accept: then sign in as usual.'),
      form({
        id: 'accept-invite', submit: 'Accept the invitation',
        fields: [
          { name: 'first_name', label: 'First name (new account)', autocomplete: 'given-name' },
          { name: 'last_name', label: 'Last name (new account)', autocomplete: 'family-name' },
          { name: 'password', label: 'Password (new account)', type: 'password', autocomplete: 'new-password' },
          { name: 'repeat', label: 'The password again', type: 'password', autocomplete: 'new-password' },
        ],
        onSubmit: async (v) => {
          if (v.password || v.repeat) sameRepeat(v.password || '', v.repeat || '');
          const body = { token };
          for (const k of ['password', 'first_name', 'last_name']) if (v[k]) body[k] = v[k];
          await accepted(await api('POST', '/api/v1/invites/accept', body, { anonymous: true }));
          return 'Accepted.';
        },
      })),
    h('p', null, 'Rather sign in first? ', h('a', { href: href('/signin?next=' + encodeURIComponent(PATH)), id: 'invite-signin' }, 'Sign in'),
      ' and you come back here to accept.'));
}, { access: 'public' });
