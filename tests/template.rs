//! `proxy_url` templates: syntax, placement, rendering and refused values.

//! The table tests run natively and in WebAssembly (`cargo test --target
//! wasm32-unknown-unknown`), where URLs are parsed by the host's URL class
//! instead of the url crate: both must give the same verdicts.

use connector_kit::template::*;
#[cfg(not(target_arch = "wasm32"))]
use proptest::prelude::*;
use std::collections::HashMap;

fn with<'v>(pairs: &'v [(&'v str, &'v str)]) -> impl Fn(&str) -> Option<&'v str> {
    move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

fn places(src: &str) -> Vec<(&str, Place)> {
    parse(src)
        .unwrap()
        .placeholders()
        .map(|p| (p.name, p.place))
        .collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_syntax_error_with_its_span() {
    // (template, start of the message, span)
    let cases: &[(&str, &str, std::ops::Range<usize>)] = &[
        ("https://{{domain/api", "`{{domain` is never closed", 8..16),
        ("https://{{", "`{{` is never closed", 8..10),
        ("https://{{a}}/{{b", "`{{b` is never closed", 14..17),
        ("https://x.com/{{}}", "`{{}}` has no name", 14..18),
        (
            "https://{{ domain }}/api",
            "`{{ domain }}` has a space in its name",
            8..20,
        ),
        (
            "https://{{dom ain}}",
            "`{{dom ain}}` has a space in its name",
            8..19,
        ),
        ("https://{{a/b}}", "`{{a/b}}` has '/' in its name", 8..15),
        (
            "https://{{9lives}}",
            "placeholder name `9lives` must start with a letter or '_'",
            8..18,
        ),
        (
            "https://{{{x}}}",
            "`{{{x}}}`: placeholders cannot be nested",
            8..15,
        ),
        (
            "https://{{a{{b}}}}",
            "`{{a{{b}}}}`: placeholders cannot be nested",
            8..18,
        ),
        (
            "https://{{x}}}",
            "`{{x}}}`: placeholders cannot be nested",
            8..14,
        ),
        ("https://x.com/a}}", "`}}` closes no placeholder", 15..17),
        (
            "https://x.com/{{ok}}/}}}",
            "`}}}` closes no placeholder",
            21..24,
        ),
    ];
    for (src, message, span) in cases {
        let err = parse(src).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::Syntax, "{src}");
        assert_eq!(err.kind.code(), "template-syntax");
        assert!(err.message.starts_with(message), "{src}: {}", err.message);
        assert_eq!(err.span.as_ref(), Some(span), "{src}");
        assert!(err.hint.is_some(), "{src}");
        assert_eq!(variables(src), Err(err.clone()));
        assert_eq!(render(src, |_| Some("x")), Err(err));
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn first_error_wins() {
    let err = parse("https://{{a b}}/{{}}").unwrap_err();
    assert_eq!(err.span, Some(8..15));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn whitespace_hint_gives_the_exact_text() {
    let err = parse("https://{{ domain }}/api").unwrap_err();
    assert_eq!(
        err.hint.as_deref(),
        Some("write {{domain}}: the proxy substitutes the exact text")
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn lone_braces_are_text() {
    let t = parse("https://x.com/{a}/b}").unwrap();
    assert_eq!(t.placeholders().count(), 0);
    assert_eq!(t.parts(), &[Part::Literal("https://x.com/{a}/b}")]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn variables_in_order_without_duplicates() {
    let src = "https://{{b}}.x.com/{{a}}/{{b}}?q={{a}}&r={{c_1.x-y}}";
    assert_eq!(variables(src).unwrap(), ["b", "a", "c_1.x-y"]);
    assert_eq!(parse(src).unwrap().placeholders().count(), 5);
    assert_eq!(
        variables("https://api.example.com").unwrap(),
        Vec::<&str>::new()
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn spans_point_at_the_placeholder() {
    let src = "https://{{domain}}/api/{{id}}";
    let spans: Vec<&str> = parse(src)
        .unwrap()
        .placeholders()
        .map(|p| &src[p.span.clone()])
        .collect();
    assert_eq!(spans, ["{{domain}}", "{{id}}"]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn places_of_the_spec_examples() {
    use Place::*;
    assert_eq!(places("https://api.example.com"), []);
    assert_eq!(places("https://{{domain}}/api"), [("domain", Host)]);
    assert_eq!(
        places("https://api.example.com/{{version}}"),
        [("version", PathSegment)]
    );
    assert_eq!(
        places("https://api.example.com/resources/{{path_param_1}}"),
        [("path_param_1", PathSegment)]
    );
    assert_eq!(
        places("https://api.atlassian.com/ex/{{cloud_id}}"),
        [("cloud_id", PathSegment)]
    );
    assert_eq!(
        places("https://{{tenant}}.zendesk.com/api/v2"),
        [("tenant", HostLabel)]
    );
    assert_eq!(places("https://x.com/api?a={{x}}"), [("x", QueryValue)]);
    assert_eq!(places("https://x.com/api?{{k}}=1"), [("k", QueryKey)]);
    assert_eq!(places("{{scheme}}://x.com"), [("scheme", Scheme)]);
    assert_eq!(places("https://{{user}}@x.com"), [("user", Userinfo)]);
    assert_eq!(places("https://x.com:{{port}}/"), [("port", Port)]);
    assert_eq!(places("https://x.com/#{{frag}}"), [("frag", Fragment)]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn place_descriptions_and_codes() {
    assert_eq!(Place::Host.describe(), "the host");
    assert_eq!(Place::HostLabel.describe(), "a host label");
    assert_eq!(Place::PathSegment.describe(), "a path segment");
    assert_eq!(Place::QueryValue.describe(), "a query value");
    let codes: Vec<&str> = [
        TemplateErrorKind::Syntax,
        TemplateErrorKind::Placement,
        TemplateErrorKind::MissingValue,
        TemplateErrorKind::UnsafeValue,
        TemplateErrorKind::InvalidUrl,
    ]
    .iter()
    .map(|k| k.code())
    .collect();
    assert_eq!(
        codes,
        [
            "template-syntax",
            "template-placement",
            "template-missing-value",
            "template-unsafe-value",
            "template-invalid-url"
        ]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn renders_normal_values() {
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        ("https://api.example.com", &[], "https://api.example.com"),
        (
            "https://{{domain}}/api",
            &[("domain", "acme.freshdesk.com")],
            "https://acme.freshdesk.com/api",
        ),
        (
            "https://{{domain}}/api",
            &[("domain", "ACME.Freshdesk.com")],
            "https://ACME.Freshdesk.com/api",
        ),
        (
            "https://{{domain}}/api",
            &[("domain", "10.0.0.1")],
            "https://10.0.0.1/api",
        ),
        (
            "https://{{domain}}/api",
            &[("domain", "xn--mnchen-3ya.de")],
            "https://xn--mnchen-3ya.de/api",
        ),
        (
            "https://api.example.com/{{version}}",
            &[("version", "v2")],
            "https://api.example.com/v2",
        ),
        (
            "https://api.example.com/resources/{{path_param_1}}",
            &[("path_param_1", "123")],
            "https://api.example.com/resources/123",
        ),
        (
            "https://api.atlassian.com/ex/{{cloud_id}}",
            &[("cloud_id", "11223344-a1b2-3b33-c444-def123456789")],
            "https://api.atlassian.com/ex/11223344-a1b2-3b33-c444-def123456789",
        ),
        (
            "https://{{tenant}}.zendesk.com/api/v2",
            &[("tenant", "acme-1")],
            "https://acme-1.zendesk.com/api/v2",
        ),
        (
            "https://x.com/api?a={{x}}",
            &[("x", "1")],
            "https://x.com/api?a=1",
        ),
        (
            "https://x.com/api?a={{x}}",
            &[("x", "")],
            "https://x.com/api?a=",
        ),
        (
            "https://x.com/{{a}}{{b}}",
            &[("a", "."), ("b", "x")],
            "https://x.com/.x",
        ),
        (
            "https://{{d}}:8443/{{d}}",
            &[("d", "h.io")],
            "https://h.io:8443/h.io",
        ),
    ];
    for (src, values, expected) in cases {
        assert_eq!(render(src, with(values)).as_deref(), Ok(*expected), "{src}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn works_with_a_map() {
    let values: HashMap<String, String> =
        [("domain".to_string(), "acme.freshdesk.com".to_string())].into();
    let t = parse("https://{{domain}}/api").unwrap();
    assert_eq!(
        t.render(|k| values.get(k).map(String::as_str)).unwrap(),
        "https://acme.freshdesk.com/api"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encodes_path_and_query_values() {
    let cases: &[(&str, &str, &str)] = &[
        ("https://x.com/r/{{v}}", "a/b", "https://x.com/r/a%2Fb"),
        (
            "https://x.com/r/{{v}}",
            "%2e%2e",
            "https://x.com/r/%252e%252e",
        ),
        (
            "https://x.com/r/{{v}}",
            "../admin",
            "https://x.com/r/..%2Fadmin",
        ),
        (
            "https://x.com/r/{{v}}",
            "a?b#c",
            "https://x.com/r/a%3Fb%23c",
        ),
        ("https://x.com/r/{{v}}", "a\\b", "https://x.com/r/a%5Cb"),
        ("https://x.com/r/{{v}}", "é", "https://x.com/r/%C3%A9"),
        (
            "https://x.com/r/{{v}}",
            "a\tb\n",
            "https://x.com/r/a%09b%0A",
        ),
        ("https://x.com/r/{{v}}", "...", "https://x.com/r/..."),
        (
            "https://x.com/r?q={{v}}",
            "a b&c=d",
            "https://x.com/r?q=a%20b%26c%3Dd",
        ),
        (
            "https://x.com/r?q={{v}}",
            "1+1#x",
            "https://x.com/r?q=1%2B1%23x",
        ),
        (
            "https://x.com/r?{{v}}=1",
            "k=v&z",
            "https://x.com/r?k%3Dv%26z=1",
        ),
    ];
    for (src, value, expected) in cases {
        assert_eq!(
            render(src, |_| Some(*value)).as_deref(),
            Ok(*expected),
            "{src} <- {value:?}"
        );
    }
}

/// (template, value for every placeholder, expected kind, text the message must contain)
const REFUSED: &[(&str, &str, TemplateErrorKind, &str)] = {
    use TemplateErrorKind::*;
    const HOST: &str = "https://{{domain}}/api";
    const LABEL: &str = "https://{{tenant}}.zendesk.com/api";
    const SEGMENT: &str = "https://api.example.com/{{version}}";
    &[
        (
            HOST,
            "evil.example/x?",
            UnsafeValue,
            r#"value for {{domain}} would add a path ("/x?")"#,
        ),
        (HOST, "a@b", UnsafeValue, r#"would add userinfo ("a@")"#),
        (
            HOST,
            "host:8080",
            UnsafeValue,
            r#"would add a port (":8080")"#,
        ),
        (HOST, "x#y", UnsafeValue, r##"would add a fragment ("#y")"##),
        (HOST, "x?y", UnsafeValue, "would add a query"),
        (HOST, "x\\y", UnsafeValue, r#"would add a path ("\\y")"#),
        (
            HOST,
            "a\tb.com",
            UnsafeValue,
            "whitespace or a control character (U+0009)",
        ),
        (
            HOST,
            "a.com\n",
            UnsafeValue,
            "whitespace or a control character (U+000A)",
        ),
        (HOST, "a b", UnsafeValue, "whitespace"),
        (HOST, "münchen.de", UnsafeValue, "non-ASCII character 'ü'"),
        (HOST, "[::1]", UnsafeValue, "IPv6 literal"),
        (HOST, "", UnsafeValue, "is empty"),
        (HOST, "%65vil.com", UnsafeValue, "'%'"),
        (HOST, "a_b.com", UnsafeValue, "contains '_'"),
        (HOST, "a..b", UnsafeValue, "empty label"),
        (HOST, "example.com.", UnsafeValue, "empty label"),
        (HOST, "-a.com", UnsafeValue, "starts or ends with '-'"),
        (HOST, "1.2", UnsafeValue, "not a dotted IPv4 address"),
        (HOST, "a.0x7f", UnsafeValue, "not a dotted IPv4 address"),
        (
            LABEL,
            "a.b",
            UnsafeValue,
            "value for {{tenant}} would add a host label",
        ),
        (LABEL, "evil.com/", UnsafeValue, "would add a host label"),
        (LABEL, "a/b", UnsafeValue, "would add a path"),
        (LABEL, "a:1", UnsafeValue, "would add a port"),
        (LABEL, "", UnsafeValue, "is empty"),
        (LABEL, "ü", UnsafeValue, "xn--"),
        (LABEL, "-", UnsafeValue, "starts or ends with '-'"),
        (
            "https://api.{{x}}/",
            "123",
            UnsafeValue,
            "not a dotted IPv4 address",
        ),
        (
            SEGMENT,
            "..",
            UnsafeValue,
            r#"would make the path segment "..""#,
        ),
        (
            SEGMENT,
            ".",
            UnsafeValue,
            r#"would make the path segment ".""#,
        ),
        ("https://x.com/%2e{{v}}", ".", UnsafeValue, "path segment"),
        (SEGMENT, "", UnsafeValue, "would remove a path segment"),
        (
            "https://x.com/a?{{k}}",
            "",
            UnsafeValue,
            "would change the URL's query pairs",
        ),
        (
            "{{scheme}}://x.com",
            "https",
            Placement,
            "{{scheme}} sits in the scheme",
        ),
        (
            "https://{{user}}@x.com",
            "u",
            Placement,
            "sits in the userinfo",
        ),
        (
            "https://x.com:{{port}}",
            "80",
            Placement,
            "sits in the port",
        ),
        (
            "https://x.com/#{{frag}}",
            "x",
            Placement,
            "sits in the fragment",
        ),
        (
            "{{base}}/api",
            "https://x.com",
            Placement,
            "sits in the scheme",
        ),
        (
            "https://exa mple.com/{{v}}",
            "x",
            InvalidUrl,
            "the template is not a valid URL",
        ),
    ]
};

/// A label that looks like punycode but does not decode: Node's URL class and
/// the url crate refuse it, Chromium's passes it through. Either way it stays
/// one host of the template's shape.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_punycode_is_refused_or_kept_as_the_host() {
    match render("https://{{domain}}/api", |_| Some("xn--zz")) {
        Ok(url) => assert_eq!(url, "https://xn--zz/api"),
        Err(err) => {
            assert_eq!(err.kind, TemplateErrorKind::InvalidUrl);
            assert!(err.message.contains("invalid international domain name"), "{}", err.message);
            assert_eq!(err.variable.as_deref(), Some("domain"));
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn refuses_injections_with_a_reason() {
    for (src, value, kind, reason) in REFUSED {
        let err = render(src, |_| Some(*value)).expect_err(&format!("{src} <- {value:?}"));
        assert_eq!(err.kind, *kind, "{src} <- {value:?}: {}", err.message);
        assert!(
            err.message.contains(reason),
            "{src} <- {value:?}: {}",
            err.message
        );
        if *kind != TemplateErrorKind::InvalidUrl || src.contains("{{domain}}") {
            let name = variables(src).unwrap()[0];
            assert_eq!(err.variable.as_deref(), Some(name), "{src}");
            assert!(err.span.is_some(), "{src}");
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn refuses_overlong_hosts_and_labels() {
    let long_label = format!("{}.com", "a".repeat(64));
    let err = render("https://{{domain}}/", |_| Some(&long_label)).unwrap_err();
    assert!(err.message.contains("label of 64 bytes"), "{}", err.message);

    let long_host = ["abcdefghij"; 25].join(".");
    let err = render("https://{{domain}}/", |_| Some(&long_host)).unwrap_err();
    assert!(err.message.contains("at most 253"), "{}", err.message);

    let label = "a".repeat(64);
    let err = render("https://{{tenant}}.zendesk.com", |_| Some(&label)).unwrap_err();
    assert!(err.message.contains("limit is 63"), "{}", err.message);

    // Each label fits, the host they build does not.
    let label = "a".repeat(60);
    let err = render("https://{{a}}.{{b}}.{{c}}.{{d}}.{{e}}.com", |_| {
        Some(&label)
    })
    .unwrap_err();
    assert_eq!(err.variable.as_deref(), Some("a"));
    assert!(
        err.message.contains("would make the host"),
        "{}",
        err.message
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unicode_hosts_point_to_punycode() {
    let err = render("https://{{domain}}/", |_| Some("bücher.example")).unwrap_err();
    assert!(
        err.message.contains("punycode form (xn--"),
        "{}",
        err.message
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn missing_value_names_the_variable() {
    let err = render(
        "https://{{domain}}/api/{{version}}",
        with(&[("domain", "a.com")]),
    )
    .unwrap_err();
    assert_eq!(err.kind, TemplateErrorKind::MissingValue);
    assert_eq!(err.kind.code(), "template-missing-value");
    assert_eq!(err.variable.as_deref(), Some("version"));
    assert_eq!(err.span, Some(23..34));
    assert_eq!(err.to_string(), "no value for {{version}}");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn placement_is_judged_before_values() {
    let err = render("https://x.com:{{port}}", |_| None).unwrap_err();
    assert_eq!(err.kind, TemplateErrorKind::Placement);
    assert!(err.message.contains(
        "placeholders can fill the host, a host label, a path segment or a query key/value"
    ));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn join_path_keeps_one_slash() {
    let cases = [
        (
            "https://acme.freshdesk.com/api",
            "/v2/tickets",
            "https://acme.freshdesk.com/api/v2/tickets",
        ),
        (
            "https://acme.freshdesk.com/api/",
            "v2",
            "https://acme.freshdesk.com/api/v2",
        ),
        (
            "https://acme.freshdesk.com/api/",
            "/v2",
            "https://acme.freshdesk.com/api/v2",
        ),
        (
            "https://acme.freshdesk.com/api",
            "v2",
            "https://acme.freshdesk.com/api/v2",
        ),
        (
            "https://api.example.com",
            "/v1/me",
            "https://api.example.com/v1/me",
        ),
        ("https://api.example.com/", "", "https://api.example.com/"),
        (
            "https://api.example.com/api",
            "",
            "https://api.example.com/api",
        ),
        (
            "https://x.com/api?key=1",
            "/items",
            "https://x.com/api/items?key=1",
        ),
        (
            "https://x.com/api?key=1",
            "/items?page=2",
            "https://x.com/api/items?key=1&page=2",
        ),
        (
            "https://x.com/api#top",
            "items",
            "https://x.com/api/items#top",
        ),
    ];
    for (base, path, expected) in cases {
        assert_eq!(join_path(base, path), expected, "{base} + {path}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;

    fn percent_decode(s: &str) -> Option<String> {
        let mut bytes = Vec::new();
        let mut it = s.bytes();
        while let Some(b) = it.next() {
            if b == b'%' {
                let hex = [it.next()?, it.next()?];
                bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
            } else {
                bytes.push(b);
            }
        }
        String::from_utf8(bytes).ok()
    }

    fn value_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-zA-Z0-9.-]{0,12}",
            "[a-z0-9./?#@:%\\\\ \t\n\\[\\]&=+-]{0,12}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        fn arbitrary_templates_and_values_never_panic(
            src in prop_oneof![
                any::<String>(),
                "(https://)?[a-z{}/:?#&=@.\\\\\\[\\] %é]{0,40}",
                "https://(\\{\\{[a-z]{1,3}\\}\\}|[a-z./?#&=@:{}-]){0,12}",
            ],
            value in value_strategy(),
        ) {
            if let Ok(t) = parse(&src) {
                let _ = t.variables();
                if let Ok(out) = t.render(|_| Some(value.as_str())) {
                    prop_assert!(!out.contains("{{"), "{}", out);
                }
                let _ = t.render(|_| None);
            }
            let _ = render(&src, |name| if name.len() % 2 == 0 { Some(value.as_str()) } else { Some("") });
            let _ = join_path(&src, &value);
        }

        #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        fn safe_template_keeps_its_structure(
            tenant in value_strategy(),
            id in value_strategy(),
            q in value_strategy(),
        ) {
            let t = parse("https://{{tenant}}.example.com/api/{{id}}/items?q={{q}}").unwrap();
            let values = [("tenant", tenant.as_str()), ("id", id.as_str()), ("q", q.as_str())];
            if let Ok(out) = t.render(with(&values)) {
                let url = url::Url::parse(&out).unwrap();
                let host = format!("{}.example.com", tenant.to_ascii_lowercase());
                prop_assert_eq!(url.host_str(), Some(host.as_str()));
                let segments: Vec<&str> = url.path_segments().unwrap().collect();
                prop_assert_eq!(segments.len(), 3);
                prop_assert_eq!(percent_decode(segments[1]), Some(id.clone()));
                let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
                prop_assert_eq!(pairs, vec![("q".to_string(), q.clone())]);
                prop_assert_eq!(url.port(), None);
                prop_assert_eq!(url.username(), "");
                prop_assert_eq!(url.fragment(), None);
            }
        }

        #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        fn a_whole_host_is_exactly_the_value(domain in value_strategy()) {
            if let Ok(out) = render("https://{{domain}}/api", |_| Some(domain.as_str())) {
                let url = url::Url::parse(&out).unwrap();
                let host = domain.to_ascii_lowercase();
                prop_assert_eq!(url.host_str(), Some(host.as_str()));
                prop_assert_eq!(url.path(), "/api");
            }
        }
    }
}

#[test]
fn many_placeholders_render_in_linear_time() {
    // Found by the 10 MB input test: each path segment re-scanned every
    // placeholder of the template, so 10 MB of `{{a}}/` never finished.
    let mut src = String::from("https://{{domain}}/");
    for _ in 0..200_000 {
        src.push_str("{{a}}/{{a}}{{a}}-");
    }
    let values = [("domain", "acme.example.com"), ("a", "x y")];
    let started = std::time::Instant::now();
    let url = render(&src, with(&values)).unwrap();
    assert!(url.starts_with("https://acme.example.com/x%20y/x%20yx%20y-x%20y/"));
    assert_eq!(url.matches("x%20y").count(), 600_000);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
}

#[test]
fn many_distinct_names_list_in_linear_time() {
    // Found by a 10 MB input: each placeholder was looked up in the list of
    // names so far, so a template of 1,000,000 distinct names never finished.
    let src: String = std::iter::once("https://x.com/".to_string()).chain((0..200_000).map(|i| format!("{{{{v{i}}}}}/{{{{v{}}}}}/", i / 2))).collect();
    let started = std::time::Instant::now();
    let names = variables(&src).unwrap();
    assert_eq!(names.len(), 200_000);
    assert_eq!(&names[..3], ["v0", "v1", "v2"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
}
