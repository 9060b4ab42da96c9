// adminOnly guards the pages of owners and tenant admins: anyone else sees
// that the page is not theirs (the API refuses them anyway).

import { isAdmin, role } from '../../api.js';
import { h, notice } from '../../ui.js';
import { href } from '../../router.js';

/** adminOnly answers true after drawing a "not available" page when the user does not administer the tenant. */
export function adminOnly(ctx, what) {
  if (isAdmin()) return false;
  ctx.title('Not available');
  ctx.main.replaceChildren(h('h1', null, 'Not available'),
    notice('info', 'Only the owner and the tenant admins manage ' + what + '. Your role here is ' + (role() || 'none') + '.'),
    h('p', null, h('a', { href: href('/') }, 'Go to the start.')));
  return true;
}

/** fill replaces el's children with nodes, strings and (nested) arrays of them; null and false are left out. */
export function fill(el, ...children) {
  const flat = [];
  const walk = (c) => {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) c.forEach(walk); else flat.push(c instanceof Node ? c : String(c));
  };
  children.forEach(walk);
  el.replaceChildren(...flat);
}
