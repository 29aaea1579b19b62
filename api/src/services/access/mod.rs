//! People and sessions: users with argon2id passwords, workspace memberships, invitations
//! and their acceptance, login with rotating refresh tokens, password changes, and the
//! demo login.

pub mod acceptance;
pub mod account;
pub mod demo;
pub mod invitation;
pub mod member;
pub mod member_change;
pub mod session;
pub mod user;

pub use acceptance::{Acceptance, accept_invitation};
pub use account::{PasswordChange, change_password};
pub use demo::{DemoLogin, ensure_demo_login};
pub use invitation::{
    INVITATION_TTL_DAYS, InvitationState, IssuedInvitation, NewInvitation, invitation_state,
    invite, list_invitations, revoke_invitation,
};
pub use member::{MemberRow, list_members};
pub use member_change::{change_role, remove_member};
pub use session::{Session, login, logout, refresh_session};
pub use user::{
    BootstrapOutcome, NewUser, WorkspaceDefaults, bootstrap_user, bootstrap_user_with, create_user,
};
