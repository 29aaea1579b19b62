//! The authenticated caller and the one place where roles and scopes become permissions.

use crate::error::{AppError, AppResult};

/// A member's role in a workspace, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Viewer,
    Analyst,
    Admin,
    Owner,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Analyst, Role::Admin, Role::Owner];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "VIEWER",
            Role::Analyst => "ANALYST",
            Role::Admin => "ADMIN",
            Role::Owner => "OWNER",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    ReportsRead,
    LeadsWrite,
    ConversionsWrite,
    SpendWrite,
    Admin,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::ReportsRead,
        Scope::LeadsWrite,
        Scope::ConversionsWrite,
        Scope::SpendWrite,
        Scope::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ReportsRead => "reports:read",
            Scope::LeadsWrite => "leads:write",
            Scope::ConversionsWrite => "conversions:write",
            Scope::SpendWrite => "spend:write",
            Scope::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

/// An action a field needs. Each GraphQL field declares exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Know who is calling (`viewer`): any authenticated caller.
    ViewSelf,
    /// Change one's own account (`changePassword`): any signed-in user; no token scope
    /// grants it, since a token has no account.
    OwnAccount,
    /// Read lists and reports.
    Read,
    /// Create and change channels, campaigns and budgets.
    ManageCatalog,
    WriteLeads,
    WriteConversions,
    WriteSpend,
    /// Users, memberships and API tokens.
    ManageAccess,
    /// The workspace itself.
    ManageWorkspace,
}

impl Permission {
    /// The weakest role that holds this permission.
    pub fn min_role(self) -> Role {
        match self {
            Permission::ViewSelf | Permission::OwnAccount | Permission::Read => Role::Viewer,
            Permission::ManageCatalog
            | Permission::WriteLeads
            | Permission::WriteConversions
            | Permission::WriteSpend => Role::Analyst,
            Permission::ManageAccess => Role::Admin,
            Permission::ManageWorkspace => Role::Owner,
        }
    }

    /// The token scope that grants this permission (`admin` grants all but the workspace).
    /// `ViewSelf` needs none: every token may ask who it is.
    pub fn scope(self) -> Option<Scope> {
        match self {
            Permission::ViewSelf => None,
            Permission::Read => Some(Scope::ReportsRead),
            Permission::WriteLeads => Some(Scope::LeadsWrite),
            Permission::WriteConversions => Some(Scope::ConversionsWrite),
            Permission::WriteSpend => Some(Scope::SpendWrite),
            Permission::ManageCatalog | Permission::ManageAccess => Some(Scope::Admin),
            Permission::ManageWorkspace | Permission::OwnAccount => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    User { user_id: i64, role: Role },
    Token { token_id: i64, scopes: Vec<Scope> },
}

/// The authenticated caller of one request: which workspace, as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub workspace_id: i64,
    pub actor: Actor,
}

impl Principal {
    pub fn allows(&self, permission: Permission) -> bool {
        if permission == Permission::ViewSelf {
            return true;
        }
        match &self.actor {
            Actor::User { role, .. } => *role >= permission.min_role(),
            Actor::Token { scopes, .. } => match permission.scope() {
                Some(needed) => {
                    scopes.contains(&needed)
                        || (scopes.contains(&Scope::Admin)
                            && permission != Permission::ManageWorkspace)
                }
                None => false,
            },
        }
    }

    /// FORBIDDEN naming what was missing, unless the principal holds `permission`.
    pub fn require(&self, permission: Permission) -> AppResult<()> {
        if self.allows(permission) {
            return Ok(());
        }
        let needed = match (&self.actor, permission.scope()) {
            (Actor::Token { .. }, Some(scope)) => format!("scope {}", scope.as_str()),
            (Actor::Token { .. }, None) => "a user session".to_owned(),
            (Actor::User { .. }, _) => format!("role {}", permission.min_role().as_str()),
        };
        Err(AppError::Forbidden(format!("this needs {needed}")))
    }

