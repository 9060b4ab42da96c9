// DOM building blocks of the console: elements from data (never HTML
// strings), forms that show a problem's message beside its field, tables
// with empty states, notices, charts as inline SVG and copy buttons.

import { ApiError } from './api.js';

/**
 * h builds an element: attrs sets attributes (on* names add listeners,
 * class, for, data-*, aria-*, boolean true/false), children are nodes,
 * strings, numbers, arrays or null.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' && 'checked' in el) el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/**
 * fill replaces el's children with nodes, strings, numbers and (nested)
 * arrays of them, leaving out null and false (replaceChildren would write
 * "null"), and answers el.
 */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
/** uniqueID returns an id for label/field pairs. */
export function uniqueID(prefix) { uid += 1; return (prefix || 'f') + '-' + uid; }

/**
 * status is a live region showing the outcome of an action: kind ok or
 * error (role alert), '' for progress. data-outcomes counts outcomes shown
 * (tests and assistive tools wait on it).
 */
export function status() {
  const el = h('div', { class: 'status', 'data-outcomes': '0', role: 'status', 'aria-live': 'polite' });
  el.show = (kind, text, items) => {
    el.className = 'status ' + kind;
    el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    if (kind) el.dataset.outcomes = String(Number(el.dataset.outcomes || 0) + 1);
    el.replaceChildren(text || '');
    if (items && items.length) el.append(h('ul', null, items.map((t) => h('li', null, t))));
  };
  return el;
}

/** describe turns an error into the text a user reads. */
export function describe(err) {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong: ' + (err && err.message ? err.message : String(err));
}

/**
 * field builds a labelled input. spec: {name, label, type (text, email,
 * password, number, select, textarea, checkbox, time, date, color,
 * file …), value, required, options [{value, label}] for select, hint,
 * autocomplete, placeholder, min, max, step, readonly, inputmode, pattern}.
 */
export function field(spec) {
  const id = spec.id || uniqueID(spec.name);
  const hint = spec.hint ? h('p', { class: 'hint', id: id + '-hint' }, spec.hint) : null;
  const err = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  const common = { id, name: spec.name, required: !!spec.required, 'aria-describedby': [hint ? id + '-hint' : '', id + '-error'].join(' ').trim(),
    autocomplete: spec.autocomplete, placeholder: spec.placeholder, readonly: spec.readonly, inputmode: spec.inputmode };
  let input;
  if (spec.type === 'select') {
    input = h('select', common, (spec.options || []).map((o) => h('option', { value: o.value, selected: String(o.value) === String(spec.value ?? '') }, o.label ?? o.value)));
  } else if (spec.type === 'textarea') {
    input = h('textarea', Object.assign({ rows: spec.rows || 4 }, common));
    input.value = spec.value ?? '';
  } else {
    input = h('input', Object.assign({ type: spec.type || 'text', min: spec.min, max: spec.max, step: spec.step, pattern: spec.pattern, accept: spec.accept,
      multiple: spec.multiple }, common));
    if (spec.type === 'checkbox') input.checked = !!spec.value;
    else if (spec.type !== 'file' && spec.value !== undefined && spec.value !== null) input.value = spec.value;
  }
  const label = h('label', { for: id }, spec.label);
  const wrap = spec.type === 'checkbox'
    ? h('div', { class: 'field check' }, input, label, hint, err)
    : h('div', { class: 'field' }, label, input, hint, err);
  wrap.input = input;
  wrap.setError = (msg) => {
    err.hidden = !msg;
    err.textContent = msg || '';
    if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  };
  return wrap;
}

/** values reads a form's named inputs: checkboxes as booleans, numbers as numbers, empty text left out unless keepEmpty. */
export function values(formEl, keepEmpty) {
  const out = {};
  for (const el of formEl.querySelectorAll('input[name], select[name], textarea[name]')) {
    if (el.type === 'checkbox') out[el.name] = el.checked;
    else if (el.type === 'file') out[el.name] = el.files;
    else if (el.type === 'number') { if (el.value !== '') out[el.name] = Number(el.value); else if (keepEmpty) out[el.name] = null; }
    else if (el.value !== '' || keepEmpty) out[el.name] = el.value;
  }
  return out;
}

