// /plan: the tenant's subscription, its usage against the plan's limits,
// the catalogue with upgrade and downgrade (a downgrade the usage would
// break names every meter that breaks), and the invoices.

import { api, list, allowed } from '../../api.js';
import { h, section, table, notice, barChart, dateTime, confirm, status, describe, pager, fill } from '../../ui.js';
import { page } from '../../router.js';
import { limitHint, meterName, amount, upgradeLink } from './limits.js';
import { adminOnly } from './access.js';

/** money formats minor units of a currency. */
export function money(minor, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD' }).format(minor / 100);
  } catch (e) {
    return (minor / 100).toFixed(2) + ' ' + (currency || '');
  }
}

// The chart's labels have room for about 20 characters.
const SHORT = { appointments_per_month: 'Appointments/month', api_requests_per_month: 'API requests/month', storage_bytes: 'Storage (MiB)' };

const cycles = { MONTHLY: 'month', YEARLY: 'year', QUARTERLY: 'quarter' };

function yearly(p) {
  const c = String(p.billing_cycle || '').toUpperCase();
  return p.price * (c === 'MONTHLY' ? 12 : c === 'QUARTERLY' ? 4 : 1);
}

/** rank orders plans as the server does: the price of a year, then the catalogue's order. */
function rank(plans) {
  const order = new Map(plans.map((p, i) => [p.id, i]));
  return (a, b) => (yearly(a) - yearly(b)) || (order.get(a.id) - order.get(b.id));
}

/** cheapestAllowing is the lowest plan above current whose limit of meter exceeds used. */
function cheapestAllowing(plans, current, meter, used) {
  const cmp = rank(plans);
  return plans.filter((p) => cmp(p, current) > 0 && (p.limits[meter] === undefined || p.limits[meter] > used)).sort(cmp)[0] || null;
}

