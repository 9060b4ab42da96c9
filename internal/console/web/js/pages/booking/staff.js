// Staff: the list, adding a staff member, and its page: details, the
// outlets it works at and services it provides, and its weekly hours per
// outlet (inside the outlet's business hours; none set: it works them).

import { api, ApiError, allowed } from '../../api.js';
import { h, form, section, table, confirm, button, status, field } from '../../ui.js';
import { page, go, href } from '../../router.js';
import { all, outlets, names, checks, checked, days, label, intervals, parseIntervals, templates, suggest } from './common.js';

function staffFields(s, outletRows, serviceRows) {
  return [
    { name: 'name', label: 'Name', required: true, value: s.name, autocomplete: 'off' },
    { name: 'position', label: 'Position', value: s.position, hint: 'Free text, such as Senior Stylist.' },
    { name: 'email', label: 'Email', type: 'email', value: s.email, autocomplete: 'off' },
    { name: 'phone', label: 'Phone', type: 'tel', value: s.phone, autocomplete: 'off' },
    { name: 'skills', label: 'Skills', value: (s.skills || []).join(', '), hint: 'Separated by commas, such as Coloring, Cutting.' },
    { name: 'commission_rate', label: 'Commission (%)', type: 'number', min: 0, max: 100, step: 0.01, value: s.commission_rate },
    checks({ name: 'outlet_ids', label: 'Works at', value: s.outlet_ids, options: outletRows.map((o) => ({ value: o.id, label: o.name })),
      empty: 'No outlets yet: add one under Outlets first.' }),
    checks({ name: 'service_ids', label: 'Provides', value: s.service_ids, options: serviceRows.map((x) => ({ value: x.id, label: x.name })),
      empty: 'No services yet: add them under Services.' }),
  ];
}

function staffBody(v, el) {
  const body = { name: v.name, position: v.position || '', email: v.email || '', phone: v.phone || '',
    skills: (v.skills || '').split(',').map((x) => x.trim()).filter(Boolean),
    outlet_ids: checked(el, 'outlet_ids'), service_ids: checked(el, 'service_ids') };
  if (v.commission_rate !== undefined) body.commission_rate = v.commission_rate;
  return body;
}

page('/staff', async (ctx) => {
  ctx.title('Staff');
  const [rows, outletRows, serviceRows, positions] = await Promise.all([all('/api/v1/staff'), outlets(), all('/api/v1/services'),
    allowed('staff.manage') ? templates('staff-position') : []]);
  const outletName = names(outletRows), serviceName = names(serviceRows);
  const parts = [h('h1', null, 'Staff')];
  parts.push(section('Your staff', table([
    { label: 'Name', value: (s) => h('a', { href: href('/staff/' + encodeURIComponent(s.id)) }, s.name) },
    { label: 'Position', value: (s) => s.position || '—' },
    { label: 'Works at', value: (s) => s.outlet_ids.map((id) => outletName.get(id) || id).join(', ') || '—' },
    { label: 'Provides', value: (s) => s.service_ids.map((id) => serviceName.get(id) || id).join(', ') || '—' },
    { label: 'Active', value: (s) => s.is_active ? 'Yes' : 'No' },
  ], rows, allowed('staff.manage') ? 'No staff yet. Add the first staff member below.' : 'No staff yet. An owner, tenant admin or outlet manager adds them.', 'Staff, by name')));
  if (allowed('staff.manage')) {
    parts.push(section('Add a staff member', suggest(form({
      id: 'staff-create', submit: 'Add the staff member',
      fields: staffFields({}, outletRows, serviceRows),
      onSubmit: async (v, el) => {
        const s = await api('POST', '/api/v1/staff', staffBody(v, el));
        go('/staff/' + encodeURIComponent(s.id));
        return 'Added.';
      },
    }), 'position', positions)));
  }
  ctx.main.replaceChildren(...parts);
}, { access: 'tenant', nav: { section: 'tenant', label: 'Staff', order: 41, when: () => allowed('staff.read') } });

