// adminOnly guards the pages whose action (of the permission table) the
// user's role does not allow: they see that the page is not theirs (the API
// refuses them anyway).

import { allowed, role } from '../../api.js';
import { h, notice } from '../../ui.js';
import { href } from '../../router.js';

/** adminOnly answers true after drawing a "not available" page when the user's role does not allow action (the page's own). */
export function adminOnly(ctx, what, action) {
  if (allowed(action)) return false;
  ctx.title('Not available');
  ctx.main.replaceChildren(h('h1', null, 'Not available'),
    notice('info', 'Only the owner and the tenant admins manage ' + what + '. Your role here is ' + (role() || 'none') + '.'),
    h('p', null, h('a', { href: href('/') }, 'Go to the start.')));
  return true;
}
