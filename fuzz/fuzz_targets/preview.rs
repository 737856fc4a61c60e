//! `preview::preview` (masked and revealed) and `render_proxy_url` on edited
//! presets and raw text, with arbitrary values, methods and paths.
#![no_main]

use arbitrary::Arbitrary;
use connector_kit_fuzz::{invariants, FieldValues, PayloadText};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    payload: PayloadText,
    values: FieldValues,
    method: Option<Choice>,
    path: Option<Choice>,
}

#[derive(Arbitrary, Debug)]
enum Choice {
    Known(u8),
    Raw(String),
}

const METHODS: &[&str] = &["GET", "post", " put ", "DELETE", "", "GET /x", "G\r\nX: y"];
const PATHS: &[&str] = &["/v2/tickets", "v2", "/", "", "//evil.example/x", "https://evil.example", "/a?b=c#d", "/../x", "?q=1", "/x\r\nHost: y", "@evil.example"];

fn resolve(choice: &Option<Choice>, list: &[&str]) -> Option<String> {
    choice.as_ref().map(|c| match c {
        Choice::Known(i) => list[*i as usize % list.len()].to_string(),
        Choice::Raw(s) => s.clone(),
    })
}

fuzz_target!(|input: Input| {
    let method = resolve(&input.method, METHODS);
    let path = resolve(&input.path, PATHS);
    invariants::check_preview(&input.payload.0, &input.values.0, method.as_deref(), path.as_deref());
});