    /// FORBIDDEN unless this caller may give `role` to someone: a user up to their own
    /// role, an API token (with `admin`) up to ADMIN, since OWNER is a person's role.
    pub fn require_grant(&self, role: Role) -> AppResult<()> {
        self.require(Permission::ManageAccess)?;
        let ceiling = match &self.actor {
            Actor::User { role: own, .. } => *own,
            Actor::Token { .. } => Role::Admin,
        };
        if role > ceiling {
            return Err(AppError::Forbidden(format!(
                "granting role {} needs role {}",
                role.as_str(),
                role.as_str()
            )));
        }
        Ok(())
    }

    pub fn user_id(&self) -> Option<i64> {
        match self.actor {
            Actor::User { user_id, .. } => Some(user_id),
            Actor::Token { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> Principal {
        Principal {
            workspace_id: 1,
            actor: Actor::User { user_id: 1, role },
        }
    }

    fn token(scopes: &[Scope]) -> Principal {
        Principal {
            workspace_id: 1,
            actor: Actor::Token {
                token_id: 1,
                scopes: scopes.to_vec(),
            },
        }
    }

    #[test]
    fn roles_hold_their_permissions_and_every_weaker_role_is_refused() {
        let cases = [
            (Permission::ViewSelf, Role::Viewer),
            (Permission::OwnAccount, Role::Viewer),
            (Permission::Read, Role::Viewer),
            (Permission::ManageCatalog, Role::Analyst),
            (Permission::WriteLeads, Role::Analyst),
            (Permission::WriteConversions, Role::Analyst),
            (Permission::WriteSpend, Role::Analyst),
            (Permission::ManageAccess, Role::Admin),
            (Permission::ManageWorkspace, Role::Owner),
        ];
        for (permission, weakest) in cases {
            for role in Role::ALL {
                assert_eq!(
                    user(role).allows(permission),
                    role >= weakest,
                    "{permission:?} {role:?}"
                );
            }
        }
        let err = user(Role::Viewer)
            .require(Permission::ManageAccess)
            .expect_err("forbidden");
        assert_eq!(err.code(), "FORBIDDEN");
        assert!(err.to_string().contains("role ADMIN"), "{err}");
    }

    #[test]
    fn scopes_grant_only_their_permission_and_admin_all_but_the_workspace() {
        assert!(token(&[Scope::ReportsRead]).allows(Permission::Read));
        assert!(!token(&[Scope::ReportsRead]).allows(Permission::WriteLeads));
        assert!(token(&[Scope::SpendWrite]).allows(Permission::WriteSpend));
        assert!(!token(&[Scope::SpendWrite]).allows(Permission::Read));
        assert!(token(&[Scope::SpendWrite]).allows(Permission::ViewSelf));
        assert!(token(&[Scope::Admin]).allows(Permission::ManageAccess));
        assert!(token(&[Scope::Admin]).allows(Permission::Read));
        assert!(!token(&Scope::ALL).allows(Permission::ManageWorkspace));
        let err = token(&Scope::ALL)
            .require(Permission::OwnAccount)
            .expect_err("a token has no account");
        assert!(err.to_string().contains("a user session"), "{err}");
        let err = token(&[Scope::ReportsRead])
            .require(Permission::WriteLeads)
            .expect_err("no");
        assert!(err.to_string().contains("scope leads:write"), "{err}");
    }

    #[test]
    fn nobody_grants_a_role_above_their_own_and_tokens_stop_at_admin() {
        assert!(user(Role::Admin).require_grant(Role::Admin).is_ok());
        assert!(user(Role::Admin).require_grant(Role::Owner).is_err());
        assert!(user(Role::Owner).require_grant(Role::Owner).is_ok());
        assert!(user(Role::Analyst).require_grant(Role::Viewer).is_err());
        assert!(token(&[Scope::Admin]).require_grant(Role::Admin).is_ok());
        assert!(token(&[Scope::Admin]).require_grant(Role::Owner).is_err());
        assert!(
            token(&[Scope::ReportsRead])
                .require_grant(Role::Viewer)
                .is_err()
        );
    }
}
