//! `cargo xtask`: cross builds and QEMU test runs (not yet built).
fn main() {
    eprintln!("xtask: no commands yet");
    std::process::exit(2);
}
