//! The types under construction, by key.
//!
//! Found by hash and iterated in key order: merge looks a type up for every key of every
//! example (a sorted map of string keys spent that time comparing the keys' shared
//! `microsoft.graph.` prefixes), while everything that goes through all types must see them
//! in one order whatever the order of the pages.

use super::TypeBuilder;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

#[derive(Default)]
pub(super) struct TypeMap {
    /// Key -> index in `builders`.
    index: FxHashMap<String, usize>,
    /// The same keys in order, for going through them.
    order: BTreeMap<String, usize>,
    /// In the order the types were first met.
    builders: Vec<TypeBuilder>,
}

impl TypeMap {
    pub(super) fn get(&self, key: &str) -> Option<&TypeBuilder> {
        self.index.get(key).map(|&i| &self.builders[i])
    }

    pub(super) fn get_mut(&mut self, key: &str) -> Option<&mut TypeBuilder> {
        self.index.get(key).map(|&i| &mut self.builders[i])
    }

    /// Where the builder of `key` is, for a caller that looks the same types up again and
    /// again: builders never move (see [`TypeMap::at`]).
    pub(super) fn slot(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// The builder at a [`TypeMap::slot`].
    pub(super) fn at(&self, slot: usize) -> &TypeBuilder {
        &self.builders[slot]
    }

    /// The builder at a [`TypeMap::slot`], to change.
    pub(super) fn at_mut(&mut self, slot: usize) -> &mut TypeBuilder {
        &mut self.builders[slot]
    }

    pub(super) fn contains_key(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// The builder of `key`, a new empty one if the type was not met before.
    pub(super) fn entry_or_default(&mut self, key: String) -> &mut TypeBuilder {
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.builders.len();
                self.builders.push(TypeBuilder::default());
                self.order.insert(key.clone(), i);
                self.index.insert(key, i);
                i
            }
        };
        &mut self.builders[i]
    }

    /// Keys in order.
    pub(super) fn keys(&self) -> impl Iterator<Item = &String> {
        self.order.keys()
    }

    /// Types in key order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&String, &TypeBuilder)> {
        self.order.iter().map(|(k, &i)| (k, &self.builders[i]))
    }

    /// Every builder, in no particular order: for changes each builder makes on its own.
    pub(super) fn values_mut_unordered(&mut self) -> impl Iterator<Item = &mut TypeBuilder> {
        self.builders.iter_mut()
    }

    /// Every builder, in no particular order: for totals.
    pub(super) fn values_unordered(&self) -> impl Iterator<Item = &TypeBuilder> {
        self.builders.iter()
    }
}

impl std::ops::Index<&str> for TypeMap {
    type Output = TypeBuilder;

    /// The builder of a key known to be there.
    fn index(&self, key: &str) -> &TypeBuilder {
        &self.builders[self.index[key]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_by_key_and_gone_through_in_key_order() {
        let mut types = TypeMap::default();
        for key in ["b", "c", "a", "b"] {
            types
                .entry_or_default(key.to_string())
                .sources
                .insert(crate::extract::Place { file: key.into(), pos: crate::diagnostics::Pos::new(1, 1) });
        }
        assert_eq!(types.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(
            types.iter().map(|(k, t)| (k.as_str(), t.sources.len())).collect::<Vec<_>>(),
            [("a", 1), ("b", 1), ("c", 1)]
        );
        assert!(types.contains_key("c") && !types.contains_key("d"));
        assert_eq!(types.get("a").map(|t| t.sources.len()), Some(1));
        assert!(types.get_mut("d").is_none());
        assert_eq!(types["b"].sources.len(), 1);
        assert_eq!(types.values_unordered().count(), 3);
    }
}
