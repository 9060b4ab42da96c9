package membership

// Actions on a tenant's users, members, invitations and user associations
// (their rules are in the permission table; who may grant which role is
// decided by Grantor).
const (
	UserRead          Action = "user.read"
	UserCreate        Action = "user.create"
	UserUpdate        Action = "user.update"
	UserDelete        Action = "user.delete"
	UserResetPassword Action = "user.reset_password"
	MemberRead        Action = "member.read"
	MemberUpdate      Action = "member.update"
	MemberRemove      Action = "member.remove"
	MemberTransfer    Action = "member.transfer"
	InviteCreate      Action = "invite.create"
	InviteRead        Action = "invite.read"
	InviteRevoke      Action = "invite.revoke"
	AssociationManage Action = "association.manage"
)
