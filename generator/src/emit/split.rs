//! Areas too heavy to be one cargo feature. `cargo check` time follows the number of fields
//! and enum members a feature compiles, and one area of the docs can hold a fifth of the
//! crate (graph-v1.0's `intune/deviceconfig`: some 60 kinds of device configuration and
//! compliance policy). A user who needs one of them should not compile all of them.
//!
//! An area holding more than a tenth of the crate is split into groups, each a feature of its
//! own (its items stay in the area's module and file, each behind the group's feature, so
//! paths do not change and the crate has no more files):
//! - one group per entity type of the area: the entity and the types only it needs (its
//!   complex types and enums, reached through its fields without passing through another
//!   entity);
//! - one shared group for the rest: types two entities need, or none of them.
//!
//! A group's feature turns on the groups its types refer to (field types and bases), so a
//! feature alone gives whole structs and the operations that take or return them; a reference
//! a feature does not turn on (an entity of another group reached from the shared group, a
//! derived type in a polymorphic enum) is gated like any reference across areas. The area's
//! own feature turns all of its groups on, so enabling it still enables all of it.
//!
//! The split is the emitter's: the schema keeps the docs' areas, and only the crate's features
//! and modules follow the weights of the Rust it emits.

use super::plan::{Plan, Shape};
use crate::ir::TypeKind;
use std::collections::{BTreeMap, BTreeSet};

/// An area is split when its weight is more than 1/`HEAVY_DIVISOR` of the crate's: the share
/// of the whole crate's check time one feature should take at most.
pub(crate) const HEAVY_DIVISOR: usize = 10;

/// The last word of the shared group's key (`intune/deviceconfig/shared`).
const SHARED: &str = "shared";

/// The groups of one split area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SplitArea {
    /// The key of the shared group.
    pub shared: String,
    /// The keys of every group, the shared one included.
    pub groups: BTreeSet<String>,
}

/// What splitting decided: the split areas, and which groups each group turns on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Split {
    /// Area key -> its groups.
    pub areas: BTreeMap<String, SplitArea>,
    /// Group key -> the keys of the groups (of its area) its types refer to.
    pub needs: BTreeMap<String, BTreeSet<String>>,
}

/// What a type costs to compile, in fields and members: one for the item, one per field of
/// its struct (and of its patch struct), one per enum member.
fn weight(plan: &Plan<'_>, name: &str) -> usize {
    let Some(info) = plan.types.get(name) else { return 0 };
    1 + match info.shape {
        Shape::Struct => {
            let fields = plan.fields.get(name).map(Vec::as_slice).unwrap_or_default();
            let patch = if plan.patch.contains_key(name) {
                fields.iter().filter(|f| !f.property.navigation).count()
            } else {
                0
            };
            fields.len() + patch
        }
        Shape::Enum | Shape::Flags => info.def.members.len(),
        Shape::Value | Shape::Map => 0,
    }
}

/// Splits every area heavier than a tenth of the crate, moving its types into their groups
/// (`TypeInfo::area`), and says what it did. `taken` holds every area key in use (types' and
/// endpoints'), which a group's key never reuses.
pub(crate) fn split_heavy_areas(plan: &mut Plan<'_>, taken: &BTreeSet<String>) -> Split {
    let mut by_area: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    for (name, info) in &plan.types {
        let w = weight(plan, name);
        total += w;
        if let Some(area) = &info.area {
            *by_area.entry(area.clone()).or_default() += w;
        }
    }
    let mut split = Split::default();
    let mut taken = taken.clone();
    for (area, w) in by_area {
        if w * HEAVY_DIVISOR > total {
            split_area(plan, &area, &mut taken, &mut split);
        }
    }
    split
}

/// Which group a type of a split area is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group<'s> {
    /// The group of this entity type.
    Entity(&'s str),
    Shared,
}

