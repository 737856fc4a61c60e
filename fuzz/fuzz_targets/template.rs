//! `template::{parse, variables, render}` on templates built from URL pieces
//! and the example URLs of tests/template.rs, with arbitrary values.
#![no_main]

use connector_kit_fuzz::{invariants, FieldValues, TemplateText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (TemplateText, FieldValues)| {
    let (TemplateText(template), FieldValues(mut values)) = input;
    invariants::check_template(&template, &values);
    // Again with a value for every placeholder, so rendering goes all the way.
    if let Ok(names) = connector_kit::template::variables(&template) {
        let names: Vec<String> = names.into_iter().map(str::to_string).collect();
        let mut filled = false;
        for name in names {
            if let std::collections::btree_map::Entry::Vacant(slot) = values.entry(name) {
                slot.insert("acme".to_string());
                filled = true;
            }
        }
        if filled {
            invariants::check_template(&template, &values);
        }
    }
});
