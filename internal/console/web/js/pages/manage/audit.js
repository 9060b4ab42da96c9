// /audit: the tenant's audit log with filters (kept in the address, so a
// filtered view can be bookmarked), keyset paging through X-Next-Cursor,
// the verification of its hash chain, and an export downloaded as a file.

import { api, list, allowed } from '../../api.js';
import { h, section, form, table, notice, dateTime, describe, button, fill } from '../../ui.js';
import { page } from '../../router.js';
import { download } from './download.js';
import { adminOnly } from './access.js';

const FILTERS = ['action', 'actor_id', 'resource_type', 'resource_id', 'result', 'from', 'to'];
const PAGE = 25;

/** rfc3339 turns a datetime-local value into an RFC 3339 time ('' stays ''). */
function rfc3339(local) {
  if (!local) return '';
  const d = new Date(local);
  return isNaN(d) ? local : d.toISOString();
}

/** localValue turns an RFC 3339 time into a datetime-local value. */
function localValue(s) {
  if (!s) return '';
  const d = new Date(s);
  if (isNaN(d)) return '';
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function details(e) {
  const entries = Object.entries(e.details || {});
  if (!entries.length) return '';
  return h('details', { class: 'audit-details' }, h('summary', null, entries.length + ' detail' + (entries.length === 1 ? '' : 's')),
    h('dl', null, entries.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])));
}

function verificationView(v) {
  if (v.ok) {
    return notice('ok', h('p', { id: 'audit-verify-result', 'data-ok': 'true' }, h('strong', null, 'The audit chain verifies.'), ' ',
      v.events + ' sealed event' + (v.events === 1 ? '' : 's') + ' in ' + v.batches + ' batch' + (v.batches === 1 ? '' : 'es') + ' recomputed' +
      (v.pruned_batches ? ', ' + v.pruned_batches + ' batches removed by retention checked by signature' : '') +
      (v.redacted ? ', ' + v.redacted + ' pseudonymised by an erasure' : '') + '; ' +
      (v.unsealed ? v.unsealed + ' newer event' + (v.unsealed === 1 ? ' is' : 's are') + ' not sealed yet' : 'nothing waits to be sealed') +
      (v.sealed_through ? ' (sealed through ' + dateTime(v.sealed_through) + ')' : '') + '.'));
  }
  const p = v.problem || {};
  return notice('error', h('p', { id: 'audit-verify-result', 'data-ok': 'false' }, h('strong', null, 'The audit chain does not verify: ' + (p.kind || 'fault').replace(/_/g, ' ') + '.'), ' ',
    p.detail || '', p.batch ? ' Batch ' + p.batch + '.' : '', p.seq ? ' Position ' + p.seq + '.' : '', p.event_id ? ' Event ' + p.event_id + '.' : ''));
}

