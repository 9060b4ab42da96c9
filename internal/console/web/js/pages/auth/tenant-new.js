// Creating another tenant (an organization the signed-in user owns):
// POST /api/v1/tenants, then the tenant list re-read and the new one selected.

import { api, reloadTenants, selectTenant } from '../../api.js';
import { h, form, section } from '../../ui.js';
import { page, go, href } from '../../router.js';

page('/tenants/new', async (ctx) => {
  ctx.title('Create a tenant');
  ctx.main.replaceChildren(h('h1', null, 'Create a tenant'),
    section('A new business or organization',
      h('p', null, 'You become its owner. It starts on the Free plan, with nothing shared with your other tenants.'),
      form({
        id: 'tenant-new', submit: 'Create the tenant',
        fields: [
          { name: 'name', label: 'Name', required: true, autocomplete: 'organization' },
          { name: 'slug', label: 'Address name (optional)', autocomplete: 'off',
            hint: 'Lower-case letters, digits and dashes: its sign-in page is /console/t/<this name>. Left empty, it is made from the name.' },
          { name: 'email', label: 'Email (optional)', type: 'email', autocomplete: 'email' },
          { name: 'phone', label: 'Phone (optional)', type: 'tel', autocomplete: 'tel' },
          { name: 'website', label: 'Website (optional)', type: 'url', autocomplete: 'url' },
          { name: 'description', label: 'Description (optional)', type: 'textarea' },
        ],
        onSubmit: async (v) => {
          const t = await api('POST', '/api/v1/tenants', v, { global: true });
          await reloadTenants();
          await selectTenant(t.id);
          go('/');
          return 'Created.';
        },
      })),
    h('p', null, h('a', { href: href('/tenants') }, 'Back to your tenants')));
});
