//! The benchmark runner (not yet built): runs `bench/*.lua` on xlj,
//! luajit, `luajit -joff` and lua5.1 side by side.
fn main() {
    eprintln!("bench: the runner is not built yet");
    std::process::exit(2);
}
