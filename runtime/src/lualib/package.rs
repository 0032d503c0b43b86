//! `package`, `require` and `module`: Lua 5.1's module system as LuaJIT
//! 2.1 ships it.
//!
//! `require(name)` returns `package.loaded[name]` when it is set, else asks
//! each function of `package.loaders` in turn: the preload table, the Lua
//! file searcher over `package.path`, and two C searchers over
//! `package.cpath`, which only report the files they tried (xlj cannot
//! load native modules; `package.loadlib` says so). The error lists every
//! place tried in LuaJIT's words. `package.path` starts from `LUA_PATH`
//! (with `;;` standing for the default) when it is set.

use super::{
    bytes_of, check_bytes, check_str, check_tab, get_field, new_table, opt_bytes, ret1, ret_str,
    set_field,
};
use crate::obj::func::ffid;
use crate::obj::{GcFunc, GcTab};
use crate::value::{itype, Value};
use crate::vm::baselib::{reg, Reg};
use crate::vm::{obj, val, Args, LuaError, Vm};

const DEFAULT_PATH: &str = "./?.lua;/usr/local/share/luajit-2.1/?.lua;\
/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua";
const DEFAULT_CPATH: &str = "./?.so;/usr/local/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so";

const FUNCS: &[Reg] = &[
    reg("loadlib", loadlib),
    reg("searchpath", searchpath),
    reg("seeall", seeall),
];

const GLOBALS: &[Reg] = &[reg("require", require), reg("module", module)];

/// The registry key of the loaded-modules table.
const LOADED_KEY: &str = "_LOADED";

fn registry(vm: &mut Vm) -> Value {
    val::<GcTab>(vm.registry)
}

/// `package.preload`.
pub fn preload(vm: &mut Vm) -> Result<Value, LuaError> {
    let p = vm.get_global("package")?;
    get_field(vm, p, "preload")
}

/// The path from environment variable `var`, `;;` meaning the default.
fn env_path(var: &str, default: &str) -> String {
    match std::env::var(var) {
        Ok(p) => p.replace(";;", &format!(";{default};")),
        Err(_) => default.to_string(),
    }
}

/// Creates `package` and the globals `require` and `module`; returns
/// `package.loaded`.
pub fn open(vm: &mut Vm) -> Result<Value, LuaError> {
    let pkg = vm.register_lib(Some("package"), FUNCS)?;
    vm.register_lib(None, GLOBALS)?;
    let reg = registry(vm);
    let loaded = new_table(vm, 0, 4)?;
    set_field(vm, reg, LOADED_KEY, loaded)?;
    set_field(vm, pkg, "loaded", loaded)?;
    set_field(vm, loaded, "package", pkg)?;
    let pre = new_table(vm, 0, 2)?;
    set_field(vm, pkg, "preload", pre)?;
    let loaders = new_table(vm, 4, 0)?;
    let fs: [crate::obj::NativeFn; 4] = [load_preload, load_lua, load_c, load_croot];
    for (i, f) in fs.into_iter().enumerate() {
        let c = vm.new_native(f, ffid::NATIVE, 0)?;
        vm.raw_set(
            obj::<GcTab>(loaders),
            Value::number((i + 1) as f64),
            val::<GcFunc>(c.as_ptr()),
        )?;
    }
    set_field(vm, pkg, "loaders", loaders)?;
    let v = vm.new_str(env_path("LUA_PATH", DEFAULT_PATH).as_bytes())?;
    set_field(vm, pkg, "path", v)?;
    let v = vm.new_str(env_path("LUA_CPATH", DEFAULT_CPATH).as_bytes())?;
    set_field(vm, pkg, "cpath", v)?;
    let v = vm.new_str(b"/\n;\n?\n!\n-\n")?;
    set_field(vm, pkg, "config", v)?;
    Ok(loaded)
}

fn loaded_table(vm: &mut Vm) -> Result<Value, LuaError> {
    let reg = registry(vm);
    get_field(vm, reg, LOADED_KEY)
}

/// What `package.loaded[name]` holds while `name` loads, and keeps if
/// loading failed (a light userdata, as in LuaJIT).
fn sentinel() -> Value {
    Value::tagged(itype::LIGHTUD, 0x4321)
}

