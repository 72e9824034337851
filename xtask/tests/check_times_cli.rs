//! `cargo xtask check-times` through the real binary on three small pages: two parts of a split
//! area (`intune-apps-...`, `intune-mam-...`) and one other area, one field reaching across
//! parts. It generates the crate, runs `cargo check` for every feature set, and must find each
//! one compiling without warnings. No time is checked: only that the table is complete.

use std::path::Path;
use std::process::Command;

fn resource(area: &str, name: &str, rows: &[&str]) -> String {
    let mut page = format!(
        "---\ntitle: \"{name} resource type\"\nms.prod: \"{area}\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\nNamespace: microsoft.graph\n\nA {name}.\n\n## Properties\n\n\
         | Property | Type | Description |\n|:--|:--|:--|\n"
    );
    for row in rows {
        page.push_str(row);
        page.push('\n');
    }
    page
}

#[test]
fn check_times_checks_every_feature_alone() {
    let scratch = tempfile::tempdir().unwrap();
    let docs = scratch.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let pages = [
        ("intune-apps-mobileapp.md", resource("intune", "mobileApp", &["| id | String | The id. |"])),
        (
            "intune-mam-managedappprotection.md",
            resource(
                "intune",
                "managedAppProtection",
                &["| id | String | The id. |", "| app | [mobileApp](mobileapp.md) | The app it protects. |"],
            ),
        ),
        ("message.md", resource("outlook", "message", &["| subject | String | The subject. |"])),
    ];
    for (name, text) in pages {
        std::fs::write(docs.join(name), text).unwrap();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(root)
        .args(["check-times", "--docs"])
        .arg(&docs)
        .arg("--out")
        .arg(scratch.path().join("out"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    for expected in ["(4 features)", "intune (and its 2 parts)", "intune-apps ", "intune-mam ", "outlook ", "none "] {
        assert!(stdout.contains(expected), "missing {expected:?} in\n{stdout}");
    }
    let results = stdout.split("results:").nth(1).unwrap_or_default();
    // All features twice, none, and the four features.
    assert_eq!(results.matches(" 0 warning(s)").count(), 7, "{stdout}");
    assert!(results.contains("largest area: "), "{stdout}");
}
