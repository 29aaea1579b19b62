//! The checked-in `schema.graphql` must be exactly what the code exports, and the schema must
//! document itself: dashboard developers read these descriptions, not our Rust.

use async_graphql_parser::types::{
    FieldDefinition, InputValueDefinition, Type, TypeKind, TypeSystemDefinition,
};
use async_graphql_parser::{Positioned, parse_schema};

#[test]
fn checked_in_schema_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql");
    let on_disk = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let exported = leadsource::graphql::export_sdl();
    assert!(
        on_disk == exported,
        "schema.graphql is out of date: run `cargo run -- export-schema > schema.graphql`"
    );
}

/// One described thing of the schema: where it is, its description, and its type if it has one.
struct Item {
    path: String,
    description: Option<String>,
    ty: Option<String>,
}

fn text(description: &Option<Positioned<String>>) -> Option<String> {
    description
        .as_ref()
        .map(|d| d.node.trim().to_owned())
        .filter(|d| !d.is_empty())
}

/// The named type under any list and non-null wrappers (`[Float!]!` → `Float`).
fn base_name(ty: &Type) -> String {
    let shown = ty.to_string();
    shown
        .trim_matches(|c: char| matches!(c, '[' | ']' | '!'))
        .to_owned()
}

fn input_value(path: String, value: &InputValueDefinition) -> Item {
    Item {
        path,
        description: text(&value.description),
        ty: Some(base_name(&value.ty.node)),
    }
}

fn field(owner: &str, def: &FieldDefinition, items: &mut Vec<Item>) {
    let name = format!("{owner}.{}", def.name.node);
    for arg in &def.arguments {
        items.push(input_value(
            format!("{name}({}:)", arg.node.name.node),
            &arg.node,
        ));
    }
    items.push(Item {
        path: name,
        description: text(&def.description),
        ty: Some(base_name(&def.ty.node)),
    });
}

/// Every type, field, argument, input field and enum value the code exports. Directives are
/// GraphQL's own (`@include`, `@skip`, `@specifiedBy`), and introspection types are not
/// exported, so neither is listed.
fn schema_items() -> Vec<Item> {
    let sdl = leadsource::graphql::export_sdl();
    let doc = parse_schema(&sdl).expect("the exported SDL parses");
    let mut items = Vec::new();
    for definition in doc.definitions {
        let TypeSystemDefinition::Type(ty) = definition else {
            continue;
        };
        let ty = ty.node;
        let owner = ty.name.node.to_string();
        items.push(Item {
            path: owner.clone(),
            description: text(&ty.description),
            ty: None,
        });
        match &ty.kind {
            TypeKind::Object(object) => {
                for f in &object.fields {
                    field(&owner, &f.node, &mut items);
                }
            }
            TypeKind::Interface(interface) => {
                for f in &interface.fields {
                    field(&owner, &f.node, &mut items);
                }
            }
            TypeKind::InputObject(input) => {
                for f in &input.fields {
                    let path = format!("{owner}.{}", f.node.name.node);
                    items.push(input_value(path, &f.node));
                }
            }
            TypeKind::Enum(enumeration) => {
                for value in &enumeration.values {
                    items.push(Item {
                        path: format!("{owner}.{}", value.node.value.node),
                        description: text(&value.node.description),
                        ty: None,
                    });
                }
            }
            TypeKind::Scalar | TypeKind::Union(_) => {}
        }
    }
    items
}

#[test]
fn every_type_field_argument_and_enum_value_has_a_description() {
    let items = schema_items();
    assert!(items.len() > 500, "the walk found the schema");
    let undescribed: Vec<&str> = items
        .iter()
        .filter(|item| item.description.is_none())
        .map(|item| item.path.as_str())
        .collect();
    assert!(
        undescribed.is_empty(),
        "{} without a description (put `///` on the field, on the `impl` block of an \
         #[Object], or `#[graphql(desc = \"…\")]` on an argument):\n  {}",
        undescribed.len(),
        undescribed.join("\n  ")
    );
}

/// Money and ratios are `Decimal` strings; a `Float` is allowed where its description says
/// why ("A Float: …"), e.g. a fitted curve's parameter.
#[test]
fn every_float_says_why_it_is_not_a_decimal() {
    let unexplained: Vec<String> = schema_items()
        .into_iter()
        .filter(|item| item.ty.as_deref() == Some("Float"))
        .filter(|item| {
            // Descriptions wrap where the `///` lines do.
            let words: Vec<&str> = item
                .description
                .as_deref()
                .map(|d| d.split_whitespace().collect())
                .unwrap_or_default();
            !words.join(" ").contains("A Float")
        })
        .map(|item| item.path)
        .collect();
    assert!(
        unexplained.is_empty(),
        "Float without \"A Float: <why>\" in its description (money and ratios are Decimal):\n  {}",
        unexplained.join("\n  ")
    );
}
