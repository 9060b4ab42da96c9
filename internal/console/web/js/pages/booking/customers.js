// Customers: search (name, email or phone), the list newest first in
// pages, adding one, and its page to change or delete it. Viewers do not
// see customers (personal data); staff read them; the front desk manages.

import { api, allowed } from '../../api.js';
import { h, form, section, table, confirm, button, status, dateTime } from '../../ui.js';
import { page, go, href } from '../../router.js';
import { label } from './common.js';

const statuses = ['active', 'inactive', 'blocked'].map((s) => ({ value: s, label: label(s) }));

function customerFields(c) {
  return [
    { name: 'name', label: 'Name', required: true, value: c.name, autocomplete: 'off' },
    { name: 'email', label: 'Email', type: 'email', value: c.email, autocomplete: 'off' },
    { name: 'phone', label: 'Phone', type: 'tel', value: c.phone, autocomplete: 'off' },
    { name: 'notes', label: 'Notes', type: 'textarea', value: c.notes, rows: 3 },
    // not "status": a form's named property of that name would hide form().status
    { name: 'customer_status', label: 'Status', type: 'select', options: statuses, value: c.status || 'active', hint: 'Blocked customers cannot book.' },
    { name: 'marketing_consent', label: 'Agrees to marketing messages', type: 'checkbox', value: c.marketing_consent },
  ];
}

function customerBody(v) {
  return { name: v.name, email: v.email || '', phone: v.phone || '', notes: v.notes || '', status: v.customer_status, marketing_consent: v.marketing_consent };
}

// saveCustomer sends a customer; a status problem shows beside the status choice.
async function saveCustomer(el, method, path, body) {
  try {
    return await api(method, path, body);
  } catch (err) {
    if (err.fields && err.fields.status && el.fields.customer_status) el.fields.customer_status.setError(err.fields.status);
    throw err;
  }
}

page('/customers', async (ctx) => {
  ctx.title('Customers');
  const q = ctx.query.get('q') || '';
  const results = h('div', { id: 'customer-results' });
  const cursors = [''];
  const load = async (after) => {
    const qs = new URLSearchParams({ limit: '25' });
    if (q) qs.set('q', q);
    if (after) qs.set('after', after);
    const r = await api('GET', '/api/v1/customers?' + qs);
    const empty = q ? 'No customer matches “' + q + '”. Try part of the name, email or phone.'
      : (allowed('customer.manage') ? 'No customers yet. Add the first one below.' : 'No customers yet.');
    const at = cursors.indexOf(after || '');
    const prev = h('button', { type: 'button', disabled: at <= 0 }, 'Previous');
    const next = h('button', { type: 'button', disabled: !r.next }, 'Next');
    prev.addEventListener('click', () => load(cursors[at - 1]));
    next.addEventListener('click', () => { if (!cursors.includes(r.next)) cursors.push(r.next); load(r.next); });
    results.replaceChildren(
      h('p', { class: 'hint' }, r.total === 1 ? '1 customer' : r.total + ' customers'),
      table([
        { label: 'Name', value: (c) => h('a', { href: href('/customers/' + encodeURIComponent(c.id)) }, c.name) },
        { label: 'Email', value: (c) => c.email || '—' },
        { label: 'Phone', value: (c) => c.phone || '—' },
        { label: 'Status', value: (c) => label(c.status) },
        { label: 'Added', value: (c) => dateTime(c.created_at) },
      ], r.items, empty, 'Customers, newest first'),
      r.next || at > 0 ? h('div', { class: 'pager' }, prev, next) : null);
  };
  await load('');
  const parts = [h('h1', null, 'Customers'),
    section('Find a customer', form({
      id: 'customer-search', submit: 'Search', class: 'form inline',
      fields: [{ name: 'q', label: 'Name, email or phone', type: 'search', value: q }],
      onSubmit: async (v) => { go('/customers' + (v.q ? '?q=' + encodeURIComponent(v.q) : '')); return ''; },
    }), results)];
  if (allowed('customer.manage')) {
    parts.push(section('Add a customer', form({
      id: 'customer-create', submit: 'Add the customer', fields: customerFields({}),
      onSubmit: async (v, el) => {
        const c = await saveCustomer(el, 'POST', '/api/v1/customers', customerBody(v));
        go('/customers/' + encodeURIComponent(c.id));
        return 'Added.';
      },
    })));
  }
  ctx.main.replaceChildren(...parts);
}, { access: 'tenant', nav: { section: 'tenant', label: 'Customers', order: 37, when: () => allowed('customer.read') } });

page('/customers/:id', async (ctx) => {
  const c = await api('GET', '/api/v1/customers/' + encodeURIComponent(ctx.params.id));
  ctx.title(c.name);
  const parts = [h('h1', null, c.name), h('p', null, h('a', { href: href('/customers') }, '← All customers'))];
  if (!allowed('customer.manage')) {
    parts.push(section('Details', h('dl', { class: 'facts' },
      h('dt', null, 'Email'), h('dd', null, c.email || '—'),
      h('dt', null, 'Phone'), h('dd', null, c.phone || '—'),
      h('dt', null, 'Status'), h('dd', null, label(c.status)),
      h('dt', null, 'Notes'), h('dd', { class: 'notes' }, c.notes || '—'))));
    ctx.main.replaceChildren(...parts);
    return;
  }
  parts.push(section('Details', form({
    id: 'customer-edit', submit: 'Save the customer', fields: customerFields(c),
    onSubmit: async (v, el) => {
      const saved = await saveCustomer(el, 'PUT', '/api/v1/customers/' + encodeURIComponent(c.id), customerBody(v));
      Object.assign(c, saved);
      ctx.main.querySelector('h1').textContent = saved.name;
      return 'Saved.';
    },
  }), c.marketing_consent_at ? h('p', { class: 'hint' }, 'Agreed to marketing on ' + dateTime(c.marketing_consent_at) + '.') : null));
  const st = status();
  parts.push(section('Delete', h('p', null, 'A deleted customer is hidden everywhere; their appointments keep them in their history.'),
    button('Delete the customer', async () => {
      if (!await confirm('Delete the customer ' + c.name + '?', { danger: true, ok: 'Delete' })) return;
      await api('DELETE', '/api/v1/customers/' + encodeURIComponent(c.id));
      go('/customers');
    }, { class: 'danger', status: st }), st));
  ctx.main.replaceChildren(...parts);
}, { access: 'tenant' });
