//! A hash set of strings, and of positions filed under them, on serde_json's
//! `Map`: the hash map both WebAssembly modules carry already. std's
//! `HashMap` and `HashSet` would each add kilobytes to the download; the
//! places that need one (long lists, hostile inputs) use this instead.

use serde_json::{Map, Value};

/// Strings, each with the positions filed under it, in the order filed.
#[derive(Clone, Debug, Default)]
pub struct Lookup(Map<String, Value>);

/// Under each key: `[taken, position, position, …]`, `taken` counting the
/// positions [`Lookup::take`] has handed out.
fn unfiled() -> Value {
    Value::Array(vec![Value::from(0u64)])
}

impl Lookup {
    /// Adds `key`; false if it was there already.
    pub fn insert(&mut self, key: &str) -> bool {
        if self.0.contains_key(key) {
            return false;
        }
        self.0.insert(key.to_string(), unfiled());
        true
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// Files `position` under `key`, after those filed before.
    pub fn push(&mut self, key: &str, position: usize) {
        if let Value::Array(positions) = self.0.entry(key).or_insert_with(unfiled) {
            positions.push(Value::from(position as u64));
        }
    }

    /// The first position filed under `key`.
    pub fn first(&self, key: &str) -> Option<usize> {
        let positions = self.0.get(key)?.as_array()?;
        positions.get(1)?.as_u64().map(|p| p as usize)
    }

    /// The first position under `key` not taken yet, which is then taken.
    pub fn take(&mut self, key: &str) -> Option<usize> {
        let positions = self.0.get_mut(key)?.as_array_mut()?;
        let taken = positions.first()?.as_u64()? as usize;
        let position = positions.get(1 + taken)?.as_u64()? as usize;
        if let Some(count) = positions.first_mut() {
            *count = Value::from(taken as u64 + 1);
        }
        Some(position)
    }
}

impl<'a> FromIterator<&'a str> for Lookup {
    fn from_iter<I: IntoIterator<Item = &'a str>>(keys: I) -> Self {
        let mut lookup = Lookup::default();
        for key in keys {
            lookup.insert(key);
        }
        lookup
    }
}

#[cfg(test)]
mod tests {
    use super::Lookup;

    #[test]
    fn sets_and_positions() {
        let mut l: Lookup = ["a", "b"].into_iter().collect();
        assert!(l.contains("a") && !l.contains("c"));
        assert!(!l.insert("a") && l.insert("c"));
        l.push("x", 3);
        l.push("x", 7);
        assert_eq!(l.first("x"), Some(3));
        assert_eq!((l.take("x"), l.take("x"), l.take("x")), (Some(3), Some(7), None));
        assert_eq!((l.first("a"), l.take("a"), l.take("nope")), (None, None, None));
    }
}
