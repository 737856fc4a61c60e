//! JSON text → `validate` (both modes) and the model (`Document::parse`, `to_json`).
#![no_main]

use connector_kit_fuzz::invariants;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    invariants::check_validate(&text);
});
