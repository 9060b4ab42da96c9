// The start page and the tenant picker. The start page leads a tenant's
// member to the tenant's dashboard, a platform admin without a tenant to
// the platform, anyone else to choose or create a tenant.

import { session, selectTenant, platformAdmin } from '../api.js';
import { h, section, table, button } from '../ui.js';
import { page, go, href, navItems } from '../router.js';

page('/', async (ctx) => {
  ctx.title('Start');
  if (session.tenant) {
    const first = navItems('tenant')[0];
    if (first && first.path !== '/') { go(first.path, true); return; }
  }
  if (!session.tenant && platformAdmin()) {
    const first = navItems('platform')[0];
    if (first) { go(first.path, true); return; }
  }
  go('/tenants', true);
});

page('/tenants', async (ctx) => {
  ctx.title('Your tenants');
  const rows = session.tenants;
  ctx.main.replaceChildren(h('h1', null, 'Your tenants'),
    section('Choose where to work',
      table([
        { label: 'Tenant', value: (t) => t.name },
        { label: 'Role', value: (t) => t.role },
        { label: 'Status', value: (t) => t.status },
        { label: '', value: (t) => session.impersonating ? (session.tenant && session.tenant.id === t.id ? 'Impersonating here' : '') :
          button('Open', async () => { await selectTenant(t.id); go('/'); }, { label: 'Open ' + t.name }) },
      ], rows, 'You belong to no tenant yet. Create one, or ask for an invitation.')),
    h('p', null, h('a', { href: href('/tenants/new') }, 'Create a tenant')));
}, { nav: { section: 'account', label: 'Your tenants', order: 1 } });