/**
 * form builds a form from field specs. onSubmit(values, form) runs the
 * action and may answer a success message; an ApiError shows its detail in
 * the status and each field's message beside the field (the first one
 * focused). opts: {fields, submit (button text), onSubmit, keepEmpty,
 * extra (nodes inside the form), id}.
 */
export function form(opts) {
  const fields = (opts.fields || []).map((f) => f instanceof Node ? f : field(f));
  const st = status();
  const button = h('button', { type: 'submit', class: 'primary' }, opts.submit || 'Save');
  const el = h('form', { novalidate: true, id: opts.id, class: opts.class || 'form' }, fields, opts.extra || null, h('div', { class: 'actions' }, button), st);
  el.outcome = st; // not el.status: a form names its controls, and one may be called status
  el.fields = {};
  for (const f of fields) if (f.input) el.fields[f.input.name] = f;
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const f of Object.values(el.fields)) f.setError('');
    for (const f of Object.values(el.fields)) {
      if (f.input.required && f.input.type !== 'checkbox' && f.input.value === '') {
        f.setError('This field is required.');
        st.show('error', 'Fill in the required fields.');
        f.input.focus();
        return;
      }
    }
    button.disabled = true;
    st.show('', 'Working…');
    try {
      const msg = await opts.onSubmit(values(el, opts.keepEmpty), el);
      st.show('ok', msg || 'Saved.');
    } catch (err) {
      showError(el, err);
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

/** showError puts an error on a form: its detail in the status, field messages beside the fields. */
export function showError(formEl, err) {
  const items = [];
  let first = null;
  if (err instanceof ApiError) {
    for (const [name, msg] of Object.entries(err.fields)) {
      const f = formEl.fields && (formEl.fields[name] || formEl.fields[name.split(/[.[]/)[0]]); // primary_address.city, outlet_ids[0]: the field of its first part
      if (f) { f.setError(msg); first = first || f.input; } else items.push(name + ': ' + msg);
    }
  }
  formEl.outcome.show('error', describe(err), items);
  const p = err instanceof ApiError ? err.problem : {};
  if (p.code === 'plan_limit_exceeded' && p.upgrade_to) { // a creation past the plan's limit: offer the plan that allows it
    formEl.outcome.append(' ', h('a', { href: '/console/plan?upgrade=' + encodeURIComponent(p.upgrade_to), class: 'upgrade-link', 'data-plan': p.upgrade_to },
      'Upgrade to the ' + p.upgrade_to + ' plan'));
  }
  if (first) first.focus();
}

/**
 * table renders rows under columns [{label, value: (row) => node|string,
 * class}], or the empty text (what to do next) when there are none.
 */
export function table(columns, rows, empty, caption) {
  if (!rows || rows.length === 0) return h('p', { class: 'empty' }, empty || 'Nothing here yet.');
  // a table wider than the screen scrolls sideways: its wrapper is a named
  // region the keyboard reaches (tabindex), so it scrolls without a mouse
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': caption || columns.map((c) => c.label).filter(Boolean).join(', ') }, h('table', null,
    caption ? h('caption', null, caption) : null,
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
    h('tbody', null, rows.map((r) => h('tr', null, columns.map((c) => h('td', { class: c.class, 'data-label': c.label }, c.value(r))))))));
}

/** notice is a message box: kind info, ok, warn or error. */
export function notice(kind, ...children) {
  return h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'note' }, ...children);
}

/** section is a titled card. */
export function section(title, ...children) {
  return h('section', { class: 'card', 'aria-label': title }, h('h2', null, title), ...children);
}

/** button is a plain button running an async action, disabled while it runs; errors go to st if given. */
export function button(text, action, opts = {}) {
  const b = h('button', { type: 'button', class: opts.class || '', 'aria-label': opts.label });
  b.textContent = text;
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await action();
    } catch (err) {
      if (opts.status) opts.status.show('error', describe(err)); else alert(describe(err));
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/** copyButton copies text to the clipboard and says so. */
export function copyButton(text, label) {
  const b = h('button', { type: 'button', class: 'copy' }, label || 'Copy');
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = 'Copied';
    } catch (e) {
      b.textContent = 'Select and copy it';
    }
  });
  return b;
}

