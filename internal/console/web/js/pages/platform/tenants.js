// Platform admin: every tenant (search, filters, cursor paging) and one
// tenant's administration (status with a reason and its history,
// deactivation and reactivation, the partner account, erasure, and
// impersonating one of its members).

import { api } from '../../api.js';
import { h, form, table, section, notice, button, status, dateTime, confirm, describe, field, fill } from '../../ui.js';
import { page, href } from '../../router.js';
import { facts, badge, query, keepAddress, tenantStatuses, statusLabel, render } from './common.js';
import { impersonationForm } from './impersonate.js';

const LIMIT = 25;

/** plans reads the catalogue for the plan filter (codes and names); [] when it cannot be read. */
async function planOptions() {
  try {
    const plans = await api('GET', '/api/v1/admin/plans');
    return plans.map((p) => ({ value: p.code, label: p.name + (p.archived ? ' (archived)' : '') }));
  } catch (e) {
    return [];
  }
}

page('/admin/tenants', async (ctx) => {
  ctx.title('Tenants');
  const state = { q: ctx.query.get('q') || '', status: ctx.query.get('status') || '', plan: ctx.query.get('plan') || '', after: ctx.query.get('after') || '' };
  const back = []; // the cursors of the pages before this one
  const plans = await planOptions();
  const results = h('div', { id: 'tenant-results', 'aria-live': 'polite' });

  const load = async () => {
    const page = await api('GET', '/api/v1/admin/tenants' + query({ q: state.q, status: state.status, plan: state.plan, after: state.after, limit: LIMIT }));
    keepAddress('/admin/tenants' + query({ q: state.q, status: state.status, plan: state.plan, after: state.after }));
    const filtered = state.q || state.status || state.plan;
    const rows = table([
      { label: 'Tenant', value: (t) => h('a', { href: href('/admin/tenants/' + encodeURIComponent(t.id)), class: 'tenant-link', 'data-slug': t.slug }, t.name) },
      { label: 'Slug', value: (t) => h('code', null, t.slug) },
      { label: 'Status', value: (t) => badge(statusLabel(t.status), t.status) },
      { label: 'Plan', value: (t) => t.subscription_plan || '—' },
      { label: 'Members', value: (t) => String(t.member_count), class: 'num' },
      { label: 'Created', value: (t) => dateTime(t.created_at) },
    ], page.items, filtered ? 'No tenant matches these filters. Change or clear them.' : 'There are no tenants yet. A business registers at /console/register, or create one through the API.');
    const prev = h('button', { type: 'button', disabled: back.length === 0 && !state.after }, back.length === 0 && state.after ? 'First page' : 'Previous page');
    prev.addEventListener('click', () => { state.after = back.length ? back.pop() : ''; run(); });
    const next = h('button', { type: 'button', disabled: !page.next }, 'Next page');
    next.addEventListener('click', () => { back.push(state.after); state.after = page.next; run(); });
    const shown = page.items.length;
    fill(results,
      h('p', { class: 'pf-count' }, page.total === 1 ? '1 tenant' : page.total + ' tenants', filtered ? ' match.' : ' in all.'),
      rows,
      (page.next || state.after) ? h('div', { class: 'pager' }, prev, h('span', null, shown + ' on this page'), next) : null);
    return page;
  };
  const run = async () => {
    try { await load(); } catch (err) { fill(results, notice('error', describe(err))); }
  };

  const search = form({
    id: 'tenant-search', submit: 'Search', class: 'form pf-filters',
    fields: [
      { name: 'q', label: 'Name or slug', type: 'search', value: state.q, placeholder: 'e.g. acme' },
      { name: 'with_status', label: 'Status', type: 'select', value: state.status, options: [{ value: '', label: 'Any status' }, ...tenantStatuses] },
      { name: 'plan', label: 'Plan', type: 'select', value: state.plan, options: [{ value: '', label: 'Any plan' }, ...plans] },
    ],
    onSubmit: async (v) => {
      Object.assign(state, { q: (v.q || '').trim(), status: v.with_status || '', plan: v.plan || '', after: '' });
      back.length = 0;
      const p = await load();
      return p.total === 1 ? '1 tenant found.' : p.total + ' tenants found.';
    },
  });
  await load();
  render(ctx.main, h('h1', null, 'Tenants'), section('Find a tenant', search), section('Tenants, newest first', results));
}, { access: 'platform', nav: { section: 'platform', label: 'Tenants', order: 1 } });

