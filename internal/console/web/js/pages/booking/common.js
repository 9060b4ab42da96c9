// Helpers shared by the booking pages: checkbox groups for id lists, money in
// minor units, and wall-clock times in an outlet's time zone.

import { api, session, ApiError } from '../../api.js';
import { h, uniqueID } from '../../ui.js';

/** all reads every page of a skip/limit listing (at most a few pages). */
export async function all(path) {
  const sep = path.includes('?') ? '&' : '?';
  const rows = await api('GET', path + sep + 'limit=500');
  return Array.isArray(rows) ? rows : (rows.items || []);
}

/** outlets lists the outlets the user reaches. */
export function outlets() { return all('/api/v1/outlets'); }

/** names maps ids to names of rows. */
export function names(rows) { return new Map(rows.map((r) => [r.id, r.name])); }

/**
 * checks is a labelled group of checkboxes, one per option, for a list of
 * ids. group.value() answers the checked ids.
 */
export function checks(spec) {
  const id = uniqueID(spec.name);
  const chosen = new Set(spec.value || []);
  const boxes = spec.options.map((o) => {
    const bid = uniqueID(spec.name);
    const box = h('input', { type: 'checkbox', id: bid, value: o.value, 'data-group': spec.name, checked: chosen.has(o.value) });
    return h('div', { class: 'field check' }, box, h('label', { for: bid }, o.label));
  });
  const err = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  const wrap = h('fieldset', { class: 'checks', id, 'data-name': spec.name, 'aria-describedby': id + '-error' },
    h('legend', null, spec.label), spec.hint ? h('p', { class: 'hint' }, spec.hint) : null,
    boxes.length ? boxes : h('p', { class: 'empty' }, spec.empty || 'None yet.'), err);
  wrap.value = () => [...wrap.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);
  // As a field of form(): its problems (outlet_ids) show in the group.
  wrap.input = { name: spec.name, type: 'checkbox', required: false, focus: () => { const b = wrap.querySelector('input'); if (b) b.focus(); } };
  wrap.setError = (msg) => {
    err.hidden = !msg;
    err.textContent = msg || '';
  };
  return wrap;
}

/** checked reads the checked ids of a checks() group named name inside a form. */
export function checked(formEl, name) {
  return [...formEl.querySelectorAll(`input[data-group="${name}"]:checked`)].map((b) => b.value);
}

/** fractionDigits is how many minor-unit digits a currency has (2 when unknown). */
export function fractionDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch (e) {
    return 2;
  }
}

/** money formats minor units of currency. */
export function money(minor, currency) {
  const d = fractionDigits(currency);
  const v = minor / Math.pow(10, d);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(v);
  } catch (e) {
    return v.toFixed(d) + ' ' + (currency || '');
  }
}

/** toMinor reads a price typed as 25 or 25.50 into minor units (NaN when it is no number). */
export function toMinor(text, currency) {
  const t = String(text).trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return NaN;
  return Math.round(Number(t) * Math.pow(10, fractionDigits(currency)));
}

/** fromMinor shows minor units as the decimal a user types. */
export function fromMinor(minor, currency) {
  const d = fractionDigits(currency);
  return (minor / Math.pow(10, d)).toFixed(d);
}

let tenantCurrency = null;
/** currency is the selected tenant's currency (from its settings), or ''. */
export async function currency() {
  if (tenantCurrency && tenantCurrency.tenant === session.tenant.id) return tenantCurrency.value;
  let value = '';
  try {
    const t = await api('GET', '/api/v1/tenants/' + encodeURIComponent(session.tenant.id));
    value = (t.settings && t.settings.currency) || t.currency || '';
  } catch (e) { value = ''; }
  tenantCurrency = { tenant: session.tenant.id, value };
  return value;
}

const pad = (n) => String(n).padStart(2, '0');

function parts(tz, instant) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'long' });
  return Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** offsetMinutes is tz's offset from UTC at instant, in minutes east. */
export function offsetMinutes(tz, instant) {
  const p = parts(tz, instant);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** zoned is the RFC 3339 time of a wall-clock date (YYYY-MM-DD) and time (HH:MM) in tz. */
export function zoned(date, time, tz) {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  let off = offsetMinutes(tz, new Date(guess));
  off = offsetMinutes(tz, new Date(guess - off * 60000));
  const a = Math.abs(off);
  return `${date}T${pad(hh)}:${pad(mm)}:00${off < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** today is the date (YYYY-MM-DD) now in tz. */
export function today(tz) {
  const p = parts(tz || 'UTC', new Date());
  return `${p.year}-${p.month}-${p.day}`;
}

/** clock is the wall-clock time (HH:MM) of an RFC 3339 time in tz. */
export function clock(iso, tz) {
  const p = parts(tz || 'UTC', new Date(iso));
  return `${pad(+p.hour % 24)}:${p.minute}`;
}

export const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** weekday is the day name (monday …) of a date YYYY-MM-DD. */
export function weekday(date) {
  const d = new Date(date + 'T12:00:00Z').getUTCDay(); // 0 is sunday
  return days[(d + 6) % 7];
}

/** intervals shows a day's opening intervals ("09:00–12:00, 13:00–17:00", or "closed"). */
export function intervals(list) {
  return list && list.length ? list.map((i) => i.open + '–' + i.close).join(', ') : 'closed';
}

/** parseIntervals reads "09:00-12:00, 13:00-17:00" into intervals (null when it cannot). */
export function parseIntervals(text) {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'closed' || t.toLowerCase() === 'off') return [];
  const out = [];
  for (const part of t.split(/[,;]\s*/)) {
    const m = part.trim().match(/^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/);
    if (!m) return null;
    out.push({ open: pad(+m[1]) + ':' + m[2], close: pad(+m[3]) + ':' + m[4] });
  }
  return out;
}

/** capitalize writes a day or status name for people. */
export function label(s) { return (s.charAt(0).toUpperCase() + s.slice(1)).replace('_', '-'); }

/** invalid is a field error found before sending, shown like the API's. */
export function invalid(field, message) {
  return new ApiError(422, { code: 'validation_failed', detail: 'Check the highlighted field.', errors: [{ field, message }] });
}

/** markFields puts an API error's field messages beside the inputs named exactly so in formEl. */
export function markFields(formEl, err) {
  for (const [name, msg] of Object.entries((err && err.fields) || {})) {
    const input = formEl.querySelector(`[name="${CSS.escape(name)}"]`);
    const wrap = input && input.closest('.field');
    if (wrap && wrap.setError) wrap.setError(msg);
  }
}

/** templates reads the tenant's suggestions: kind 'service-category' or 'staff-position' ([] when unreadable). */
export async function templates(kind) {
  try {
    const r = await api('GET', '/api/v1/tenants/' + encodeURIComponent(session.tenant.id) + '/' + kind + '-templates');
    return r[kind.replace('-', '_') + '_templates'] || [];
  } catch (e) {
    return [];
  }
}

/** suggest gives the input named name in formEl a list of suggestions (a datalist). */
export function suggest(formEl, name, options) {
  const input = formEl.querySelector(`[name="${name}"]`);
  if (!input || !options.length) return formEl;
  const id = uniqueID(name + '-options');
  input.setAttribute('list', id);
  input.after(h('datalist', { id }, options.map((o) => h('option', { value: o }))));
  return formEl;
}
