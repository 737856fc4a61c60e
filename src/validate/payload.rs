//! The top level: names, URLs, flags, metadata, and the templates that tie
//! `proxy_url` to the declared fields.

use crate::diagnostics::code;
use crate::json::pointer::Path;
use crate::json::Span;
use crate::model::{Member, Payload, Text};
use crate::rules::{self, char_len};
use crate::suggest::did_you_mean;
use crate::template;

use super::context::Context;
use super::names::Names;
use super::pattern::{self, Declared};
use super::Mode;

pub fn check(cx: &mut Context<'_>, p: &Payload<'_>) {
    let root = Path::Root;
    cx.extras(&p.extras, &root, Payload::KEYS, "the payload");

    display_name(cx, p, &root);
    describe(cx, &p.description, &root.key("description"), p.span, "The connector has no `description`", "say in one sentence what connecting it gives access to");
    proxy_enabled(cx, p, &root);
    icon_src(cx, p, &root);
    metadata(cx, p, &root);
    served(cx, p, &root);

    let declared = pattern::check_all(cx, p, &root);
    proxy_url(cx, p, &root, &declared);
    if cx.mode == Mode::Update {
        update(cx, p, &root);
    }
}

fn display_name(cx: &mut Context<'_>, p: &Payload<'_>, root: &Path<'_>) {
    let path = root.key("display_name");
    let hint = Some("a name of letters, digits and spaces, e.g. \"Acme CRM\"".to_string());
    if !cx.require(&p.display_name, &path, p.span, "the connector's display name", hint) {
        return;
    }
    let Some(name) = cx.get(&p.display_name, &path, "a string") else { return };
    let at = value_span(&p.display_name);
    let len = char_len(name);
    if !rules::DISPLAY_NAME_LEN.contains(&len) {
        let message = if len == 0 { "`display_name` is empty".to_string() } else { format!("`display_name` is {len} characters long; at most {} are allowed", rules::DISPLAY_NAME_LEN.end()) };
        let fix = rules::display_name_fix(name);
        let hint = if fix.is_empty() { "give the connector a name".to_string() } else { format!("use \"{fix}\"") };
        cx.push(code::DISPLAY_NAME_LENGTH, &path, at, message, Some(hint));
        if len == 0 {
            return;
        }
    }
    if !rules::display_name_allowed(name) {
        let mut bad = String::new();
        for c in name.chars().filter(|c| !c.is_ascii_alphanumeric() && *c != ' ') {
            if !bad.contains(c) && bad.chars().count() < 5 {
                bad.push(c);
            }
        }
        let fix = rules::display_name_fix(name);
        let message = if bad.is_empty() {
            "`display_name` needs at least one letter or digit".to_string()
        } else {
            format!("`display_name` may hold only letters, digits and spaces; the server refuses {}", quote_chars(&bad))
        };
        let hint = if fix.is_empty() { "use letters, digits and spaces".to_string() } else { format!("use \"{fix}\"") };
        cx.push(code::DISPLAY_NAME_CHARSET, &path, at, message, Some(hint));
    }
}

fn quote_chars(chars: &str) -> String {
    chars.chars().map(crate::quote::ticked).collect::<Vec<_>>().join(", ")
}

fn proxy_enabled(cx: &mut Context<'_>, p: &Payload<'_>, root: &Path<'_>) {
    let path = root.key("proxy_enabled");
    let hint = match cx.mode {
        Mode::Create => "add \"proxy_enabled\": true",
        Mode::Update => "an update always applies proxy_enabled and omitting it switches proxying off: send \"proxy_enabled\": true",
    };
    match &p.proxy_enabled {
        None => cx.push(code::PROXY_DISABLED, &path, p.span, "`proxy_enabled` is missing, so tool calls through the proxy will not work", Some(hint.to_string())),
        Some(member) => match cx.get(&p.proxy_enabled, &path, "a boolean") {
            Some(true) => {}
            Some(false) => cx.push(code::PROXY_DISABLED, &path, member.node.span, "`proxy_enabled` is false, so tool calls through the proxy will not work", Some("set \"proxy_enabled\": true".to_string())),
            None if !member.node.is_wrong_type() => cx.push(code::PROXY_DISABLED, &path, member.node.span, "`proxy_enabled` is null, so tool calls through the proxy will not work", Some(hint.to_string())),
            None => {}
        },
    }
}

fn icon_src(cx: &mut Context<'_>, p: &Payload<'_>, root: &Path<'_>) {
    let path = root.key("icon_src");
    let Some(icon) = cx.get(&p.icon_src, &path, "a string") else { return };
    if icon.is_empty() {
        return;
    }
    let at = value_span(&p.icon_src);
    if char_len(icon) > *rules::URL_LEN.end() {
        cx.push(code::URL_TOO_LONG, &path, at, format!("`icon_src` is {} characters long; at most {} are allowed", char_len(icon), rules::URL_LEN.end()), Some("host the icon at a shorter https:// URL".to_string()));
    }
    check_absolute_url(cx, &path, at, icon, "`icon_src`");
}

