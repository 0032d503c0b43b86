//! Turns a plain-data [`Proto`] tree (from the parser or a dump) into
//! [`GcProto`] objects, checking every operand that indexes an array so
//! the interpreter can index without bounds checks.

use std::ptr::NonNull;

use super::{val, LuaError, Vm};
use crate::bc::{GcConst, Ins, Mode, Op, Proto, TabConst, TemplateTable};
use crate::gc::{Heap, ObjType};
use crate::obj::proto::ProtoDebug;
use crate::obj::{GcProto, GcTab};
use crate::value::Value;

/// Copies `items` into a fresh heap array (null when empty).
fn heap_array<T: Copy>(vm: &mut Vm, items: &[T]) -> Result<*mut T, LuaError> {
    if items.is_empty() {
        return Ok(std::ptr::null_mut());
    }
    let size = std::mem::size_of_val(items);
    let p = vm
        .heap
        .alloc(size)
        .map_err(|_| vm.oom())?
        .cast::<T>()
        .as_ptr();
    // SAFETY: a fresh block of `items.len()` elements.
    unsafe { std::ptr::copy_nonoverlapping(items.as_ptr(), p, items.len()) };
    Ok(p)
}

/// Frees an array made by `heap_array`.
///
/// # Safety
/// `p` must come from `heap_array` with `len` elements, or be null.
unsafe fn free_array<T>(heap: &mut Heap, p: *mut T, len: usize) {
    if let Some(p) = NonNull::new(p) {
        heap.free(p.cast(), len * std::mem::size_of::<T>());
    }
}

/// Frees a prototype and everything it owns (not its constants, which
/// are objects in their own right).
///
/// # Safety
/// `p` must be an unreachable prototype made by `load_proto`.
pub(super) unsafe fn free_proto(heap: &mut Heap, p: *mut GcProto) {
    let pt = &mut *p;
    free_array(heap, pt.bc, pt.sizebc as usize);
    free_array(heap, pt.kgc, pt.sizekgc as usize);
    free_array(heap, pt.knum, pt.sizekn as usize);
    free_array(heap, pt.uv, pt.sizeuv as usize);
    if !pt.debug.is_null() {
        drop(Box::from_raw(pt.debug));
    }
    heap.free(
        NonNull::new_unchecked(p).cast(),
        std::mem::size_of::<GcProto>(),
    );
}

fn tab_const(vm: &mut Vm, k: &TabConst) -> Result<Value, LuaError> {
    Ok(match k {
        TabConst::Nil => Value::NIL,
        TabConst::False => Value::FALSE,
        TabConst::True => Value::TRUE,
        TabConst::Int(i) => Value::number(*i as f64),
        TabConst::Num(n) => Value::number(*n),
        TabConst::Str(s) => vm.new_str(s)?,
    })
}

fn hbits_for(n: usize) -> u32 {
    match n {
        0 => 0,
        1 => 1,
        n => usize::BITS - (n - 1).leading_zeros(),
    }
}

fn template(vm: &mut Vm, t: &TemplateTable) -> Result<Value, LuaError> {
    let tab = vm.new_table(t.array.len() as u32, hbits_for(t.hash.len()))?;
    for (i, v) in t.array.iter().enumerate() {
        let v = tab_const(vm, v)?;
        // SAFETY: a live table just made.
        let r = unsafe { (*tab.as_ptr()).set_int(&mut vm.heap, i as i32, v) };
        r.map_err(|e| vm.tab_error(e))?;
    }
    for (k, v) in &t.hash {
        let k = tab_const(vm, k)?;
        let v = tab_const(vm, v)?;
        // SAFETY: as above.
        let r = unsafe { (*tab.as_ptr()).set(&mut vm.heap, k, v) };
        r.map_err(|e| vm.tab_error(e))?;
    }
    Ok(val::<GcTab>(tab.as_ptr()))
}

