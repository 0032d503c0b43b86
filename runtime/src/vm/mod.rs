//! The virtual machine state: the heap and every root, object allocation,
//! loading chunks and calling functions from Rust.
//!
//! One [`Vm`] owns all of its objects. Every object except strings is
//! allocated by [`Vm::alloc_obj`], which links it on the all-objects list
//! (strings live on the [`StrTable`] chains); dropping the `Vm` walks both
//! and frees everything.
//!
//! # The contract with the collector
//! Collection may only happen in [`Vm::gc_check`], called at safepoints:
//! after the allocating instructions (TNEW, TDUP, FNEW, CAT) and by natives
//! after they allocate. At a safepoint every live value is reachable from
//! the roots: each thread's stack up to its `top` (the running Lua frame's
//! `top` is `base + framesize`), the registry, the globals, every thread's
//! open upvalues, the per-type metatables and the metamethod names. Between
//! safepoints no object dies, so Rust code may hold raw object pointers.

pub mod baselib;
pub mod builtins;
mod error;
pub mod frame;
mod loader;
pub mod meta;
pub mod number;

use std::cell::RefCell;
use std::io::Write;
use std::ptr::{self, NonNull};
use std::rc::Rc;

use crate::gc::{mark, GcHeader, GcObject, Heap, ObjType};
use crate::obj::thread::status;
use crate::obj::{GcFunc, GcProto, GcStr, GcTab, GcThread, GcUdata, GcUpval, NativeFn, StrTable};
use crate::value::{itype, Value};

pub use error::LuaError;
pub use meta::Mm;

/// Entries of [`Vm::type_names`]: one per inverted itype up to numbers.
pub const TYPE_NAMES: usize = 14;
/// The index of `"number"` in [`Vm::type_names`] (every number's itype
/// inverts to this or more).
pub const TYPE_NAME_NUMBER: usize = 13;
/// Where engines find [`Vm::type_names`].
pub const VM_OFS_TYPE_NAMES: usize = std::mem::offset_of!(Vm, type_names);

fn type_name_at(i: usize) -> &'static str {
    match i {
        0 => "nil",
        1 | 2 => "boolean",
        3 | 12 => "userdata",
        4 => "string",
        5 => "upval",
        6 => "thread",
        7 => "proto",
        8 => "function",
        9 => "trace",
        10 => "cdata",
        11 => "table",
        _ => "number",
    }
}

/// Deepest nesting of Rust re-entries into the interpreter (natives
/// calling back into Lua, coroutine resumes); passing it is
/// `C stack overflow`. LuaJIT has no such limit (it runs until the C
/// stack ends), and programs such as a chained coroutine prime sieve nest
/// hundreds of resumes. A level costs up to about 3 KB of Rust stack
/// (a `string.gsub` callback, x64, dev or release profile), so 400 levels
/// stay well inside the 2 MB a spawned Rust thread gets by default.
pub const MAX_CCALLS: u32 = 400;

/// Where a native finds its arguments: `n` values from stack slot `base`
/// of the running thread.
#[derive(Clone, Copy, Debug)]
pub struct Args {
    pub base: u32,
    pub n: u32,
}

