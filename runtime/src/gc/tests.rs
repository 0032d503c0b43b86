//! Unit tests of the collector's phases, barriers and accounting.

use super::state::{Phase, Stress};
use super::{mark, GcHeader};
use crate::obj::{GcStr, GcTab, GcUpval};
use crate::value::Value;
use crate::vm::{obj, val, Vm};

fn vm() -> Vm {
    let mut vm = Vm::new().unwrap();
    vm.set_gc_stress_mode(Stress::Off);
    vm
}

fn marked(p: *mut GcTab) -> u8 {
    // SAFETY: tests only ask about live tables.
    unsafe { (*p).marked }
}

/// Steps one unit at a time until `phase` is reached.
fn step_to(vm: &mut Vm, phase: Phase) {
    for _ in 0..1_000_000 {
        if vm.gc.phase == phase {
            return;
        }
        vm.gc_onestep().unwrap();
    }
    panic!("phase {phase:?} never reached");
}

/// A table stored in the globals under `name`.
fn rooted_table(vm: &mut Vm, name: &str) -> *mut GcTab {
    let t = vm.new_table(0, 0).unwrap().as_ptr();
    vm.set_global(name, val::<GcTab>(t)).unwrap();
    t
}

#[test]
fn a_cycle_goes_through_every_phase() {
    let mut vm = vm();
    assert_eq!(vm.gc.phase, Phase::Pause);
    let mut seen = vec![vm.gc.phase];
    loop {
        vm.gc_onestep().unwrap();
        if *seen.last().unwrap() != vm.gc.phase {
            seen.push(vm.gc.phase);
        }
        if vm.gc.phase == Phase::Pause {
            break;
        }
    }
    use Phase::*;
    assert_eq!(seen, [Pause, Propagate, Atomic, SweepStrings, Sweep, Pause]);
    assert_eq!(vm.gc.cycles, 1);
}

#[test]
fn starting_a_cycle_marks_the_roots() {
    let mut vm = vm();
    let g = vm.globals;
    assert_ne!(marked(g) & mark::WHITES, 0);
    vm.gc_onestep().unwrap();
    assert_eq!(vm.gc.phase, Phase::Propagate);
    assert_eq!(marked(g) & mark::WHITES, 0, "globals reached");
    step_to(&mut vm, Phase::Atomic);
    assert_ne!(marked(g) & mark::BLACK, 0, "globals traversed");
}

#[test]
fn unreachable_objects_are_freed_and_reachable_ones_kept() {
    let mut vm = vm();
    vm.gc_full().unwrap();
    let base = vm.heap.used();
    let kept = rooted_table(&mut vm, "kept");
    for i in 0..1000 {
        let t = vm.new_table(4, 2).unwrap().as_ptr();
        let s = vm.new_str(format!("garbage {i}").as_bytes()).unwrap();
        vm.raw_set(t, s, s).unwrap();
        vm.raw_set(kept, Value::number(1.0), s).unwrap();
    }
    assert!(vm.heap.used() > base + 100_000);
    vm.gc_full().unwrap();
    assert!(
        vm.heap.used() < base + 2_000,
        "{} vs {base}",
        vm.heap.used()
    );
    // The last string stored survives, readable.
    // SAFETY: a live table and, as checked, a live string.
    let v = unsafe { (*kept).get(Value::number(1.0)) };
    let s = unsafe { (*obj::<GcStr>(v)).as_bytes() };
    assert_eq!(s, b"garbage 999");
}

#[test]
fn objects_created_during_the_sweep_survive_it() {
    let mut vm = vm();
    step_to(&mut vm, Phase::Sweep);
    let t = vm.new_table(0, 0).unwrap().as_ptr();
    assert_eq!(marked(t) & mark::WHITES, vm.white, "the new white");
    vm.set_global("late", val::<GcTab>(t)).unwrap();
    step_to(&mut vm, Phase::Pause);
    vm.gc_full().unwrap();
    let v = vm.get_global("late").unwrap();
    assert_eq!(obj::<GcTab>(v), t);
    assert_ne!(marked(t) & mark::WHITES, 0);
}