/// Splits `area` into its groups (see the module's docs), unless it has fewer than two entity
/// types, which would leave one group: the area as it was.
fn split_area<'s>(plan: &mut Plan<'s>, area: &str, taken: &mut BTreeSet<String>, split: &mut Split) {
    let members: Vec<&'s str> =
        plan.types.iter().filter(|(_, i)| i.area.as_deref() == Some(area)).map(|(n, _)| *n).collect();
    let in_area: BTreeSet<&'s str> = members.iter().copied().collect();
    let entities: BTreeSet<&'s str> = members
        .iter()
        .copied()
        .filter(|n| plan.types.get(n).is_some_and(|i| i.shape == Shape::Struct && i.def.kind == TypeKind::Entity))
        .collect();
    if entities.len() < 2 {
        return;
    }
    // Type -> the types of the area its fields need: the field's type and, for a complex or
    // enum type, the derived types its polymorphic enum reads (an entity's are gated instead).
    let refers: BTreeMap<&'s str, BTreeSet<&'s str>> = members
        .iter()
        .map(|name| {
            let mut out = BTreeSet::new();
            for field in plan.fields.get(name).map(Vec::as_slice).unwrap_or_default() {
                let Some(target) = plan.resolve(&field.property.type_name) else { continue };
                let target_name = target.def.name.as_str();
                out.insert(target_name);
                if target.def.kind != TypeKind::Entity {
                    if let Some(poly) = plan.poly.get(target_name) {
                        out.extend(poly.variants.iter().map(|(d, _)| *d));
                    }
                }
            }
            out.retain(|t| in_area.contains(t));
            (*name, out)
        })
        .collect();
    // Type -> the entities that reach it without passing through another entity.
    let mut reached_by: BTreeMap<&'s str, BTreeSet<&'s str>> = BTreeMap::new();
    for entity in &entities {
        for t in reachable(&refers, entity, &entities) {
            reached_by.entry(t).or_default().insert(entity);
        }
    }
    let mut group: BTreeMap<&'s str, Group<'s>> = members
        .iter()
        .map(|n| {
            let g = if entities.contains(n) {
                Group::Entity(n)
            } else {
                match reached_by.get(n).map(|s| s.iter().collect::<Vec<_>>()).as_deref() {
                    Some([one]) => Group::Entity(one),
                    _ => Group::Shared,
                }
            };
            (*n, g)
        })
        .collect();
    // What a shared type needs is shared too, or the shared group would turn an entity's on.
    let shared: Vec<&'s str> = group.iter().filter(|(_, g)| **g == Group::Shared).map(|(n, _)| *n).collect();
    for start in shared {
        for t in reachable(&refers, start, &entities) {
            group.insert(t, Group::Shared);
        }
    }

    let keys = group_keys(area, &entities, taken);
    let key_of = |g: &Group<'s>| keys.get(g).cloned().unwrap_or_default();
    let mut needs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in &members {
        let Some(g) = group.get(name) else { continue };
        let own = key_of(g);
        let info = plan.types.get(name).map(|i| i.def);
        let bases = info.map(|def| plan.chain(def)).unwrap_or_default();
        let needed = refers.get(name).into_iter().flatten().copied().chain(bases.iter().map(|b| b.name.as_str()));
        let set = needs.entry(own.clone()).or_default();
        for other in needed.filter_map(|t| group.get(t)).map(&key_of) {
            if other != own {
                set.insert(other);
            }
        }
    }
    for (name, g) in &group {
        if let Some(info) = plan.types.get_mut(name) {
            info.area = Some(key_of(g));
        }
    }
    split.areas.insert(
        area.to_string(),
        SplitArea { shared: key_of(&Group::Shared), groups: keys.values().cloned().collect() },
    );
    split.needs.extend(needs.into_iter().filter(|(_, n)| !n.is_empty()));
}

/// The types reachable from `start` through `refers` without entering an entity (`start`
/// itself excluded).
fn reachable<'s>(
    refers: &BTreeMap<&'s str, BTreeSet<&'s str>>,
    start: &'s str,
    entities: &BTreeSet<&'s str>,
) -> BTreeSet<&'s str> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(t) = stack.pop() {
        for next in refers.get(t).into_iter().flatten() {
            if *next != start && !entities.contains(next) && seen.insert(*next) {
                stack.push(next);
            }
        }
    }
    seen
}

/// The key of each group: `<area>/<entity's name>` (the qualified name when two entities
/// share a name, or the name is taken), and `<area>/shared` (`shared2`, ... when taken). Keys
/// given are added to `taken`.
fn group_keys<'s>(
    area: &str,
    entities: &BTreeSet<&'s str>,
    taken: &mut BTreeSet<String>,
) -> BTreeMap<Group<'s>, String> {
    let local = |qualified: &'s str| crate::ir::split_qualified(qualified).1;
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for e in entities {
        *count.entry(local(e).to_ascii_lowercase()).or_default() += 1;
    }
    let mut keys = BTreeMap::new();
    for e in entities {
        let name = local(e);
        let lower = name.to_ascii_lowercase();
        let mut key = format!("{area}/{name}");
        if count.get(&lower).is_some_and(|c| *c > 1) || lower == SHARED || taken.contains(&key) {
            key = format!("{area}/{e}");
        }
        let mut n = 2;
        let stem = key.clone();
        while !taken.insert(key.clone()) {
            key = format!("{stem}{n}");
            n += 1;
        }
        keys.insert(Group::Entity(e), key);
    }
    let mut shared = format!("{area}/{SHARED}");
    let mut n = 2;
    while !taken.insert(shared.clone()) {
        shared = format!("{area}/{SHARED}{n}");
        n += 1;
    }
    keys.insert(Group::Shared, shared);
    keys
}
