//! JSON Pointers (RFC 6901), built without allocating until one is reported.

use std::fmt::{self, Write};

/// A path from the document root, as a linked list on the stack: each level
/// of the walk borrows its parent, so descending costs nothing.
#[derive(Clone, Copy)]
pub enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl<'p> Path<'p> {
    pub fn key(&'p self, key: &'p str) -> Path<'p> {
        Path::Key(self, key)
    }

    pub fn index(&'p self, index: usize) -> Path<'p> {
        Path::Index(self, index)
    }

    /// The last key on the path, if it ends in one.
    pub fn last_key(&self) -> Option<&'p str> {
        match self {
            Path::Key(_, key) => Some(key),
            _ => None,
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(parent, key) => {
                parent.fmt(f)?;
                f.write_char('/')?;
                for c in key.chars() {
                    match c {
                        '~' => f.write_str("~0")?,
                        '/' => f.write_str("~1")?,
                        c => f.write_char(c)?,
                    }
                }
                Ok(())
            }
            Path::Index(parent, index) => write!(f, "{parent}/{index}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_rfc_6901() {
        let root = Path::Root;
        let a = root.key("auth_patterns");
        let b = a.index(0);
        let c = b.key("a/b~c");
        assert_eq!(c.to_string(), "/auth_patterns/0/a~1b~0c");
        assert_eq!(root.to_string(), "");
    }
}
