// Platform admin: the plan catalogue — list, add, change, archive.

import { api } from '../../api.js';
import { h, form, table, section, notice, button, describe, fill } from '../../ui.js';
import { page } from '../../router.js';
import { badge, render } from './common.js';

const money = (p) => (p.price / 100).toFixed(2) + ' ' + (p.currency || '');

function limitsText(limits) {
  return Object.entries(limits || {}).map(([k, v]) => k + '=' + v).join('\n');
}

/** parseLimits reads "meter=number" lines; an empty number (or none) leaves the meter unlimited. */
function parseLimits(text, old) {
  const out = {};
  for (const line of (text || '').split('\n')) {
    const s = line.trim();
    if (!s) continue;
    const [k, v] = s.split('=').map((x) => x.trim());
    out[k] = v === '' || v === undefined ? null : Number(v);
  }
  for (const k of Object.keys(old || {})) if (!(k in out)) out[k] = null;
  return out;
}

const cycles = [{ value: 'MONTHLY', label: 'Monthly' }, { value: 'YEARLY', label: 'Yearly' }];

function planFields(p) {
  return [
    { name: 'name', label: 'Name', value: p.name, required: true },
    { name: 'description', label: 'Description', type: 'textarea', rows: 2, value: p.description },
    { name: 'price', label: 'Price (minor units, e.g. cents)', type: 'number', min: 0, step: 1, value: p.price ?? 0 },
    { name: 'currency', label: 'Currency', value: p.currency || 'USD', hint: 'ISO 4217, e.g. USD, EUR, IDR.' },
    { name: 'billing_cycle', label: 'Billing cycle', type: 'select', value: p.billing_cycle || 'MONTHLY', options: cycles },
    { name: 'trial_days', label: 'Trial days', type: 'number', min: 0, step: 1, value: p.trial_days ?? 0 },
    { name: 'sort_order', label: 'Order in the catalogue', type: 'number', step: 1, value: p.sort_order ?? 0 },
    { name: 'features', label: 'Features (one a line)', type: 'textarea', rows: 3, value: (p.features || []).join('\n') },
    { name: 'limits', label: 'Limits (meter=number, one a line; absent is unlimited)', type: 'textarea', rows: 3, value: limitsText(p.limits) },
  ];
}

function body(v, old) {
  const b = {
    name: v.name, description: v.description || '', price: v.price ?? 0, currency: v.currency, billing_cycle: v.billing_cycle,
    trial_days: v.trial_days ?? 0, sort_order: v.sort_order ?? 0,
    features: (v.features || '').split('\n').map((x) => x.trim()).filter(Boolean),
  };
  const limits = parseLimits(v.limits, old && old.limits);
  if (!old || limitsText(old.limits) !== limitsText(Object.fromEntries(Object.entries(limits).filter(([, n]) => n !== null)))) b.limits = limits;
  return b;
}

page('/admin/plans', async (ctx) => {
  ctx.title('Plans');
  const listArea = h('div', { id: 'plan-list' });
  const editArea = h('div', { id: 'plan-edit-area' });

  const edit = (p) => {
    const f = form({
      id: 'plan-edit', submit: 'Save the plan',
      fields: [...planFields(p),
        { name: 'archived', label: 'Archived (leaves the catalogue; subscribers keep it)', type: 'checkbox', value: p.archived },
        { name: 'confirm_subscribers', label: 'I know ' + p.subscribers + ' subscriber(s) get the new limits', type: 'checkbox', hint: 'Needed to change the limits of a plan with subscribers.' }],
      onSubmit: async (v) => {
        const b = body(v, p);
        b.archived = !!v.archived;
        if (v.confirm_subscribers) b.confirm_subscribers = true;
        const now = await api('PUT', '/api/v1/admin/plans/' + encodeURIComponent(p.id), b);
        Object.assign(p, now);
        await load();
        return now.name + ' saved.';
      },
    });
    fill(editArea, section('Change ' + p.name + ' (' + p.code + ')', f));
    f.querySelector('input').focus();
  };

  const load = async () => {
    const plans = await api('GET', '/api/v1/admin/plans');
    fill(listArea, table([
      { label: 'Plan', value: (p) => [p.name, ' ', h('code', null, p.code)] },
      { label: 'Price', value: (p) => money(p) + ' / ' + String(p.billing_cycle).toLowerCase() },
      { label: 'Trial', value: (p) => p.trial_days ? p.trial_days + ' days' : '—' },
      { label: 'Limits', value: (p) => Object.keys(p.limits || {}).length ? Object.entries(p.limits).map(([k, n]) => k + ' ' + n).join(', ') : 'unlimited' },
      { label: 'Subscribers', value: (p) => String(p.subscribers), class: 'num' },
      { label: 'State', value: (p) => p.archived ? badge('archived', 'archived') : badge('in the catalogue', 'active') },
      { label: '', value: (p) => button('Change', async () => edit(p), { label: 'Change ' + p.name }) },
    ], plans, 'The catalogue is empty. Add a plan below.'));
  };

  const create = form({
    id: 'plan-create', submit: 'Add the plan',
    fields: [{ name: 'code', label: 'Code', required: true, hint: 'A stable identifier, e.g. pro; it never changes.' }, ...planFields({})],
    onSubmit: async (v, el) => {
      const b = body(v);
      b.code = v.code;
      const p = await api('POST', '/api/v1/admin/plans', b);
      el.reset();
      await load();
      return p.name + ' was added to the catalogue.';
    },
  });
  try { await load(); } catch (err) { fill(listArea, notice('error', describe(err))); }
  render(ctx.main, h('h1', null, 'Plans'), section('The catalogue', listArea), editArea,
    h('details', { class: 'card' }, h('summary', null, 'Add a plan'), create));
}, { access: 'platform', nav: { section: 'platform', label: 'Plans', order: 4 } });