page('/admin/tenants/:id', async (ctx) => {
  const id = ctx.params.id;
  const path = '/api/v1/tenants/' + encodeURIComponent(id);
  const t = await api('GET', path);
  ctx.title(t.name);
  const parts = {
    details: h('div', { id: 'tenant-details' }),
    status: h('div'),
    lifecycle: h('div'),
    history: h('div', { id: 'status-history' }),
    partner: h('div', { id: 'tenant-partner' }),
    erase: h('div', { id: 'tenant-erase-area' }),
    members: h('div', { id: 'tenant-members' }),
  };

  const refresh = async () => {
    const now = await api('GET', path);
    Object.assign(t, now);
    draw();
    await loadHistory();
  };

  const loadHistory = async () => {
    try {
      const hist = await api('GET', '/api/v1/admin/tenants/' + encodeURIComponent(id) + '/status-history');
      fill(parts.history, table([
        { label: 'When', value: (e) => dateTime(e.at) },
        { label: 'Change', value: (e) => h('span', { title: e.action }, statusLabel(e.from) + ' → ' + statusLabel(e.to)) },
        { label: 'Reason', value: (e) => e.reason || '—', class: 'pf-reason' },
        { label: 'By', value: (e) => e.actor ? [e.actor.email || e.actor.id, e.impersonated_by ? ' (impersonated by ' + e.impersonated_by + ')' : ''] : 'The platform' },
      ], [...hist.items].reverse(), 'The status never changed since the tenant was created.', 'Newest first'));
    } catch (err) {
      fill(parts.history, notice('error', describe(err)));
    }
  };

  const statusForm = form({
    id: 'tenant-status', submit: 'Set status',
    fields: [
      { name: 'new_status', label: 'New status', type: 'select', options: tenantStatuses.filter((x) => x.value !== 'inactive'),
        hint: 'Suspended and archived tenants keep their members but serve none of them. Active also reactivates a deactivated tenant.' },
      { name: 'reason', label: 'Reason', type: 'textarea', rows: 2, required: true, hint: 'Kept in the status history and the audit log.' },
    ],
    onSubmit: async (v, el) => {
      await api('PUT', '/api/v1/admin/tenants/' + encodeURIComponent(id) + '/status', { status: v.new_status, reason: v.reason });
      await refresh();
      el.fields.reason.input.value = '';
      return 'The status is now ' + statusLabel(t.status).toLowerCase() + '.';
    },
  });
  fill(parts.status, statusForm, parts.lifecycle);

  const draw = () => {
    const s = t.subscription || {};
    fill(parts.details, facts([
      ['Name', t.name], ['Slug', h('code', { id: 'tenant-slug' }, t.slug)], ['ID', h('code', null, t.id)],
      ['Status', [badge(statusLabel(t.status), t.status), t.status_reason ? ' — ' + t.status_reason : '']],
      ['Plan', s.plan ? s.plan + (s.status ? ' (' + s.status + ')' : '') : '—'],
      ['Trial ends', s.trial_ends_at ? dateTime(s.trial_ends_at) : null],
      ['Email', t.email], ['Billing email', t.billing_email], ['Website', t.website],
      ['Created', dateTime(t.created_at)], ['Updated', dateTime(t.updated_at)],
    ]));

    // Status with a reason; deactivation and reactivation.
    const deactivated = t.status === 'inactive';
    const actions = status();
    const lifecycle = h('div', { class: 'actions' },
      deactivated
        ? button('Reactivate', async () => {
          await api('POST', path + '/reactivate');
          await refresh();
        }, { status: actions, class: 'primary' })
        : button('Deactivate…', async () => {
          if (!await confirm('Deactivate ' + t.name + '? Its members lose access until it is reactivated.', { danger: true, ok: 'Deactivate' })) return;
          await api('DELETE', path);
          await refresh();
        }, { status: actions, class: 'danger' }));
    fill(parts.lifecycle,
      h('h3', null, deactivated ? 'Reactivate' : 'Deactivate'),
      h('p', { class: 'hint' }, deactivated
        ? 'Reactivating restores the members and the status the tenant had before.'
        : 'Deactivating is reversible: members lose access until the tenant is reactivated. Only a deactivated tenant can be erased.'),
      lifecycle, actions);
    statusForm.fields.new_status.input.value = t.status === 'active' ? 'suspended' : 'active';

    drawPartner();
    drawErase();
  };

  const drawPartner = () => {
    const st = t.partner_status || '';
    if (!st) { fill(parts.partner, h('p', { class: 'empty' }, 'No partner account state is recorded for this tenant.')); return; }
    const out = status();
    const retry = (st === 'pending' || st === 'failed') ? button('Retry provisioning', async () => {
      const r = await api('POST', '/api/v1/admin/tenants/' + encodeURIComponent(id) + '/partner/retry');
      Object.assign(t, { partner_status: r.partner_status, partner_error: r.partner_error, partner_updated_at: r.partner_updated_at });
      drawPartner();
      parts.partner.append(notice('ok', 'Provisioning was started again: it is ' + r.partner_status + '.'));
    }, { status: out }) : null;
    fill(parts.partner, facts([
      ['Provisioning', badge(st, st)], ['Last error', t.partner_error || null],
      ['Updated', t.partner_updated_at ? dateTime(t.partner_updated_at) : null],
      ['Partner ID', t.client_partner_id ? h('code', null, t.client_partner_id) : null],
      ['Partner number', t.client_partner_number ? h('code', null, t.client_partner_number) : null],
    ]), st === 'disabled' ? h('p', { class: 'hint' }, 'Paper.id provisioning is not configured on this platform.') : null,
    retry ? h('div', { class: 'actions' }, retry) : null, out);
  };

  const erasureView = (erasure) => {
    const j = erasure.job || {};
    return [notice(erasure.state === 'erased' ? 'ok' : 'warn',
      erasure.state === 'erased' ? 'This tenant was erased.' : 'The erasure of this tenant was requested and is under way.'),
    facts([['State', erasure.state], ['Requested by', erasure.requested_by && erasure.requested_by.email], ['Requested', dateTime(erasure.requested_at)],
      ['Forced', erasure.forced ? 'yes: ' + (erasure.reason || '') : 'no'], ['Job', j.status ? j.status + (j.last_error ? ' — ' + j.last_error : '') : null],
      ['Erased', erasure.erased_at ? dateTime(erasure.erased_at) : null], ['Rows deleted', erasure.erased_at ? String(erasure.rows_deleted) : null]])];
  };

  const drawErase = async () => {
    let erasure = null;
    try { erasure = await api('GET', '/api/v1/admin/tenants/' + encodeURIComponent(id) + '/erase'); } catch (e) { erasure = null; }
    if (erasure) {
      fill(parts.erase, ...erasureView(erasure));
      return;
    }
    if (t.status !== 'inactive') {
      fill(parts.erase, h('p', { class: 'empty' }, 'Only a deactivated tenant can be erased. Deactivate it first (above).'));
      return;
    }
    const reason = field({ name: 'reason', label: 'Reason (required to force)', type: 'textarea', rows: 2 });
    const requested = h('div', { id: 'tenant-erasure' });
    fill(parts.erase, requested,
      notice('warn', 'Erasing deletes every record of ' + t.name + ' and the users who belong to no other tenant, for good. ' +
        'It needs a completed export of the tenant, or force with a reason. The slug stays reserved.'),
      form({
        id: 'tenant-erase', submit: 'Erase this tenant…',
        fields: [{ name: 'force', label: 'Erase without a completed export (force)', type: 'checkbox' }, reason],
        onSubmit: async (v) => {
          if (!await confirm('Erase ' + t.name + ' for good? This cannot be undone.', { typed: t.slug, danger: true, ok: 'Erase' })) return 'Not erased.';
          const body = { confirm_slug: t.slug };
          if (v.force) { body.force = true; body.reason = v.reason || ''; }
          const r = await api('POST', '/api/v1/admin/tenants/' + encodeURIComponent(id) + '/erase', body);
          fill(requested, ...erasureView(r)); // the form stays: a second request answers the API's problem
          return 'The erasure was requested (' + r.state + ').';
        },
      }));
  };

  fill(parts.members,
    h('p', null, 'To see what a member sees, act as them for at most 15 minutes. Listing the members opens an audited session in the tenant.'),
    button('List members to impersonate', async () => {
      fill(parts.members, await impersonationForm(t, '/admin/tenants/' + id));
    }, { label: 'List the members of ' + t.name }));

  draw();
  await loadHistory();
  render(ctx.main,
    h('p', { class: 'pf-back' }, h('a', { href: href('/admin/tenants') }, '← All tenants')),
    h('h1', null, t.name),
    section('Details', parts.details),
    section('Status', parts.status),
    section('Status history', parts.history),
    section('Impersonation', parts.members),
    section('Partner account (Paper.id)', parts.partner),
    section('Erasure', parts.erase));
}, { access: 'platform' });
