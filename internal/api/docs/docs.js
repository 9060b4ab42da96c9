// Tenantry API reference: renders /openapi.json into the page. It has no
// dependencies and builds DOM nodes (never HTML strings), so nothing in the
// description can inject markup, and it runs under a CSP without inline code.
(function () {
  'use strict';

  const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
  let doc = null;

  // el creates an element with a class and children (nodes or text).
  function el(tag, cls, ...kids) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    for (const k of kids) {
      if (k !== null && k !== undefined && k !== false) n.append(k instanceof Node ? k : String(k));
    }
    return n;
  }

  function link(href, cls, ...kids) {
    const a = el('a', cls, ...kids);
    a.href = href;
    return a;
  }

  // prose renders text, turning `backquoted` spans into code.
  function prose(text, tag) {
    const p = el(tag || 'p', 'prose');
    String(text || '').split('`').forEach((part, i) => {
      if (part) p.append(i % 2 ? el('code', null, part) : part);
    });
    return p;
  }

  function badge(method) {
    return el('span', 'method m-' + method, method.toUpperCase());
  }

  // resolve follows a local JSON pointer such as #/components/schemas/Tenant.
  function resolve(ref) {
    return ref.slice(2).split('/').reduce((o, k) => (o ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
  }

  const refName = (ref) => ref.split('/').pop();

  // describe summarises a schema: a readable type label, the component it
  // names (if any), the object whose fields to list (if any) and the suffix
  // nested field paths take ([] for arrays, {} for maps).
  function describe(s) {
    s = s || {};
    if (s.$ref) {
      const d = describe(resolve(s.$ref));
      return { label: refName(s.$ref), name: refName(s.$ref), fields: d.fields, suffix: d.suffix };
    }
    if (s.anyOf) {
      const parts = s.anyOf.map(describe);
      const main = parts.find((p) => p.fields) || parts[0];
      return { label: parts.map((p) => p.label).join(' | '), name: main.name, fields: main.fields, suffix: main.suffix };
    }
    const types = [].concat(s.type || []);
    if (!types.length) return { label: 'any JSON' };
    const nul = types.includes('null') ? ' | null' : '';
    const t = types.find((x) => x !== 'null');
    if (!t) return { label: 'null' };
    if (t === 'array') {
      const it = describe(s.items);
      return { label: 'array of ' + it.label + nul, name: it.name, fields: it.fields, suffix: '[]' + (it.suffix || '') };
    }
    if (t === 'object' && s.additionalProperties) {
      const v = describe(s.additionalProperties);
      return { label: 'map of ' + v.label + nul, name: v.name, fields: v.fields, suffix: '{}' + (v.suffix || '') };
    }
    if (t === 'object' && s.properties) return { label: 'object' + nul, fields: s, suffix: '' };
    return { label: t + (s.format ? ' (' + s.format + ')' : '') + nul };
  }

  // typeLabel shows a type label, linking the component name it mentions.
  function typeLabel(d) {
    const span = el('span', 'type');
    const at = d.name ? d.label.indexOf(d.name) : -1;
    if (at < 0) span.append(d.label);
    else span.append(d.label.slice(0, at), link('#schema-' + d.name, 'tref', d.name), d.label.slice(at + d.name.length));
    return span;
  }

  // fieldNames lists required fields first, in declaration order, then the rest.
  function fieldNames(obj) {
    const names = Object.keys(obj.properties || {});
    const req = (obj.required || []).filter((n) => names.includes(n));
    return req.concat(names.filter((n) => !req.includes(n)).sort());
  }

  function addRows(tbody, obj, depth, parent, seen) {
    const req = obj.required || [];
    for (const name of fieldNames(obj)) {
      const d = describe(obj.properties[name]);
      const path = parent + name + (d.suffix || '');
      tbody.append(el('tr', 'depth-' + Math.min(depth, 5),
        el('td', 'fname', parent ? el('span', 'parent', parent) : null, el('code', null, name + (d.suffix || ''))),
        el('td', 'ftype', typeLabel(d)),
        el('td', 'freq', req.includes(name) ? el('span', 'req', 'required') : el('span', 'opt', 'optional'))));
      if (d.fields && !(d.name && seen.has(d.name))) {
        addRows(tbody, d.fields, depth + 1, path + '.', d.name ? new Set(seen).add(d.name) : seen);
      }
    }
  }

  // schemaView renders a schema as its type (unless a plain object) and a
  // nested table of fields.
  function schemaView(s) {
    const d = describe(s);
    const box = el('div', 'schema', d.label === 'object' ? null : el('div', 'schema-type', 'Type: ', typeLabel(d)));
    if (d.fields && Object.keys(d.fields.properties).length) {
      const tbody = el('tbody');
      addRows(tbody, d.fields, 0, d.suffix ? d.suffix + '.' : '', new Set(d.name ? [d.name] : []));
      box.append(el('table', 'fields', el('thead', null, el('tr', null, el('th', null, 'Field'), el('th', null, 'Type'), el('th', null, ''))), tbody));
    }
    return box;
  }

  function contentView(content) {
    const out = el('div', 'content');
    for (const [mt, media] of Object.entries(content || {})) {
      out.append(el('div', 'media', el('code', 'mt', mt)), schemaView(media.schema));
    }
    return out;
  }

  function paramsView(params) {
    const tbody = el('tbody');
    for (const p of params) {
      tbody.append(el('tr', null, el('td', 'fname', el('code', null, p.name)), el('td', null, p.in),
        el('td', 'ftype', typeLabel(describe(p.schema))),
        el('td', 'freq', p.required ? el('span', 'req', 'required') : el('span', 'opt', 'optional')),
        el('td', null, p.description || '')));
    }
    const head = el('tr', null, ...['Name', 'In', 'Type', '', 'Description'].map((h) => el('th', null, h)));
    return el('table', 'fields params', el('thead', null, head), tbody);
  }

  function responsesView(responses) {
    const out = el('div', 'responses');
    const problems = el('p', 'problems', 'Errors (application/problem+json): ');
    for (const code of Object.keys(responses).sort()) {
      const r = responses[code];
      if (r.$ref) {
        const a = link('#problem-' + refName(r.$ref), 'status s' + code[0], code);
        a.title = (resolve(r.$ref) || {}).description || '';
        problems.append(a, ' ');
        continue;
      }
      out.append(el('div', 'response', el('span', 'status s' + code[0], code), ' ', r.description || ''), contentView(r.content));
    }
    if (problems.childNodes.length > 1) out.append(problems);
    return out;
  }

  function operationView(path, method, op) {
    const locked = (op.security || []).length > 0;
    const sec = el('section', 'op',
      el('h3', 'op-head', badge(method), el('code', 'path', path)),
      el('p', 'summary', op.summary || ''),
      el('p', 'access ' + (locked ? 'locked' : 'open'), locked ? 'Bearer token required' : 'No authentication'),
      op.description ? prose(op.description) : null);
    sec.id = op.operationId;
    sec.dataset.search = [method, path, op.summary, op.operationId, (op.tags || []).join(' ')].join(' ').toLowerCase();
    if (op.parameters && op.parameters.length) sec.append(el('h4', null, 'Parameters'), paramsView(op.parameters));
    if (op.requestBody) {
      sec.append(el('h4', null, 'Request body ', el('span', op.requestBody.required ? 'req' : 'opt', op.requestBody.required ? 'required' : 'optional')),
        contentView(op.requestBody.content));
    }
    sec.append(el('h4', null, 'Responses'), responsesView(op.responses || {}));
    return sec;
  }

  // operationsByTag groups operations under the document's tags, in order.
  function operationsByTag() {
    const groups = new Map((doc.tags || []).map((t) => [t.name, []]));
    for (const path of Object.keys(doc.paths || {})) {
      for (const method of METHODS) {
        const op = doc.paths[path][method];
        if (!op) continue;
        const tag = (op.tags || ['Other'])[0];
        if (!groups.has(tag)) groups.set(tag, []);
        groups.get(tag).push({ path, method, op });
      }
    }
    return groups;
  }

  function introView() {
    const sec = el('section', 'intro', el('h1', null, doc.info.title), prose(doc.info.description));
    sec.id = 'top';
    const servers = (doc.servers || []).map((s) => s.url).join(', ');
    if (servers) sec.append(el('p', 'prose', 'Base URL: ', el('code', null, servers)));
    for (const [name, s] of Object.entries((doc.components || {}).securitySchemes || {})) {
      sec.append(el('p', 'prose', 'Authentication (', el('code', null, name), '): HTTP ' + s.scheme + ' ' + (s.bearerFormat || '') + '. ' + (s.description || '')));
    }
    return sec;
  }

  // problemCodes maps each shared problem response to the status it serves.
  function problemCodes() {
    const codes = new Map();
    for (const item of Object.values(doc.paths || {})) {
      for (const op of Object.values(item)) {
        for (const [code, r] of Object.entries(op.responses || {})) {
          if (r.$ref) codes.set(refName(r.$ref), code);
        }
      }
    }
    return codes;
  }

  function problemsView() {
    const sec = el('section', 'reference', el('h2', null, 'Errors'),
      prose('Every error is an RFC 9457 problem document with media type `application/problem+json`; branch on its stable `code`.'),
      schemaView({ $ref: '#/components/schemas/Problem' }));
    sec.id = 'errors';
    const codes = problemCodes();
    const responses = (doc.components || {}).responses || {};
    const names = Object.keys(responses).sort((a, b) => (codes.get(a) || a).localeCompare(codes.get(b) || b));
    for (const name of names) {
      const r = responses[name];
      const code = codes.get(name) || '';
      const row = el('div', 'problem', el('span', 'status s' + code.charAt(0), code || '?'), ' ', el('strong', null, name), ' — ', prose(r.description, 'span'));
      row.id = 'problem-' + name;
      for (const [h, v] of Object.entries(r.headers || {})) {
        row.append(el('div', 'header-note', 'Header ', el('code', null, h), ': ' + v.description));
      }
      sec.append(row);
    }
    return sec;
  }

  function schemasView() {
    const sec = el('section', 'reference', el('h2', null, 'Schemas'));
    sec.id = 'schemas';
    for (const name of Object.keys(((doc.components || {}).schemas) || {}).sort()) {
      const item = el('div', 'schema-item', el('h3', null, name), schemaView(doc.components.schemas[name]));
      item.id = 'schema-' + name;
      item.dataset.search = name.toLowerCase();
      sec.append(item);
    }
    return sec;
  }

  function render() {
    const nav = document.getElementById('nav');
    const main = document.getElementById('content');
    main.replaceChildren(introView());
    nav.replaceChildren();
    document.getElementById('version').textContent = 'v' + doc.info.version + ' · OpenAPI ' + doc.openapi;
    for (const [tag, ops] of operationsByTag()) {
      if (!ops.length) continue;
      const list = el('ul');
      const group = el('section', 'tag-group', el('h2', null, tag));
      for (const { path, method, op } of ops) {
        const view = operationView(path, method, op);
        group.append(view);
        const item = el('li', null, link('#' + op.operationId, null, badge(method), el('span', 'nav-text', op.summary, el('code', null, path))));
        item.dataset.search = view.dataset.search;
        list.append(item);
      }
      nav.append(el('div', 'nav-group', el('h2', null, tag), list));
      main.append(group);
    }
    const ref = el('ul', null, el('li', null, link('#errors', null, 'Errors')), el('li', null, link('#schemas', null, 'Schemas')));
    nav.append(el('div', 'nav-group reference-links', el('h2', null, 'Reference'), ref));
    main.append(problemsView(), schemasView(), el('p', 'empty', 'No operation matches the filter.'));
    if (location.hash) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  }

  // filter hides operations, schemas and groups not matching every word.
  function filter(query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const match = (n) => words.every((w) => n.dataset.search.includes(w));
    let shown = 0;
    for (const n of document.querySelectorAll('[data-search]')) {
      n.hidden = !match(n);
      if (!n.hidden && n.classList.contains('op')) shown++;
    }
    for (const g of document.querySelectorAll('.nav-group, .tag-group, #schemas')) {
      if (g.classList.contains('reference-links')) continue;
      g.hidden = !g.querySelector('[data-search]:not([hidden])');
    }
    document.body.classList.toggle('filtering', words.length > 0);
    document.querySelector('.empty').hidden = shown > 0 || !words.length;
  }

  function start() {
    const search = document.getElementById('search');
    search.value = new URLSearchParams(location.search).get('q') || '';
    search.addEventListener('input', () => filter(search.value));
    document.addEventListener('keydown', (e) => {
      if (e.key === '/' && document.activeElement !== search) {
        e.preventDefault();
        search.focus();
      } else if (e.key === 'Escape' && document.activeElement === search) {
        search.value = '';
        filter('');
      }
    });
    fetch('/openapi.json', { headers: { Accept: 'application/json' } })
      .then((r) => {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then((d) => {
        doc = d;
        render();
        filter(search.value);
      })
      .catch((err) => {
        document.getElementById('content').replaceChildren(
          el('p', 'notice error', 'Could not load ', link('/openapi.json', null, '/openapi.json'), ': ' + err.message));
      });
  }

  document.addEventListener('DOMContentLoaded', start);
})();
