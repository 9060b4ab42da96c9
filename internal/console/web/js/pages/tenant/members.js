// Members of the tenant: their roles and outlets (change, remove), the
// invitations (invite with a role and outlets, list, resend, revoke) and
// the ownership transfer (the owner only).

import { api, list, session, role, reloadTenants, allowed } from '../../api.js';
import { h, form, section, button, pager, confirm, status, dateTime } from '../../ui.js';
import { page, go } from '../../router.js';
import { notAllowed, guarded, roleLabel, grantable, canManage, outletChecks, outletNames, OUTLET_BOUND, tableOf } from './common.js';

const LIMIT = 25;
const WHAT = 'managing the tenant\'s members and invitations';

function personName(m) {
  const n = [m.first_name, m.last_name].filter(Boolean).join(' ');
  return n ? [h('span', null, n), h('br'), h('span', { class: 'hint' }, m.email)] : m.email;
}

// memberEditor is the inline form changing one member's role and outlets.
function memberEditor(m, outlets, done) {
  const checks = outletChecks(outlets, m.outlet_ids, 'Outlets of ' + (m.email));
  const f = form({
    id: 'member-edit-' + m.user_id, submit: 'Save', class: 'form member-edit',
    fields: [{ name: 'role', label: 'Role of ' + m.email, type: 'select', value: m.role, options: grantable().map((r) => ({ value: r, label: roleLabel(r) })) }],
    extra: checks,
    onSubmit: async (v) => {
      const saved = await api('PUT', '/api/v1/members/' + encodeURIComponent(m.user_id), { role: v.role, outlet_ids: checks.selected() });
      Object.assign(m, saved);
      await done();
      return 'Saved.';
    },
  });
  return f;
}