#[test]
fn dead_strings_are_revived_by_interning_before_their_sweep() {
    let mut vm = vm();
    let s = vm.intern(b"a string nobody holds").unwrap();
    step_to(&mut vm, Phase::SweepStrings);
    let dead = vm.white ^ mark::WHITES;
    // SAFETY: not swept yet.
    assert_ne!(unsafe { s.as_ref().marked } & dead, 0, "condemned");
    let n = vm.strings.len();
    let again = vm.intern(b"a string nobody holds").unwrap();
    assert_eq!(again, s);
    assert_eq!(vm.strings.len(), n);
    vm.set_global("revived", val::<GcStr>(s.as_ptr())).unwrap();
    step_to(&mut vm, Phase::Pause);
    vm.gc_full().unwrap();
    let v = vm.get_global("revived").unwrap();
    // SAFETY: kept alive by the global.
    assert_eq!(
        unsafe { (*obj::<GcStr>(v)).as_bytes() },
        b"a string nobody holds"
    );
}

#[test]
fn the_table_barrier_turns_a_black_table_gray() {
    let mut vm = vm();
    let t = rooted_table(&mut vm, "t");
    step_to(&mut vm, Phase::Atomic);
    assert_ne!(marked(t) & mark::BLACK, 0);
    let fresh = vm.new_table(0, 0).unwrap().as_ptr();
    vm.raw_set(t, Value::number(1.0), val::<GcTab>(fresh))
        .unwrap();
    assert_eq!(marked(t) & mark::COLORS, 0, "gray again");
    step_to(&mut vm, Phase::Pause);
    // SAFETY: `t` is rooted.
    let v = unsafe { (*t).get(Value::number(1.0)) };
    assert_eq!(obj::<GcTab>(v), fresh);
    assert_ne!(
        marked(fresh) & mark::WHITES,
        0,
        "kept, whitened by the sweep"
    );
}

#[test]
fn the_heap_check_finds_a_store_without_barrier() {
    let mut vm = vm();
    let t = rooted_table(&mut vm, "t");
    step_to(&mut vm, Phase::Atomic);
    let fresh = vm.new_table(0, 0).unwrap().as_ptr();
    // SAFETY: both live; the barrier is skipped on purpose.
    unsafe {
        (*t).set(&mut vm.heap, Value::number(1.0), val::<GcTab>(fresh))
            .unwrap();
        let r = super::verify::check_black_to_white(vm.root);
        assert!(r.unwrap_err().contains("barrier"));
    }
    // Repair before the sweep frees it.
    vm.gc_barrier_tab(t);
    // SAFETY: as above.
    assert!(unsafe { super::verify::check_black_to_white(vm.root) }.is_ok());
    step_to(&mut vm, Phase::Pause);
}

#[test]
fn the_upvalue_barrier_marks_the_stored_value() {
    let mut vm = vm();
    let uv = vm.new_closed_upval(Value::NIL).unwrap();
    // Rooted through a table (no closure needed for the test).
    let holder = rooted_table(&mut vm, "holder");
    let uvv = Value::tagged(crate::value::itype::UPVAL, uv as usize);
    vm.raw_set(holder, Value::number(1.0), uvv).unwrap();
    step_to(&mut vm, Phase::Atomic);
    // SAFETY: `uv` is reachable from `holder`.
    unsafe {
        assert_ne!((*uv).marked & mark::BLACK, 0);
        let fresh = vm.new_table(0, 0).unwrap().as_ptr();
        (*uv).set(val::<GcTab>(fresh));
        vm.gc_barrier_uv(uv);
        assert_eq!(marked(fresh) & mark::WHITES, 0, "marked forward");
        step_to(&mut vm, Phase::Pause);
        assert_eq!(obj::<GcTab>((*uv).get()), fresh);
    }
}

