//! Bytecode: LuaJIT 2.1's instruction set, prototypes, the listing printer
//! (`xlj -bl`) and the portable dump format (`xlj -b`).

pub mod dump;
pub mod listing;
pub mod op;
pub mod proto;

pub use op::{Ins, MetaMethod, Mode, Op, OpInfo, OPS, OP_COUNT};
pub use proto::{GcConst, NumConst, Proto, TabConst, TemplateTable, UpvalDesc, VarInfo};
