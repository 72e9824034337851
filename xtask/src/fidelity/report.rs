//! The figures as a table, as JSON, and the missed items as a text report.

use super::score::{Metric, Ratio, Scores};
use serde_json::{json, Value};
use std::fmt::Write as _;

impl Scores {
    /// The eight figures with their targets, one row each, plus the two extra lines.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{:<24} {:>7}  {:>13}  {:>7}  status", "metric", "value", "n/d", "target");
        for m in Metric::ALL {
            let r = self.get(m);
            let status = if self.meets(m) { "met" } else { "MISSED" };
            let _ = writeln!(
                out,
                "{:<24} {:>7}  {:>13}  {:>7}  {status}",
                m.label(),
                percent(r),
                format!("{}/{}", r.num, r.den),
                format!(">= {}%", m.target()),
            );
        }
        let r = self.entity_complex_agreement;
        let _ = writeln!(
            out,
            "{:<24} {:>7}  {:>13}  (extra) matched struct types whose entity/complex kind agrees",
            "  entity vs complex",
            percent(r),
            format!("{}/{}", r.num, r.den),
        );
        let _ = writeln!(
            out,
            "{:<24} {:>7}  {:>13}  (quality) matched types whose name differs only in letter case",
            "  case-only matches",
            self.case_only_matches,
            format!("of {}", self.type_recall.num),
        );
        let verdict = if self.meets_targets() {
            "all targets met".to_string()
        } else {
            let missed: Vec<&str> = self.missed_targets().into_iter().map(Metric::label).collect();
            format!("targets missed: {}", missed.join(", "))
        };
        let _ = writeln!(out, "{verdict}");
        out
    }

    /// The figures as JSON: every metric with num, den, percent, target and whether it is met.
    pub fn to_json(&self) -> Value {
        let ratio = |r: Ratio| json!({ "num": r.num, "den": r.den, "percent": round(r.percent()) });
        let mut metrics = serde_json::Map::new();
        for m in Metric::ALL {
            let mut v = ratio(self.get(m));
            v["target"] = json!(m.target());
            v["met"] = json!(self.meets(m));
            metrics.insert(m.key().to_string(), v);
        }
        json!({
            "metrics": metrics,
            "entity_complex_agreement": ratio(self.entity_complex_agreement),
            "case_only_matches": self.case_only_matches,
            "unexpected_bases": self.unexpected_bases.len(),
            "meets_targets": self.meets_targets(),
        })
    }

    /// Every missed item, per metric, sorted by name; `header` goes first.
    pub fn misses_report(&self, header: &str) -> String {
        let mut out = String::new();
        if !header.is_empty() {
            let _ = writeln!(out, "{}\n", header.trim_end());
        }
        let _ = write!(out, "{}", self.table());
        for (i, m) in Metric::ALL.into_iter().enumerate() {
            let misses = self.misses(m);
            let r = self.get(m);
            let _ = writeln!(
                out,
                "\n== {}. {} {}: {} missed - {}",
                i + 1,
                m.label(),
                percent(r),
                r.den - r.num,
                m.miss_heading()
            );
            for line in misses {
                let _ = writeln!(out, "{line}");
            }
            if m == Metric::TypeRecall && !self.case_only_names.is_empty() {
                let _ = writeln!(
                    out,
                    "\n-- matched, but the name differs in letter case only ({}):",
                    self.case_only_names.len()
                );
                for line in &self.case_only_names {
                    let _ = writeln!(out, "{line}");
                }
            }
            if m == Metric::BaseAccuracy && !self.unexpected_bases.is_empty() {
                let _ = writeln!(
                    out,
                    "\n-- not counted: no official base, but ours has one; descendants inherit its properties ({}):",
                    self.unexpected_bases.len()
                );
                for line in &self.unexpected_bases {
                    let _ = writeln!(out, "{line}");
                }
            }
            if m == Metric::KindAccuracy && !self.entity_complex_misses.is_empty() {
                let _ = writeln!(
                    out,
                    "\n-- struct-like on both sides, but entity vs complex differs ({}):",
                    self.entity_complex_misses.len()
                );
                for line in &self.entity_complex_misses {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
        out
    }
}

fn percent(r: Ratio) -> String {
    if r.den == 0 {
        "n/a".into()
    } else {
        format!("{:.1}%", r.percent())
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_marks_each_target_and_json_has_every_figure() {
        let mut s = Scores::default();
        s.type_recall = Ratio::new(99, 100);
        s.kind_accuracy = Ratio::new(98, 100);
        s.case_only_matches = 3;
        let table = s.table();
        let line = |label: &str| table.lines().find(|l| l.starts_with(label)).unwrap().to_string();
        assert_eq!(line("type recall"), "type recall                99.0%         99/100   >= 99%  met");
        assert_eq!(line("kind accuracy"), "kind accuracy              98.0%         98/100   >= 99%  MISSED");
        assert_eq!(line("base accuracy"), "base accuracy                n/a            0/0   >= 92%  met");
        assert!(table.contains("  case-only matches            3          of 99"), "{table}");
        assert!(table.ends_with("targets missed: kind accuracy\n"), "{table}");
        let json = s.to_json();
        assert_eq!(json["metrics"]["kind_accuracy"]["percent"], 98.0);
        assert_eq!(json["metrics"]["kind_accuracy"]["met"], false);
        assert_eq!(json["metrics"]["enum_member_recall"]["target"], 97.0);
        assert_eq!(json["meets_targets"], false);
        assert_eq!(json["metrics"].as_object().unwrap().len(), 8);
        let report = s.misses_report("header");
        assert!(report.starts_with("header\n\nmetric"), "{report}");
        assert!(report.contains("\n== 2. kind accuracy 98.0%: 2 missed - "), "{report}");
    }
}