fn require(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name_v = check_str(vm, a, 1)?;
    let name = bytes_of(name_v);
    let loaded = loaded_table(vm)?;
    let tab = |t: Value| obj::<GcTab>(t);
    let text = String::from_utf8_lossy(&name).into_owned();
    // SAFETY: the registry's loaded table is live.
    let have = unsafe { (*tab(loaded)).get(name_v) };
    if !have.is_falsy() {
        if have == sentinel() {
            let m = format!("loop or previous error loading module '{text}'");
            return Err(vm.caller_error(&m));
        }
        return ret1(vm, have);
    }
    let pkg = vm.get_global("package")?;
    let loaders = if pkg.itype() == itype::TAB {
        get_field(vm, pkg, "loaders")?
    } else {
        Value::NIL
    };
    if loaders.itype() != itype::TAB {
        return Err(vm.caller_error("'package.loaders' must be a table"));
    }
    // A loader may replace `package.loaders`: keep this one rooted.
    vm.push(loaders)?;
    let mut msg = Vec::new();
    let mut i = 1;
    let loader = loop {
        // SAFETY: checked to be a table.
        let f = unsafe { (*tab(loaders)).get(Value::number(i as f64)) };
        if f.is_nil() {
            let m = format!(
                "module '{text}' not found:{}",
                String::from_utf8_lossy(&msg)
            );
            return Err(vm.caller_error(&m));
        }
        let r = vm.call(f, &[name_v])?;
        let r0 = r.first().copied().unwrap_or(Value::NIL);
        if r0.itype() == itype::FUNC {
            break r0;
        }
        if r0.itype() == itype::STR {
            msg.extend_from_slice(vm.str_bytes(r0));
        }
        i += 1;
    };
    vm.raw_set(tab(loaded), name_v, sentinel())?;
    let r = vm.call(loader, &[name_v])?;
    let r0 = r.first().copied().unwrap_or(Value::NIL);
    if !r0.is_nil() {
        vm.raw_set(tab(loaded), name_v, r0)?;
    }
    // SAFETY: a live table.
    if unsafe { (*tab(loaded)).get(name_v) } == sentinel() {
        vm.raw_set(tab(loaded), name_v, Value::TRUE)?;
    }
    // SAFETY: as above.
    let now = unsafe { (*tab(loaded)).get(name_v) };
    ret1(vm, now)
}

fn load_preload(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name = check_str(vm, a, 1)?;
    let pre = preload(vm)?;
    if pre.itype() != itype::TAB {
        return Err(vm.caller_error("'package.preload' must be a table"));
    }
    // SAFETY: checked to be a table.
    let f = unsafe { (*obj::<GcTab>(pre)).get(name) };
    if !f.is_nil() {
        return ret1(vm, f);
    }
    let n = String::from_utf8_lossy(vm.str_bytes(name)).into_owned();
    ret_str(
        vm,
        format!("\n\tno field package.preload['{n}']").as_bytes(),
    )
}

/// Searches `path` for `name` (dots become directory separators). On
/// failure returns the `\n\tno file '...'` lines.
fn search(name: &[u8], path: &[u8], sep: &[u8], rep: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let name = replace_all(name, sep, rep);
    let mut tried = Vec::new();
    for tmpl in path.split(|&c| c == b';').filter(|t| !t.is_empty()) {
        let file = replace_all(tmpl, b"?", &name);
        if std::fs::File::open(super::oslib::path(&file)).is_ok() {
            return Ok(file);
        }
        tried.extend_from_slice(b"\n\tno file '");
        tried.extend_from_slice(&file);
        tried.push(b'\'');
    }
    Err(tried)
}

