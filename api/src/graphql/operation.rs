//! Which operation a request ran (name and type), for the per-operation metrics.
//!
//! The name may come from the document rather than the request's `operationName`,
//! so it is only known once async-graphql has parsed the document. This extension
//! notes it from its parse and execute hooks into a task-local opened by the HTTP
//! handler around `schema.execute`, which avoids parsing the document twice.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery,
};
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use async_graphql::{Response, ServerResult, Variables};

tokio::task_local! {
    static OPERATION: Arc<Mutex<Operation>>;
}

/// What ran: the operation's name (None when anonymous) and type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Operation {
    pub name: Option<String>,
    /// Types of the document's operations, by name; filled when it parses.
    kinds: Vec<(Option<String>, &'static str)>,
    executed: bool,
}

impl Operation {
    /// `query`, `mutation`, `subscription`, or `invalid` when the document was
    /// refused before execution (parse or validation error).
    pub fn kind(&self) -> &'static str {
        if !self.executed {
            return "invalid";
        }
        self.kinds
            .iter()
            .find(|(name, _)| name == &self.name)
            .map_or("invalid", |(_, kind)| kind)
    }
}

/// Runs `fut` and reports which operation it executed.
pub async fn observed<F: Future>(fut: F) -> (F::Output, Operation) {
    let cell = Arc::new(Mutex::new(Operation::default()));
    let output = OPERATION.scope(Arc::clone(&cell), fut).await;
    let operation = cell.lock().unwrap_or_else(PoisonError::into_inner).clone();
    (output, operation)
}

fn note(update: impl FnOnce(&mut Operation)) {
    let _ =
        OPERATION.try_with(|cell| update(&mut cell.lock().unwrap_or_else(PoisonError::into_inner)));
}

fn kind_name(ty: OperationType) -> &'static str {
    match ty {
        OperationType::Query => "query",
        OperationType::Mutation => "mutation",
        OperationType::Subscription => "subscription",
    }
}

/// The schema extension; add it with `SchemaBuilder::extension(OperationObserver)`.
pub struct OperationObserver;

impl ExtensionFactory for OperationObserver {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(OperationObserver)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for OperationObserver {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let kinds = match &document.operations {
            DocumentOperations::Single(op) => vec![(None, kind_name(op.node.ty))],
            DocumentOperations::Multiple(ops) => ops
                .iter()
                .map(|(name, op)| (Some(name.to_string()), kind_name(op.node.ty)))
                .collect(),
        };
        note(|o| o.kinds = kinds);
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        note(|o| {
            o.name = operation_name.map(str::to_owned);
            o.executed = true;
        });
        next.run(ctx, operation_name).await
    }
}
