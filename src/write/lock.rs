//! One build at a time per output folder: a lock file beside the output
//! (`.<output>.cache/lock`), held with the system's file lock, which the
//! system lets go of when the process ends however it ends, so a crashed
//! build never leaves it stuck.

use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock on an output folder, held until dropped.
pub struct OutputLock {
    _file: fs::File,
}

/// Where the lock of the output folder `real` lives.
fn lock_path(real: &Path) -> PathBuf {
    let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    real.with_file_name(format!(".{name}.cache")).join("lock")
}

/// Takes the lock of the output folder `real`, or says which process holds it.
pub fn acquire(real: &Path) -> Result<OutputLock, String> {
    let path = lock_path(real);
    let cannot = |e: io::Error| format!("cannot lock the output folder {}: {} ({e})", real.display(), path.display());
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(cannot)?;
    }
    let mut file =
        fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(cannot)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let who = if holder.is_empty() { "another wsis".to_string() } else { format!("wsis (process {holder})") };
            return Err(format!(
                "{who} is writing the output folder {} right now; wait for it to finish, or give another --output",
                real.display()
            ));
        }
        Err(fs::TryLockError::Error(e)) => return Err(cannot(e)),
    }
    // Who holds it, for the message another build gives.
    let _ = file.set_len(0).and_then(|_| file.rewind()).and_then(|_| write!(file, "{}", std::process::id()));
    Ok(OutputLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let output = tmp.path().join("output");
        let first = acquire(&output).unwrap();
        let err = acquire(&output).err().unwrap();
        assert!(err.contains(&format!("process {}", std::process::id())), "{err}");
        drop(first);
        assert!(acquire(&output).is_ok());
    }
}
