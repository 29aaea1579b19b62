//! The checked-in `schema.graphql` must be exactly what the code exports.

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
