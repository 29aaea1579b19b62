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
            Permission::Read => Role::Viewer,
            Permission::ManageCatalog
            | Permission::WriteLeads
            | Permission::WriteConversions
            | Permission::WriteSpend => Role::Analyst,
            Permission::ManageAccess => Role::Admin,
            Permission::ManageWorkspace => Role::Owner,
        }
    }

    /// The token scope that grants this permission (`admin` grants all but the workspace).
    pub fn scope(self) -> Option<Scope> {
        match self {
            Permission::Read => Some(Scope::ReportsRead),
            Permission::WriteLeads => Some(Scope::LeadsWrite),
            Permission::WriteConversions => Some(Scope::ConversionsWrite),
            Permission::WriteSpend => Some(Scope::SpendWrite),
            Permission::ManageCatalog | Permission::ManageAccess => Some(Scope::Admin),
            Permission::ManageWorkspace => None,
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

    pub fn user_id(&self) -> Option<i64> {
        match self.actor {
            Actor::User { user_id, .. } => Some(user_id),
            Actor::Token { .. } => None,
        }
    }
}