function subscriptionFacts(sub) {
  const rows = [
    ['Plan', h('strong', { id: 'plan-current' }, sub.plan_name || sub.plan)],
    ['Status', h('span', { class: 'badge status-' + sub.status, id: 'plan-status' }, sub.status.replace(/_/g, ' '))],
    ['Current period', dateTime(sub.current_period_start) + ' – ' + dateTime(sub.current_period_end)],
  ];
  if (sub.trial_ends_at) rows.push(['Trial ends', dateTime(sub.trial_ends_at)]);
  if (sub.past_due_since) rows.push(['Past due since', dateTime(sub.past_due_since)]);
  if (sub.scheduled_change) rows.push(['Scheduled change', h('span', { id: 'plan-scheduled' }, 'to ' + sub.scheduled_change.plan_name + ' on ' + dateTime(sub.scheduled_change.effective_at))]);
  rows.push(['Payments', sub.provider && sub.provider !== 'none' ? sub.provider : 'no payment provider (invoices are recorded as paid)']);
  return h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

function usageView(usage, plans, current) {
  const limited = usage.meters.filter((m) => m.limit !== null && m.limit !== undefined);
  const unlimited = usage.meters.filter((m) => m.limit === null || m.limit === undefined);
  const storageScale = (m) => m.meter === 'storage_bytes' ? 1024 * 1024 : 1;
  const bars = limited.map((m) => ({
    label: SHORT[m.meter] || meterName(m.meter),
    value: Math.round(m.used / storageScale(m)), max: Math.max(1, Math.round(m.limit / storageScale(m))),
  }));
  const full = limited.filter((m) => m.used >= m.limit);
  return [
    bars.length ? barChart('Usage against the limits of ' + usage.plan.name, bars) : notice('info', 'Your plan limits nothing: every meter is unlimited.'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'plan-meters' },
      h('caption', null, 'Every meter (as of ' + dateTime(usage.as_of) + ')'),
      h('thead', null, h('tr', null, ['Meter', 'In use', 'Limit', 'Left'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, usage.meters.map((m) => h('tr', { 'data-meter': m.meter, class: m.limit !== null && m.used >= m.limit ? 'full' : null },
        h('td', { 'data-label': 'Meter' }, meterName(m.meter)),
        h('td', { 'data-label': 'In use' }, m.metered === false ? 'not counted yet' : amount(m.meter, m.used)),
        h('td', { 'data-label': 'Limit' }, amount(m.meter, m.limit)),
        h('td', { 'data-label': 'Left' }, m.remaining === null ? '—' : amount(m.meter, m.remaining))))))),
    unlimited.length && limited.length ? h('p', { class: 'hint' }, 'Unlimited on this plan: ' + unlimited.map((m) => meterName(m.meter)).join(', ') + '.') : null,
    full.map((m) => {
      const up = current ? cheapestAllowing(plans, current, m.meter, m.used) : null;
      return notice('warn', h('p', { class: 'limit-reached', 'data-meter': m.meter }, h('strong', null, meterName(m.meter) + ': limit reached'),
        ' — ' + amount(m.meter, m.used) + ' of ' + amount(m.meter, m.limit) + '. Adding more will be refused. '),
        up ? h('p', null, upgradeLink(up.code, up.name)) : null);
    }),
  ];
}

function limitsText(p) {
  const entries = Object.entries(p.limits || {});
  if (!entries.length) return 'No limits';
  return entries.map(([m, n]) => meterName(m) + ': ' + amount(m, n)).join(' · ');
}

function catalogue(plans, sub, offered, refresh) {
  const current = plans.find((p) => p.id === sub.plan_id);
  const cmp = rank(plans);
  const st = status();
  st.id = 'plan-change-status';
  const hints = h('div', { id: 'plan-change-hint' });
  const change = async (p, how) => {
    hints.replaceChildren();
    const q = how === 'upgrade'
      ? 'Upgrade to ' + p.name + ' now?' + (p.trial_days ? ' A first upgrade to it starts a ' + p.trial_days + '-day trial.' : ' A new period starts today.')
      : 'Downgrade to ' + p.name + ' at the end of the current period (' + dateTime(sub.current_period_end) + ')?';
    if (!(await confirm(q, { ok: how === 'upgrade' ? 'Upgrade' : 'Downgrade' }))) return;
    st.show('', 'Working…');
    try {
      const s = await api('POST', '/api/v1/subscriptions/' + how, { plan_id: p.id });
      await refresh(how === 'upgrade' ? 'Upgraded to ' + s.plan_name + ' (' + s.status + ').' : 'Downgrade to ' + p.name + ' scheduled for ' + dateTime(s.scheduled_change ? s.scheduled_change.effective_at : s.current_period_end) + '.');
    } catch (err) {
      st.show('error', describe(err));
      const hint = limitHint(err, plans);
      if (hint) hints.append(hint);
      st.scrollIntoView({ block: 'nearest' });
    }
  };
  const cards = plans.map((p) => {
    const c = current ? cmp(p, current) : 1;
    let action;
    if (p.id === sub.plan_id) action = h('span', { class: 'badge current' }, 'Current plan');
    else if (!allowed('subscription.change')) action = null;
    else if (c > 0) action = h('button', { type: 'button', class: 'primary', id: 'plan-upgrade-' + p.code, onclick: () => change(p, 'upgrade') }, 'Upgrade to ' + p.name);
    else action = h('button', { type: 'button', id: 'plan-downgrade-' + p.code, onclick: () => change(p, 'downgrade') }, 'Downgrade to ' + p.name);
    if (sub.scheduled_change && sub.scheduled_change.plan_id === p.id) action = [action, h('span', { class: 'badge' }, 'From ' + dateTime(sub.scheduled_change.effective_at))];
    return h('li', { class: 'plan-card' + (p.id === sub.plan_id ? ' current' : '') + (offered === p.code ? ' offered' : ''), 'data-plan': p.code },
      h('h3', null, p.name),
      h('p', { class: 'price' }, p.price ? money(p.price, p.currency) + ' / ' + (cycles[p.billing_cycle] || p.billing_cycle.toLowerCase()) : 'Free'),
      p.description ? h('p', null, p.description) : null,
      p.features && p.features.length ? h('ul', { class: 'features' }, p.features.map((f) => h('li', null, f))) : null,
      h('p', { class: 'hint' }, limitsText(p)),
      p.trial_days && c > 0 ? h('p', { class: 'hint' }, p.trial_days + '-day trial on the first upgrade') : null,
      h('div', { class: 'actions' }, action));
  });
  return [h('ul', { class: 'plan-cards', id: 'plan-catalogue' }, cards), st, hints];
}

async function payments(box, skip) {
  const limit = 10;
  let res;
  try {
    res = await list('/api/v1/subscriptions/payments?skip=' + skip + '&limit=' + limit);
  } catch (err) {
    box.replaceChildren(notice('error', describe(err)));
    return;
  }
  fill(box, 
    table([
      { label: 'Date', value: (p) => dateTime(p.created_at) },
      { label: 'Period', value: (p) => dateTime(p.period_start) + ' – ' + dateTime(p.period_end) },
      { label: 'Amount', value: (p) => money(p.amount, p.currency) },
      { label: 'Status', value: (p) => h('span', { class: 'badge status-' + p.status }, p.status) },
      { label: 'Provider', value: (p) => p.provider + (p.provider_ref ? ' · ' + p.provider_ref : '') },
      { label: 'Note', value: (p) => p.failure_reason || '' },
    ], res.items, 'No invoices yet: a paid plan records one at the start of each paid period.', 'Invoices and payments, newest first'),
    res.total > limit ? pager(skip, limit, res.total, (s) => payments(box, s)) : null);
}

page('/plan', async (ctx) => {
  if (adminOnly(ctx, 'the plan and billing', 'subscription.read')) return;
  ctx.title('Plan and billing');
  const offered = ctx.query.get('upgrade') || '';
  const render = async (message) => {
    const [sub, usage, plans] = await Promise.all([
      api('GET', '/api/v1/subscriptions/current'),
      api('GET', '/api/v1/subscriptions/usage'),
      api('GET', '/api/v1/catalog/plans'),
    ]);
    const current = plans.find((p) => p.id === sub.plan_id);
    const payBox = h('div', { id: 'plan-payments' }, h('p', { class: 'loading' }, 'Loading…'));
    const offeredPlan = plans.find((p) => p.code === offered);
    fill(ctx.main, h('h1', null, 'Plan and billing'),
      message ? notice('ok', h('p', { id: 'plan-message', role: 'status' }, message)) : null,
      offeredPlan && offeredPlan.id !== sub.plan_id ? notice('info', 'You reached a limit of your plan: ' + offeredPlan.name + ' allows more. Choose it below.') : null,
      section('Current plan', subscriptionFacts(sub)),
      section('Usage', usageView(usage, plans, current)),
      section('Plans', catalogue(plans, sub, offered, async (msg) => { await render(msg); ctx.main.querySelector('h1').focus(); })),
      section('Invoices', payBox));
    await payments(payBox, 0);
    const b = offeredPlan && document.getElementById('plan-upgrade-' + offeredPlan.code);
    if (b) b.scrollIntoView({ block: 'center' });
  };
  await render('');
}, { access: 'tenant', nav: { section: 'tenant', label: 'Plan and billing', order: 50, when: () => allowed('subscription.read') } });
