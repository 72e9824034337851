//! Diagnostics for people and for tools: with the source line and a caret under the spot
//! (for a terminal, in colour), as a JSON array, or as a SARIF 2.1.0 log for code-scanning
//! dashboards. The plain one-line form is [`Diagnostic`]'s `Display`.

use super::{Diagnostic, Severity};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// How `codegen` prints its diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One line each; with the source line and a caret when printing to a terminal.
    #[default]
    Human,
    /// One JSON array: `[{"file", "line", "column", "severity", "code", "message"}]`.
    Json,
    /// A SARIF 2.1.0 log, one result per diagnostic, one rule per code.
    Sarif,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            other => Err(format!("unknown diagnostics format `{other}` (have: human, json, sarif)")),
        }
    }
}

/// The diagnostic's line, then the source line it points into with a caret under its column
/// (when `source` holds that line). Colour (ANSI) only when `color`.
pub fn with_snippet(d: &Diagnostic, source: Option<&str>, color: bool) -> String {
    let (bold, sev, blue, reset) = if color {
        let sev = match d.severity {
            Severity::Error => "\x1b[1;31m",
            Severity::Warning => "\x1b[1;33m",
        };
        ("\x1b[1m", sev, "\x1b[1;34m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let mut out = format!(
        "{bold}{}:{}:{}:{reset} {sev}{}[{}]{reset}{bold}: {}{reset}",
        d.file, d.line, d.column, d.severity, d.code, d.message
    );
    let line = source.and_then(|s| s.lines().nth((d.line as usize).saturating_sub(1)));
    if let (Some(line), true) = (line, d.line > 0) {
        let number = d.line.to_string();
        let pad = " ".repeat(number.len());
        // Tabs are shown as spaces so the caret lines up; long lines are cut at 200 characters.
        let shown: String = line.chars().take(200).map(|c| if c == '\t' { ' ' } else { c }).collect();
        let shown = shown.trim_end_matches('\r');
        let caret_at = shown.chars().take((d.column as usize).saturating_sub(1)).count();
        out.push_str(&format!("\n{blue}{pad} |{reset}\n{blue}{number} |{reset} {shown}\n{blue}{pad} |{reset} "));
        out.push_str(&" ".repeat(caret_at));
        out.push_str(&format!("{sev}^{reset}"));
    }
    out
}

/// One JSON object per diagnostic, in the order given.
pub fn to_json(diags: &[Diagnostic]) -> Value {
    Value::Array(
        diags
            .iter()
            .map(|d| {
                json!({
                    "file": d.file,
                    "line": d.line,
                    "column": d.column,
                    "severity": d.severity.to_string(),
                    "code": d.code.as_str(),
                    "message": d.message,
                })
            })
            .collect(),
    )
}

/// A SARIF 2.1.0 log: one run of `tool` (`version`), a rule per code that occurs, a result
/// per diagnostic with its file (relative URI) and region.
pub fn to_sarif(diags: &[Diagnostic], tool: &str, version: &str) -> Value {
    let codes: BTreeMap<&str, Severity> = diags.iter().map(|d| (d.code.as_str(), d.severity)).collect();
    let rules: Vec<Value> = codes
        .keys()
        .map(|code| json!({ "id": code, "shortDescription": { "text": format!("docs lint `{code}`") } }))
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            json!({
                "ruleId": d.code.as_str(),
                "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": d.file.replace('\\', "/") },
                        "region": { "startLine": d.line.max(1), "startColumn": d.column.max(1) }
                    }
                }]
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": tool, "version": version, "rules": rules } },
            "results": results
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Pos};

    fn diag() -> Diagnostic {
        Diagnostic::new("docs/a.md", Pos::new(2, 5), Code::JsonTrailingComma, "trailing comma; it was accepted")
    }

    #[test]
    fn the_caret_stands_under_the_column() {
        let text = with_snippet(&diag(), Some("line one\n\t\"a\": 1,\n}"), false);
        assert_eq!(
            text,
            "docs/a.md:2:5: warning[json-trailing-comma]: trailing comma; it was accepted\n  |\n2 |  \"a\": 1,\n  |     ^"
        );
        // No source, or a line past its end: the one-line form.
        assert_eq!(with_snippet(&diag(), None, false), diag().to_string());
        assert_eq!(with_snippet(&diag(), Some("one line"), false), diag().to_string());
        // Colour only when asked.
        assert!(with_snippet(&diag(), Some("a\nb"), true).contains("\x1b["));
        assert!(!with_snippet(&diag(), Some("a\nb"), false).contains('\x1b'));
    }

    #[test]
    fn json_and_sarif_carry_every_field() {
        let json = to_json(&[diag()]);
        assert_eq!(json[0]["file"], "docs/a.md");
        assert_eq!(json[0]["line"], 2);
        assert_eq!(json[0]["column"], 5);
        assert_eq!(json[0]["severity"], "warning");
        assert_eq!(json[0]["code"], "json-trailing-comma");
        let sarif = to_sarif(&[diag(), diag()], "docs-codegen", "0.1.0");
        assert_eq!(sarif["version"], "2.1.0");
        let run = &sarif["runs"][0];
        assert_eq!(run["tool"]["driver"]["rules"].as_array().map(Vec::len), Some(1));
        assert_eq!(run["results"].as_array().map(Vec::len), Some(2));
        let location = &run["results"][0]["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "docs/a.md");
        assert_eq!(location["region"]["startLine"], 2);
        assert_eq!(location["region"]["startColumn"], 5);
        assert_eq!(run["results"][0]["level"], "warning");
    }
}
