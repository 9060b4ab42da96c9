package membership

// PlatformAdminister is platform administration (the admin tenant and user
// lists, status history, account locks, impersonation): platform admins
// only, never a tenant role nor an API key.
const PlatformAdminister Action = "platform.administer"
