//! Unit tests of the plan service: canonical arguments, the weekly points read from reports,
//! the optimizer's request and errors, and whole plans on the small demo data set.

mod args;
mod demo;
mod request;
mod support;
mod weekly;
