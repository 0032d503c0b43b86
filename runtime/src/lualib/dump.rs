//! `string.dump`: turns a loaded prototype back into the plain-data
//! [`Proto`] tree the front end produces and writes it with the dump
//! writer of [`crate::bc::dump`], so the bytes are those `luajit` would
//! write for the same function (hash parts of template tables may come
//! out in another order).
//!
//! Prototypes with 64-bit integer or complex constants cannot be dumped:
//! the loader keeps no value for them (they need the FFI).

use std::rc::Rc;

use crate::bc::dump::{write_dump, DumpOptions};
use crate::bc::{GcConst, NumConst, Proto, TabConst, TemplateTable, UpvalDesc};
use crate::obj::{GcProto, GcStr, GcTab};
use crate::value::{itype, Value};
use crate::vm::obj;

fn num_const(n: f64) -> NumConst {
    let i = n as i32;
    if i as f64 == n && !(n == 0.0 && n.is_sign_negative()) {
        NumConst::Int(i)
    } else {
        NumConst::Num(n)
    }
}

fn str_bytes(v: Value) -> Rc<[u8]> {
    // SAFETY: callers pass string values, which point at live strings.
    unsafe { (*obj::<GcStr>(v)).as_bytes().into() }
}

fn tab_const(v: Value) -> Option<TabConst> {
    Some(match v.itype() {
        itype::NIL => TabConst::Nil,
        itype::FALSE => TabConst::False,
        itype::TRUE => TabConst::True,
        itype::STR => TabConst::Str(str_bytes(v)),
        _ => match num_const(v.as_number()?) {
            NumConst::Int(i) => TabConst::Int(i),
            NumConst::Num(n) => TabConst::Num(n),
        },
    })
}

fn template(t: &GcTab) -> Option<TemplateTable> {
    let mut tt = TemplateTable::default();
    let asize = t.asize as usize;
    let mut entries: Vec<(Value, Value)> = t.entries().collect();
    let hash = entries.split_off(asize.min(entries.len()));
    // Trailing nils of the array part are not part of the constructor.
    let used = entries
        .iter()
        .rposition(|(_, v)| !v.is_nil())
        .map_or(0, |i| i + 1);
    for (_, v) in &entries[..used] {
        tt.array.push(tab_const(*v)?);
    }
    for (k, v) in hash {
        if !v.is_nil() {
            tt.hash.push((tab_const(k)?, tab_const(v)?));
        }
    }
    Some(tt)
}

/// The plain-data tree of a loaded prototype.
pub(crate) fn to_proto(pt: &GcProto) -> Option<Proto> {
    let mut kgc = Vec::with_capacity(pt.sizekgc as usize);
    for i in 0..pt.sizekgc as usize {
        let v = pt.kgc_at(i);
        kgc.push(match v.itype() {
            itype::STR => GcConst::Str(str_bytes(v)),
            // SAFETY: table and prototype constants are live objects.
            itype::TAB => GcConst::Table(Rc::new(template(unsafe { &*obj::<GcTab>(v) })?)),
            itype::PROTO => GcConst::Child(Rc::new(to_proto(unsafe { &*obj::<GcProto>(v) })?)),
            _ => return None,
        });
    }
    let dbg = pt.debug();
    Some(Proto {
        chunk_name: String::from_utf8_lossy(pt.chunk_name()).into(),
        first_line: pt.firstline,
        num_lines: pt.numline,
        num_params: pt.numparams,
        frame_size: pt.framesize,
        flags: pt.flags,
        code: pt.code().to_vec(),
        line_info: dbg.lines.clone(),
        kgc,
        knum: (0..pt.sizekn as usize)
            .map(|i| num_const(pt.knum_at(i)))
            .collect(),
        upvalues: (0..pt.sizeuv as usize)
            .map(|i| UpvalDesc(pt.uv_desc(i)))
            .collect(),
        upvalue_names: dbg.uvnames.clone(),
        var_info: dbg.vars.clone(),
    })
}

/// The dump of a prototype, as `string.dump(f, strip)` returns it.
pub(crate) fn dump(pt: &GcProto, strip: bool) -> Option<Vec<u8>> {
    let p = to_proto(pt)?;
    let opts = DumpOptions {
        strip,
        big_endian: cfg!(target_endian = "big"),
        fr2: true,
    };
    write_dump(&p, &opts).ok()
}
