// Downloads through the API with the session's token: the answer is read as
// a stream (bytes and lines counted as they arrive, shown with a
// <progress>), kept as a Blob and offered as a file by an <a download>
// whose address is a blob: URL (the token never goes into an address).

import { api } from '../../api.js';
import { h } from '../../ui.js';

let lastURL = '';

/** size formats a byte count. */
export function bytes(n) {
  if (n < 1024) return n + ' bytes';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
  return (n / 1024 / 1024).toFixed(1) + ' MiB';
}

function fileName(res, fallback) {
  const cd = res.headers.get('Content-Disposition') || '';
  const m = cd.match(/filename="?([^";]+)"?/);
  return m ? m[1] : fallback;
}

/**
 * download fetches path and offers it as a file in box: a progress bar and
 * a count while it streams, then a link to save it. opts: {accept,
 * onLine(line) for each complete line (NDJSON records), auto (start the
 * download when done; default false: the link is offered and focused)}. Answers {size, records, name, last}
 * (last: the last non-empty line).
 */
export async function download(path, fallbackName, box, opts = {}) {
  const bar = h('progress', { 'aria-label': 'Downloaded so far' });
  const text = h('p', { class: 'download-progress', role: 'status', 'aria-live': 'polite' }, 'Starting…');
  box.replaceChildren(bar, text);
  const res = await api('GET', path, undefined, { raw: true, headers: opts.accept ? { Accept: opts.accept } : undefined });
  const total = Number(res.headers.get('Content-Length') || 0);
  if (total) bar.max = total;
  const name = fileName(res, fallbackName);
  const chunks = [];
  let size = 0, records = 0, tail = '', last = '';
  const decoder = new TextDecoder();
  const seen = (chunk) => {
    const s = tail + decoder.decode(chunk, { stream: true });
    const lines = s.split('\n');
    tail = lines.pop();
    for (const l of lines) if (l.trim()) { records += 1; last = l; if (opts.onLine) opts.onLine(l); }
  };
  let shown = 0;
  const update = (force) => {
    const now = Date.now();
    if (!force && now - shown < 100) return;
    shown = now;
    if (total) bar.value = size;
    text.textContent = 'Received ' + bytes(size) + (total ? ' of ' + bytes(total) : '') + ', ' + records + ' line' + (records === 1 ? '' : 's') + '…';
  };
  if (res.body && res.body.getReader) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      seen(value);
      update(false);
    }
  } else {
    const buf = new Uint8Array(await res.arrayBuffer());
    chunks.push(buf);
    size = buf.byteLength;
    seen(buf);
  }
  if (tail.trim()) { records += 1; last = tail; if (opts.onLine) opts.onLine(tail); }
  const blob = new Blob(chunks, { type: res.headers.get('Content-Type') || 'application/octet-stream' });
  if (lastURL) URL.revokeObjectURL(lastURL);
  lastURL = URL.createObjectURL(blob);
  bar.max = 1; bar.value = 1;
  text.textContent = 'Received ' + bytes(size) + ', ' + records + ' line' + (records === 1 ? '' : 's') + '.';
  const link = h('a', { href: lastURL, download: name, class: 'download-link', 'data-size': String(size), 'data-records': String(records) }, 'Save ' + name + ' (' + bytes(size) + ')');
  box.append(h('p', null, link));
  if (opts.auto) link.click(); else link.focus();
  return { size, records, name, last };
}
