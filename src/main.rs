//! The `xlj` command; everything it does lives in [`xlj::cli`].

fn main() {
    std::process::exit(xlj::cli::main_with_env());
}
