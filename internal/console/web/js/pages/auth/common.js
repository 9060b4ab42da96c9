// Helpers of the auth pages: the token of an emailed link, taken out of
// the address bar, and mismatched password repeats as a form error.

import { ApiError } from '../../api.js';

const tokens = new Map(); // console path → the token its link carried

/**
 * linkToken answers the token of the emailed link that opened path and
 * removes it from the address bar and the history entry (history.replaceState),
 * so it is not left in the history, a bookmark or a screenshot. The token
 * stays in this module's memory for the page's later renderings; a reload
 * without it answers ''.
 */
export function linkToken(ctx, path) {
  const t = ctx.query.get('token');
  if (t) {
    tokens.set(path, t);
    const rest = new URLSearchParams(ctx.query);
    rest.delete('token');
    const q = rest.toString();
    history.replaceState(null, '', '/console' + path + (q ? '?' + q : ''));
  }
  return tokens.get(path) || '';
}

/** forgetToken drops the token of path once it is used up. */
export function forgetToken(path) { tokens.delete(path); }

/** sameRepeat throws a form error on field repeat when the two passwords differ. */
export function sameRepeat(password, repeat, field = 'repeat') {
  if (password !== repeat) {
    throw new ApiError(422, { detail: 'The two passwords differ: type the same password twice.',
      errors: [{ field, message: 'This differs from the password above.' }] });
  }
}
