// Outlets: the paged list, creating one, and editing one with its
// business hours (per weekday a list of open–close intervals in the
// outlet's local time; a day without one is closed), deactivating and
// reactivating it.

import { api, list, session, allowed } from '../../api.js';
import { h, form, section, button, notice, pager, confirm, status } from '../../ui.js';
import { page, go, href } from '../../router.js';
import { timeZones, tableOf } from './common.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const dayName = (d) => d[0].toUpperCase() + d.slice(1);
const LIMIT = 20;

page('/outlets', async (ctx) => {
  ctx.title('Outlets');
  const skip = Math.max(0, Number(ctx.query.get('skip')) || 0);
  const q = ctx.query.get('q') || '';
  const active = ctx.query.get('is_active') || '';
  const params = new URLSearchParams({ skip: String(skip), limit: String(LIMIT) });
  if (q) params.set('q', q);
  if (active) params.set('is_active', active);
  const res = await list('/api/v1/outlets?' + params);
  const nav = (s, nq, na) => {
    const p = new URLSearchParams();
    if (s) p.set('skip', String(s));
    if (nq) p.set('q', nq);
    if (na) p.set('is_active', na);
    go('/outlets' + (p.toString() ? '?' + p : ''));
  };
  const search = form({
    id: 'outlet-search', submit: 'Search', class: 'form inline-form',
    fields: [
      { name: 'q', label: 'Name contains', value: q, type: 'search' },
      { name: 'is_active', label: 'Status', type: 'select', value: active, options: [{ value: '', label: 'All' }, { value: 'true', label: 'Active' }, { value: 'false', label: 'Inactive' }] },
    ],
    onSubmit: async (v) => { nav(0, v.q || '', v.is_active || ''); return ''; },
  });
  const empty = q || active
    ? 'No outlet matches. Clear the search to see every outlet.'
    : (allowed('outlet.create') ? 'No outlets yet. Create your first outlet with the button above.' : 'You are not assigned to an outlet yet. Ask a tenant admin.');
  ctx.main.replaceChildren(h('h1', null, 'Outlets'),
    allowed('outlet.create') ? h('p', null, h('a', { href: href('/outlets/new'), class: 'button-link', id: 'outlet-new' }, 'Create an outlet')) : null,
    search,
    tableOf('Outlets', [
      { label: 'Name', value: (o) => h('a', { href: href('/outlets/' + o.id), class: 'outlet-link' }, o.name) },
      { label: 'City', value: (o) => (o.address && o.address.city) || '—' },
      { label: 'Time zone', value: (o) => o.timezone },
      { label: 'Open', value: (o) => openDays(o.business_hours) },
      { label: 'Status', value: (o) => h('span', { class: 'badge' + (o.is_active ? '' : ' inactive') }, o.is_active ? 'Active' : 'Inactive') },
    ], res.items, empty, 'Outlets' + (res.total !== null ? ' (' + res.total + ')' : '')),
    res.total !== null && res.total > LIMIT ? pager(skip, LIMIT, res.total, (s) => nav(s, q, active)) : null);
}, { access: 'tenant', nav: { section: 'tenant', label: 'Outlets', order: 10 } });

function openDays(hours) {
  if (!hours) return '—';
  const open = DAYS.filter((d) => (hours[d] || []).length > 0);
  if (open.length === 0) return 'Closed every day';
  if (open.length === 7) return 'Every day';
  return open.map((d) => dayName(d).slice(0, 3)).join(', ');
}

/**
 * hoursEditor edits a week: per day its intervals (open and close times,
 * remove), an "add" button; none means closed. .value() answers the
 * business_hours of a request; .check() answers the first problem or ''.
 */