#[test]
fn memory_comes_back_and_drop_frees_everything() {
    let mut vm = vm();
    vm.gc_full().unwrap();
    let base = vm.heap.used();
    let src = b"local t = {} for i = 1, 20000 do t[i] = {tostring(i)} end return #t";
    let f = vm.load(src, "=churn").unwrap();
    let r = vm.call(f, &[]).unwrap();
    assert_eq!(r[0].as_number(), Some(20000.0));
    vm.gc_full().unwrap();
    assert!(vm.heap.used() < base + 4096, "{} vs {base}", vm.heap.used());
}

#[test]
fn unbounded_allocation_ends_in_a_catchable_memory_error() {
    let mut vm = Vm::with_limit(4 << 20).unwrap();
    vm.set_gc_stress_mode(Stress::Off);
    vm.gc_full().unwrap();
    let base = vm.heap.used();
    let src = b"
        local t = {}
        local ok, err = pcall(function()
            local i = 0
            while true do i = i + 1; t[i] = {i, i .. ''} end
        end)
        t = nil
        return ok, err";
    let f = vm.load(src, "=oom").unwrap();
    let r = vm.call(f, &[]).unwrap();
    assert_eq!(r[0], Value::FALSE);
    assert_eq!(r[1], vm.oom_msg);
    vm.gc_full().unwrap();
    assert!(vm.heap.used() < base + 8192, "{} vs {base}", vm.heap.used());
    // The VM still works after the error.
    let f = vm.load(
        b"local t = {} for i = 1, 1000 do t[i] = {} end return #t",
        "=after",
    );
    let r = vm.call(f.unwrap(), &[]).unwrap();
    assert_eq!(r[0].as_number(), Some(1000.0));
    assert_eq!(vm.close(), 0, "every heap byte back");
}

#[test]
fn objects_reach_the_gray_stack_only_once() {
    let mut vm = vm();
    let t = rooted_table(&mut vm, "t");
    for _ in 0..3 {
        vm.raw_set(t, Value::number(1.0), val::<GcTab>(t)).unwrap();
    }
    vm.gc_onestep().unwrap();
    let grays = vm.gc.gray.len();
    // SAFETY: the gray stack holds live objects.
    let dup = vm
        .gc
        .gray
        .iter()
        .filter(|&&h| h == t as *mut GcHeader)
        .count();
    assert!(dup <= 1 && grays > 0);
    step_to(&mut vm, Phase::Pause);
}

#[test]
fn upvalues_of_a_dead_thread_are_closed_and_kept() {
    let mut vm = vm();
    let src = b"
        local co = coroutine.create(function()
            local x = {'inside'}
            getter = function() return x[1] end
            coroutine.yield()
        end)
        coroutine.resume(co)";
    let f = vm.load(src, "=co").unwrap();
    vm.call(f, &[]).unwrap();
    for _ in 0..3 {
        vm.gc_full().unwrap();
    }
    let g = vm.get_global("getter").unwrap();
    let r = vm.call(g, &[]).unwrap();
    let s = vm.new_str(b"inside").unwrap();
    assert_eq!(r[0], s);
    let uv: *mut GcUpval = {
        let f = obj::<crate::obj::GcFunc>(g);
        // SAFETY: a live Lua closure with one upvalue.
        unsafe { (*f).uv(0) }
    };
    // SAFETY: kept alive by the closure.
    assert_eq!(unsafe { (*uv).closed }, 1);
}

#[test]
fn the_object_barrier_marks_a_new_metatable() {
    let mut vm = vm();
    let u = vm.new_udata(8).unwrap().as_ptr();
    vm.set_global("u", val::<crate::obj::GcUdata>(u)).unwrap();
    step_to(&mut vm, Phase::Atomic);
    let mt = vm.new_table(0, 0).unwrap().as_ptr();
    // SAFETY: `u` is rooted; `mt` is fresh.
    unsafe {
        assert_ne!((*u).marked & mark::BLACK, 0);
        (*u).metatable = mt;
        assert!(super::verify::check_black_to_white(vm.root).is_err());
    }
    vm.gc_barrier_obj(u as *mut GcHeader, val::<GcTab>(mt));
    assert_eq!(marked(mt) & mark::WHITES, 0);
    step_to(&mut vm, Phase::Pause);
    vm.gc_full().unwrap();
    // SAFETY: still rooted.
    assert_eq!(unsafe { (*u).metatable }, mt);
}

