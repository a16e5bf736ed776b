use std::process::ExitCode;

/// jemalloc returns freed memory to the system where glibc's allocator keeps it in
/// per-thread arenas (see `Cargo.toml`).
#[cfg(all(unix, not(target_os = "openbsd")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    saypro::cli::main()
}
