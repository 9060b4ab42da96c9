// Appointments: a day view per outlet — the outlet and the day (today in
// the outlet's time zone unless chosen), the appointments of that day per
// staff member with their status and its next steps, and booking one.
// Times are the outlet's wall clock; the API checks every rule (hours,
// availability, overlaps, the cancellation window) and its problem shows.

import { api, allowed } from '../../api.js';
import { h, form, field, section, notice, status, button, confirm } from '../../ui.js';
import { page, go, href } from '../../router.js';
import { all, outlets, money, today, zoned, clock, weekday, intervals, label } from './common.js';

// next are the steps from each status (docs/booking.md, Lifecycle).
const next = {
  pending: [['confirmed', 'Confirm'], ['cancelled', 'Cancel'], ['no_show', 'No-show']],
  confirmed: [['completed', 'Complete'], ['cancelled', 'Cancel'], ['no_show', 'No-show']],
};

function dayPath(outletID, day) {
  return '/appointments?' + new URLSearchParams({ outlet: outletID, day });
}

// askReason asks to confirm a cancellation with an optional reason, in a
// modal dialog; it answers the reason ('' for none), or null when the user
// keeps the appointment.
function askReason(question) {
  return new Promise((resolve) => {
    const reason = field({ name: 'reason', label: 'Reason (optional, kept with the appointment)', type: 'textarea', rows: 2 });
    const ok = h('button', { type: 'submit', class: 'danger' }, 'Cancel the appointment');
    const keep = h('button', { type: 'button' }, 'Keep it');
    const d = h('dialog', { class: 'dialog', id: 'cancel-dialog', 'aria-label': question },
      h('form', { method: 'dialog' }, h('p', null, question), reason, h('div', { class: 'actions' }, ok, keep)));
    const done = (v) => { d.close(); d.remove(); resolve(v); };
    keep.addEventListener('click', () => done(null));
    d.addEventListener('cancel', () => done(null));
    d.querySelector('form').addEventListener('submit', (ev) => { ev.preventDefault(); done(reason.input.value.trim()); });
    document.body.append(d);
    d.showModal();
    reason.input.focus();
  });
}

