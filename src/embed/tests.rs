//! The facade's contract: conversions both ways, errors as values, and a
//! state that stays usable after an error.

use super::{Lua, LuaValue};

#[test]
fn results_convert_by_type() {
    let mut lua = Lua::new().unwrap();
    let r = lua
        .exec("return nil, false, true, 0.5, 'a\\0\\255', {}, print, coroutine.create(print)")
        .unwrap();
    assert_eq!(
        r,
        vec![
            LuaValue::Nil,
            LuaValue::Boolean(false),
            LuaValue::Boolean(true),
            LuaValue::Number(0.5),
            LuaValue::String(b"a\0\xff".to_vec()),
            LuaValue::Other("table"),
            LuaValue::Other("function"),
            LuaValue::Other("thread"),
        ]
    );
    assert_eq!(r[4].as_str(), None, "not UTF-8");
    assert!(!r[0].is_truthy() && !r[1].is_truthy() && r[3].is_truthy());
}

#[test]
fn arguments_round_trip() {
    let mut lua = Lua::new().unwrap();
    lua.exec("function echo(...) return select('#', ...), ... end")
        .unwrap();
    let args = [
        LuaValue::Nil,
        true.into(),
        (-3).into(),
        1e300.into(),
        LuaValue::String(b"\0\xfe".to_vec()),
        String::from("s").into(),
    ];
    let r = lua.call_global("echo", &args).unwrap();
    assert_eq!(r[0], LuaValue::Number(args.len() as f64));
    assert_eq!(&r[1..], &args[..]);
}

#[test]
fn errors_are_values_and_the_state_survives_them() {
    let mut lua = Lua::new().unwrap();
    let syntax = lua.exec("x = = 1").unwrap_err();
    assert!(
        syntax.message.ends_with("unexpected symbol near '='"),
        "{syntax}"
    );
    assert!(syntax.traceback.is_empty());
    let runtime = lua
        .exec_chunk(b"local t = nil\nreturn t.x", "@t.lua")
        .unwrap_err();
    assert!(runtime.message.starts_with("t.lua:2: "), "{runtime}");
    assert!(!runtime.traceback.is_empty());
    let missing = lua.call_global("no_such_function", &[]).unwrap_err();
    assert!(missing.message.contains("nil value"), "{missing}");
    let table = lua.exec("error({})").unwrap_err();
    assert_eq!(table.message, "(error object is a table value)");
    // Still usable, globals intact.
    lua.exec("y = 2").unwrap();
    assert_eq!(lua.exec("return y * 21").unwrap(), vec![42.0.into()]);
}

#[test]
fn reference_types_cannot_be_passed_by_name() {
    let mut lua = Lua::new().unwrap();
    let err = lua.set_global("t", LuaValue::Other("table")).unwrap_err();
    assert!(err.message.contains("table"), "{err}");
    let err = lua
        .call_global("print", &[LuaValue::Other("function")])
        .unwrap_err();
    assert!(err.message.contains("function"), "{err}");
    assert_eq!(lua.get_global("t").unwrap(), LuaValue::Nil);
}

#[test]
fn bytecode_dumps_run_too() {
    let mut lua = Lua::new().unwrap();
    let r = lua
        .exec("return string.dump(function(a) return (a or 20) + 1 end)")
        .unwrap();
    let LuaValue::String(dump) = &r[0] else {
        panic!("string.dump gives a string: {r:?}");
    };
    let r = lua.exec_chunk(dump, "=dump").unwrap();
    assert_eq!(r, vec![21.0.into()]);
}