page('/members', async (ctx) => {
  ctx.title('Members');
  if (!allowed('member.read')) { notAllowed(ctx.main, 'Members', WHAT); return; }
  await guarded(ctx.main, 'Members', WHAT, async () => {
    const skip = Math.max(0, Number(ctx.query.get('skip')) || 0);
    const inviteStatus = ctx.query.get('invites') || 'pending';
    const invitesPath = '/api/v1/invites?limit=100' + (inviteStatus === 'all' ? '' : '&status=' + encodeURIComponent(inviteStatus));
    const [members, outlets, invites] = await Promise.all([
      list('/api/v1/members?skip=' + skip + '&limit=' + LIMIT),
      api('GET', '/api/v1/outlets?limit=500'),
      list(invitesPath),
    ]);
    const names = outletNames(outlets);
    const st = status();
    const reload = () => go(location.pathname.replace(/^\/console/, '') + location.search, true);
    const me = session.me ? session.me.id : '';

    const membersPath = '/api/v1/members?skip=' + skip + '&limit=' + LIMIT;
    const editSlot = h('div', { id: 'member-edit-slot' });
    const memberBox = h('div', { id: 'members' });
    async function loadMembers() { memberBox.replaceChildren(memberTable((await list(membersPath)).items)); }
    const memberTable = (rows) => tableOf('Members', [
      { label: 'Member', value: (m) => personName(m) },
      { label: 'Role', value: (m) => h('span', { class: 'badge role-' + m.role }, roleLabel(m.role)) },
      { label: 'Outlets', value: (m) => OUTLET_BOUND.includes(m.role) ? names(m.outlet_ids) : (m.outlet_ids.length ? names(m.outlet_ids) : 'All') },
      { label: 'Joined', value: (m) => dateTime(m.joined_at) },
      { label: 'Actions', value: (m) => {
        const acts = [];
        if (m.user_id !== me && canManage(m.role)) {
          const change = button('Change', async () => {
            editSlot.replaceChildren(section('Change ' + m.email, memberEditor(m, outlets, loadMembers)));
            editSlot.querySelector('select').focus();
          }, { label: 'Change the role or outlets of ' + m.email });
          change.classList.add('member-change');
          change.dataset.email = m.email;
          const remove = button('Remove', async () => {
            if (!(await confirm('Remove ' + m.email + ' from ' + session.tenant.name + '? Their sessions in this tenant end at once.', { ok: 'Remove', danger: true }))) return;
            await api('DELETE', '/api/v1/members/' + encodeURIComponent(m.user_id));
            editSlot.replaceChildren();
            await loadMembers();
            st.show('ok', m.email + ' is no longer a member.');
          }, { label: 'Remove ' + m.email, status: st, class: 'danger' });
          remove.classList.add('member-remove');
          remove.dataset.email = m.email;
          acts.push(change, remove);
        }
        if (allowed('member.transfer') && m.role !== 'owner' && m.user_id !== me) {
          const transfer = button('Make owner', async () => {
            if (!(await confirm('Make ' + m.email + ' the owner of ' + session.tenant.name + '? You become a tenant admin, and only the new owner can give ownership back.', { ok: 'Transfer ownership', danger: true }))) return;
            await api('POST', '/api/v1/members/' + encodeURIComponent(m.user_id) + '/transfer-ownership');
            await reloadTenants();
            reload();
          }, { label: 'Make owner: ' + m.email, status: st });
          transfer.classList.add('member-transfer');
          transfer.dataset.email = m.email;
          acts.push(transfer);
        }
        return acts.length ? h('div', { class: 'row-actions' }, acts) : (m.role === 'owner' ? 'The owner' : (m.user_id === me ? 'You' : '—'));
      } },
    ], rows, 'No members yet besides you. Invite someone below.', 'Members' + (members.total !== null ? ' (' + members.total + ')' : ''));

    memberBox.replaceChildren(memberTable(members.items));

    const inviteChecks = outletChecks(outlets, [], 'Outlets they work at');
    const inviteForm = form({
      id: 'invite', submit: 'Send the invitation',
      fields: [
        { name: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'off' },
        { name: 'role', label: 'Role', type: 'select', value: 'staff', options: grantable().map((r) => ({ value: r, label: roleLabel(r) })),
          hint: 'Outlet managers, staff and receptionists work only at the outlets ticked below; viewers only read.' },
      ],
      extra: inviteChecks,
      onSubmit: async (v) => {
        const ids = inviteChecks.selected();
        const inv = await api('POST', '/api/v1/invites', { email: v.email, role: v.role, outlet_ids: ids.length ? ids : undefined });
        await loadInvites();
        return 'Invitation sent to ' + inv.email + '. It is valid for 7 days.';
      },
    });

    const resend = (i) => async () => {
      if (!(await confirm('Send ' + i.email + ' a new invitation? The current link stops working.', { ok: 'Resend' }))) return;
      if (i.status === 'pending') await api('DELETE', '/api/v1/invites/' + encodeURIComponent(i.id));
      await api('POST', '/api/v1/invites', { email: i.email, role: i.role, outlet_ids: i.outlet_ids.length ? i.outlet_ids : undefined });
      await loadInvites();
      st.show('ok', 'A new invitation is on its way to ' + i.email + '.');
    };
    const filter = h('select', { id: 'invite-filter' },
      [['pending', 'Pending'], ['accepted', 'Accepted'], ['revoked', 'Revoked'], ['expired', 'Expired'], ['all', 'All']].map(([v, l]) => h('option', { value: v, selected: v === inviteStatus }, l)));
    filter.addEventListener('change', () => go('/members?invites=' + filter.value));
    const inviteBox = h('div', { id: 'invites' });
    const inviteTable = (rows) => tableOf('Invitations', [
      { label: 'Email', value: (i) => i.email },
      { label: 'Role', value: (i) => roleLabel(i.role) },
      { label: 'Outlets', value: (i) => names(i.outlet_ids) },
      { label: 'Status', value: (i) => i.status },
      { label: 'Expires', value: (i) => dateTime(i.expires_at) },
      { label: 'Actions', value: (i) => {
        const acts = [];
        if (i.status === 'pending' || i.status === 'expired' || i.status === 'revoked') {
          const b = button('Resend', resend(i), { label: 'Resend the invitation of ' + i.email, status: st });
          b.classList.add('invite-resend');
          acts.push(b);
        }
        if (i.status === 'pending') {
          const b = button('Revoke', async () => {
            if (!(await confirm('Revoke the invitation of ' + i.email + '? Its link stops working.', { ok: 'Revoke', danger: true }))) return;
            await api('DELETE', '/api/v1/invites/' + encodeURIComponent(i.id));
            await loadInvites();
          }, { label: 'Revoke the invitation of ' + i.email, status: st, class: 'danger' });
          b.classList.add('invite-revoke');
          acts.push(b);
        }
        return acts.length ? h('div', { class: 'row-actions' }, acts) : '—';
      } },
    ], rows, inviteStatus === 'pending' ? 'No pending invitations. Invite someone with the form above.' : 'No invitations with this status.');
    async function loadInvites() { inviteBox.replaceChildren(inviteTable((await list(invitesPath)).items)); }
    inviteBox.replaceChildren(inviteTable(invites.items));

    ctx.main.replaceChildren(h('h1', null, 'Members'),
      section('Members and roles', memberBox,
        members.total !== null && members.total > LIMIT ? pager(skip, LIMIT, members.total, (s) => go('/members?skip=' + s)) : null, st),
      editSlot,
      section('Invite someone', inviteForm),
      section('Invitations', h('div', { class: 'field' }, h('label', { for: 'invite-filter' }, 'Show'), filter), inviteBox),
      role() === 'owner' ? h('p', { class: 'hint' }, 'You are the owner. "Make owner" hands the ownership to another member; you become a tenant admin.') : null);
  });
}, { access: 'tenant', nav: { section: 'tenant', label: 'Members', order: 20, when: () => allowed('member.read') } });
