// /export: the tenant's complete data as one file (GET
// /api/v1/tenants/{id}/export, docs/export.md), streamed with its progress
// shown: bytes and records received, then the trailer's counts checked
// (a file without its trailer is incomplete).

import { session, allowed } from '../../api.js';
import { h, section, form, table, fill } from '../../ui.js';
import { page } from '../../router.js';
import { download } from './download.js';
import { adminOnly } from './access.js';

page('/export', async (ctx) => {
  if (adminOnly(ctx, 'the export of the data', 'tenant.export')) return;
  ctx.title('Export the data');
  const tid = session.tenant.id;
  const box = h('div', { id: 'export-progress' });
  const summary = h('div', { id: 'export-summary' });
  const f = form({
    id: 'tenant-export',
    submit: 'Export the data',
    fields: [
      { name: 'format', label: 'Format', type: 'select', value: 'ndjson', options: [
        { value: 'ndjson', label: 'NDJSON: one record per line (what tenantry import reads)' },
        { value: 'json', label: 'JSON: one document' }] },
    ],
    onSubmit: async (v) => {
      summary.replaceChildren();
      let header = null, trailer = null, records = 0;
      const ndjson = v.format === 'ndjson';
      const file = await download('/api/v1/tenants/' + encodeURIComponent(tid) + '/export?format=' + v.format, 'tenant-' + tid + '.' + v.format, box, {
        accept: ndjson ? 'application/x-ndjson' : 'application/json',
        onLine: ndjson ? (line) => {
          let o;
          try { o = JSON.parse(line); } catch (e) { return; }
          if (o.format) header = o; else if (o.type === 'trailer') trailer = o; else records += 1;
        } : null,
      });
      if (!ndjson) return 'Exported ' + file.size + ' bytes as one JSON document.';
      if (!trailer || trailer.records !== records) {
        throw new Error('The export is incomplete (' + records + ' records received' + (trailer ? ', ' + trailer.records + ' announced' : ', no trailer') + '): try again.');
      }
      const counts = Object.entries(trailer.counts || {}).map(([type, n]) => ({ type, n }));
      fill(summary, 
        table([{ label: 'Record type', value: (r) => r.type }, { label: 'Records', value: (r) => String(r.n) }], counts, 'The file holds no records.', 'What the file holds'),
        header && header.reenter && header.reenter.length
          ? h('p', { class: 'hint' }, 'Not in the file, to enter again after an import: ' + header.reenter.join(', ') + '.') : null);
      return 'Exported ' + records + ' records (' + file.size + ' bytes), complete.';
    },
  });
  fill(ctx.main, h('h1', null, 'Export the data'),
    section('Everything of this tenant in one file',
      h('p', null, 'Settings, configuration, subscription and payments, outlets, members, invites, API keys (no secrets), sign-in configuration, services, staff, customers, appointments and the audit log, from one consistent snapshot. Passwords and secrets are never exported.'),
      f, box, summary));
}, { access: 'tenant', nav: { section: 'tenant', label: 'Export the data', order: 60, when: () => allowed('tenant.export') } });
