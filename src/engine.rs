//! Choosing the engine that runs Lua code: the host target's generated
//! assembly interpreter (`asm`) where its target module has one, and
//! otherwise — or when asked with `--interp=ref` / `XLJ_INTERP=ref` — the
//! reference interpreter (`ref`).

use xlj_runtime::vm::Vm;

/// The names `--interp=` and `XLJ_INTERP` accept on this host.
pub fn names() -> &'static [&'static str] {
    if xlj_targets::host_has_interpreter() {
        &["asm", "ref"]
    } else {
        &["ref"]
    }
}

/// True if `name` is an engine of this host.
pub fn is_known(name: &[u8]) -> bool {
    names().iter().any(|n| n.as_bytes() == name)
}

/// Installs the named engine, or the host's default. An explicit `asm`
/// that cannot be generated is an error; the default falls back to the
/// reference interpreter instead.
pub fn install(vm: &mut Vm, name: Option<&[u8]>) -> Result<(), String> {
    if name == Some(b"ref".as_slice()) {
        vm.set_engine(None);
        return Ok(());
    }
    match xlj_targets::host_interpreter() {
        Some(Ok(engine)) => vm.set_engine(Some(engine)),
        Some(Err(msg)) if name.is_some() => return Err(msg),
        _ => vm.set_engine(None),
    }
    Ok(())
}
