//! The `xlj` command (being built).
fn main() {
    eprintln!("xlj: not yet");
    std::process::exit(1);
}