fn replace_all(s: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    if from.is_empty() {
        return s.to_vec();
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

fn pkg_path(vm: &mut Vm, field: &str) -> Result<Vec<u8>, LuaError> {
    let pkg = vm.get_global("package")?;
    let p = if pkg.itype() == itype::TAB {
        get_field(vm, pkg, field)?
    } else {
        Value::NIL
    };
    if p.itype() != itype::STR {
        return Err(vm.caller_error(&format!("'package.{field}' must be a string")));
    }
    Ok(bytes_of(p))
}

fn load_lua(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name = check_bytes(vm, a, 1)?;
    let path = pkg_path(vm, "path")?;
    let file = match search(&name, &path, b".", b"/") {
        Ok(f) => f,
        Err(tried) => return ret_str(vm, &tried),
    };
    let fname = String::from_utf8_lossy(&file).into_owned();
    let loaded = std::fs::read(super::oslib::path(&file))
        .map_err(|e| {
            vm.err_msg(&format!(
                "cannot read {fname}: {}",
                super::oslib::strerror(&e)
            ))
        })
        .and_then(|src| vm.load(&src, &format!("@{fname}")));
    match loaded {
        Ok(f) => ret1(vm, f),
        Err(e) => {
            let m = vm.error_text(&e);
            let n = String::from_utf8_lossy(&name).into_owned();
            Err(vm.caller_error(&format!(
                "error loading module '{n}' from file '{fname}':\n\t{m}"
            )))
        }
    }
}

fn load_c(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name = check_bytes(vm, a, 1)?;
    let path = pkg_path(vm, "cpath")?;
    c_search(vm, &name, &path)
}

fn load_croot(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name = check_bytes(vm, a, 1)?;
    let Some(dot) = name.iter().position(|&c| c == b'.') else {
        return Ok(0);
    };
    let path = pkg_path(vm, "cpath")?;
    c_search(vm, &name[..dot], &path)
}

fn c_search(vm: &mut Vm, name: &[u8], path: &[u8]) -> Result<u32, LuaError> {
    match search(name, path, b".", b"/") {
        Err(tried) => ret_str(vm, &tried),
        Ok(file) => {
            let f = String::from_utf8_lossy(&file).into_owned();
            let n = String::from_utf8_lossy(name).into_owned();
            Err(vm.caller_error(&format!(
                "error loading module '{n}' from file '{f}':\n\tC modules are not supported by xlj"
            )))
        }
    }
}

fn loadlib(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let path = check_bytes(vm, a, 1)?;
    check_str(vm, a, 2)?;
    vm.push(Value::NIL)?;
    let p = String::from_utf8_lossy(&path).into_owned();
    let m = vm.new_str(format!("{p}: C modules are not supported by xlj").as_bytes())?;
    vm.push(m)?;
    let w = vm.new_str(b"open")?;
    vm.push(w)?;
    Ok(3)
}

fn searchpath(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    // Checked right to left, as LuaJIT's C compiler evaluates them.
    let rep = opt_bytes(vm, a, 4)?.unwrap_or_else(|| b"/".to_vec());
    let sep = opt_bytes(vm, a, 3)?.unwrap_or_else(|| b".".to_vec());
    let path = check_bytes(vm, a, 2)?;
    let name = check_bytes(vm, a, 1)?;
    match search(&name, &path, &sep, &rep) {
        Ok(f) => ret_str(vm, &f),
        Err(tried) => {
            vm.push(Value::NIL)?;
            let m = vm.new_str(&tried)?;
            vm.push(m)?;
            Ok(2)
        }
    }
}

fn seeall(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let m = check_tab(vm, a, 1)?;
    let t = obj::<GcTab>(m);
    // SAFETY: a live table.
    let mut mt = unsafe { (*t).metatable };
    if mt.is_null() {
        mt = vm.new_table(0, 1)?.as_ptr();
        // SAFETY: as above.
        unsafe { (*t).metatable = mt };
        vm.gc_barrier_tab(t);
    }
    let g = val::<GcTab>(vm.globals);
    set_field(vm, val::<GcTab>(mt), "__index", g)?;
    Ok(0)
}

/// Finds or creates the table for dotted name `name` under the globals.
fn find_table(vm: &mut Vm, name: &[u8]) -> Result<Option<Value>, LuaError> {
    let mut t = val::<GcTab>(vm.globals);
    for part in name.split(|&c| c == b'.') {
        let k = vm.new_str(part)?;
        // SAFETY: `t` is a live table at every step.
        let v = unsafe { (*obj::<GcTab>(t)).get(k) };
        t = if v.is_nil() {
            let n = new_table(vm, 0, 0)?;
            vm.raw_set(obj::<GcTab>(t), k, n)?;
            n
        } else if v.itype() == itype::TAB {
            v
        } else {
            return Ok(None);
        };
    }
    Ok(Some(t))
}

fn module(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name_v = check_str(vm, a, 1)?;
    let name = bytes_of(name_v);
    let loaded = loaded_table(vm)?;
    // SAFETY: a live table.
    let mut m = unsafe { (*obj::<GcTab>(loaded)).get(name_v) };
    if m.itype() != itype::TAB {
        m = match find_table(vm, &name)? {
            Some(t) => t,
            None => {
                let n = String::from_utf8_lossy(&name).into_owned();
                return Err(vm.caller_error(&format!("name conflict for module '{n}'")));
            }
        };
        vm.raw_set(obj::<GcTab>(loaded), name_v, m)?;
    }
    if get_field(vm, m, "_NAME")?.is_nil() {
        set_field(vm, m, "_M", m)?;
        set_field(vm, m, "_NAME", name_v)?;
        let pkg = match name.iter().rposition(|&c| c == b'.') {
            Some(i) => &name[..=i],
            None => &b""[..],
        };
        let p = vm.new_str(pkg)?;
        set_field(vm, m, "_PACKAGE", p)?;
    }
    super::debuglib::set_caller_env(vm, obj::<GcTab>(m));
    for i in 2..=a.n {
        let f = vm.arg(a, i - 1);
        vm.call(f, &[m])?;
    }
    Ok(0)
}
