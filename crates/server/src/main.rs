//! `reckot`: see `reckot --help`.

fn main() -> std::process::ExitCode {
    reckot_server::cli::main()
}
