// /configuration: the tenant's merged configuration (GET /api/v1/configs),
// each value marked with where it comes from — inherited from the
// platform, its plan or the defaults, set by the tenant, or locked by the
// platform — and changed or reset where the caller may (mod).

import { api, session, ApiError } from '../../api.js';
import { h, section, field, form, notice, button, status, fill } from '../../ui.js';
import { page } from '../../router.js';

const OWN = ['tenant', 'environment'];
const SOURCES = { default: 'default', global: 'platform', plan: 'plan', tenant: 'tenant (every environment)', environment: 'this environment' };

/** configEntries answers every key of the merged configuration, flat, with its resource, group and section. */
export async function configEntries() {
  const tree = await api('GET', '/api/v1/configs');
  const out = [];
  for (const r of tree.resources || []) for (const g of r.config_groups || []) for (const s of g.sections || []) {
    for (const c of s.configs || []) out.push(Object.assign({ resource: r.resrc_name, group: g.grp_title, section: s.header_title }, c));
  }
  out.environment = tree.environment;
  return out;
}

/** shown renders a value for reading. */
function shown(c) {
  const v = c.val;
  if (c.gen_type === 'boolean') return v ? 'Yes' : 'No';
  if (v === null || v === undefined) return '—';
  if (c.gen_type === 'json') return h('code', null, JSON.stringify(v));
  if (v === '') return h('span', { class: 'empty' }, '(empty)');
  return String(v);
}

function badges(c) {
  const from = SOURCES[c.source] || c.source;
  if (c.is_locked) {
    return [h('span', { class: 'badge locked', title: 'A platform admin locked this value' }, 'locked'), ' ',
      h('small', { class: 'hint' }, OWN.includes(c.source) ? 'fixed for this tenant by the platform' : 'from the ' + from)];
  }
  if (OWN.includes(c.source)) return h('span', { class: 'badge own' }, 'set by this tenant');
  return h('span', { class: 'badge inherited', title: 'Inherited from the ' + from }, 'inherited from ' + from);
}

/** editor builds the input of a key's type. */
function editor(c) {
  const base = { name: 'value', label: c.lbl || c.key };
  switch (c.gen_type) {
    case 'boolean': return Object.assign(base, { type: 'checkbox', value: c.val === true });
    case 'integer': return Object.assign(base, { type: 'number', value: c.val, step: 1 });
    case 'enum': return Object.assign(base, { type: 'select', value: c.val, options: (c.values || []).map((v) => ({ value: v, label: v })) });
    case 'duration': return Object.assign(base, { value: c.val, hint: 'A duration such as 45m, 12h or 720h0m0s.' });
    case 'json': return Object.assign(base, { type: 'textarea', value: JSON.stringify(c.val, null, 2), hint: 'JSON.' });
    default: return Object.assign(base, { value: c.val ?? '' });
  }
}

function parsed(c, v) {
  if (c.gen_type === 'json') {
    try { return JSON.parse(v.value); } catch (e) { throw new ApiError(422, { detail: 'The value is not valid JSON.', errors: [{ field: 'value', message: e.message }] }); }
  }
  if (c.gen_type === 'integer') return v.value === undefined ? null : v.value;
  if (c.gen_type === 'boolean') return !!v.value;
  return v.value ?? '';
}

page('/configuration', async (ctx) => {
  ctx.title('Configuration');
  const render = async (message, key) => {
    const entries = await configEntries();
    const st = status();
    let editorRow = null;
    const closeEditor = () => { if (editorRow) editorRow.remove(); editorRow = null; };
    const open = (c, row) => {
      closeEditor();
      const f = form({
        id: 'config-edit',
        keepEmpty: true,
        submit: 'Save',
        fields: [editor(c)],
        extra: h('p', { class: 'hint' }, h('code', null, c.key), ' · ' + c.gen_type),
        onSubmit: async (v) => {
          const saved = await api('PUT', '/api/v1/configs/' + encodeURIComponent(c.key), { value: parsed(c, v) });
          const fresh = rowOf(Object.assign({}, c, saved), true);
          row.replaceWith(fresh);
          row = fresh;
          return 'Saved: ' + (c.lbl || c.key) + ' is now this tenant\'s own value.';
        },
      });
      f.querySelector('.actions').append(h('button', { type: 'button', onclick: () => { closeEditor(); const b = row.querySelector('button'); if (b) b.focus(); } }, 'Close'));
      editorRow = h('tr', { class: 'editor-row' }, h('td', { colspan: '4' }, section('Change ' + (c.lbl || c.key), f)));
      row.after(editorRow);
      f.querySelector('input, select, textarea').focus();
    };
    const reset = async (c) => {
      const env = c.source === 'tenant' ? '?environment=all' : '';
      await api('DELETE', '/api/v1/configs/' + encodeURIComponent(c.key) + env);
      await render('Reset ' + (c.lbl || c.key) + ': it inherits again.', c.key);
    };
    const rowOf = (c, changed) => {
      const canEdit = c.mod && !c.is_locked;
      const row = h('tr', { 'data-key': c.key, 'data-source': c.source, class: changed || c.key === key ? 'changed' : null },
        h('td', { 'data-label': 'Setting' }, h('span', { class: 'config-label' }, c.lbl || c.key), h('br'),
          h('small', { class: 'hint' }, c.group + ' › ' + c.section + ' · ', h('code', null, c.key))),
        h('td', { 'data-label': 'Value', class: 'config-value' }, shown(c)),
        h('td', { 'data-label': 'Where it comes from', class: 'config-source' }, badges(c)),
        h('td', { 'data-label': '' }, canEdit ? [
          h('button', { type: 'button', class: 'config-change', onclick: () => open(c, row), 'aria-label': 'Change ' + (c.lbl || c.key) }, 'Change'),
          OWN.includes(c.source) ? [' ', button('Reset', () => reset(c), { label: 'Reset ' + (c.lbl || c.key), status: st, class: 'config-reset' })] : null,
        ] : h('span', { class: 'hint' }, c.is_locked ? 'Locked' : 'Read only')));
      return row;
    };
    const groups = new Map();
    for (const c of entries) {
      if (!groups.has(c.resource)) groups.set(c.resource, []);
      groups.get(c.resource).push(c);
    }
    const cards = [...groups.entries()].map(([resource, list]) => section(resource,
      h('div', { class: 'table-wrap' }, h('table', { class: 'config-table' },
        h('thead', null, h('tr', null, ['Setting', 'Value', 'Where it comes from', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, list.map((c) => rowOf(c, false)))))));
    fill(ctx.main, h('h1', null, 'Configuration'),
      h('p', null, 'The values in effect for this tenant in the ', h('strong', null, entries.environment || session.env), ' environment. ',
        h('span', { class: 'badge inherited' }, 'inherited'), ' values come from the platform, the plan or the defaults; ',
        h('span', { class: 'badge locked' }, 'locked'), ' values are fixed by the platform.'),
      message ? notice('ok', h('p', { id: 'config-message', role: 'status' }, message)) : null,
      st,
      entries.length ? cards : h('p', { class: 'empty' }, 'No configuration keys are defined.'));
  };
  await render('');
}, { access: 'tenant', nav: { section: 'tenant', label: 'Configuration', order: 56 } });