page('/appointments', async (ctx) => {
  ctx.title('Appointments');
  const outletRows = (await outlets()).filter((o) => o.is_active !== false);
  const head = h('h1', null, 'Appointments');
  if (!outletRows.length) {
    ctx.main.replaceChildren(head, notice('info', 'There is no active outlet yet. ',
      h('a', { href: href('/outlets') }, 'Add an outlet with its business hours'), ' to take bookings.'));
    return;
  }
  const outlet = outletRows.find((o) => o.id === ctx.query.get('outlet')) || outletRows[0];
  const tz = outlet.timezone || 'UTC';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(ctx.query.get('day') || '') ? ctx.query.get('day') : today(tz);
  const wd = weekday(day);

  const picker = form({
    id: 'day-view', submit: 'Show the day', class: 'form inline',
    fields: [
      { name: 'outlet', label: 'Outlet', type: 'select', value: outlet.id, options: outletRows.map((o) => ({ value: o.id, label: o.name })) },
      { name: 'day', label: 'Day', type: 'date', value: day, required: true },
    ],
    onSubmit: async (v) => { go(dayPath(v.outlet, v.day)); return ''; },
  });
  // A new outlet shows at once; a day typed in the date field waits for the button (no page change per keystroke).
  picker.querySelector('select').addEventListener('change', () => picker.requestSubmit());
  const shift = (n) => { const d = new Date(day + 'T12:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
  const steps = h('p', { class: 'day-steps' },
    h('a', { href: href(dayPath(outlet.id, shift(-1))), id: 'day-prev' }, '← Previous day'),
    day === today(tz) ? null : h('a', { href: href(dayPath(outlet.id, today(tz))), id: 'day-today' }, 'Today'),
    h('a', { href: href(dayPath(outlet.id, shift(1))), id: 'day-next' }, 'Next day →'));

  const [staffRows, serviceRows, customerRows] = await Promise.all([
    all('/api/v1/staff?outlet_id=' + encodeURIComponent(outlet.id)),
    all('/api/v1/services?outlet_id=' + encodeURIComponent(outlet.id)),
    allowed('customer.read') ? api('GET', '/api/v1/customers?limit=500').then((r) => r.items) : Promise.resolve([]),
  ]);
  const staffName = new Map(staffRows.map((s) => [s.id, s.name]));
  const serviceName = new Map(serviceRows.map((s) => [s.id, s.name]));
  const customerName = new Map(customerRows.map((c) => [c.id, c.name]));

  const st = status();
  st.id = 'day-status';
  const grid = h('div', { class: 'day', id: 'day-grid' });

  // named looks up the names of rows the lists did not hold (a deleted
  // staff member, a customer beyond the first page).
  async function named(map, path, id) {
    if (map.has(id)) return;
    try { map.set(id, (await api('GET', path + encodeURIComponent(id))).name); } catch (e) { map.set(id, id); }
  }

  async function change(a, to) {
    const body = { status: to };
    if (to === 'cancelled') {
      const reason = await askReason('Cancel the appointment of ' + customerName.get(a.customer_id) + ' at ' + clock(a.start_at, tz) + '?');
      if (reason === null) return;
      if (reason) body.reason = reason;
    }
    try {
      await api('POST', '/api/v1/appointments/' + encodeURIComponent(a.id) + '/status', body);
    } catch (err) {
      if (err.code !== 'cancellation_window_passed' || !allowed('appointment.override')) throw err;
      if (!await confirm(err.message + ' Cancel it anyway, as an override (audited)?', { ok: 'Cancel anyway', danger: true })) return;
      await api('POST', '/api/v1/appointments/' + encodeURIComponent(a.id) + '/status', Object.assign(body, { override: true }));
    }
    await draw();
    st.show('ok', label(to === 'no_show' ? 'no-show' : to) + ': ' + customerName.get(a.customer_id) + ' at ' + clock(a.start_at, tz) + '.');
  }

  // move opens a dialog to give the appointment another time or staff
  // member; the API checks it as a new booking, its problem shows there.
  function move(a) {
    const d = h('dialog', { class: 'dialog', id: 'move-dialog', 'aria-label': 'Move the appointment' });
    const close = () => { d.close(); d.remove(); };
    const f = form({
      id: 'move', submit: 'Move',
      fields: [
        { name: 'staff_id', label: 'Staff member', type: 'select', value: a.staff_id,
          options: staffRows.filter((x) => x.is_active || x.id === a.staff_id).map((x) => ({ value: x.id, label: x.name })) },
        { name: 'start_at', label: 'Start (' + day + ', ' + tz + ')', type: 'time', required: true, step: 300, value: clock(a.start_at, tz) },
      ],
      onSubmit: async (v) => {
        const body = {};
        if (v.staff_id !== a.staff_id) body.staff_id = v.staff_id;
        const start = zoned(day, v.start_at, tz);
        if (new Date(start).getTime() !== new Date(a.start_at).getTime()) body.start_at = start;
        if (!Object.keys(body).length) { close(); return 'Nothing changed.'; }
        const moved = await api('PUT', '/api/v1/appointments/' + encodeURIComponent(a.id), body);
        close();
        await draw();
        st.show('ok', 'Moved: ' + customerName.get(moved.customer_id) + ' to ' + clock(moved.start_at, tz) + ' with ' + staffName.get(moved.staff_id) + '.');
        return 'Moved.';
      },
    });
    const cancel = h('button', { type: 'button' }, 'Keep it as it is');
    cancel.addEventListener('click', close);
    f.querySelector('.actions').append(cancel);
    d.addEventListener('cancel', close);
    d.append(h('h2', null, 'Move ' + (customerName.get(a.customer_id) || '') + ' (' + clock(a.start_at, tz) + ')'), f);
    document.body.append(d);
    d.showModal();
    f.querySelector('input[name=start_at]').focus();
  }

  function card(a) {
    const steps = allowed('appointment.manage') ? (next[a.status] || []) : [];
    return h('li', { class: 'appt ' + a.status, 'data-appointment': a.id, 'data-status': a.status },
      h('p', { class: 'appt-time' }, h('time', { datetime: a.start_at }, clock(a.start_at, tz)), '–', h('time', { datetime: a.end_at }, clock(a.end_at, tz)),
        ' ', h('span', { class: 'badge status-' + a.status }, label(a.status))),
      h('p', { class: 'appt-who' }, customerName.get(a.customer_id) || a.customer_id),
      h('p', { class: 'appt-what' }, (serviceName.get(a.service_id) || a.service_id) + ' · ' + money(a.price, a.currency)),
      a.notes ? h('p', { class: 'appt-notes' }, a.notes) : null,
      a.cancel_reason ? h('p', { class: 'hint' }, 'Reason: ' + a.cancel_reason) : null,
      steps.length ? h('div', { class: 'appt-actions' }, steps.map(([to, text]) =>
        button(text, () => change(a, to), { class: 'step-' + to, label: text + ' ' + (customerName.get(a.customer_id) || '') + ' at ' + clock(a.start_at, tz), status: st })),
      button('Move', async () => move(a), { class: 'step-move', label: 'Move ' + (customerName.get(a.customer_id) || '') + ' at ' + clock(a.start_at, tz), status: st })) : null);
  }

  async function draw() {
    const qs = new URLSearchParams({ outlet_id: outlet.id, from: day, to: day, limit: '500' });
    const r = await api('GET', '/api/v1/appointments?' + qs);
    const items = r.items || [];
    await Promise.all(items.map((a) => Promise.all([
      named(customerName, '/api/v1/customers/', a.customer_id),
      named(staffName, '/api/v1/staff/', a.staff_id),
      named(serviceName, '/api/v1/services/', a.service_id),
    ])));
    const columns = staffRows.map((s) => s.id);
    for (const a of items) if (!columns.includes(a.staff_id)) columns.push(a.staff_id);
    if (!columns.length) {
      grid.replaceChildren(h('p', { class: 'empty' }, 'Nobody works at this outlet yet. ', h('a', { href: href('/staff') }, 'Add staff'), ' and give them this outlet.'));
      return;
    }
    const open = items.filter((a) => a.status !== 'cancelled' && a.status !== 'no_show').length;
    grid.replaceChildren(
      h('p', { class: 'hint', id: 'day-count' }, items.length ? `${items.length} appointment${items.length === 1 ? '' : 's'}, ${open} still on.` : 'No appointments on this day.' + (allowed('appointment.manage') ? ' Book one below.' : '')),
      h('div', { class: 'day-grid' }, columns.map((sid) => {
        const mine = items.filter((a) => a.staff_id === sid);
        return h('section', { class: 'day-column', 'aria-label': staffName.get(sid) || sid, 'data-staff': sid },
          h('h3', null, staffName.get(sid) || sid),
          mine.length ? h('ol', { class: 'appts' }, mine.map(card)) : h('p', { class: 'empty' }, 'Free all day.'));
      })));
  }
  await draw();

  const parts = [head,
    section('Day', picker, h('p', { class: 'day-hours', id: 'day-hours' }, outlet.name + ', ' + label(wd) + ' ' + day + ': open ' +
      intervals((outlet.business_hours || {})[wd]) + ' (' + tz + ').'), steps),
    section('Appointments of the day', st, grid)];

  if (allowed('appointment.manage')) {
    const activeServices = serviceRows.filter((s) => s.is_active);
    const activeStaff = staffRows.filter((s) => s.is_active);
    const activeCustomers = customerRows.filter((c) => c.status === 'active');
    const missing = [];
    if (!activeCustomers.length) missing.push(h('li', null, h('a', { href: href('/customers') }, 'Add a customer')));
    if (!activeServices.length) missing.push(h('li', null, h('a', { href: href('/services') }, 'Offer a service at this outlet')));
    if (!activeStaff.length) missing.push(h('li', null, h('a', { href: href('/staff') }, 'Give a staff member this outlet')));
    parts.push(section('Book an appointment', missing.length ? h('div', null, h('p', null, 'To book here, first:'), h('ul', null, missing)) : form({
      id: 'book', submit: 'Book',
      fields: [
        { name: 'customer_id', label: 'Customer', type: 'select', required: true,
          options: [{ value: '', label: 'Choose a customer…' }, ...activeCustomers.map((c) => ({ value: c.id, label: c.name + (c.phone ? ' · ' + c.phone : '') }))] },
        { name: 'service_id', label: 'Service', type: 'select', required: true,
          options: [{ value: '', label: 'Choose a service…' }, ...activeServices.map((s) => ({ value: s.id, label: s.name + ' (' + s.duration_minutes + ' min)' }))] },
        { name: 'staff_id', label: 'Staff member', type: 'select', required: true,
          options: [{ value: '', label: 'Choose who…' }, ...activeStaff.map((s) => ({ value: s.id, label: s.name }))], hint: 'They must provide the service.' },
        { name: 'start_at', label: 'Start (' + day + ', ' + tz + ')', type: 'time', required: true, step: 300 },
        { name: 'notes', label: 'Notes', type: 'textarea', rows: 2 },
      ],
      onSubmit: async (v) => {
        const a = await api('POST', '/api/v1/appointments', { outlet_id: outlet.id, customer_id: v.customer_id, service_id: v.service_id,
          staff_id: v.staff_id, start_at: zoned(day, v.start_at, tz), notes: v.notes || undefined });
        await draw();
        return 'Booked: ' + customerName.get(a.customer_id) + ' with ' + staffName.get(a.staff_id) + ' at ' + clock(a.start_at, tz) + '.';
      },
    })));
  }
  ctx.main.replaceChildren(...parts);
}, { access: 'tenant', nav: { section: 'tenant', label: 'Appointments', order: 35, when: () => allowed('appointment.read') } });