/// A shared byte buffer usable as the output sink, for capturing `print`.
#[derive(Clone, Default)]
pub struct SharedBuf(pub Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The state of one Lua universe.
pub struct Vm {
    pub heap: Heap,
    pub strings: StrTable,
    /// The all-objects list (everything but strings).
    pub(crate) root: *mut GcHeader,
    /// The colour of new objects.
    pub white: u8,
    pub main: *mut GcThread,
    /// The running thread.
    pub cur: *mut GcThread,
    pub globals: *mut GcTab,
    pub registry: *mut GcTab,
    /// Metatable shared by all strings (set by the string library).
    pub string_mt: *mut GcTab,
    /// Metatables of the other basic types (see [`meta::base_slot`]);
    /// each is also held by the registry, which keeps it alive.
    pub base_mt: [*mut GcTab; meta::BASE_SLOTS],
    /// Metamethod names, indexed by [`Mm`].
    pub mmname: Vec<*mut GcStr>,
    /// The preallocated "not enough memory" message.
    pub oom_msg: Value,
    /// What `type` returns, indexed by the inverted itype (numbers at
    /// [`TYPE_NAME_NUMBER`]): fixed strings, never collected.
    pub type_names: [Value; TYPE_NAMES],
    /// Where `print` writes.
    pub out: Box<dyn Write>,
    /// Current depth of Rust re-entries.
    pub ccalls: u32,
    /// Debug hooks (`debug.sethook`), consulted by the interpreter.
    pub hook: crate::lualib::HookState,
    /// The incremental collector's state.
    pub gc: crate::gc::GcState,
    /// The generated interpreter running Lua code, if any (the reference
    /// interpreter runs what it hands over, and everything while a debug
    /// hook is set).
    pub engine: Option<Rc<dyn crate::interp::engine::Engine>>,
}

impl Vm {
    /// A VM with the base library loaded.
    pub fn new() -> Result<Vm, LuaError> {
        Vm::with_limit(usize::MAX)
    }

    /// A VM whose heap refuses to grow past `limit` bytes.
    pub fn with_limit(limit: usize) -> Result<Vm, LuaError> {
        let mut vm = Vm {
            heap: Heap::new(limit),
            strings: StrTable::new(),
            root: ptr::null_mut(),
            white: mark::WHITE0,
            main: ptr::null_mut(),
            cur: ptr::null_mut(),
            globals: ptr::null_mut(),
            registry: ptr::null_mut(),
            string_mt: ptr::null_mut(),
            base_mt: [ptr::null_mut(); meta::BASE_SLOTS],
            mmname: Vec::new(),
            oom_msg: Value::NIL,
            type_names: [Value::NIL; TYPE_NAMES],
            out: Box::new(std::io::stdout()),
            ccalls: 0,
            hook: crate::lualib::HookState::new(),
            gc: crate::gc::GcState::new(),
            engine: None,
        };
        // Until the message exists an allocation failure has no Lua value.
        let oom = vm
            .strings
            .intern(&mut vm.heap, b"not enough memory", mark::FIXED, 0)
            .map_err(|_| LuaError::new(Value::NIL))?;
        vm.oom_msg = Value::tagged(itype::STR, oom.as_ptr() as usize);
        for i in 0..TYPE_NAMES {
            let name = type_name_at(i);
            let s = vm
                .strings
                .intern(&mut vm.heap, name.as_bytes(), mark::FIXED, 0)
                .map_err(|_| LuaError::new(Value::NIL))?;
            vm.type_names[i] = Value::tagged(itype::STR, s.as_ptr() as usize);
        }
        for name in meta::MM_NAMES {
            let s = vm.intern(name.as_bytes())?;
            vm.mmname.push(s.as_ptr());
        }
        vm.globals = vm.new_table(0, 6)?.as_ptr();
        vm.registry = vm.new_table(0, 2)?.as_ptr();
        vm.main = vm.new_thread()?.as_ptr();
        // SAFETY: just allocated.
        unsafe { (*vm.main).status = status::RUNNING };
        vm.cur = vm.main;
        baselib::open(&mut vm)?;
        crate::lualib::open(&mut vm)?;
        vm.number_builtins();
        Ok(vm)
    }

    /// The safepoint hook of the collector: a collection step may run
    /// here and only here. Callers guarantee that every live value is
    /// reachable from the roots listed in the module documentation.
    pub fn gc_check(&mut self) {
        self.gc_safepoint();
    }

    /// The running thread.
    pub fn thread(&mut self) -> &mut GcThread {
        // SAFETY: `cur` always points at a live thread.
        unsafe { &mut *self.cur }
    }

    /// The out-of-memory error.
    pub fn oom(&self) -> LuaError {
        LuaError::new(self.oom_msg)
    }

    /// Allocates `size` zeroed bytes for an object of type `ty` and links
    /// it on the all-objects list: the one allocation path for objects.
    pub fn alloc_obj(&mut self, ty: ObjType, size: usize) -> Result<NonNull<u8>, LuaError> {
        let p = self.heap.alloc_zeroed(size).map_err(|_| self.oom())?;
        let h = p.as_ptr() as *mut GcHeader;
        // SAFETY: a fresh block at least as large as the header.
        unsafe {
            (*h).next = self.root;
            (*h).marked = self.white;
            (*h).gct = ty as u8;
        }
        self.root = h;
        self.gc_note_alloc(ty, p.as_ptr());
        Ok(p)
    }

    /// Links an object allocated by a type's own constructor (tables).
    fn link_obj(&mut self, h: *mut GcHeader) {
        // SAFETY: a fresh object not yet on any list.
        unsafe { (*h).next = self.root };
        self.root = h;
    }

    pub fn intern(&mut self, bytes: &[u8]) -> Result<NonNull<GcStr>, LuaError> {
        let dead = self.white ^ mark::WHITES;
        match self.strings.intern(&mut self.heap, bytes, self.white, dead) {
            Ok(s) => Ok(s),
            Err(_) => Err(self.oom()),
        }
    }

    pub fn new_str(&mut self, bytes: &[u8]) -> Result<Value, LuaError> {
        let s = self.intern(bytes)?;
        Ok(Value::tagged(itype::STR, s.as_ptr() as usize))
    }

    pub fn new_table(&mut self, asize: u32, hbits: u32) -> Result<NonNull<GcTab>, LuaError> {
        match GcTab::new(&mut self.heap, self.white, asize, hbits) {
            Ok(t) => {
                self.link_obj(t.as_ptr() as *mut GcHeader);
                Ok(t)
            }
            Err(e) => Err(self.tab_error(e)),
        }
    }

    /// Links a table made by [`GcTab::dup`].
    pub fn adopt_table(&mut self, t: NonNull<GcTab>) {
        self.link_obj(t.as_ptr() as *mut GcHeader);
    }

    /// The environment new threads and loaded chunks start with: the
    /// running thread's (`setfenv(0, t)` changes it), as in LuaJIT.
    fn thread_env(&self) -> *mut GcTab {
        if self.cur.is_null() {
            return self.globals;
        }
        // SAFETY: a non-null `cur` points at a live thread.
        let env = unsafe { (*self.cur).env };
        if env.is_null() {
            self.globals
        } else {
            env
        }
    }

    pub fn new_thread(&mut self) -> Result<NonNull<GcThread>, LuaError> {
        let p = self
            .alloc_obj(ObjType::Thread, std::mem::size_of::<GcThread>())?
            .cast::<GcThread>();
        let env = self.thread_env();
        // SAFETY: a fresh zeroed block; the stack pointer is null until
        // `init` succeeds, which `Drop` tolerates.
        unsafe {
            (*p.as_ptr())
                .init(&mut self.heap, env)
                .map_err(|_| LuaError::new(self.oom_msg))?;
        }
        Ok(p)
    }

    /// A native closure with `nup` nil upvalues.
    pub fn new_native(
        &mut self,
        f: NativeFn,
        ffid: u8,
        nup: u8,
    ) -> Result<NonNull<GcFunc>, LuaError> {
        let p = self
            .alloc_obj(ObjType::Func, GcFunc::alloc_size(nup as usize))?
            .cast::<GcFunc>();
        // SAFETY: fresh block sized for `nup` upvalue words.
        unsafe {
            let fun = &mut *p.as_ptr();
            fun.ffid = ffid;
            fun.nupvalues = nup;
            fun.env = self.globals;
            fun.native = Some(f);
            for i in 0..nup as usize {
                fun.set_native_uv(i, Value::NIL);
            }
        }
        Ok(p)
    }

    /// A Lua closure of `proto` with null upvalues (the caller fills them).
    // Object pointers are handles of this VM (see the crate's safepoint
    // rule), not arbitrary addresses.
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    pub fn new_lua_func(
        &mut self,
        proto: *mut GcProto,
        env: *mut GcTab,
    ) -> Result<NonNull<GcFunc>, LuaError> {
        // SAFETY: `proto` is a live prototype.
        let nup = unsafe { (*proto).sizeuv } as usize;
        let p = self
            .alloc_obj(ObjType::Func, GcFunc::alloc_size(nup))?
            .cast::<GcFunc>();
        // SAFETY: fresh block sized for `nup` upvalue words.
        unsafe {
            let fun = &mut *p.as_ptr();
            fun.ffid = crate::obj::func::ffid::LUA;
            fun.nupvalues = nup as u8;
            fun.env = env;
            fun.proto = proto;
            fun.pc = (*proto).bc.add(1);
        }
        Ok(p)
    }

    /// A closed upvalue holding `v`.
    pub fn new_closed_upval(&mut self, v: Value) -> Result<*mut GcUpval, LuaError> {
        let p = self
            .alloc_obj(ObjType::Upval, std::mem::size_of::<GcUpval>())?
            .cast::<GcUpval>()
            .as_ptr();
        // SAFETY: fresh block.
        unsafe {
            (*p).tv = v;
            (*p).v = &mut (*p).tv;
            (*p).closed = 1;
        }
        Ok(p)
    }

    pub fn new_udata(&mut self, len: usize) -> Result<NonNull<GcUdata>, LuaError> {
        let p = self
            .alloc_obj(ObjType::Udata, GcUdata::alloc_size(len))?
            .cast::<GcUdata>();
        // SAFETY: fresh block.
        unsafe {
            (*p.as_ptr()).len = len as u32;
            (*p.as_ptr()).env = self.globals;
        }
        Ok(p)
    }

    /// Loads a chunk (source text or a bytecode dump) as a function.
    pub fn load(&mut self, source: &[u8], chunkname: &str) -> Result<Value, LuaError> {
        let proto = if crate::bc::dump::is_dump(source) {
            match crate::bc::dump::read_dump(source, chunkname) {
                Ok(d) => d.main,
                Err(e) => return Err(self.err_msg(&format!("{chunkname}: {}", e.detail))),
            }
        } else {
            match crate::parse::parse_chunk(source, chunkname) {
                Ok(p) => p,
                Err(e) => return Err(self.err_msg(&e.message)),
            }
        };
        self.load_proto(&proto)
    }

    /// Loads a compiled prototype tree as a function. A loaded function
    /// has no enclosing function to capture from, so each upvalue it
    /// declares (a dumped inner function has some) starts as a closed
    /// upvalue holding nil, as in LuaJIT; none is ever left null.
    pub fn load_proto(&mut self, proto: &crate::bc::Proto) -> Result<Value, LuaError> {
        let pt = loader::load_proto(self, proto)?;
        let f = self.new_lua_func(pt, self.thread_env())?;
        // SAFETY: `f` is the closure just made, sized for its upvalues.
        let fun = unsafe { &mut *f.as_ptr() };
        for i in 0..fun.nupvalues as usize {
            let u = self.new_closed_upval(Value::NIL)?;
            fun.set_uv(i, u);
        }
        Ok(Value::tagged(itype::FUNC, f.as_ptr() as usize))
    }

    /// Calls `f` with `args` from Rust and returns all its results.
    pub fn call(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, LuaError> {
        let func = self.thread().top;
        self.push(f)?;
        self.push(Value::NIL)?;
        for &a in args {
            self.push(a)?;
        }
        let n = self
            .call_at(func, args.len() as u32)
            .map_err(|e| self.with_traceback(e))?;
        let th = self.thread();
        let out = (0..n).map(|i| th.get(func + i)).collect();
        th.top = func;
        Ok(out)
    }

    /// Loads and runs a chunk, capturing what it prints. Returns the
    /// output, and the error message if it failed.
    pub fn run_chunk(&mut self, source: &[u8], chunkname: &str) -> (Vec<u8>, Option<String>) {
        let buf = SharedBuf::default();
        let old = std::mem::replace(&mut self.out, Box::new(buf.clone()));
        let res = self.load(source, chunkname).and_then(|f| self.call(f, &[]));
        self.out = old;
        let out = buf.0.borrow().clone();
        (out, res.err().map(|e| self.error_text(&e)))
    }

    /// Pushes a value on the running thread's stack.
    pub fn push(&mut self, v: Value) -> Result<(), LuaError> {
        let top = self.thread().top;
        self.ensure_stack(top + 1)?;
        let th = self.thread();
        th.set(top, v);
        th.top = top + 1;
        Ok(())
    }

    /// Makes slots `0..need` of the running thread exist.
    pub fn ensure_stack(&mut self, need: u32) -> Result<(), LuaError> {
        // SAFETY: `cur` is live; the heap is a separate field.
        let th = unsafe { &mut *self.cur };
        match th.ensure(&mut self.heap, need) {
            Ok(true) => Ok(()),
            Ok(false) => {
                th.overflowed = 1;
                Err(self.err_msg("stack overflow"))
            }
            Err(_) => Err(self.oom()),
        }
    }

    /// Argument `i` (0-based) of a native call, nil when absent.
    pub fn arg(&mut self, a: Args, i: u32) -> Value {
        if i < a.n {
            self.thread().get(a.base + i)
        } else {
            Value::NIL
        }
    }
}

impl Vm {
    /// Frees every object now and returns the bytes the heap still
    /// accounts for: 0 unless something leaked.
    pub fn close(mut self) -> usize {
        self.free_all();
        self.heap.used()
    }

    fn free_all(&mut self) {
        self.gc_close();
        let mut p = self.root;
        self.root = ptr::null_mut();
        // SAFETY: the VM is closing; every object on the list is freed
        // exactly once with the size it was allocated with.
        unsafe {
            while !p.is_null() {
                let next = (*p).next;
                free_object(&mut self.heap, p);
                p = next;
            }
        }
        self.strings.free_all(&mut self.heap);
        // Every byte the heap handed out came back: nothing leaked.
        if !std::thread::panicking() {
            debug_assert_eq!(self.heap.used(), 0, "GC heap bytes leaked");
        }
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        self.free_all();
    }
}

/// Frees one object of the all-objects list.
///
/// # Safety
/// `h` must be a live object allocated by this heap and unreachable.
pub(crate) unsafe fn free_object(heap: &mut Heap, h: *mut GcHeader) {
    let nn = NonNull::new_unchecked(h as *mut u8);
    match (*h).gct {
        t if t == ObjType::Tab as u8 => GcTab::free(nn.cast(), heap),
        t if t == ObjType::Func as u8 => {
            let f = &*(h as *const GcFunc);
            heap.free(nn, GcFunc::alloc_size(f.nupvalues as usize));
        }
        t if t == ObjType::Upval as u8 => heap.free(nn, std::mem::size_of::<GcUpval>()),
        t if t == ObjType::Thread as u8 => {
            (*(h as *mut GcThread)).free_stack(heap);
            heap.free(nn, std::mem::size_of::<GcThread>());
        }
        t if t == ObjType::Udata as u8 => {
            let u = &*(h as *const GcUdata);
            heap.free(nn, GcUdata::alloc_size(u.len as usize));
        }
        t if t == ObjType::Proto as u8 => loader::free_proto(heap, h as *mut GcProto),
        _ => unreachable!("unknown object type on the all-objects list"),
    }
}

/// A value's object pointer, for a value known to have that type.
pub fn obj<T: GcObject>(v: Value) -> *mut T {
    debug_assert_eq!(v.itype(), T::TYPE.itype());
    v.payload() as *mut T
}

/// The value pointing at an object.
pub fn val<T: GcObject>(p: *mut T) -> Value {
    Value::tagged(T::TYPE.itype(), p as usize)
}
