#![cfg(not(target_arch = "wasm32"))]
//! The README's table of diagnostic codes is the code table itself
//! (`UPDATE_README=1 cargo test --test readme` rewrites it).

use connector_kit::diagnostics::{Severity, CODES};

const START: &str = "<!-- codes:start -->\n";
const END: &str = "<!-- codes:end -->";

fn table() -> String {
    let mut out = String::from("| code | severity | example |\n|---|---|---|\n");
    for info in CODES {
        let severity = match info.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        out.push_str(&format!("| `{}` | {severity} | {} |\n", info.code, info.example.replace('|', "\\|")));
    }
    out
}

#[test]
fn the_readme_lists_every_diagnostic_code() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let start = readme.find(START).expect("codes:start marker") + START.len();
    let end = readme.find(END).expect("codes:end marker");
    let expected = table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write("README.md", updated).unwrap();
        return;
    }
    assert_eq!(&readme[start..end], expected, "the README's code table is stale: run UPDATE_README=1 cargo test --test readme");
}
