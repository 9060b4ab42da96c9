// Small building blocks shared by the platform pages (candidates for ui.js).

import { h, fill } from '../../ui.js';
import { href } from '../../router.js';

/** facts renders [label, value] pairs as a definition list (values: nodes or text; null rows left out). */
export function facts(rows) {
  return h('dl', { class: 'facts pf-facts' }, rows.filter((r) => r && r[1] !== null && r[1] !== undefined && r[1] !== '')
    .map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

/** render fills a page's main with its content, inside the platform pages' wrapper. */
export function render(main, ...children) {
  return fill(main, h('div', { class: 'pf-page' }, ...children));
}

/** badge is a short label, e.g. a status; kind adds a class (active, suspended, …). */
export function badge(text, kind) {
  return h('span', { class: 'badge pf-' + (kind || text || 'none') }, text || '—');
}

/** query builds a query string of the non-empty values ('' when none). */
export function query(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? '?' + s : '';
}

/** keepAddress shows path as the address without showing the page again (filters in place). */
export function keepAddress(path) {
  history.replaceState(null, '', href(path));
}

/** statusLabel names a tenant status for people. */
export const tenantStatuses = [
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'archived', label: 'Archived' },
  { value: 'inactive', label: 'Deactivated' },
];

export function statusLabel(s) {
  const f = tenantStatuses.find((x) => x.value === s);
  return f ? f.label : (s || '—');
}
