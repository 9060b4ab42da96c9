// Helpers shared by the tenant pages: role names, the grant rules
// (internal/membership/grant.go, which the API's actions do not say), the
// "not allowed" view, and the outlet checkboxes of a membership.

import { ApiError, role, session } from '../../api.js';
import { h, field, notice, table } from '../../ui.js';

/** ROLES are the tenant roles, most powerful first. */
export const ROLES = ['owner', 'tenant_admin', 'outlet_manager', 'staff', 'receptionist', 'viewer'];

const LABELS = { owner: 'Owner', tenant_admin: 'Tenant admin', outlet_manager: 'Outlet manager', staff: 'Staff', receptionist: 'Receptionist', viewer: 'Viewer' };

/** roleLabel names a role for people. */
export function roleLabel(r) { return LABELS[r] || r || '—'; }

/** OUTLET_BOUND roles act only on the outlets of their membership. */
export const OUTLET_BOUND = ['outlet_manager', 'staff', 'receptionist'];

/** canGrant: the roles the signed-in member may give (never owner; a tenant_admin its own and below). */
export function grantable() {
  const r = role();
  if (r === 'owner') return ROLES.slice(1);
  if (r === 'tenant_admin') return ROLES.slice(1);
  return [];
}

/** canManage answers whether the signed-in member may change or remove a member holding current. */
export function canManage(current) {
  const r = role();
  if (current === 'owner') return false;
  if (r === 'owner') return true;
  if (r === 'tenant_admin') return ROLES.indexOf(current) > ROLES.indexOf('tenant_admin');
  return false;
}

/** notAllowed fills main with the page's heading and why the role may not use it. */
export function notAllowed(main, title, what) {
  main.replaceChildren(h('h1', null, title),
    notice('warn', h('p', null, 'Not allowed: your role in ' + (session.tenant ? session.tenant.name : 'this tenant') + ' (' + roleLabel(role()) + ') does not allow ' + what + '.'),
      h('p', null, 'Ask the owner or a tenant admin if you need it.')));
  main.dataset.allowed = 'no';
}

/** guarded runs render, showing the not-allowed view when the API answers 403. */
export async function guarded(main, title, what, render) {
  try {
    await render();
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) { notAllowed(main, title, what); return; }
    throw err;
  }
}

/**
 * outletChecks is a fieldset of one checkbox per outlet (named outlet:<id>),
 * those in selected ticked; .selected() answers the ticked ids.
 */
export function outletChecks(outlets, selected, legend) {
  const set = new Set(selected || []);
  const boxes = outlets.map((o) => field({ type: 'checkbox', name: 'outlet:' + o.id, label: o.name + (o.is_active ? '' : ' (inactive)'), value: set.has(o.id) }));
  const fs = h('fieldset', { class: 'outlet-checks' }, h('legend', null, legend || 'Outlets'),
    outlets.length ? boxes : h('p', { class: 'hint' }, 'There are no outlets yet.'),
    h('p', { class: 'hint' }, 'Outlet managers, staff and receptionists work only at the outlets ticked here.'));
  fs.selected = () => boxes.filter((b) => b.input.checked).map((b) => b.input.name.slice('outlet:'.length));
  return fs;
}

/** outletNames maps outlet ids to names. */
export function outletNames(outlets) {
  const m = new Map(outlets.map((o) => [o.id, o.name]));
  return (ids) => (ids || []).map((id) => m.get(id) || id).join(', ') || '—';
}

/** allOutlets lists every outlet the caller reaches (up to 500). */
export async function allOutlets(api) {
  return api('GET', '/api/v1/outlets?limit=500');
}

/** timeZones lists the IANA time zones the browser knows, with value first if missing. */
export function timeZones(value) {
  let zones = [];
  try { zones = Intl.supportedValuesOf('timeZone'); } catch (e) { zones = ['UTC']; }
  if (!zones.includes('UTC')) zones = ['UTC', ...zones];
  if (value && !zones.includes(value)) zones = [value, ...zones];
  return zones.map((z) => ({ value: z, label: z }));
}

/**
 * scrollable lets the keyboard reach a table that scrolls sideways on a
 * narrow screen: its .table-wrap becomes a focusable, named region.
 * (Generic: belongs in ui.js's table().)
 */
export function scrollable(node, label) {
  if (node && node.classList && node.classList.contains('table-wrap')) {
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'region');
    node.setAttribute('aria-label', label);
  }
  return node;
}

/** tableOf is ui.js's table() whose scrolling wrapper the keyboard reaches, named label. */
export function tableOf(label, columns, rows, empty, caption) {
  return scrollable(table(columns, rows, empty, caption), label);
}
