// Platform admin: the configuration registry — each key's definition and
// its platform values (global, per plan, per tenant), set, locked and
// removed.

import { api } from '../../api.js';
import { h, form, table, section, notice, button, status, dateTime, describe, confirm, fill } from '../../ui.js';
import { page } from '../../router.js';
import { badge, query, render } from './common.js';

const show = (raw) => raw === undefined || raw === null ? '—' : JSON.stringify(raw);

/** parseValue reads what the admin typed as JSON; text keys may be typed without quotes. */
function parseValue(text, type) {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (['string', 'enum', 'duration'].includes(type)) return text;
    throw new Error('The value is not JSON of the key\'s type (' + type + '), e.g. true, 10, "text" or {"a": 1}.');
  }
}

function scopeName(v) {
  if (v.scope === 'PLAN') return 'plan ' + v.plan_id;
  if (v.scope === 'TENANT') return 'tenant ' + v.tenant_id;
  return 'global';
}

page('/admin/configuration', async (ctx) => {
  ctx.title('Configuration');
  const listArea = h('div', { id: 'config-list' });
  const out = status();
  let items = [];
  let setForm = null;

  const remove = async (key, v) => {
    if (!await confirm('Remove the ' + scopeName(v) + ' value of ' + key + '? The key falls back to the layer above.', { danger: true, ok: 'Remove' })) return;
    await api('DELETE', '/api/v1/admin/configs/' + encodeURIComponent(key) + query({ scope: v.scope, plan_id: v.plan_id, tenant_id: v.tenant_id }));
    out.show('ok', 'The ' + scopeName(v) + ' value of ' + key + ' was removed.');
    await load();
  };

  const pick = (key, v) => {
    const f = setForm;
    f.fields.key.input.value = key;
    f.fields.scope.input.value = v ? v.scope : 'GLOBAL';
    f.fields.plan_id.input.value = v && v.plan_id ? v.plan_id : '';
    f.fields.tenant_id.input.value = v && v.tenant_id ? v.tenant_id : '';
    f.fields.value.input.value = v ? JSON.stringify(v.value) : '';
    f.fields.is_locked.input.checked = !!(v && v.is_locked);
    f.scrollIntoView({ block: 'nearest' });
    f.fields.value.input.focus();
  };

  const load = async () => {
    const r = await api('GET', '/api/v1/admin/configs');
    items = r.items || [];
    fill(listArea, table([
      { label: 'Key', value: (c) => [h('code', null, c.definition.key), c.definition.custom ? [' ', badge('custom', 'custom')] : null,
        h('div', { class: 'hint' }, c.definition.lbl || '')] },
      { label: 'Type', value: (c) => c.definition.gen_type + (c.definition.values && c.definition.values.length ? ' (' + c.definition.values.join(', ') + ')' : '') },
      { label: 'Default', value: (c) => h('code', null, show(c.definition.default)) },
      { label: 'Platform values', value: (c) => (c.platform_values || []).length === 0 ? h('span', { class: 'badge inherited' }, 'default')
        : h('ul', { class: 'pf-values' }, c.platform_values.map((v) => h('li', null,
          scopeName(v) + ': ', h('code', null, show(v.value)), v.is_locked ? [' ', h('span', { class: 'badge locked' }, 'locked')] : null,
          ' ', button('Change', async () => pick(c.definition.key, v), { label: 'Change the ' + scopeName(v) + ' value of ' + c.definition.key }),
          ' ', button('Remove', () => remove(c.definition.key, v), { status: out, label: 'Remove the ' + scopeName(v) + ' value of ' + c.definition.key }),
          h('span', { class: 'hint' }, ' ', dateTime(v.updated_at))))) },
      { label: '', value: (c) => button('Set', async () => pick(c.definition.key, null), { label: 'Set a value of ' + c.definition.key }) },
    ], items, 'No configuration key is defined.'));
    if (setForm) {
      const sel = setForm.fields.key.input;
      const was = sel.value;
      fill(sel, ...items.map((c) => h('option', { value: c.definition.key }, c.definition.key)));
      if (was) sel.value = was;
    }
  };

  await load();
  setForm = form({
    id: 'config-set', submit: 'Save the value',
    fields: [
      { name: 'key', label: 'Key', type: 'select', options: items.map((c) => ({ value: c.definition.key })) },
      { name: 'scope', label: 'Scope', type: 'select', value: 'GLOBAL', options: [{ value: 'GLOBAL', label: 'Global (every tenant)' }, { value: 'PLAN', label: 'One plan' }, { value: 'TENANT', label: 'One tenant' }] },
      { name: 'plan_id', label: 'Plan ID (scope plan)', hint: 'The plan\'s id, as /admin/plans lists it.' },
      { name: 'tenant_id', label: 'Tenant ID (scope tenant)' },
      { name: 'value', label: 'Value (JSON)', required: true, hint: 'e.g. true, 10, "text", "15m" or {"a": 1}; text keys may skip the quotes.' },
      { name: 'is_locked', label: 'Locked: no level below may override it', type: 'checkbox' },
    ],
    onSubmit: async (v) => {
      const def = items.find((c) => c.definition.key === v.key);
      const b = { value: parseValue(v.value, def ? def.definition.gen_type : ''), scope: v.scope, is_locked: !!v.is_locked };
      if (v.scope === 'PLAN') b.plan_id = v.plan_id || '';
      if (v.scope === 'TENANT') b.tenant_id = v.tenant_id || '';
      const r = await api('PUT', '/api/v1/admin/configs/' + encodeURIComponent(v.key), b);
      await load();
      return r.key + ' = ' + JSON.stringify(r.value) + ' (' + scopeName(r) + (r.is_locked ? ', locked' : '') + ').';
    },
  });
  render(ctx.main, h('h1', null, 'Configuration'),
    notice('info', 'Values set here apply to every tenant (global), the tenants of one plan, or one tenant. A locked value cannot be overridden below it.'),
    section('Set a platform value', setForm),
    section('Keys and their platform values', out, listArea));
}, { access: 'platform', nav: { section: 'platform', label: 'Configuration', order: 5 } });
