use std::process::ExitCode;

fn main() -> ExitCode {
    saypro::cli::main()
}
