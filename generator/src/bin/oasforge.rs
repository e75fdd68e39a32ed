//! The `oasforge` command; see `oasforge::cli`.

fn main() -> std::process::ExitCode {
    oasforge::cli::main()
}
