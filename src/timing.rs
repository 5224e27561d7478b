//! `WSIS_TIMINGS`: how long each stage and each template took, with CPU
//! time and memory, for benchmarks and theme authors; silent otherwise.

use std::time::{Duration, Instant};

/// Prints how long each stage took when `WSIS_TIMINGS` is set: a tool
/// for the benchmark, silent otherwise.
pub(crate) struct Timer {
    start: std::cell::Cell<Instant>,
    cpu: std::cell::Cell<f64>,
    on: bool,
}

impl Timer {
    pub(crate) fn start() -> Timer {
        let on = std::env::var_os("WSIS_TIMINGS").is_some();
        let cpu = if on { cpu_ms() } else { 0.0 };
        Timer { start: std::cell::Cell::new(Instant::now()), cpu: std::cell::Cell::new(cpu), on }
    }

    pub(crate) fn lap(&self, stage: &str) {
        if self.on {
            let cpu = cpu_ms();
            eprintln!(
                "  {stage:<10} {:>8.1} ms {:>8.0} ms CPU {:>6} MB resident",
                self.start.get().elapsed().as_secs_f64() * 1000.0,
                cpu - self.cpu.get(),
                resident_mb().map_or("?".to_string(), |mb| mb.to_string())
            );
            self.cpu.set(cpu);
        }
        self.start.set(Instant::now());
    }
}

/// Time spent rendering pages, by template (and the open data and PDF
/// briefs): for `WSIS_TIMINGS`, which shows theme authors where a build's
/// time goes.
pub(crate) struct PageCosts(std::sync::Mutex<std::collections::BTreeMap<&'static str, (usize, Duration)>>);

impl PageCosts {
    fn add(&self, what: &'static str, took: Duration) {
        if let Ok(mut all) = self.0.lock() {
            let entry = all.entry(what).or_default();
            entry.0 += 1;
            entry.1 += took;
        }
    }

    /// Prints the costs, the largest first, and starts again.
    pub(crate) fn print(&self) {
        let Ok(mut all) = self.0.lock() else { return };
        let mut rows: Vec<(&str, (usize, Duration))> = std::mem::take(&mut *all).into_iter().collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.1 .1));
        for (what, (n, took)) in rows {
            let ms = took.as_secs_f64() * 1000.0;
            eprintln!("    {what:<18} {n:>7} pages {ms:>9.1} ms {:>8.3} ms a page", ms / n.max(1) as f64);
        }
    }
}

/// Runs `work`, adding its time to `what`'s when `WSIS_TIMINGS` is set
/// (neither the clock nor `what` is looked at otherwise).
pub(crate) fn timed<T>(what: impl FnOnce() -> &'static str, work: impl FnOnce() -> T) -> T {
    match page_costs() {
        Some(costs) => {
            let started = Instant::now();
            let result = work();
            costs.add(what(), started.elapsed());
            result
        }
        None => work(),
    }
}

/// The page costs being gathered, when `WSIS_TIMINGS` is set.
pub(crate) fn page_costs() -> Option<&'static PageCosts> {
    static COSTS: std::sync::OnceLock<Option<PageCosts>> = std::sync::OnceLock::new();
    COSTS
        .get_or_init(|| std::env::var_os("WSIS_TIMINGS").map(|_| PageCosts(std::sync::Mutex::new(Default::default()))))
        .as_ref()
}

/// The process's resident memory now, in MB, where the system says
/// (Linux's `/proc`): for `WSIS_TIMINGS`.
pub(crate) fn resident_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// The CPU time the process has used so far (user and system, every
/// thread), in ms: for `WSIS_TIMINGS`, which shows how well a stage keeps
/// the cores busy. Zero where the system does not say.
pub(crate) fn cpu_ms() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage fills the zeroed struct it is given and nothing else.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
            return ms(usage.ru_utime) + ms(usage.ru_stime);
        }
    }
    0.0
}
