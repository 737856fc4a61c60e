//! `manage::{diff, update_body, plan}` on two JSON values (edited presets or
//! anything), and `builder::{Blueprint::from_json, build}` on a third.
#![no_main]

use connector_kit_fuzz::{invariants, Json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Json, Json, Json)| {
    let (Json(current), Json(proposed), Json(blueprint)) = input;
    invariants::check_manage(&current, &proposed);
    invariants::check_blueprint(&blueprint);
    invariants::check_mcp(&blueprint);
});
