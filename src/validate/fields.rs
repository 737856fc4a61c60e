//! The inputs a pattern collects (`fields`, `account_fields`).

use crate::diagnostics::code;
use crate::json::pointer::Path;
use crate::model::{AuthPattern, Field, SelectOption};
use crate::rules::{self, AuthType};
use crate::suggest::did_you_mean;

use super::context::Context;
use super::names::Names;
use super::pattern::{Declared, PathParam};
use super::payload::{describe_as, value_span};

/// Checks `pattern.<key>` and returns the names it declares. `earlier` are
/// the names of the pattern's other list, for duplicates.
pub fn check_list<'m>(cx: &mut Context<'_>, pattern: &'m AuthPattern<'_>, path: &Path<'_>, key: &str, kind: Option<AuthType>, earlier: &[&'m str], declared: &mut Declared<'m>) -> Vec<&'m str> {
    let member = if key == "fields" { &pattern.fields } else { &pattern.account_fields };
    let list_path = path.key(key);
    let mut names: Vec<&'m str> = Vec::new();
    let mut taken: Names<'m> = earlier.iter().copied().collect();
    let Some(list) = cx.get(member, &list_path, "an array of fields") else { return names };
    for (i, item) in list.iter().enumerate() {
        let field_path = list_path.index(i);
        let Some(field) = item.ok() else {
            cx.wrong_type(&field_path, item.kind, item.span, "a field object", true);
            continue;
        };
        cx.extras(&field.extras, &field_path, Field::KEYS, "a field");
        let name = field_name(cx, field, &field_path, &taken);
        if let Some(name) = name {
            taken.insert(name);
            names.push(name);
            declared.names.push(name);
        }
        let input_type = input_type(cx, field, &field_path);
        describe_as(cx, code::MISSING_LABEL, &field.label, &field_path.key("label"), field.span, "The field has no `label`, so users see an input without a name", "e.g. \"label\": \"API Key\"");
        describe_as(cx, code::MISSING_HINT, &field.hint, &field_path.key("hint"), field.span, "The field has no `hint` telling users where to find the value", "e.g. \"hint\": \"Settings → API → Personal token\"");
        cx.get(&field.required, &field_path.key("required"), "a boolean");
        cx.get(&field.header_name, &field_path.key("header_name"), "a string");
        if let (Some(name), Some("text") | None) = (name, input_type) {
            if rules::is_secret_name(name) {
                let at = field.input_type.as_ref().map_or(field.span, |m| m.node.span);
                cx.push(code::SECRET_AS_TEXT, &field_path.key("input_type"), at, format!("`{name}` looks like a secret but is shown as plain text"), Some("set \"input_type\": \"password\" so the value is masked".to_string()));
            }
        }
        options(cx, field, &field_path, input_type);
        path_param(cx, field, &field_path, key, kind, name, declared);
    }
    names
}

/// Reads `field_name`; `taken` are the names of the pattern's earlier fields.
fn field_name<'m>(cx: &mut Context<'_>, field: &'m Field<'_>, path: &Path<'_>, taken: &Names<'_>) -> Option<&'m str> {
    let name_path = path.key("field_name");
    let name = cx.get(&field.field_name, &name_path, "a string");
    match name {
        Some(name) if !name.trim().is_empty() => {
            if taken.contains(name.as_ref()) {
                cx.push(code::FIELD_NAME_DUPLICATE, &name_path, value_span(&field.field_name), format!("Another field of this pattern is already named `{name}`; each value is stored under its field_name"), Some("give each field its own field_name".to_string()));
            }
            Some(name)
        }
        _ if field.field_name.as_ref().is_some_and(|m| m.node.is_wrong_type()) => None,
        _ => {
            let at = field.field_name.as_ref().map_or(field.span, |m| m.node.span);
            cx.push(code::FIELD_NAME_MISSING, &name_path, at, "The field has no `field_name`, so its value cannot be stored", Some("add \"field_name\", e.g. \"api_key\", \"token\", \"domain\"".to_string()));
            None
        }
    }
}

