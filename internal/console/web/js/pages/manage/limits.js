// Plan limits in words: the names of meters, their amounts, and
// limitHint(err), which turns a plan_limit_exceeded refusal into a notice
// offering the upgrade. Other pages use it beside form()'s message:
//
//   import { limitHint } from '../manage/limits.js';
//   try { … } catch (err) { const hint = limitHint(err); if (hint) where.append(hint); throw err; }

import { ApiError } from '../../api.js';
import { h, notice } from '../../ui.js';
import { href } from '../../router.js';

const METERS = {
  outlets: 'Outlets',
  members: 'Members',
  staff: 'Staff',
  appointments_per_month: 'Appointments this month',
  storage_bytes: 'Storage',
  api_keys: 'API keys',
  api_requests_per_month: 'API requests this month',
};

/** meterName is a meter's name for people. */
export function meterName(meter) {
  return METERS[meter] || String(meter).replace(/_/g, ' ');
}

/** amount formats a meter's count (bytes for storage). */
export function amount(meter, n) {
  if (n === null || n === undefined) return 'unlimited';
  if (meter !== 'storage_bytes') return Number(n).toLocaleString();
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Number(n), i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return (i === 0 ? String(v) : v.toFixed(v >= 10 || Number.isInteger(v) ? 0 : 1)) + ' ' + units[i];
}

/** isLimit reports whether err is a refusal by the plan's limits. */
export function isLimit(err) {
  return err instanceof ApiError && err.code === 'plan_limit_exceeded';
}

/** upgradeLink leads to the plan page with the plan of code offered. */
export function upgradeLink(code, name) {
  return h('a', { href: href('/plan?upgrade=' + encodeURIComponent(code)), class: 'upgrade-link', 'data-plan': code },
    'Upgrade to ' + (name || code));
}

/**
 * limitHint answers a notice for a plan_limit_exceeded problem, or null for
 * any other error. A creation past a limit (403: meter, limit, used,
 * upgrade_to) offers "Upgrade to X" (a link to /plan); a downgrade the
 * usage would break (409: exceeded [{meter, used, limit}]) lists every
 * meter that breaks. plans (optional, the catalog) names upgrade_to.
 */
export function limitHint(err, plans) {
  if (!isLimit(err)) return null;
  const p = err.problem || {};
  if (err.status === 409 && Array.isArray(p.exceeded) && p.exceeded.length) {
    const list = notice('error', h('p', null, 'Plan ' + (p.plan || '') + ' is too small for what is in use:'),
      h('ul', { class: 'exceeded' }, p.exceeded.map((x) => h('li', { 'data-meter': x.meter },
        h('strong', null, meterName(x.meter)), ': ' + amount(x.meter, x.used) + ' in use, the plan allows ' + amount(x.meter, x.limit) + '.'))),
      h('p', null, 'Remove what is over the limit first, or choose a larger plan.'));
    list.classList.add('limit-hint');
    return list;
  }
  const target = p.upgrade_to ? (plans || []).find((x) => x.code === p.upgrade_to) : null;
  const box = notice('warn',
    h('p', null, p.meter
      ? 'Your plan' + (p.plan ? ' (' + p.plan + ')' : '') + ' allows ' + amount(p.meter, p.limit) + ' ' + meterName(p.meter).toLowerCase() +
        '; ' + amount(p.meter, p.used) + ' in use.'
      : err.message),
    p.upgrade_to ? h('p', null, upgradeLink(p.upgrade_to, target ? target.name : '')) : h('p', null, 'No plan allows more: contact the platform.'));
  box.classList.add('limit-hint');
  if (p.meter) box.dataset.meter = p.meter;
  return box;
}
