//! Parts of a product area that its pages' file names give. Intune's pages are named
//! `intune-<workload>-<name>.md` (`intune-deviceconfig-windows10generalconfiguration.md`,
//! `intune-apps-mobileapp.md`): one area of over a third of the reference, which a crate user
//! would otherwise have to compile whole to use any of it. Where an area's pages are named that
//! way, the part is kept with the area as `area/part`, so that each part can be a feature.

use crate::extract::PageFacts;
use std::collections::BTreeMap;

/// The share of an area's pages (in tenths) that must be named `<area>-<part>-<name>` for the
/// file names to be read as parts: a few pages named so (`planner-list-tasks.md` among
/// Planner's 55) are verbs, not parts.
const NAMED_TENTHS: usize = 9;

/// An area's page count, and the (path, part) of its pages named with a part.
type AreaPages<'f> = (usize, Vec<(&'f str, &'f str)>);

/// The page path -> the area path (`intune/deviceconfig`) of every page whose area is split
/// into parts: those whose pages, all but a tenth at most, are named `<area>-<part>-<name>`,
/// with two parts or more. A page of such an area not named so keeps the area alone.
pub(super) fn area_paths(facts: &[PageFacts]) -> BTreeMap<String, String> {
    let mut by_area: BTreeMap<&str, AreaPages<'_>> = BTreeMap::new();
    for f in facts {
        let Some(area) = f.area.as_deref() else { continue };
        let entry = by_area.entry(area).or_default();
        entry.0 += 1;
        if let Some(part) = part_of(&f.path, area) {
            entry.1.push((f.path.as_str(), part));
        }
    }
    let mut out = BTreeMap::new();
    for (area, (pages, named)) in by_area {
        let mut parts: Vec<&str> = named.iter().map(|(_, p)| *p).collect();
        parts.sort_unstable();
        parts.dedup();
        if named.len() * 10 < pages * NAMED_TENTHS || parts.len() < 2 {
            continue;
        }
        for (path, part) in named {
            out.insert(path.to_string(), format!("{area}/{part}"));
        }
    }
    out
}

/// The part a page's file name gives within `area`: the word between `<area>-` and the next
/// `-`, when a name follows it and the word is lower-case letters and digits.
fn part_of<'p>(path: &'p str, area: &str) -> Option<&'p str> {
    let rest = super::file_stem(path).strip_prefix(area)?.strip_prefix('-')?;
    let (part, name) = rest.split_once('-')?;
    let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (word(part) && !name.is_empty()).then_some(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, area: Option<&str>) -> PageFacts {
        PageFacts { path: path.into(), area: area.map(str::to_string), ..Default::default() }
    }

    #[test]
    fn a_file_name_gives_the_part_after_the_area() {
        assert_eq!(part_of("docs/resources/intune-apps-mobileapp.md", "intune"), Some("apps"));
        assert_eq!(part_of("intune-deviceconfig-windows10generalconfiguration.txt", "intune"), Some("deviceconfig"));
        assert_eq!(part_of("docs\\api\\intune-mam-x-get.md", "intune"), Some("mam"));
        // No name after the part, another area's prefix, or not a word.
        assert_eq!(part_of("intune-apps.md", "intune"), None);
        assert_eq!(part_of("intunes-apps-x.md", "intune"), None);
        assert_eq!(part_of("user-get.md", "intune"), None);
        assert_eq!(part_of("intune-Apps-x.md", "intune"), None);
        assert_eq!(part_of("intune--x.md", "intune"), None);
    }

    #[test]
    fn an_area_whose_pages_are_named_by_part_is_split() {
        let mut facts: Vec<PageFacts> = (0..9).map(|i| page(&format!("intune-apps-t{i}.md"), Some("intune"))).collect();
        facts.push(page("intune-deviceconfig-policy.md", Some("intune")));
        facts.push(page("devicemanagement.md", Some("intune")));
        facts.push(page("intune-apps-elsewhere.md", Some("outlook")));
        facts.push(page("intune-apps-unfiled.md", None));
        let paths = area_paths(&facts);
        assert_eq!(paths.get("intune-apps-t0.md").map(String::as_str), Some("intune/apps"));
        assert_eq!(paths.get("intune-deviceconfig-policy.md").map(String::as_str), Some("intune/deviceconfig"));
        // 10 of 11 pages are named by part: the one that is not keeps the area alone, and
        // pages of other areas or of none are not the area's.
        assert_eq!(paths.len(), 10);
        assert!(!paths.contains_key("devicemanagement.md"));
        assert!(!paths.contains_key("intune-apps-elsewhere.md"));
        assert!(!paths.contains_key("intune-apps-unfiled.md"));
    }

    #[test]
    fn a_few_pages_named_by_a_verb_or_one_part_do_not_split_an_area() {
        // Planner: a few pages named `planner-list-...` among many that are not.
        let mut facts: Vec<PageFacts> = (0..8).map(|i| page(&format!("plannertask-{i}.md"), Some("planner"))).collect();
        facts.push(page("planner-list-tasks.md", Some("planner")));
        facts.push(page("planner-post-tasks.md", Some("planner")));
        // Every page named with the same one part: nothing to choose between.
        facts.extend((0..5).map(|i| page(&format!("search-api-t{i}.md"), Some("search"))));
        assert!(area_paths(&facts).is_empty());
    }
}
