//! The neutral opcode table every template is checked against.
//!
//! Operand modes come from the bytecode's own table
//! ([`xlj_runtime::bc::OPS`]); this adds the roles an interpreter must
//! honour. A template receives the row with each opcode it generates, and
//! [`generate`](crate::generate) checks that every row got a fragment.

use xlj_runtime::bc::{Op, OpInfo, OP_COUNT};

/// What an opcode means to an interpreter, beyond its operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpRole {
    /// Straight-line: runs and dispatches the next instruction.
    Plain,
    /// A test whose taken branch is the JMP that follows it.
    TestAndBranch,
    /// A jump by the D operand.
    Jump,
    /// A loop head that counts towards hotness (FORL, ITERL, LOOP).
    HotLoop,
    /// The interpreter-only form of a loop head: no counting.
    ColdLoop,
    /// A call; a Lua callee's entry counts towards hotness.
    Call,
    /// A return through the frame link.
    Return,
    /// A function header. Calls enter a Lua function past its header, so
    /// an interpreter never dispatches one itself.
    FuncHeader,
    /// Only a JIT writes these (a patched loop or header entering a
    /// trace); without traces the reference interpreter reports them.
    Trace,
}

/// One opcode's row.
#[derive(Clone, Copy, Debug)]
pub struct OpRow {
    pub op: Op,
    pub info: &'static OpInfo,
    pub role: OpRole,
}

fn role_of(op: Op) -> OpRole {
    use Op::*;
    match op {
        ISLT | ISGE | ISLE | ISGT | ISEQV | ISNEV | ISEQS | ISNES | ISEQN | ISNEN | ISEQP
        | ISNEP | ISTC | ISFC | IST | ISF => OpRole::TestAndBranch,
        UCLO | ISNEXT | JMP | FORI | JFORI => OpRole::Jump,
        FORL | ITERL | LOOP => OpRole::HotLoop,
        IFORL | IITERL | ILOOP => OpRole::ColdLoop,
        CALL | CALLM | CALLT | CALLMT | ITERC => OpRole::Call,
        RET | RET0 | RET1 | RETM => OpRole::Return,
        FUNCF | IFUNCF | FUNCV | IFUNCV | FUNCC | FUNCCW => OpRole::FuncHeader,
        JFORL | JITERL | JLOOP | JFUNCF | JFUNCV => OpRole::Trace,
        _ => OpRole::Plain,
    }
}

/// Every opcode's row, in opcode order.
pub fn rows() -> impl Iterator<Item = OpRow> {
    (0..OP_COUNT as u8).map(|n| {
        let op = Op::from_u8(n).expect("opcodes are numbered densely");
        OpRow {
            op,
            info: op.info(),
            role: role_of(op),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opcode_has_one_row_in_order() {
        let rows: Vec<OpRow> = rows().collect();
        assert_eq!(rows.len(), 97);
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r.op as usize, i);
        }
        let hot: Vec<Op> = rows
            .iter()
            .filter(|r| r.role == OpRole::HotLoop)
            .map(|r| r.op)
            .collect();
        assert_eq!(hot, [Op::FORL, Op::ITERL, Op::LOOP]);
    }
}