/// Checks that every operand indexing a constant, upvalue or jump target
/// stays inside the prototype.
fn check_operands(p: &Proto) -> Result<(), String> {
    let n = p.code.len() as i64;
    for (pc, ins) in p.code.iter().enumerate() {
        let Some(op) = Op::from_u8(ins.op_byte()) else {
            return Err(format!("bad opcode at {pc}"));
        };
        let info = op.info();
        let d = if info.has_d() {
            ins.d() as usize
        } else {
            ins.c() as usize
        };
        let ok = match info.cd {
            // The constant must also be of the kind the operand names: the
            // interpreter reads it as a string, template or prototype.
            Mode::Str => matches!(p.kgc.get(d), Some(GcConst::Str(_))),
            Mode::Tab => matches!(p.kgc.get(d), Some(GcConst::Table(_))),
            Mode::Func => matches!(p.kgc.get(d), Some(GcConst::Child(_))),
            Mode::CData => d < p.kgc.len(),
            Mode::Num => d < p.knum.len() || op == Op::TSETM,
            Mode::Uv => d < p.upvalues.len(),
            Mode::Jump => (0..n).contains(&(pc as i64 + 1 + ins.j() as i64)),
            _ => true,
        };
        let ok = ok && (info.a != Mode::Uv || (ins.a() as usize) < p.upvalues.len());
        let ok = ok && (info.b != Mode::Num || (ins.b() as usize) < p.knum.len());
        // Slot operands stay inside the frame, so that together with the
        // interpreter's headroom above it (FRAME_EXTRA) no instruction
        // reaches past the stack.
        let fs = p.frame_size as usize;
        let slot =
            |m: Mode, v: usize| !matches!(m, Mode::Dst | Mode::Var | Mode::Base) || v < fs.max(1);
        let ok = ok
            && slot(info.a, ins.a() as usize)
            && (info.has_d() || slot(info.b, ins.b() as usize))
            && slot(info.cd, d)
            && (op != Op::CAT || (ins.b() as usize) < fs && (ins.c() as usize) < fs);
        // Instructions that read slots below their A operand.
        let below = match op {
            Op::ITERC | Op::ITERN | Op::ISNEXT => 3,
            Op::ITERL | Op::IITERL | Op::JITERL | Op::TSETM => 1,
            _ => 0,
        };
        let ok = ok && ins.a() >= below;
        let ok = ok && (!op.is_return() || (ins.a() as usize) <= fs);
        if !ok {
            return Err(format!("operand out of range at {pc}"));
        }
    }
    if p.code.is_empty() {
        return Err("empty prototype".into());
    }
    Ok(())
}

/// Loads a prototype tree.
pub(super) fn load_proto(vm: &mut Vm, p: &Proto) -> Result<*mut GcProto, LuaError> {
    check_operands(p).map_err(|m| vm.err_msg(&format!("{}: bad bytecode: {m}", p.chunk_name)))?;
    let pt = vm
        .alloc_obj(ObjType::Proto, std::mem::size_of::<GcProto>())?
        .cast::<GcProto>()
        .as_ptr();
    // SAFETY: a fresh zeroed object; each array is stored with its size
    // right after it is allocated, so a failure part-way leaves an object
    // `free_proto` can free.
    unsafe {
        let chunk = vm.intern(p.chunk_name.as_bytes())?;
        let g = &mut *pt;
        g.chunkname = chunk.as_ptr();
        g.numparams = p.num_params;
        g.framesize = p.frame_size;
        g.flags = p.flags;
        g.firstline = p.first_line;
        g.numline = p.num_lines;
        g.debug = Box::into_raw(Box::new(ProtoDebug {
            lines: p.line_info.clone(),
            vars: p.var_info.clone(),
            uvnames: p.upvalue_names.clone(),
        }));
        let code: Vec<Ins> = p.code.clone();
        (*pt).bc = heap_array(vm, &code)?;
        (*pt).sizebc = code.len() as u32;
        let knum: Vec<f64> = p.knum.iter().map(|k| k.as_f64()).collect();
        (*pt).knum = heap_array(vm, &knum)?;
        (*pt).sizekn = knum.len() as u32;
        let uv: Vec<u16> = p.upvalues.iter().map(|u| u.0).collect();
        (*pt).uv = heap_array(vm, &uv)?;
        (*pt).sizeuv = uv.len() as u32;
        let nil = vec![Value::NIL; p.kgc.len()];
        (*pt).kgc = heap_array(vm, &nil)?;
        (*pt).sizekgc = nil.len() as u32;
        for (i, k) in p.kgc.iter().enumerate() {
            let v = match k {
                GcConst::Str(s) => vm.new_str(s)?,
                GcConst::Table(t) => template(vm, t)?,
                GcConst::Child(c) => val::<GcProto>(load_proto(vm, c)?),
                // 64-bit integer and complex cdata need the FFI: KCDATA
                // raises an error when it meets the nil left here.
                GcConst::I64(_) | GcConst::U64(_) | GcConst::Complex(..) => Value::NIL,
            };
            *(*pt).kgc.add(i) = v;
        }
    }
    Ok(pt)
}
