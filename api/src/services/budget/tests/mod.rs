//! Unit tests of the budget module: closed-form optima, curve fitting, constraint invariants
//! (property-based), infeasible and invalid requests, and a planted reallocation scenario.

mod closed_form;
mod constraints;
mod errors;
mod fitting;
mod scenario;
mod support;