page('/audit', async (ctx) => {
  if (adminOnly(ctx, 'the audit log', 'audit.read')) return;
  ctx.title('Audit log');
  const q = ctx.query;
  const results = h('div', { id: 'audit-results' });
  const verifyBox = h('div', { id: 'audit-verify' }, h('p', { class: 'loading' }, 'Verifying the chain…'));
  let filter = {};
  for (const k of FILTERS) if (q.get(k)) filter[k] = q.get(k);
  const cursors = ['']; // the cursor of each page shown; the last is the current page's

  const query = (cursor) => {
    const p = new URLSearchParams(filter);
    p.set('limit', String(PAGE));
    if (cursor) p.set('cursor', cursor);
    return p.toString();
  };
  const load = async (cursor) => {
    const res = await list('/api/v1/audit-logs?' + query(cursor));
    const prev = h('button', { type: 'button', id: 'audit-newer', disabled: cursors.length <= 1 }, 'Newer');
    const next = h('button', { type: 'button', id: 'audit-older', disabled: !res.next }, 'Older');
    prev.addEventListener('click', async () => { cursors.pop(); await show(cursors[cursors.length - 1]); });
    next.addEventListener('click', async () => { cursors.push(res.next); await show(res.next); });
    const filtered = Object.keys(filter).length > 0;
    fill(results, 
      h('p', { id: 'audit-count' }, res.total === null ? '' : res.total + ' event' + (res.total === 1 ? '' : 's') + (filtered ? ' match' + (res.total === 1 ? 'es' : '') + ' the filters.' : ' in the log.')),
      table([
        { label: 'When', value: (e) => dateTime(e.created_at) },
        { label: 'Action', value: (e) => h('code', { class: 'audit-action' }, e.action) },
        { label: 'Result', value: (e) => h('span', { class: 'badge result-' + e.outcome }, e.outcome) },
        { label: 'Actor', value: (e) => [e.actor_email || e.actor_id || 'system', e.impersonator_id ? h('span', { class: 'badge' }, 'impersonated by ' + e.impersonator_id) : null] },
        { label: 'Resource', value: (e) => e.resource_type ? [e.resource_type, e.resource_id ? h('br') : null, e.resource_id ? h('small', null, h('code', null, e.resource_id)) : null] : '' },
        { label: 'Details', value: details },
        { label: 'From', value: (e) => h('small', null, e.ip || '') },
      ], res.items, filtered ? 'No event matches these filters: widen them, or clear them to see everything.' : 'The log is empty: events appear here as members sign in and change things.', 'Audit events, newest first'),
      (cursors.length > 1 || res.next) ? h('div', { class: 'pager' }, prev, h('span', null, 'Page ' + cursors.length), next) : null);
    return res;
  };
  const show = async (cursor) => {
    try { await load(cursor); } catch (err) { results.replaceChildren(notice('error', describe(err))); }
  };

  const filterForm = form({
    id: 'audit-filter',
    class: 'form audit-filter',
    submit: 'Apply the filters',
    fields: [
      { name: 'action', label: 'Action', value: filter.action || '', placeholder: 'subscription.upgrade', hint: 'For example auth.login, member.invite, subscription.upgrade.' },
      { name: 'actor_id', label: 'Actor (user id)', value: filter.actor_id || '' },
      { name: 'resource_type', label: 'Resource type', value: filter.resource_type || '', placeholder: 'tenant' },
      { name: 'resource_id', label: 'Resource id', value: filter.resource_id || '' },
      { name: 'result', label: 'Result', type: 'select', value: filter.result || '', options: [{ value: '', label: 'Any' }, { value: 'success', label: 'Successes' }, { value: 'failure', label: 'Failures' }] },
      { name: 'from', label: 'From', type: 'datetime-local', value: localValue(filter.from) },
      { name: 'to', label: 'Before', type: 'datetime-local', value: localValue(filter.to) },
    ],
    onSubmit: async (v) => {
      filter = {};
      for (const k of FILTERS) {
        const val = k === 'from' || k === 'to' ? rfc3339(v[k]) : (v[k] || '').trim();
        if (val) filter[k] = val;
      }
      cursors.length = 1;
      const p = new URLSearchParams(filter).toString();
      history.replaceState(null, '', '/console/audit' + (p ? '?' + p : ''));
      const res = await load('');
      return res.total === null ? 'Filters applied.' : res.total + ' event' + (res.total === 1 ? '' : 's') + ' found.';
    },
  });
  filterForm.querySelector('.actions').append(h('button', { type: 'button', onclick: () => {
    for (const el of filterForm.querySelectorAll('input, select')) el.value = '';
    filterForm.requestSubmit();
  } }, 'Clear'));

  const verify = async () => {
    verifyBox.replaceChildren(h('p', { class: 'loading' }, 'Verifying the chain…'));
    try { verifyBox.replaceChildren(verificationView(await api('GET', '/api/v1/audit-logs/verify'))); } catch (err) { verifyBox.replaceChildren(notice('error', describe(err))); }
  };

  const saved = h('div', { id: 'audit-export-file' });
  const exportForm = form({
    id: 'audit-export',
    submit: 'Export',
    fields: [
      { name: 'from', label: 'From', type: 'datetime-local', hint: 'Empty: from the first event.' },
      { name: 'to', label: 'Before', type: 'datetime-local', hint: 'Empty: up to the last.' },
      { name: 'format', label: 'Format', type: 'select', value: 'ndjson', options: [{ value: 'ndjson', label: 'NDJSON (verifies offline with tenantry audit verify --file)' }, { value: 'csv', label: 'CSV' }] },
    ],
    onSubmit: async (v) => {
      const p = new URLSearchParams({ format: v.format });
      if (v.from) p.set('from', rfc3339(v.from));
      if (v.to) p.set('to', rfc3339(v.to));
      const file = await download('/api/v1/audit-logs/export?' + p, 'audit-export.' + v.format, saved, { accept: v.format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
      return 'Exported ' + file.records + ' line' + (file.records === 1 ? '' : 's') + ' (' + file.size + ' bytes).';
    },
  });

  fill(ctx.main, h('h1', null, 'Audit log'),
    section('Chain verification', h('p', { class: 'hint' }, 'Every event is chained by hash and sealed in signed batches; verifying recomputes the chain and names the first event edited, deleted, inserted or reordered.'),
      verifyBox, h('div', { class: 'actions' }, button('Verify again', verify, { label: 'Verify the audit chain again' }))),
    section('Filters', filterForm),
    section('Events', results),
    section('Export', h('p', { class: 'hint' }, 'The events of a time range, oldest first, with their chain positions and the batches\' seals.'), exportForm, saved));
  await Promise.all([show(''), verify()]);
}, { access: 'tenant', nav: { section: 'tenant', label: 'Audit log', order: 58, when: () => allowed('audit.read') } });
