// The tenant's dashboard: its statistics and plan usage as charts for the
// owner and tenant admins; for other roles what they may see (the tenant
// and the outlets they work at).

import { api, session, role, allowed } from '../../api.js';
import { h, section, barChart, notice, dateTime } from '../../ui.js';
import { page, href } from '../../router.js';
import { roleLabel, ROLES } from './common.js';

const METERS = {
  outlets: 'Outlets', users: 'Users', members: 'Members', customers: 'Customers', staff: 'Staff', services: 'Services',
  appointments_per_month: 'Appointments/month', api_keys: 'API keys', storage_bytes: 'Storage (MiB)',
  api_requests_per_month: 'API requests/month',
};

const MiB = 1024 * 1024;
// scaled shows storage in MiB (one decimal), every other meter as counted.
function scaled(m, n) { return m.meter === 'storage_bytes' ? Math.round((n / MiB) * 10) / 10 : n; }

function meterLabel(m) { return METERS[m] || m.replace(/_/g, ' '); }

// money formats an amount in minor units of its currency.
function money(amount, currency) {
  try {
    const f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    const digits = f.resolvedOptions().maximumFractionDigits;
    return f.format(amount / Math.pow(10, digits));
  } catch (e) {
    return amount + ' ' + (currency || '');
  }
}

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

page('/dashboard', async (ctx) => {
  const t = session.tenant;
  ctx.title('Dashboard');
  if (!allowed('tenant.stats.read')) {
    const outlets = await api('GET', '/api/v1/outlets?limit=500');
    ctx.main.replaceChildren(h('h1', null, t.name),
      section('Your membership', facts([['Role', roleLabel(role())], ['Outlets you reach', String(outlets.length)]])),
      outlets.length
        ? section('Your outlets', h('ul', { class: 'plain' }, outlets.map((o) => h('li', null, h('a', { href: href('/outlets/' + o.id) }, o.name)))))
        : h('p', { class: 'empty' }, 'You are not assigned to an outlet yet. Ask a tenant admin to add you to one.'));
    return;
  }
  const [overview, usage, byCity] = await Promise.all([
    api('GET', '/api/v1/tenants/' + encodeURIComponent(t.id) + '/overview'),
    api('GET', '/api/v1/subscriptions/usage').catch((err) => ({ error: err })),
    api('GET', '/api/v1/outlets/stats').catch(() => null),
  ]);
  const stats = overview.insights;
  const contract = (overview.contracts || []).find((c) => c.status !== 'cancelled') || null;
  const unpaid = overview.unpaid_invoices || [];
  const parts = [h('h1', null, 'Dashboard: ' + stats.tenant_info.name)];
  const sub = stats.subscription || {};
  parts.push(h('div', { class: 'grid tenant-figures' },
    section('Outlets', h('p', { class: 'figure', id: 'figure-outlets' }, String(stats.outlets.total)),
      h('p', { class: 'hint' }, stats.outlets.active + ' active, ' + stats.outlets.inactive + ' inactive')),
    section('Members', h('p', { class: 'figure', id: 'figure-users' }, String(stats.users.total)),
      h('p', { class: 'hint' }, stats.users.active + ' active')),
    section('Customers', h('p', { class: 'figure', id: 'figure-customers' }, String(stats.customers.total)),
      h('p', { class: 'hint' }, stats.customers.recent_signups + ' new in the last 30 days')),
    section('Plan', h('p', { class: 'figure', id: 'figure-plan' }, sub.plan || '—'),
      h('p', { class: 'hint' }, (sub.status || '') + (sub.trial_ends_at ? ', trial ends ' + dateTime(sub.trial_ends_at) : '') +
        (contract && contract.current_period_end ? ', period ends ' + dateTime(contract.current_period_end) : '')))));
  if (unpaid.length) {
    parts.push(notice('warn', unpaid.length === 1 ? 'One invoice is unpaid.' : unpaid.length + ' invoices are unpaid.',
      ' ', unpaid.map((p) => money(p.amount, p.currency) + ' (' + p.status + ')').join(', ')));
  }

  if (stats.outlets.total === 0) {
    parts.push(notice('info', h('p', null, 'No outlets yet. ', h('a', { href: href('/outlets/new') }, 'Create your first outlet'), ' to start taking bookings.')));
  }

  const usageParts = [];
  if (usage.error) {
    usageParts.push(notice('error', usage.error.message));
  } else if (!usage.meters || usage.meters.length === 0) {
    usageParts.push(h('p', { class: 'empty' }, 'Your plan has no meters to show.'));
  } else {
    const limited = usage.meters.filter((m) => m.limit !== null && m.limit !== undefined);
    const open = usage.meters.filter((m) => m.limit === null || m.limit === undefined);
    usageParts.push(h('p', null, 'Plan ', h('strong', null, usage.plan.name || usage.plan.code || '—'), ', as of ' + dateTime(usage.as_of) + '.'));
    if (limited.length) usageParts.push(barChart('Usage against the plan\'s limits', limited.map((m) => ({ label: meterLabel(m.meter), value: scaled(m, m.used), max: scaled(m, m.limit) }))));
    const full = limited.filter((m) => m.used >= m.limit);
    if (full.length) usageParts.push(notice('warn', 'At the limit: ' + full.map((m) => meterLabel(m.meter)).join(', ') + '. Upgrade the plan to add more.'));
    if (open.length) usageParts.push(h('p', { class: 'hint' }, 'Unlimited on this plan: ' + open.map((m) => meterLabel(m.meter) + ' (' + scaled(m, m.used) + ')').join(', ') + '.'));
  }
  const usageCard = section('Plan usage', ...usageParts);
  usageCard.id = 'plan-usage';
  parts.push(usageCard);

  if (byCity && byCity.by_city && byCity.by_city.length > 1) {
    parts.push(section('Outlets by city', barChart('Outlets by city', byCity.by_city.map((c) => ({ label: c.city || 'No city', value: c.total })))));
  }

  const byRole = ROLES.map((r) => ({ label: roleLabel(r), value: stats.users.by_role[r] || 0 }));
  parts.push(section('Members by role', barChart('Members by role', byRole)));

  const appts = stats.appointments || { this_month: 0, this_month_by_status: {} };
  parts.push(section('Appointments this month',
    appts.this_month === 0
      ? h('p', { class: 'empty' }, 'No appointments this month yet. Bookings made at your outlets show here.')
      : barChart('Appointments this month by status', Object.entries(appts.this_month_by_status).map(([k, v]) => ({ label: k.replace(/_/g, ' '), value: v })))));
  parts.push(h('p', { class: 'hint' }, 'Figures as of ' + dateTime(stats.generated_at) + '.'));
  ctx.main.replaceChildren(...parts);
}, { access: 'tenant', nav: { section: 'tenant', label: 'Dashboard', order: 1 } });
