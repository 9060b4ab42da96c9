// A TOTP enrolment shown once: the QR code (drawn by the server as an SVG
// data URL in the answer's qr_svg, when present), the secret to type by
// hand, and the recovery codes.

import { h, copyButton, section } from '../ui.js';

/** totpEnrolment shows an enrolment answer (TOTPEnrollmentResponse). */
export function totpEnrolment(e) {
  return section('Your authenticator',
    e.qr_svg ? h('img', { class: 'qr', src: e.qr_svg, alt: 'QR code of the authenticator secret', width: 200, height: 200 }) : null,
    h('p', null, 'Secret (to type by hand): ', h('code', { id: 'totp-secret' }, e.secret), ' ', copyButton(e.secret)),
    h('details', null, h('summary', null, 'Recovery codes (shown once: keep them safe)'),
      h('ul', { class: 'codes', id: 'recovery-codes' }, (e.recovery_codes || []).map((c) => h('li', null, h('code', null, c)))),
      copyButton((e.recovery_codes || []).join('\n'), 'Copy the codes')));
}
