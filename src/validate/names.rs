//! A set of names as the validator needs it: a payload has few, so a list
//! is fastest; a hostile one may have hundreds of thousands, so past a few
//! dozen the set is hashed and stays linear.

use crate::json::Lookup;

const HASH_FROM: usize = 32;

#[derive(Default)]
pub struct Names<'a> {
    list: Vec<&'a str>,
    hashed: Option<Lookup>,
}

impl<'a> Names<'a> {
    pub fn contains(&self, name: &str) -> bool {
        match &self.hashed {
            Some(set) => set.contains(name),
            None => self.list.contains(&name),
        }
    }

    /// Adds `name`; false if it was already there.
    pub fn insert(&mut self, name: &'a str) -> bool {
        if self.contains(name) {
            return false;
        }
        self.list.push(name);
        match &mut self.hashed {
            Some(set) => {
                set.insert(name);
            }
            None if self.list.len() > HASH_FROM => self.hashed = Some(self.list.iter().copied().collect()),
            None => {}
        }
        true
    }
}

impl<'a> FromIterator<&'a str> for Names<'a> {
    fn from_iter<I: IntoIterator<Item = &'a str>>(names: I) -> Self {
        let mut set = Names::default();
        for name in names {
            set.insert(name);
        }
        set
    }
}
