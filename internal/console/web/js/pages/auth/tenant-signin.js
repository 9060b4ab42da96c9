// A tenant's own sign-in page, /t/:slug: the tenant's name, logo and
// colour (its configuration's branding) and only the login methods it
// allows, from its public client configuration
// (GET /api/v1/public/tenants/{slug_or_id}/client-config).

import { api, session, selectTenant } from '../../api.js';
import { h, notice } from '../../ui.js';
import { page, go, href } from '../../router.js';
import { signInView } from '../signin.js';

/** clientConfig reads a tenant's public client configuration by slug or id. */
export function clientConfig(slugOrID) {
  return api('GET', '/api/v1/public/tenants/' + encodeURIComponent(slugOrID) + '/client-config', undefined, { anonymous: true });
}

/** methodsOf turns a client configuration into signInView's methods. */
export function methodsOf(cfg) {
  const m = cfg.login_methods || {};
  return { password: !!m.email_password, otp: !!m.passwordless };
}

const hexColour = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

// readableOn answers black or white, whichever contrasts more with the
// colour (WCAG relative luminance), for text on the brand colour.
function readableOn(colour) {
  let hex = colour.slice(1);
  if (hex.length === 3) hex = hex.split('').map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/**
 * brandedSignIn renders a tenant's sign-in into main: a branded block (its
 * colour as the --brand custom property of the block, set through the
 * CSSOM, which the CSP allows) holding signInView with the tenant's id and
 * methods. opts: {heading (default the tenant's name), next, before (nodes
 * shown above the forms)}.
 */
export function brandedSignIn(main, cfg, opts = {}) {
  const box = h('div', { class: 'tenant-signin', 'data-tenant': cfg.slug });
  const colour = (cfg.branding && cfg.branding.primary_color) || '';
  if (hexColour.test(colour)) {
    box.classList.add('branded');
    box.style.setProperty('--brand', colour);
    box.style.setProperty('--brand-fg', readableOn(colour));
  }
  const logo = cfg.branding && cfg.branding.logo_url;
  const heading = [
    logo ? h('img', { class: 'tenant-logo', src: logo, alt: '', width: 48, height: 48, onerror: (ev) => { ev.target.hidden = true; } }) : null,
    h('span', null, opts.heading || cfg.name),
  ];
  const methods = methodsOf(cfg);
  if (!methods.password && !methods.otp) {
    box.replaceChildren(h('h1', null, heading),
      notice('warn', cfg.name + ' signs its users in another way than a password or an emailed code (e.g. a third-party provider), which the console does not offer. Ask its administrator.'));
  } else {
    signInView(box, { tenantID: cfg.tenant_id, methods, heading, next: opts.next });
    if (opts.before) box.querySelector('h1').after(...[].concat(opts.before));
  }
  main.replaceChildren(box);
}

page('/t/:slug', async (ctx) => {
  const cfg = await clientConfig(ctx.params.slug);
  ctx.title('Sign in to ' + cfg.name);
  const mine = session.tenants.find((t) => t.id === cfg.tenant_id);
  if (mine) {
    const open = h('button', { type: 'button', class: 'primary', id: 'tenant-continue' }, 'Open ' + cfg.name);
    open.addEventListener('click', async () => { await selectTenant(cfg.tenant_id); go('/'); });
    brandedSignIn(ctx.main, cfg, { next: '/', before: notice('info', 'You are signed in as ' + session.me.email + ', a member of ' + cfg.name + '. ', open,
      ' Or sign in below as someone else.') });
    return;
  }
  brandedSignIn(ctx.main, cfg, { next: ctx.query.get('next') || '/' });
  const foot = h('p', { class: 'tenant-foot' }, 'Not a member of ' + cfg.name + '? ', h('a', { href: href('/signin') }, 'Sign in to the platform'), '.');
  ctx.main.firstChild.append(foot);
}, { access: 'public' });