fn metadata(cx: &mut Context<'_>, p: &Payload<'_>, root: &Path<'_>) {
    let path = root.key("metadata");
    let Some(metadata) = cx.get(&p.metadata, &path, "an object of string values") else { return };
    let at = value_span(&p.metadata);
    if metadata.entries.len() > rules::METADATA_MAX_PAIRS {
        cx.push(code::METADATA_TOO_MANY, &path, at, format!("`metadata` has {} pairs; at most {} are allowed", metadata.entries.len(), rules::METADATA_MAX_PAIRS), Some("keep the pairs tools actually read".to_string()));
    }
    let mut seen = Names::default();
    for entry in &metadata.entries {
        let entry_path = path.key(&entry.key);
        if !seen.insert(&entry.key) {
            cx.push(code::DUPLICATE_KEY, &entry_path, entry.node.span, format!("`{}` appears more than once in `metadata`", entry.key), Some("keep one of them".to_string()));
            continue;
        }
        let key_len = char_len(&entry.key);
        if !rules::METADATA_KEY_LEN.contains(&key_len) {
            cx.push(
                code::METADATA_KEY_LENGTH,
                &entry_path,
                entry.node.span,
                format!("The metadata key `{}` is {key_len} characters long; keys are {} to {} characters", entry.key, rules::METADATA_KEY_LEN.start(), rules::METADATA_KEY_LEN.end()),
                None,
            );
        }
        match entry.node.ok() {
            Some(value) => {
                let len = char_len(value);
                if !rules::METADATA_VALUE_LEN.contains(&len) {
                    cx.push(
                        code::METADATA_VALUE_LENGTH,
                        &entry_path,
                        entry.node.span,
                        format!("The metadata value of `{}` is {len} characters long; values are {} to {} characters", entry.key, rules::METADATA_VALUE_LEN.start(), rules::METADATA_VALUE_LEN.end()),
                        None,
                    );
                }
            }
            None => cx.wrong_type(&entry_path, entry.node.kind, entry.node.span, "a string", true),
        }
    }
}

/// Keys the server sends back: ignored when sent, but still typed.
fn served(cx: &mut Context<'_>, p: &Payload<'_>, root: &Path<'_>) {
    cx.get(&p.id, &root.key("id"), "a string");
    cx.get(&p.identifier, &root.key("identifier"), "a string");
    cx.get(&p.coming_soon, &root.key("coming_soon"), "a boolean");
    cx.get(&p.is_custom, &root.key("is_custom"), "a boolean");
    cx.get(&p.is_custom_mcp, &root.key("is_custom_mcp"), "a boolean");
    let categories = root.key("categories");
    if let Some(list) = cx.get(&p.categories, &categories, "an array of strings") {
        for (i, item) in list.iter().enumerate() {
            if item.is_wrong_type() {
                cx.wrong_type(&categories.index(i), item.kind, item.span, "a string", true);
            }
        }
    }
}

fn proxy_url(cx: &mut Context<'_>, p: &Payload<'_>, root: &Path<'_>, declared: &Declared<'_>) {
    let path = root.key("proxy_url");
    let hint = Some("the upstream API's base URL, e.g. \"https://api.example.com\"".to_string());
    if !cx.require(&p.proxy_url, &path, p.span, "the base URL the proxy calls", hint) {
        return;
    }
    let Some(url) = cx.get(&p.proxy_url, &path, "a string") else { return };
    let at = value_span(&p.proxy_url);
    let len = char_len(url);
    if len == 0 {
        cx.push(code::URL_INVALID, &path, at, "`proxy_url` is empty", Some("the upstream API's base URL, e.g. \"https://api.example.com\"".to_string()));
        return;
    }
    if len > *rules::URL_LEN.end() {
        cx.push(code::URL_TOO_LONG, &path, at, format!("`proxy_url` is {len} characters long; at most {} are allowed", rules::URL_LEN.end()), None);
    }
    let used = check_templated_url(cx, &path, at, url, "`proxy_url`", declared);
    if !declared.mcp && url.len() > "https://".len() && url.ends_with('/') {
        cx.push(code::PROXY_URL_TRAILING_SLASH, &path, at, "`proxy_url` ends with `/`; request paths start with one, so calls would hold `//`", Some(format!("use \"{}\"", url.trim_end_matches('/'))));
    }
    for param in &declared.path_params {
        if !used.contains(param.name) {
            cx.push_raw(
                code::PATH_PARAM_UNUSED,
                param.path.clone(),
                param.at.start as usize,
                format!("The path parameter `{}` is never used: `proxy_url` has no `{{{{{}}}}}`", param.name, param.name),
                Some(format!("put {{{{{}}}}} in proxy_url, or drop \"is_path_param\"", param.name)),
            );
        }
    }
}

