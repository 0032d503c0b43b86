//! A heap check for the stress modes: at the end of the atomic phase no
//! black object may point at a white one. A store that skipped its write
//! barrier breaks exactly that, and the sweep would then free an object
//! still referenced; the check names the culprit before it happens.
//!
//! It walks the whole all-objects list, so it only runs in the
//! incremental stress mode.

use super::{mark, GcHeader, ObjType};
use crate::obj::{GcFunc, GcProto, GcTab, GcUdata, GcUpval};
use crate::value::Value;

fn white_obj(h: *const GcHeader) -> bool {
    // SAFETY: callers pass live objects.
    !h.is_null() && unsafe { (*h).marked & mark::WHITES != 0 }
}

fn white_val(v: Value) -> bool {
    v.is_gc() && white_obj(v.payload() as *const GcHeader)
}

/// Checks every black object on the list starting at `root`; returns a
/// description of the first black-to-white edge found.
///
/// # Safety
/// `root` heads a list of live objects whose fields point at live objects
/// (white ones included: the sweep has not run yet).
pub(crate) unsafe fn check_black_to_white(root: *mut GcHeader) -> Result<(), String> {
    let mut p = root;
    while !p.is_null() {
        if (*p).marked & mark::BLACK != 0 {
            if let Some(what) = white_child(p) {
                return Err(format!(
                    "black {} at {p:p} points at a white {what}: a write barrier is missing",
                    type_name((*p).gct)
                ));
            }
        }
        p = (*p).next;
    }
    Ok(())
}

fn type_name(gct: u8) -> &'static str {
    match gct {
        t if t == ObjType::Tab as u8 => "table",
        t if t == ObjType::Func as u8 => "function",
        t if t == ObjType::Proto as u8 => "prototype",
        t if t == ObjType::Upval as u8 => "upvalue",
        t if t == ObjType::Udata as u8 => "userdata",
        t if t == ObjType::Thread as u8 => "thread",
        _ => "object",
    }
}

/// The first white child of a black object, by role.
unsafe fn white_child(h: *mut GcHeader) -> Option<&'static str> {
    match (*h).gct {
        t if t == ObjType::Tab as u8 => {
            let t = &*(h as *const GcTab);
            if white_obj(t.metatable as *const GcHeader) {
                return Some("metatable");
            }
            for i in 0..t.asize as usize {
                if white_val(*t.array.add(i)) {
                    return Some("array value");
                }
            }
            if t.hmask > 0 {
                for i in 0..=t.hmask as usize {
                    let n = &*t.node.add(i);
                    if !n.val.is_nil() && (white_val(n.key) || white_val(n.val)) {
                        return Some("hash key or value");
                    }
                }
            }
            None
        }
        t if t == ObjType::Func as u8 => {
            let f = &*(h as *const GcFunc);
            if white_obj(f.env as *const GcHeader) {
                return Some("environment");
            }
            let n = f.nupvalues as usize;
            if f.is_lua() {
                if white_obj(f.proto as *const GcHeader) {
                    return Some("prototype");
                }
                (0..n)
                    .any(|i| white_obj(f.uv(i) as *const GcHeader))
                    .then_some("upvalue")
            } else {
                (0..n)
                    .any(|i| white_val(f.native_uv(i)))
                    .then_some("native upvalue")
            }
        }
        t if t == ObjType::Proto as u8 => {
            let pt = &*(h as *const GcProto);
            if white_obj(pt.chunkname as *const GcHeader) {
                return Some("chunk name");
            }
            (0..pt.sizekgc as usize)
                .any(|i| white_val(*pt.kgc.add(i)))
                .then_some("constant")
        }
        t if t == ObjType::Upval as u8 => {
            let uv = &*(h as *const GcUpval);
            white_val(*uv.v).then_some("upvalue value")
        }
        t if t == ObjType::Udata as u8 => {
            let u = &*(h as *const GcUdata);
            (white_obj(u.metatable as *const GcHeader) || white_obj(u.env as *const GcHeader))
                .then_some("userdata metatable or environment")
        }
        _ => None,
    }
}