fn input_type<'m>(cx: &mut Context<'_>, field: &'m Field<'_>, path: &Path<'_>) -> Option<&'m str> {
    let type_path = path.key("input_type");
    let input_type = cx.get(&field.input_type, &type_path, "a string")?;
    if !rules::INPUT_TYPES.contains(&input_type.as_ref()) {
        let near = did_you_mean(input_type, rules::INPUT_TYPES.iter().copied()).or(match input_type.to_ascii_lowercase().as_str() {
            "secret" | "hidden" | "masked" => Some("password"),
            "string" | "input" | "url" | "email" | "number" => Some("text"),
            "dropdown" | "enum" | "choice" | "radio" => Some("select"),
            "multiline" | "longtext" => Some("textarea"),
            _ => None,
        });
        let hint = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use one of {}", rules::INPUT_TYPES.join(", ")),
        };
        cx.push(code::INPUT_TYPE_UNKNOWN, &type_path, value_span(&field.input_type), format!("Unknown input_type `{input_type}`"), Some(hint));
    }
    Some(input_type)
}

fn options(cx: &mut Context<'_>, field: &Field<'_>, path: &Path<'_>, input_type: Option<&str>) {
    let options_path = path.key("options");
    let list = cx.get(&field.options, &options_path, "an array of options");
    let count = list.map_or(0, Vec::len);
    if input_type == Some("select") && count == 0 {
        let at = field.options.as_ref().map_or(field.span, |m| m.node.span);
        cx.push(code::SELECT_WITHOUT_OPTIONS, &options_path, at, "A select field has no options to choose from", Some("add \"options\": [{\"value\": \"…\", \"display_name\": \"…\"}]".to_string()));
    }
    if input_type.is_some_and(|t| t != "select") && count > 0 {
        cx.push(code::OPTIONS_IGNORED, &options_path, value_span(&field.options), format!("`options` are only shown for select fields, and this one is `{}`", input_type.unwrap_or("")), Some("set \"input_type\": \"select\", or remove options".to_string()));
    }
    for (i, item) in list.into_iter().flatten().enumerate() {
        let option_path = options_path.index(i);
        let Some(option) = item.ok() else {
            cx.wrong_type(&option_path, item.kind, item.span, "an option object", true);
            continue;
        };
        cx.extras(&option.extras, &option_path, SelectOption::KEYS, "a select option");
        let value_path = option_path.key("value");
        let value = cx.get(&option.value, &value_path, "a string");
        if value.is_none() && !option.value.as_ref().is_some_and(|m| m.node.is_wrong_type()) {
            let at = option.value.as_ref().map_or(option.span, |m| m.node.span);
            cx.push(code::OPTION_VALUE_MISSING, &value_path, at, "A select option has no `value` to store when it is chosen", Some("add \"value\"".to_string()));
        }
        cx.get(&option.display_name, &option_path.key("display_name"), "a string");
        cx.get(&option.description, &option_path.key("description"), "a string");
        cx.get(&option.default, &option_path.key("default"), "a boolean");
    }
}

fn path_param<'m>(cx: &mut Context<'_>, field: &Field<'_>, path: &Path<'_>, key: &str, kind: Option<AuthType>, name: Option<&'m str>, declared: &mut Declared<'m>) {
    let param_path = path.key("is_path_param");
    if cx.get(&field.is_path_param, &param_path, "a boolean") != Some(&true) {
        return;
    }
    let at = value_span(&field.is_path_param);
    if let Some(kind) = kind {
        let home = kind.path_param_list();
        if home != key && kind != AuthType::NoAuth {
            cx.push(code::PATH_PARAM_MISPLACED, &param_path, at, format!("{} patterns take path parameters from `{home}`, but this one is in `{key}`", kind.name()), Some(format!("move the field to {home}")));
        }
    }
    if let Some(name) = name {
        declared.path_params.push(PathParam { name, path: param_path.to_string(), at });
    }
}