#[test]
fn the_string_sweep_is_incremental_and_survives_table_growth() {
    let mut vm = vm();
    vm.gc_full().unwrap();
    let kept = rooted_table(&mut vm, "kept");
    for i in 0..3000 {
        let s = vm.new_str(format!("dead {i}").as_bytes()).unwrap();
        if i % 3 == 0 {
            vm.raw_set(kept, Value::number(i as f64), s).unwrap();
        }
    }
    step_to(&mut vm, Phase::SweepStrings);
    for _ in 0..10 {
        vm.gc_onestep().unwrap();
    }
    assert_eq!(vm.gc.phase, Phase::SweepStrings, "one chain per step");
    // Growing the table mid-sweep moves chains only upwards.
    let chains = vm.strings.chain_count();
    let mut i = 0;
    while vm.strings.chain_count() == chains {
        vm.new_str(format!("new {i}").as_bytes()).unwrap();
        i += 1;
    }
    step_to(&mut vm, Phase::Pause);
    vm.gc_full().unwrap();
    let live = vm.strings.len();
    for i in (0..3000).step_by(3) {
        // SAFETY: the kept strings are rooted.
        let v = unsafe { (*kept).get(Value::number(i as f64)) };
        let s = unsafe { (*obj::<GcStr>(v)).as_bytes() };
        assert_eq!(s, format!("dead {i}").as_bytes());
    }
    // Interning a kept string creates nothing; the dead ones are gone.
    vm.new_str(b"dead 3").unwrap();
    assert_eq!(vm.strings.len(), live);
    vm.new_str(b"dead 1").unwrap();
    assert_eq!(vm.strings.len(), live + 1);
}

#[test]
fn an_unwound_stack_is_halved_per_cycle_keeping_its_used_part() {
    let mut vm = vm();
    vm.ensure_stack(40_000).unwrap();
    let big = vm.thread().stacksize;
    for i in 0..10 {
        vm.push(Value::number(i as f64)).unwrap();
    }
    let uv = vm.find_upval(3).unwrap();
    let before = vm.heap.used();
    vm.gc_full().unwrap();
    assert_eq!(vm.thread().stacksize, big / 2);
    assert!(vm.heap.used() < before);
    for _ in 0..20 {
        vm.gc_full().unwrap();
    }
    let th = vm.thread();
    let small = th.stacksize;
    // Halving stops once the used part (10 slots and the interpreter's
    // headroom) would pass a quarter of the stack.
    let used = 10 + crate::interp::FRAME_EXTRA;
    assert!(small >= 2 * used && small < 8 * used, "{small}");
    for i in 0..10 {
        assert_eq!(th.get(i), Value::number(i as f64));
    }
    // The open upvalue follows the stack's block.
    // SAFETY: the upvalue is open on the running thread's slot 3.
    assert_eq!(unsafe { (*uv).get() }, Value::number(3.0));
    vm.thread().top = 0;
}

#[test]
fn the_native_safepoint_paces_garbage_made_by_natives() {
    let mut vm = vm();
    vm.gc_full().unwrap();
    let base = vm.heap.used();
    let mut peak = 0;
    for i in 0..200_000 {
        // Garbage as a native makes it: a fresh string nothing keeps.
        vm.new_str(format!("garbage {i}").as_bytes()).unwrap();
        vm.gc_check_native().unwrap();
        peak = peak.max(vm.heap.used());
    }
    // Pause 200: the heap stays within a few times its live size rather
    // than growing by the ~8 MB made in all.
    assert!(peak < base * 4 + (1 << 20), "peak {peak}, base {base}");
    assert!(vm.gc.cycles > 1);
}
