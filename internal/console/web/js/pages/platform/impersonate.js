// Impersonation for support: a platform admin picks an active member of a
// tenant and a reason; the console then acts with the impersonation token
// (api.js impersonate) under a banner with "Stop impersonating" (main.js).

import { api, impersonate } from '../../api.js';
import { h, form, notice, describe } from '../../ui.js';
import { go } from '../../router.js';

/**
 * impersonationForm lists tenant's active members (through a tenant-scoped
 * token of the admin, which select-tenant grants platform admins) and
 * answers the form that starts impersonating one of them.
 */
export async function impersonationForm(tenant, returnTo) {
  let members;
  try {
    const scoped = await api('POST', '/api/v1/auth/select-tenant', { tenant_id: tenant.id }, { global: true });
    members = await api('GET', '/api/v1/members?limit=100', undefined, { anonymous: true, headers: { Authorization: 'Bearer ' + scoped.access_token } });
  } catch (err) {
    return notice('error', 'The members cannot be listed: ' + describe(err));
  }
  const active = members.filter((m) => m.status === 'active');
  if (active.length === 0) return h('p', { class: 'empty' }, 'This tenant has no active member to impersonate. Invite one first.');
  return form({
    id: 'impersonate', submit: 'Start impersonating',
    fields: [
      { name: 'user_id', label: 'Member', type: 'select', options: active.map((m) => ({ value: m.user_id, label: m.email + ' (' + m.role + ')' })) },
      { name: 'reason', label: 'Reason', type: 'textarea', rows: 2, required: true, hint: 'For example the support ticket. It is recorded in the tenant\'s audit log.' },
    ],
    onSubmit: async (v) => {
      const answer = await api('POST', '/api/v1/admin/impersonate', { user_id: v.user_id, tenant_id: tenant.id, reason: v.reason }, { global: true });
      await impersonate(answer, returnTo);
      go('/');
      return 'Impersonating.';
    },
  });
}