function hoursEditor(hours, readonly) {
  const rows = {};
  const fs = h('fieldset', { class: 'hours', id: 'business-hours' }, h('legend', null, 'Business hours'),
    h('p', { class: 'hint' }, 'In the outlet\'s local time. A day without an opening is closed; add two openings for a lunch break.'));
  for (const day of DAYS) {
    const box = h('div', { class: 'hours-list' });
    const closed = h('p', { class: 'hours-closed hint' }, 'Closed');
    const list = [];
    rows[day] = list;
    const refresh = () => { closed.hidden = list.length > 0; };
    const addRow = (iv) => {
      const i = list.length;
      const idOpen = 'hours-' + day + '-' + i + '-open', idClose = 'hours-' + day + '-' + i + '-close';
      const open = h('input', { type: 'time', id: idOpen, 'data-day': day, 'data-edge': 'open', value: iv.open, required: true, readonly });
      const close = h('input', { type: 'time', id: idClose, 'data-day': day, 'data-edge': 'close', value: iv.close, required: true, readonly });
      const row = h('div', { class: 'hours-row' },
        h('span', { class: 'hours-pair' }, h('label', { for: idOpen }, h('span', { class: 'vh' }, dayName(day) + ' '), 'Opens'), open),
        h('span', { class: 'hours-pair' }, h('label', { for: idClose }, h('span', { class: 'vh' }, dayName(day) + ' '), 'Closes'), close));
      const entry = { open, close, row };
      if (!readonly) {
        row.append(h('button', { type: 'button', class: 'hours-remove', 'aria-label': 'Remove this opening on ' + dayName(day),
          onclick: () => { list.splice(list.indexOf(entry), 1); row.remove(); refresh(); } }, 'Remove'));
      }
      list.push(entry);
      box.append(row);
      refresh();
      return entry;
    };
    for (const iv of (hours && hours[day]) || []) addRow(iv);
    refresh();
    const add = readonly ? null : h('button', { type: 'button', class: 'hours-add', id: 'hours-add-' + day, 'aria-label': 'Add opening on ' + dayName(day),
      onclick: () => {
        const prev = list[list.length - 1];
        addRow(prev ? { open: prev.close.value || '13:00', close: '' } : { open: '09:00', close: '17:00' }).open.focus();
      } }, 'Add opening');
    fs.append(h('div', { class: 'hours-day', 'data-day': day }, h('h3', null, dayName(day)), closed, box, add));
  }
  if (!readonly) {
    fs.append(h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'hours-copy-monday', onclick: () => {
        for (const d of DAYS.slice(1, 5)) {
          for (const e of [...rows[d]]) e.row.querySelector('.hours-remove').click();
          for (const e of rows.monday) {
            const btn = fs.querySelector('#hours-add-' + d);
            btn.click();
            const last = rows[d][rows[d].length - 1];
            last.open.value = e.open.value;
            last.close.value = e.close.value;
          }
        }
      } }, 'Copy Monday to Tuesday–Friday')));
  }
  fs.value = () => {
    const out = {};
    for (const d of DAYS) out[d] = rows[d].map((e) => ({ open: e.open.value, close: e.close.value }));
    return out;
  };
  fs.check = () => {
    for (const d of DAYS) {
      for (const e of rows[d]) {
        if (!e.open.value || !e.close.value) { e.open.focus(); return dayName(d) + ': give both the opening and the closing time.'; }
        if (e.open.value >= e.close.value) { e.open.focus(); return dayName(d) + ': the opening time must come before the closing time.'; }
      }
    }
    return '';
  };
  return fs;
}

// hoursText shows a week's hours as text (for roles that may not edit them).
function hoursText(hours) {
  return h('dl', { class: 'facts hours-text', id: 'business-hours' }, DAYS.map((d) => {
    const list = (hours && hours[d]) || [];
    return [h('dt', null, dayName(d)), h('dd', null, list.length ? list.map((iv) => iv.open + '–' + iv.close).join(', ') : 'Closed')];
  }));
}

function outletFields(o, readonly) {
  const a = (o && o.address) || {};
  const tz = (o && o.timezone) || (session.tenant && session.tenant.timezone) || '';
  return [
    { name: 'name', label: 'Name', value: o && o.name, required: true, readonly },
    { name: 'phone', label: 'Phone', type: 'tel', value: o && o.phone, readonly },
    { name: 'email', label: 'Email', type: 'email', value: o && o.email, readonly },
    o ? { name: 'timezone', label: 'Time zone', type: 'select', value: tz, options: timeZones(tz) }
      : { name: 'timezone', label: 'Time zone', type: 'select', value: '', options: [{ value: '', label: 'The tenant\'s time zone' }, ...timeZones('')] },
    { name: 'line1', label: 'Address', value: a.line1, autocomplete: 'address-line1', readonly },
    { name: 'line2', label: 'Address line 2', value: a.line2, autocomplete: 'address-line2', readonly },
    { name: 'city', label: 'City', value: a.city, autocomplete: 'address-level2', readonly },
    { name: 'state', label: 'State or province', value: a.state, autocomplete: 'address-level1', readonly },
    { name: 'postal_code', label: 'Postal code', value: a.postal_code, autocomplete: 'postal-code', readonly },
    { name: 'country', label: 'Country', value: a.country, autocomplete: 'country', hint: 'Two-letter code, e.g. ID.', readonly },
  ];
}

