// The tenant's profile and settings (PUT /api/v1/tenants/{id}, partial)
// and its templates: the staff positions and service categories offered
// when staff and services are created.

import { api, session, reloadTenants, allowed } from '../../api.js';
import { h, form, section, notice } from '../../ui.js';
import { page } from '../../router.js';
import { notAllowed, guarded, timeZones } from './common.js';

const lines = (s) => (s || '').split('\n').map((x) => x.trim()).filter(Boolean);

page('/settings', async (ctx) => {
  ctx.title('Settings');
  if (!allowed('tenant.update')) { notAllowed(ctx.main, 'Settings', 'changing the tenant\'s profile and settings'); return; }
  await guarded(ctx.main, 'Settings', 'changing the tenant\'s profile and settings', async () => {
    const path = '/api/v1/tenants/' + encodeURIComponent(session.tenant.id);
    const [t, staffT, serviceT] = await Promise.all([
      api('GET', path),
      api('GET', path + '/staff-position-templates'),
      api('GET', path + '/service-category-templates'),
    ]);
    const s = t.settings || {};
    const profile = form({
      id: 'tenant-profile', submit: 'Save the profile',
      fields: [
        { name: 'name', label: 'Business name', value: t.name, required: true },
        { name: 'email', label: 'Contact email', type: 'email', value: t.email },
        { name: 'phone', label: 'Phone', type: 'tel', value: t.phone, autocomplete: 'tel' },
        { name: 'website', label: 'Website', type: 'url', value: t.website, placeholder: 'https://' },
        { name: 'billing_email', label: 'Billing email', type: 'email', value: t.billing_email },
        { name: 'description', label: 'Description', type: 'textarea', value: t.description, rows: 3 },
      ],
      keepEmpty: true,
      onSubmit: async (v) => {
        const body = {};
        for (const k of ['name', 'email', 'phone', 'website', 'billing_email', 'description']) if ((v[k] || '') !== (t[k] || '')) body[k] = v[k] || '';
        if (Object.keys(body).length === 0) return 'Nothing changed.';
        Object.assign(t, await api('PUT', path, body));
        await reloadTenants();
        return 'The profile is saved.';
      },
    });
    const prefs = form({
      id: 'tenant-settings', submit: 'Save the settings',
      fields: [
        { name: 'timezone', label: 'Time zone', type: 'select', value: s.timezone, options: timeZones(s.timezone), hint: 'New outlets start in this time zone; statistics count months in it.' },
        { name: 'currency', label: 'Currency', value: s.currency, hint: 'ISO 4217 code, e.g. IDR, USD.' },
        { name: 'language', label: 'Language', value: s.language, hint: 'e.g. en, id.' },
        { name: 'business_type', label: 'Business type', value: s.business_type },
        { name: 'booking_advance_days', label: 'Bookings open this many days ahead', type: 'number', min: 0, value: s.booking_advance_days },
        { name: 'cancellation_hours', label: 'Free cancellation until this many hours before', type: 'number', min: 0, value: s.cancellation_hours },
        { name: 'wallet_enabled', label: 'Customer wallet', type: 'checkbox', value: s.wallet_enabled },
        { name: 'loyalty_points_enabled', label: 'Loyalty points', type: 'checkbox', value: s.loyalty_points_enabled },
      ],
      onSubmit: async (v) => {
        const body = {};
        for (const k of ['timezone', 'currency', 'language', 'business_type']) if (v[k] !== undefined) body[k] = v[k];
        for (const k of ['booking_advance_days', 'cancellation_hours']) if (v[k] !== undefined) body[k] = v[k];
        body.wallet_enabled = !!v.wallet_enabled;
        body.loyalty_points_enabled = !!v.loyalty_points_enabled;
        await api('PUT', path, { settings: body });
        return 'The settings are saved.';
      },
    });
    const templates = form({
      id: 'tenant-templates', submit: 'Save the templates',
      fields: [
        { name: 'staff_position_templates', label: 'Staff positions', type: 'textarea', rows: 6, value: (staffT.staff_position_templates || []).join('\n'), hint: 'One per line: offered when staff are added.' },
        { name: 'service_category_templates', label: 'Service categories', type: 'textarea', rows: 6, value: (serviceT.service_category_templates || []).join('\n'), hint: 'One per line: offered when services are created.' },
      ],
      keepEmpty: true,
      onSubmit: async (v) => {
        const staff = lines(v.staff_position_templates), cats = lines(v.service_category_templates);
        if (!staff.length || !cats.length) throw new Error('Keep at least one entry in each list (an empty list keeps the current one).');
        await api('PUT', path, { settings: { staff_position_templates: staff, service_category_templates: cats } });
        return 'The templates are saved.';
      },
    });
    ctx.main.replaceChildren(h('h1', null, 'Settings'),
      section('Profile', h('p', { class: 'hint' }, 'The address of your tenant: ', h('code', null, t.slug), ' (it never changes).'), profile),
      section('Preferences', prefs),
      section('Templates', templates),
      t.status && t.status !== 'active' ? notice('warn', 'This tenant is ' + t.status + (t.status_reason ? ': ' + t.status_reason : '') + '.') : null);
  });
}, { access: 'tenant', nav: { section: 'tenant', label: 'Settings', order: 50, when: () => allowed('tenant.update') } });
