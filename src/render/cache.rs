//! The caches beside the output (`.<output>.cache/`): a file made once
//! (a typeset brief, a resized picture) is read back on the next build
//! instead of made again. Best effort: a cache that cannot be written
//! costs time, never the build.

use std::path::Path;

/// The bytes kept in `dir` under `name`, else those `make` gives, kept
/// there for next time (written under a temporary name and renamed, so a
/// reader never sees half a file).
pub fn read_or_make(dir: &Path, name: &str, make: impl FnOnce() -> Result<Vec<u8>, String>) -> Result<Vec<u8>, String> {
    let path = dir.join(name);
    if let Ok(bytes) = std::fs::read(&path) {
        return Ok(bytes);
    }
    let bytes = make()?;
    if std::fs::create_dir_all(dir).is_ok() {
        let tmp = dir.join(format!("{name}.tmp-{}", std::process::id()));
        if std::fs::write(&tmp, &bytes).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
    }
    Ok(bytes)
}
