//! A dumped inner function declares upvalues that nothing captures once it
//! is loaded on its own; they must start as nil (as in LuaJIT), never as
//! dangling references. The expected message is luajit's for the same
//! program (`luajit up.raw` after dumping `f` below).

use xlj_runtime::vm::Vm;

#[test]
fn a_loaded_function_with_upvalues_sees_nil_not_garbage() {
    let mut vm = Vm::new().unwrap();
    let (out, err) = vm.run_chunk(
        b"local x = 10\nlocal function f() return x + 1 end\nio.write(string.dump(f))",
        "@up.lua",
    );
    assert_eq!(err, None);
    let f = vm.load(&out, "=up.raw").unwrap();
    let e = vm.call(f, &[]).unwrap_err();
    assert_eq!(
        vm.error_text(&e),
        "up.lua:2: attempt to perform arithmetic on upvalue 'x' (a nil value)"
    );
}