// availabilityForm edits the weekly hours of s at each of its outlets: one
// text per day ("10:00-16:00, 17:00-19:00"); an outlet with every day empty
// has no hours of its own (the staff member works the outlet's).
function availabilityForm(s, outletRows) {
  const byID = new Map(outletRows.map((o) => [o.id, o]));
  const groups = s.outlet_ids.map((oid) => {
    const o = byID.get(oid) || { id: oid, name: oid, business_hours: {} };
    const week = s.availability[oid];
    return h('fieldset', { class: 'week' }, h('legend', null, o.name + (o.timezone ? ' (' + o.timezone + ')' : '')),
      days.map((d) => field({ name: `avail.${oid}.${d}`, label: label(d), placeholder: 'off',
        value: week ? (week[d] || []).map((i) => i.open + '-' + i.close).join(', ') : '',
        hint: 'Open ' + intervals((o.business_hours || {})[d]) })));
  });
  if (!groups.length) return h('p', { class: 'empty' }, 'Choose the outlets this staff member works at first; then set the hours here.');
  const el = form({
    id: 'staff-availability', submit: 'Save the hours', extra: groups,
    onSubmit: async () => {
      const availability = {};
      for (const oid of s.outlet_ids) {
        const week = {};
        let any = false;
        for (const d of days) {
          const input = el.querySelector(`[name="avail.${oid}.${d}"]`);
          const list = parseIntervals(input.value);
          if (list === null) {
            input.closest('.field').setError('Write intervals such as 10:00-16:00, 17:00-19:00, or leave it empty.');
            input.focus();
            throw new ApiError(422, { detail: 'Check the hours of ' + (byID.get(oid) || { name: oid }).name + ' on ' + label(d) + '.' });
          }
          if (list.length) any = true;
          week[d] = list;
        }
        if (any) availability[oid] = week;
      }
      try {
        const saved = await api('PUT', '/api/v1/staff/' + encodeURIComponent(s.id), { availability });
        Object.assign(s, saved);
      } catch (err) {
        for (const [name, msg] of Object.entries(err.fields || {})) {
          const m = name.match(/^availability\.([^.]+)\.([a-z]+)/);
          const input = m && el.querySelector(`[name="avail.${m[1]}.${m[2]}"]`);
          if (input) input.closest('.field').setError(msg);
        }
        throw err;
      }
      return 'Saved.';
    },
  });
  for (const input of el.querySelectorAll('input[name^="avail."]')) el.fields[input.name] = input.closest('.field');
  return el;
}

page('/staff/:id', async (ctx) => {
  const [s, outletRows, serviceRows, positions] = await Promise.all([api('GET', '/api/v1/staff/' + encodeURIComponent(ctx.params.id)), outlets(),
    all('/api/v1/services'), allowed('staff.manage') ? templates('staff-position') : []]);
  ctx.title(s.name);
  const outletName = names(outletRows), serviceName = names(serviceRows);
  const parts = [h('h1', null, s.name), h('p', null, h('a', { href: href('/staff') }, '← All staff'))];
  if (!allowed('staff.manage')) {
    parts.push(section('Details', h('dl', { class: 'facts' },
      h('dt', null, 'Position'), h('dd', null, s.position || '—'),
      h('dt', null, 'Works at'), h('dd', null, s.outlet_ids.map((id) => outletName.get(id) || id).join(', ') || '—'),
      h('dt', null, 'Provides'), h('dd', null, s.service_ids.map((id) => serviceName.get(id) || id).join(', ') || '—'))));
    ctx.main.replaceChildren(...parts);
    return;
  }
  const hours = h('div', null, availabilityForm(s, outletRows));
  const fields = staffFields(s, outletRows, serviceRows);
  fields.push({ name: 'is_active', label: 'Active (can be booked)', type: 'checkbox', value: s.is_active });
  parts.push(section('Details', suggest(form({
    id: 'staff-edit', submit: 'Save the staff member', fields,
    onSubmit: async (v, el) => {
      const body = staffBody(v, el);
      body.is_active = v.is_active;
      const saved = await api('PUT', '/api/v1/staff/' + encodeURIComponent(s.id), body);
      Object.assign(s, saved);
      ctx.main.querySelector('h1').textContent = saved.name;
      hours.replaceChildren(availabilityForm(s, outletRows));
      return 'Saved.';
    },
  }), 'position', positions)));
  parts.push(section('Working hours', h('p', { class: 'hint' }, 'Per outlet, in its time zone. Leave every day of an outlet empty to work its business hours.'), hours));
  const st = status();
  parts.push(section('Delete', h('p', null, 'A deleted staff member is hidden everywhere and no longer counts against the plan; booked appointments keep it in their history.'),
    button('Delete the staff member', async () => {
      if (!await confirm('Delete ' + s.name + '?', { danger: true, ok: 'Delete' })) return;
      await api('DELETE', '/api/v1/staff/' + encodeURIComponent(s.id));
      go('/staff');
    }, { class: 'danger', status: st }), st));
  ctx.main.replaceChildren(...parts);
}, { access: 'tenant' });
