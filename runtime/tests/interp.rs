//! Runs every program of `tests/lua/run` with the reference interpreter
//! and compares its output byte for byte with what `luajit -joff` printed
//! (recorded by `tests/tools/gen-run-golden.sh`). Also runs them under
//! small heap limits: running out of memory must be an error, never a
//! crash, and every object must be freed when the VM is dropped.

use std::path::PathBuf;

use xlj_runtime::vm::Vm;

fn corpus() -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/lua/run");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).expect("tests/lua/run") {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "lua") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let src = std::fs::read(&p).unwrap();
            let exp = std::fs::read(p.with_extension("expected")).unwrap_or_else(|_| {
                panic!("{name}: no .expected file (run tests/tools/gen-run-golden.sh)")
            });
            out.push((name, src, exp));
        }
    }
    out.sort();
    out
}

fn run(name: &str, src: &[u8], vm: &mut Vm) -> (Vec<u8>, Option<String>) {
    vm.run_chunk(src, &format!("@{name}"))
}

#[test]
fn programs_match_luajit() {
    let progs = corpus();
    assert!(progs.len() >= 15);
    let mut failed = Vec::new();
    for (name, src, exp) in &progs {
        let mut vm = Vm::new().unwrap();
        let (out, err) = run(name, src, &mut vm);
        if &out != exp || err.is_some() {
            let o = String::from_utf8_lossy(&out);
            let x = String::from_utf8_lossy(exp);
            let line = o
                .lines()
                .zip(x.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(o.lines().count().min(x.lines().count()));
            eprintln!(
                "{name}: differs at line {}: got {:?}, want {:?}; error {:?}",
                line + 1,
                o.lines().nth(line),
                x.lines().nth(line),
                err
            );
            failed.push(name.clone());
        }
    }
    eprintln!(
        "{} of {} programs match luajit",
        progs.len() - failed.len(),
        progs.len()
    );
    assert!(failed.is_empty(), "mismatches: {failed:?}");
}

#[test]
fn out_of_memory_is_an_error() {
    for (name, src, exp) in corpus() {
        let mut limit = 1_000;
        let mut saw_oom = false;
        loop {
            let Ok(mut vm) = Vm::with_limit(limit) else {
                limit += 256;
                continue;
            };
            let (out, err) = run(&name, &src, &mut vm);
            // Under memory pressure a program may take another path (a
            // failed resume returns false, a pcall catches the error), so
            // any output or Lua error is acceptable; what must hold is no
            // crash, no leak, and the exact output once memory suffices.
            let oom_out = String::from_utf8_lossy(&out).contains("not enough memory");
            match err {
                None if out == exp => break,
                Some(e) if e.contains("not enough memory") => saw_oom = true,
                _ if oom_out => saw_oom = true,
                _ => {}
            }
            assert!(vm.close() == 0, "{name}: leak after OOM at limit {limit}");
            limit += (limit / 32).max(64);
            assert!(limit < 1 << 30, "{name}: never completes");
        }
        assert!(saw_oom, "{name}: no limit was small enough");
    }
}

#[test]
fn dropping_frees_everything() {
    for (name, src, _) in corpus() {
        let mut vm = Vm::new().unwrap();
        run(&name, &src, &mut vm);
        assert_eq!(vm.close(), 0, "{name}");
    }
}

#[test]
fn dumps_load_and_run() {
    use xlj_runtime::bc::dump::{write_dump, DumpOptions};
    for (name, src, exp) in corpus() {
        let proto = xlj_runtime::parse::parse_chunk(&src, &format!("@{name}")).unwrap();
        let opts = DumpOptions {
            strip: false,
            ..DumpOptions::default()
        };
        let bytes = write_dump(&proto, &opts).unwrap();
        let mut vm = Vm::new().unwrap();
        let (out, err) = vm.run_chunk(&bytes, &format!("@{name}"));
        assert!(err.is_none(), "{name}: {err:?}");
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&exp),
            "{name} from a dump"
        );
    }
}

#[test]
fn deep_native_recursion_is_an_error() {
    let mut vm = Vm::new().unwrap();
    let src = b"local function nest() return coroutine.wrap(nest)() end return pcall(nest)";
    let f = vm.load(src, "=nest").unwrap();
    let r = vm.call(f, &[]).unwrap();
    assert_eq!(r[0], xlj_runtime::value::Value::FALSE);
    let msg = vm.error_text(&xlj_runtime::vm::LuaError::new(r[1]));
    assert!(msg.contains("C stack overflow"), "{msg}");
}