/** secret shows a value shown once (an API key, a client secret) with a copy button. */
export function secret(label, value) {
  return notice('warn', h('p', null, h('strong', null, label), ' — shown once: copy it now, it cannot be shown again.'),
    h('p', { class: 'secret' }, h('code', { class: 'secret-value' }, value), ' ', copyButton(value)));
}

/**
 * confirm asks a yes/no question in a modal dialog; with typed, the user
 * must type that text to confirm (erasing a tenant). Answers a Promise<bool>.
 */
export function confirm(question, opts = {}) {
  return new Promise((resolve) => {
    const input = opts.typed ? field({ name: 'confirm', label: 'Type ' + opts.typed + ' to confirm' }) : null;
    const ok = h('button', { type: 'submit', class: opts.danger ? 'danger' : 'primary' }, opts.ok || 'Confirm');
    const cancel = h('button', { type: 'button' }, 'Cancel');
    const d = h('dialog', { class: 'dialog', 'aria-label': question },
      h('form', { method: 'dialog' }, h('p', null, question), input, h('div', { class: 'actions' }, ok, cancel)));
    const done = (v) => { d.close(); d.remove(); resolve(v); };
    cancel.addEventListener('click', () => done(false));
    d.addEventListener('cancel', () => done(false));
    d.querySelector('form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (input && input.input.value !== opts.typed) { input.setError('Type ' + opts.typed + ' exactly.'); return; }
      done(true);
    });
    document.body.append(d);
    d.showModal();
    (input ? input.input : ok).focus();
  });
}

/**
 * barChart draws labelled bars as an inline SVG with a text alternative:
 * data [{label, value, max?}]; with max a bar shows value against max
 * (usage against a limit).
 */
export function barChart(title, data) {
  const ns = 'http://www.w3.org/2000/svg';
  const rowH = 28, labelW = 150, width = 560;
  const top = Math.max(1, ...data.map((d) => Math.max(d.max || 0, d.value || 0)));
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${data.length * rowH + 4}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title + ': ' + data.map((d) => d.label + ' ' + d.value + (d.max ? ' of ' + d.max : '')).join(', '));
  svg.classList.add('chart');
  data.forEach((d, i) => {
    const y = i * rowH + 4;
    const mk = (tag, attrs, text) => { const e = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); if (text !== undefined) e.textContent = text; svg.append(e); };
    const span = width - labelW - 90;
    mk('text', { x: 0, y: y + 17, class: 'chart-label' }, d.label);
    if (d.max) mk('rect', { x: labelW, y, width: span, height: 20, rx: 3, class: 'chart-track' });
    mk('rect', { x: labelW, y, width: Math.max(2, span * (d.value || 0) / (d.max || top)), height: 20, rx: 3,
      class: d.max && d.value >= d.max ? 'chart-bar full' : 'chart-bar' });
    mk('text', { x: labelW + span + 8, y: y + 17, class: 'chart-value' }, d.max ? `${d.value} / ${d.max}` : String(d.value));
  });
  return h('figure', { class: 'chart-figure' }, h('figcaption', null, title), svg);
}

/** dateTime formats an RFC 3339 time for people. */
export function dateTime(s) {
  if (!s) return '—';
  const d = new Date(s);
  return isNaN(d) ? s : d.toLocaleString();
}

/** pager shows previous/next buttons for skip/limit listings. */
export function pager(skip, limit, total, go) {
  const prev = h('button', { type: 'button', disabled: skip <= 0 }, 'Previous');
  const next = h('button', { type: 'button', disabled: total !== null && skip + limit >= total }, 'Next');
  prev.addEventListener('click', () => go(Math.max(0, skip - limit)));
  next.addEventListener('click', () => go(skip + limit));
  return h('div', { class: 'pager' }, prev, h('span', null, total === null ? '' : `${Math.min(total, skip + 1)}–${Math.min(total, skip + limit)} of ${total}`), next);
}
