//! Did-you-mean: the nearest known name to something unknown.

/// Folds case and separators so `displayName`, `Display-Name` and
/// `display_name` compare equal.
fn fold(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '_' | '-' | ' ' | '.')).map(|c| c.to_ascii_lowercase()).collect()
}

/// The candidate closest to `input`, if one is close enough to be a
/// plausible typo (same letters ignoring case and separators, or a small
/// edit distance for the length).
pub fn did_you_mean<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let folded = fold(input);
    if folded.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        let other = fold(candidate);
        let distance = if other == folded { 0 } else { strsim::osa_distance(&folded, &other) };
        let limit = match folded.chars().count().max(other.chars().count()) {
            0..=3 => 1,
            4..=6 => 2,
            _ => 3,
        };
        let prefix = folded.len() >= 4 && (other.starts_with(&folded) || folded.starts_with(&other));
        if (distance <= limit || prefix) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn typos_and_spellings() {
        let keys = ["display_name", "proxy_url", "proxy_enabled", "auth_patterns"];
        assert_eq!(did_you_mean("proxy_uri", keys), Some("proxy_url"));
        assert_eq!(did_you_mean("displayName", keys), Some("display_name"));
        assert_eq!(did_you_mean("auth_pattern", keys), Some("auth_patterns"));
        assert_eq!(did_you_mean("colour", keys), None);
        let types = ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"];
        assert_eq!(did_you_mean("OAUTH2", types), Some("OAUTH"));
        assert_eq!(did_you_mean("api-key", types), Some("API_KEY"));
        assert_eq!(did_you_mean("bearer", types), Some("BEARER"));
    }
}