#[test]
fn errors_leaving_the_vm_carry_a_traceback() {
    let mut vm = Vm::new().unwrap();
    let src = b"local function f()\n  local x = nil\n  return x.y\nend\nlocal function g() return (f()) end\ng()\n";
    let f = vm.load(src, "@tb.lua").unwrap();
    let e = vm.call(f, &[]).unwrap_err();
    assert_eq!(
        vm.error_text(&e),
        "tb.lua:3: attempt to index local 'x' (a nil value)"
    );
    // As luajit prints it for the same program.
    assert_eq!(
        e.traceback.first().map(String::as_str),
        Some("tb.lua:3: in function 'f'")
    );
    assert!(
        e.traceback.iter().any(|l| l == "tb.lua:6: in main chunk"),
        "{:?}",
        e.traceback
    );
}

#[test]
fn luajit_bytecode_runs_the_same() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/lua/run/luajit-bc");
    let mut failed = Vec::new();
    let mut count = 0;
    for (name, _, exp) in corpus() {
        let Ok(bytes) = std::fs::read(dir.join(name.replace(".lua", ".ljbc"))) else {
            continue;
        };
        count += 1;
        let mut vm = Vm::new().unwrap();
        let (out, err) = vm.run_chunk(&bytes, &format!("@{name}"));
        if out != exp || err.is_some() {
            let o = String::from_utf8_lossy(&out);
            let x = String::from_utf8_lossy(&exp);
            let line = o.lines().zip(x.lines()).position(|(a, b)| a != b);
            let line = line.unwrap_or(o.lines().count().min(x.lines().count()));
            eprintln!(
                "{name} (luajit bytecode): line {}: got {:?}, want {:?}; error {err:?}",
                line + 1,
                o.lines().nth(line),
                x.lines().nth(line)
            );
            failed.push(name);
        }
    }
    eprintln!(
        "{} of {count} luajit-compiled programs match",
        count - failed.len()
    );
    assert!(failed.is_empty(), "mismatches: {failed:?}");
}

/// Rewrites every loop and header instruction into its interpreter-only
/// (I*) or JIT-entry (J*) twin, which must behave the same while no JIT
/// exists.
fn twin_opcodes(p: &xlj_runtime::bc::Proto, jit_forms: bool) -> xlj_runtime::bc::Proto {
    use std::rc::Rc;
    use xlj_runtime::bc::{GcConst, Op};
    let mut q = p.clone();
    for ins in q.code.iter_mut() {
        let twin = match ins.op() {
            Op::FORL => Op::IFORL,
            Op::ITERL => Op::IITERL,
            Op::LOOP => Op::ILOOP,
            Op::FUNCF => Op::IFUNCF,
            Op::FUNCV => Op::IFUNCV,
            Op::FORI if jit_forms => Op::JFORI,
            _ => continue,
        };
        ins.set_op(twin);
    }
    for k in q.kgc.iter_mut() {
        if let GcConst::Child(c) = k {
            *k = GcConst::Child(Rc::new(twin_opcodes(c, jit_forms)));
        }
    }
    q
}

#[test]
fn interpreter_only_opcodes_behave_like_their_twins() {
    for (name, src, exp) in corpus() {
        for jit_forms in [false, true] {
            let proto = xlj_runtime::parse::parse_chunk(&src, &format!("@{name}")).unwrap();
            let mut vm = Vm::new().unwrap();
            let f = vm.load_proto(&twin_opcodes(&proto, jit_forms)).unwrap();
            let buf = xlj_runtime::vm::SharedBuf::default();
            vm.out = Box::new(buf.clone());
            let r = vm.call(f, &[]);
            assert!(r.is_ok(), "{name}");
            assert_eq!(
                String::from_utf8_lossy(&buf.0.borrow()),
                String::from_utf8_lossy(&exp),
                "{name} with twin opcodes"
            );
        }
    }
}

#[test]
fn recursion_through_natives_is_an_error() {
    let mut vm = Vm::new().unwrap();
    let src = b"local t = setmetatable({}, {__tostring = function(s) print(s) end})\n\
                return pcall(print, t)";
    let f = vm.load(src, "=tostr").unwrap();
    let r = vm.call(f, &[]).unwrap();
    assert_eq!(r[0], xlj_runtime::value::Value::FALSE);
    let msg = vm.error_text(&xlj_runtime::vm::LuaError::new(r[1]));
    assert!(msg.contains("stack overflow"), "{msg}");
}

#[test]
fn truncated_or_corrupted_dumps_are_errors() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/lua/run/luajit-bc");
    let bytes = std::fs::read(dir.join("closures.ljbc")).unwrap();
    let mut vm = Vm::new().unwrap();
    for cut in 1..bytes.len() {
        assert!(vm.load(&bytes[..cut], "@cut.lua").is_err(), "cut at {cut}");
    }
    // Flipping bytes must give an error or a loadable function, never a panic.
    for i in 0..bytes.len() {
        let mut b = bytes.clone();
        b[i] ^= 0x5a;
        let _ = vm.load(&b, "@flip.lua");
    }
}
