// Services: the list (with where each is offered), adding one, and its
// page to change or delete it. Every role reads; owners, tenant admins and
// outlet managers change (an outlet manager only at its own outlets).

import { api, allowed } from '../../api.js';
import { h, form, section, table, confirm, button, status } from '../../ui.js';
import { page, go, href } from '../../router.js';
import { outlets, names, checks, checked, money, toMinor, fromMinor, currency, invalid, templates, suggest } from './common.js';

function serviceFields(s, outletRows, cur) {
  return [
    { name: 'name', label: 'Name', required: true, value: s.name },
    { name: 'category', label: 'Category', value: s.category, hint: 'Free text, such as Hair or Nails.' },
    { name: 'duration_minutes', label: 'Duration (minutes)', type: 'number', min: 5, max: 1440, step: 5, required: true, value: s.duration_minutes },
    { name: 'price', label: 'Price' + (cur ? ' (' + cur + ')' : ''), required: true, inputmode: 'decimal',
      value: s.price === undefined ? '' : fromMinor(s.price, s.currency || cur), hint: 'For example 25 or 25.50.' },
    checks({ name: 'outlet_ids', label: 'Offered at', value: s.tenant_wide ? [] : s.outlet_ids,
      hint: 'Tick none to offer it at every outlet, also ones added later.',
      options: outletRows.map((o) => ({ value: o.id, label: o.name })), empty: 'No outlets yet: it is offered at every outlet.' }),
  ];
}

function serviceBody(v, formEl, cur) {
  const price = toMinor(v.price || '', cur);
  if (Number.isNaN(price)) throw invalid('price', 'Must be a number such as 25 or 25.50.');
  return { name: v.name, category: v.category || '', duration_minutes: v.duration_minutes, price, outlet_ids: checked(formEl, 'outlet_ids') };
}

page('/services', async (ctx) => {
  ctx.title('Services');
  const [rows, outletRows, cur, categories] = await Promise.all([api('GET', '/api/v1/services?limit=500'), outlets(), currency(),
    allowed('service.manage') ? templates('service-category') : []]);
  const outletName = names(outletRows);
  const parts = [h('h1', null, 'Services')];
  parts.push(section('Your services', table([
    { label: 'Name', value: (s) => h('a', { href: href('/services/' + encodeURIComponent(s.id)) }, s.name) },
    { label: 'Category', value: (s) => s.category || '—' },
    { label: 'Duration', value: (s) => s.duration_minutes + ' min' },
    { label: 'Price', value: (s) => money(s.price, s.currency) },
    { label: 'Offered at', value: (s) => s.tenant_wide ? 'Every outlet' : (s.outlet_ids.map((id) => outletName.get(id) || id).join(', ') || 'Nowhere') },
    { label: 'Active', value: (s) => s.is_active ? 'Yes' : 'No' },
  ], rows, allowed('service.manage') ? 'No services yet. Add the first one below.' : 'No services yet. An owner, tenant admin or outlet manager adds them.', 'Services, by name')));
  if (allowed('service.manage')) {
    parts.push(section('Add a service', suggest(form({
      id: 'service-create', submit: 'Add the service',
      fields: serviceFields({}, outletRows, cur),
      onSubmit: async (v, el) => {
        const s = await api('POST', '/api/v1/services', serviceBody(v, el, cur));
        go('/services/' + encodeURIComponent(s.id));
        return 'Added.';
      },
    }), 'category', categories)));
  }
  ctx.main.replaceChildren(...parts);
}, { access: 'tenant', nav: { section: 'tenant', label: 'Services', order: 39, when: () => allowed('service.read') } });

page('/services/:id', async (ctx) => {
  const [s, outletRows, cur, categories] = await Promise.all([api('GET', '/api/v1/services/' + encodeURIComponent(ctx.params.id)), outlets(), currency(),
    allowed('service.manage') ? templates('service-category') : []]);
  ctx.title(s.name);
  const parts = [h('h1', null, s.name), h('p', null, h('a', { href: href('/services') }, '← All services'))];
  if (!allowed('service.manage')) {
    parts.push(section('Details', h('dl', { class: 'facts' },
      h('dt', null, 'Category'), h('dd', null, s.category || '—'),
      h('dt', null, 'Duration'), h('dd', null, s.duration_minutes + ' min'),
      h('dt', null, 'Price'), h('dd', null, money(s.price, s.currency)),
      h('dt', null, 'Active'), h('dd', null, s.is_active ? 'Yes' : 'No'))));
    ctx.main.replaceChildren(...parts);
    return;
  }
  const fields = serviceFields(s, outletRows, s.currency || cur);
  fields.push({ name: 'is_active', label: 'Active (can be booked)', type: 'checkbox', value: s.is_active });
  parts.push(section('Details', suggest(form({
    id: 'service-edit', submit: 'Save the service', fields,
    onSubmit: async (v, el) => {
      const body = serviceBody(v, el, s.currency || cur);
      body.is_active = v.is_active;
      const saved = await api('PUT', '/api/v1/services/' + encodeURIComponent(s.id), body);
      Object.assign(s, saved);
      ctx.main.querySelector('h1').textContent = saved.name;
      return 'Saved.';
    },
  }), 'category', categories)));
  const st = status();
  parts.push(section('Delete', h('p', null, 'A deleted service is hidden everywhere; the appointments booked for it keep it in their history.'),
    button('Delete the service', async () => {
      if (!await confirm('Delete the service ' + s.name + '?', { danger: true, ok: 'Delete' })) return;
      await api('DELETE', '/api/v1/services/' + encodeURIComponent(s.id));
      go('/services');
    }, { class: 'danger', status: st }), st));
  ctx.main.replaceChildren(...parts);
}, { access: 'tenant' });
