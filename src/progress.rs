//! A progress line on the terminal while a long build renders. Only shown
//! when asked (a person at a terminal, not CI) and only once a build has
//! taken long enough to be worth it.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Prints `rendering N/M pages` on stderr until `finished`, then clears it.
pub fn show(done: &AtomicUsize, total: usize, finished: &AtomicBool) {
    let started = Instant::now();
    let mut shown = false;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        if started.elapsed() > Duration::from_millis(500) {
            let n = done.load(Ordering::Relaxed);
            eprint!("\r  rendering {n}/{total} pages");
            let _ = std::io::stderr().flush();
            shown = true;
        }
    }
    if shown {
        eprint!("\r{}\r", " ".repeat(40));
    }
}
