//! Builds the default theme (`themes/default/`) into the binary: a list
//! of its files, each with `include_bytes!`, so an installed `wsis` needs
//! no theme folder and runs in any content repository. Also names the
//! commit the binary is built from, for `wsis --version`.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// The commit being built: `WSIS_COMMIT` when a release pipeline gives
/// it, else the repository's (`git rev-parse`), else none (a crate built
/// from its package has no repository).
fn commit(manifest: &Path) -> Option<String> {
    println!("cargo:rerun-if-env-changed=WSIS_COMMIT");
    if let Some(given) = std::env::var("WSIS_COMMIT").ok().filter(|c| !c.trim().is_empty()) {
        return Some(given.trim().to_string());
    }
    let git = manifest.join(".git");
    if !git.exists() {
        return None;
    }
    // A new commit moves HEAD, or the branch HEAD names.
    println!("cargo:rerun-if-changed=.git/HEAD");
    if let Ok(head) = std::fs::read_to_string(git.join("HEAD")) {
        if let Some(branch) = head.trim().strip_prefix("ref: ") {
            println!("cargo:rerun-if-changed=.git/{branch}");
        }
    }
    let out = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(manifest)
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string()).filter(|c| !c.is_empty())
}

fn main() -> std::io::Result<()> {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let version = match commit(&manifest) {
        Some(commit) => format!("{version} (commit {commit})"),
        None => version,
    };
    println!("cargo:rustc-env=WSIS_VERSION={version}");
    let theme = manifest.join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut found = Vec::new();
    files(&theme, &mut found)?;
    found.sort();
    let mut code = String::from("/// Every file of themes/default, by path inside the theme (written by build.rs).\n");
    code.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for path in &found {
        let rel = path.strip_prefix(&theme).unwrap_or(path).to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({rel:?}, include_bytes!({:?})),\n", path.display().to_string()));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("default_theme.rs");
    std::fs::write(out, code)
}
