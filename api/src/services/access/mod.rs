//! People and sessions: users with argon2id passwords, workspace memberships, login with
//! rotating refresh tokens, and the demo login.

pub mod demo;
pub mod member;
pub mod session;
pub mod user;

pub use demo::{DemoLogin, ensure_demo_login};
pub use member::{Invited, MemberRow, add_member, invite_user, list_members};
pub use session::{Session, login, logout, refresh_session};
pub use user::{BootstrapOutcome, NewUser, bootstrap_user, create_user};