// outletBody is the request of the form's values: on create the fields
// given, on update (orig) the fields changed.
function outletBody(v, hours, orig) {
  const body = { business_hours: hours };
  const same = (a, b) => (a || '') === (b || '');
  for (const k of ['name', 'phone', 'email', 'timezone']) {
    if (orig ? !same(v[k], orig[k]) : !!v[k]) body[k] = v[k] || '';
  }
  const address = {};
  const oa = (orig && orig.address) || {};
  for (const k of ['line1', 'line2', 'city', 'state', 'postal_code', 'country']) {
    if (orig ? !same(v[k], oa[k]) : !!v[k]) address[k] = v[k] || '';
  }
  if (Object.keys(address).length) body.address = address;
  return body;
}

page('/outlets/new', async (ctx) => {
  ctx.title('New outlet');
  if (!allowed('outlet.create')) {
    ctx.main.replaceChildren(h('h1', null, 'New outlet'), notice('warn', 'Not allowed: only the owner and tenant admins create outlets.'));
    return;
  }
  const hours = hoursEditor({}, false);
  const f = form({
    id: 'outlet-create', submit: 'Create the outlet', fields: outletFields(null), extra: hours,
    onSubmit: async (v) => {
      const problem = hours.check();
      if (problem) throw new Error(problem);
      const o = await api('POST', '/api/v1/outlets', outletBody(v, hours.value(), null));
      go('/outlets/' + o.id + '?created=1');
      return 'Created.';
    },
  });
  ctx.main.replaceChildren(h('h1', null, 'New outlet'), h('p', null, h('a', { href: href('/outlets') }, 'Back to the outlets')), section('The outlet', f));
}, { access: 'tenant' });

page('/outlets/:id', async (ctx) => {
  const o = await api('GET', '/api/v1/outlets/' + encodeURIComponent(ctx.params.id));
  ctx.title(o.name);
  const editable = allowed('outlet.update');
  const hours = editable ? hoursEditor(o.business_hours, false) : hoursText(o.business_hours);
  const parts = [h('h1', null, o.name), h('p', null, h('a', { href: href('/outlets') }, 'Back to the outlets'))];
  if (ctx.query.get('created')) parts.push(notice('ok', 'The outlet is created.'));
  if (!o.is_active) parts.push(notice('warn', 'This outlet is inactive: it takes no bookings until it is reactivated.'));
  if (editable) {
    parts.push(section('The outlet', form({
      id: 'outlet-edit', submit: 'Save the outlet', fields: outletFields(o), extra: hours,
      onSubmit: async (v) => {
        const problem = hours.check();
        if (problem) throw new Error(problem);
        const saved = await api('PUT', '/api/v1/outlets/' + encodeURIComponent(o.id), outletBody(v, hours.value(), o));
        Object.assign(o, saved);
        return 'The outlet is saved.';
      },
    })));
    const st = status();
    const toggle = button(o.is_active ? 'Deactivate the outlet' : 'Reactivate the outlet', async () => {
      if (o.is_active && !(await confirm('Deactivate ' + o.name + '? It takes no bookings until it is reactivated.', { ok: 'Deactivate', danger: true }))) return;
      await api('PUT', '/api/v1/outlets/' + encodeURIComponent(o.id), { is_active: !o.is_active });
      go('/outlets/' + o.id, true);
    }, { status: st, class: o.is_active ? 'danger' : 'primary' });
    toggle.id = 'outlet-toggle';
    const actions = [toggle];
    if (allowed('outlet.delete')) {
      const del = button('Delete the outlet', async () => {
        if (!(await confirm('Delete ' + o.name + '? It disappears from every list; this cannot be undone here.', { ok: 'Delete', danger: true }))) return;
        await api('DELETE', '/api/v1/outlets/' + encodeURIComponent(o.id));
        go('/outlets');
      }, { status: st, class: 'danger' });
      del.id = 'outlet-delete';
      actions.push(del);
    }
    parts.push(section('Status', h('p', null, 'Status: ', h('strong', { id: 'outlet-status' }, o.is_active ? 'Active' : 'Inactive')), h('div', { class: 'actions' }, actions), st));
  } else {
    const a = o.address || {};
    parts.push(section('The outlet', h('dl', { class: 'facts' },
      h('dt', null, 'Address'), h('dd', null, [a.line1, a.line2, a.city, a.state, a.postal_code, a.country].filter(Boolean).join(', ') || '—'),
      h('dt', null, 'Phone'), h('dd', null, o.phone || '—'),
      h('dt', null, 'Email'), h('dd', null, o.email || '—'),
      h('dt', null, 'Time zone'), h('dd', null, o.timezone),
      h('dt', null, 'Status'), h('dd', null, o.is_active ? 'Active' : 'Inactive'))), section('Hours', hours));
  }
  ctx.main.replaceChildren(...parts);
}, { access: 'tenant' });