/// Checks a URL that may hold `{{placeholders}}`; returns the names it uses.
pub fn check_templated_url<'u>(cx: &mut Context<'_>, path: &Path<'_>, at: Span, url: &'u str, what: &str, declared: &Declared<'_>) -> Names<'u> {
    let https = check_scheme(cx, path, at, url, what);
    let parsed = match template::parse(url) {
        Ok(parsed) => parsed,
        Err(error) => {
            cx.push(code::TEMPLATE_SYNTAX, path, at, format!("{what} holds a malformed placeholder: {}", error.message), error.hint.clone());
            return Names::default();
        }
    };
    let names: Names<'_> = if parsed.placeholders().next().is_some() { declared.names.iter().copied().collect() } else { Names::default() };
    let mut placeable = true;
    for placeholder in parsed.placeholders() {
        if !placeholder.place.is_fillable() {
            placeable = false;
            cx.push(
                code::TEMPLATE_PLACEMENT,
                path,
                at,
                format!("`{{{{{}}}}}` sits in {} of {what}; placeholders can fill the host, a host label, a path segment or a query key/value", placeholder.name, placeholder.place.describe()),
                Some(format!("move {{{{{}}}}} elsewhere, or write {} literally", placeholder.name, placeholder.place.describe())),
            );
        }
        if !names.contains(placeholder.name) && !cx.full() {
            let hint = match did_you_mean(placeholder.name, declared.names.iter().copied()) {
                Some(near) => format!("did you mean {{{{{near}}}}}?"),
                None => format!("declare a field with \"field_name\": \"{}\" and \"is_path_param\": true", placeholder.name),
            };
            cx.push(code::TEMPLATE_UNKNOWN_VARIABLE, path, at, format!("{what} uses `{{{{{}}}}}`, but no field is named `{}`", placeholder.name, placeholder.name), Some(hint));
        }
    }
    if https && placeable && char_len(url) <= *rules::URL_LEN.end() {
        let checked = match parsed.placeholders().next() {
            None => crate::web_url::check(url),
            Some(_) => crate::web_url::check(&parsed.sample()),
        };
        if let Err(reason) = checked {
            cx.push(code::URL_INVALID, path, at, format!("{what} is not a valid URL: {reason}"), None);
        }
    }
    parsed.placeholders().map(|placeholder| placeholder.name).collect()
}

/// Checks that a plain URL is absolute `https://` and parses.
pub fn check_absolute_url(cx: &mut Context<'_>, path: &Path<'_>, at: Span, url: &str, what: &str) {
    if !check_scheme(cx, path, at, url, what) {
        return;
    }
    if let Err(reason) = crate::web_url::check(url) {
        cx.push(code::URL_INVALID, path, at, format!("{what} is not a valid URL: {reason}"), None);
    }
}

fn check_scheme(cx: &mut Context<'_>, path: &Path<'_>, at: Span, url: &str, what: &str) -> bool {
    if url.starts_with("https://") {
        return true;
    }
    let hint = if let Some(rest) = url.strip_prefix("http://") {
        format!("use https://{rest}")
    } else if url.len() >= 8 && url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://")) {
        format!("write the scheme in lowercase: https://{}", url.get(8..).unwrap_or(""))
    } else if !url.contains("://") {
        format!("add the scheme: https://{}", url.trim_start_matches('/'))
    } else {
        "only https:// URLs are accepted".to_string()
    };
    cx.push(code::URL_NOT_HTTPS, path, at, format!("{what} must be an absolute https:// URL"), Some(hint));
    false
}

fn update(cx: &mut Context<'_>, p: &Payload<'_>, root: &Path<'_>) {
    let omitted: [(&str, bool, &str); 3] = [
        ("description", p.description.is_none(), "sources disagree on whether an omitted description is kept; send the current one"),
        ("icon_src", p.icon_src.is_none(), "sources disagree on whether an omitted icon_src is kept; send the current one"),
        ("metadata", p.metadata.is_none(), "an update without metadata clears it; send the current metadata (or {} to clear it on purpose)"),
    ];
    for (key, missing, why) in omitted {
        if missing {
            cx.push(code::UPDATE_OMITS_MEMBER, &root.key(key), p.span, format!("This update does not send `{key}`"), Some(why.to_string()));
        }
    }
}

/// Checks an optional text shown to people (a description or label):
/// absent, null or blank is worth an `info` (with `code`).
pub fn describe(cx: &mut Context<'_>, member: &Option<Member<Text<'_>>>, path: &Path<'_>, parent: Span, message: &str, hint: &str) {
    describe_as(cx, code::MISSING_DESCRIPTION, member, path, parent, message, hint);
}

pub fn describe_as(cx: &mut Context<'_>, code: &'static str, member: &Option<Member<Text<'_>>>, path: &Path<'_>, parent: Span, message: &str, hint: &str) {
    if member.as_ref().is_some_and(|m| m.node.is_wrong_type()) {
        cx.get(member, path, "a string");
        return;
    }
    let blank = match member.as_ref().and_then(Member::ok) {
        Some(text) => text.trim().is_empty(),
        None => true,
    };
    if blank {
        let at = member.as_ref().map_or(parent, |m| m.node.span);
        cx.push(code, path, at, message, Some(hint.to_string()));
    }
}

/// Where a member's value is (its parent's start if absent).
pub fn value_span<T>(member: &Option<Member<T>>) -> Span {
    member.as_ref().map(|m| m.node.span).unwrap_or_default()
}
