//! The parts of the standard library that read the process environment
//! when a VM opens: `package.path`/`cpath` from `LUA_PATH`/`LUA_CPATH`
//! (with `;;` standing for the default). Kept in its own test binary
//! because it sets environment variables.

use xlj_runtime::vm::Vm;

fn run(src: &str) -> String {
    let mut vm = Vm::new().unwrap();
    let (out, err) = vm.run_chunk(src.as_bytes(), "=env");
    assert_eq!(err, None);
    String::from_utf8(out).unwrap()
}

#[test]
fn search_paths_come_from_the_environment() {
    std::env::remove_var("LUA_PATH");
    std::env::remove_var("LUA_CPATH");
    let default = run("print(package.path) print(package.cpath)");
    let mut lines = default.lines();
    let (dpath, dcpath) = (lines.next().unwrap(), lines.next().unwrap());
    assert!(dpath.starts_with("./?.lua;"), "{dpath}");
    assert!(dcpath.starts_with("./?.so;"), "{dcpath}");

    std::env::set_var("LUA_PATH", "/a/?.lua;;/b/?.lua");
    std::env::set_var("LUA_CPATH", "/c/?.so");
    let out = run("print(package.path) print(package.cpath)");
    std::env::remove_var("LUA_PATH");
    std::env::remove_var("LUA_CPATH");
    assert_eq!(out, format!("/a/?.lua;{dpath};/b/?.lua\n/c/?.so\n"));

    // The not-found message lists the templates of the path in use.
    let dir = std::env::temp_dir().join(format!("xlj-lualib-env-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("found_mod.lua"), "return { answer = 42 }").unwrap();
    std::env::set_var("LUA_PATH", format!("{}/?.lua", dir.display()));
    let out = run("print(require('found_mod').answer) print(select(2, pcall(require, 'nope')))");
    std::env::remove_var("LUA_PATH");
    std::fs::remove_dir_all(&dir).unwrap();
    let want = format!(
        "42\nmodule 'nope' not found:\n\tno field package.preload['nope']\n\tno file '{}/nope.lua'\n",
        dir.display()
    );
    assert!(out.starts_with(&want), "{out}");
}
