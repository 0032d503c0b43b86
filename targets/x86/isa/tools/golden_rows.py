"""The instruction lists behind the x86/x64 golden files, in xlj's
canonical syntax (see the crate doc of xlj-isa-x86): sweeps over
registers, immediates at and around every boundary and all addressing
modes, pseudo-random combinations, alternative spellings, label programs,
and statements that must be rejected. `gen-golden.py` assembles them with
GNU as; nothing here knows an encoding.
"""

import re

ADDR = 0x10000  # where tests/golden.rs assembles every row

GPR = {
    8: "rax rcx rdx rbx rsp rbp rsi rdi r8 r9 r10 r11 r12 r13 r14 r15".split(),
    4: "eax ecx edx ebx esp ebp esi edi r8d r9d r10d r11d r12d r13d r14d r15d".split(),
    2: "ax cx dx bx sp bp si di r8w r9w r10w r11w r12w r13w r14w r15w".split(),
    1: "al cl dl bl spl bpl sil dil r8b r9b r10b r11b r12b r13b r14b r15b".split(),
}
HIGH8 = ["ah", "ch", "dh", "bh"]
CC = "o no b ae e ne be a s ns p np l ge le g".split()
SIZEKW = {1: "byte", 2: "word", 4: "dword", 8: "qword", 16: "xmmword"}
ALU = "add or adc sbb and sub xor cmp".split()


def num(v):
    """Numbers as the disassembler prints them."""
    if -9 <= v <= 9:
        return str(v)
    return "-0x%x" % -v if v < 0 else "0x%x" % v


class Mode:
    def __init__(self, bits):
        self.bits = bits
        self.x64 = bits == 64
        self.n = 16 if self.x64 else 8
        self.ptr = 8 if self.x64 else 4

    def regs(self, size):
        if size == 8 and not self.x64:
            return []
        r = GPR[size][: self.n]
        if size == 1:
            r = [x for x in r if self.x64 or x not in ("spl", "bpl", "sil", "dil")]
            r = r + HIGH8
        return r

    def sizes(self):
        return [1, 2, 4, 8] if self.x64 else [1, 2, 4]

    def xmm(self):
        return ["xmm%d" % i for i in range(self.n)]

    def sample(self, size):
        """A few registers per size, covering the REX and special cases."""
        regs = self.regs(size)
        pick = [0, 1, 3, 4, 5, 7, 8, 12, 13, 15]
        out = [regs[i] for i in pick if i < self.n and i < len(regs)]
        if size == 1:
            out += HIGH8[:2]
        return out

    def xsample(self):
        return [x for i, x in enumerate(self.xmm()) if i in (0, 1, 5, 7, 8, 13, 15)]

    def addrs(self):
        """Addressing modes: every base, index and scale, displacements at
        the disp8/disp32 boundaries."""
        a = GPR[self.ptr][: self.n]
        out = []
        for b in a:
            out.append("[%s]" % b)
            for d in (1, -1, 0x7F, 0x80, -0x80, -0x81, 0x7FFFFFFF, -0x80000000):
                out.append(mem(b, None, 1, d))
        for i in a:
            if i in ("rsp", "esp"):
                continue
            for s in (1, 2, 4, 8):
                out.append(mem(a[3], i, s, 0))
            out.append(mem(a[5], i, 8, 0x10))
            out.append(mem(a[4], i, 2, -8))
            out.append(mem(None, i, 8, 0x10))
        for b in a:
            out.append(mem(b, a[1], 4, 0x100))
        out.append("[0x1234]")
        out.append("[-0x10]")
        if self.x64:
            out += ["[rip]", "[rip + 0x10]", "[rip - 0x100]"]
        return out

    def addr_sample(self):
        a = GPR[self.ptr][: self.n]
        out = ["[%s]" % a[0], "[%s]" % a[4], "[%s]" % a[5], mem(a[3], None, 1, 8),
               mem(a[2], None, 1, -0x80), mem(a[6], None, 1, 0x1000),
               mem(a[3], a[1], 8, 0x10), mem(None, a[7], 4, 0x20), "[0x1234]"]
        if self.x64:
            out += ["[r12]", "[r13 + 8]", mem("r9", "r14", 2, -4), "[rip + 0x40]"]
        return out


def mem(base, index, scale, disp):
    parts = []
    if base:
        parts.append(base)
    if index:
        parts.append(index if scale == 1 and base else "%s*%d" % (index, scale))
    s = " + ".join(parts)
    if not parts:
        s = num(disp)
    elif disp > 0:
        s += " + " + num(disp)
    elif disp < 0:
        s += " - " + num(-disp)
    return "[%s]" % s


def imms(size):
    """Immediates at and around every boundary, as signed values at the
    operand width (how they are printed)."""
    bits = min(size * 8, 32)
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    vals = {0, 1, -1, 2, 9, 10, -10, 0x7F, 0x80, -0x80, -0x81, 0xFF, 0x100, 0x7FFF,
            0x8000, -0x8000, -0x8001, 0x12345678, 0x7FFFFFFF, -0x80000000}
    return sorted(v for v in vals if lo <= v <= hi)


def has_high8(*ops):
    return any(o in HIGH8 for o in ops)


def needs_rex(*ops):
    return any(re.fullmatch(r"r\d+[bwd]?|spl|bpl|sil|dil", o) or o in GPR[8]
               or re.fullmatch(r"xmm(8|9|1\d)", o) for o in ops)


def ok_pair(a, b):
    """Two operands that can be encoded together (ah..bh exclude REX)."""
    return not (has_high8(a, b) and needs_rex(a, b))


def rows(m):
    """(text, gas text or None for the same) pairs in canonical syntax."""
    R = []
    add = lambda t, g=None: R.append((t, g))
    for op in ALU + ["test", "mov"]:
        for size in m.sizes():
            full = op in ("add", "mov") and size in (1, 8 if m.x64 else 4)
            regs = m.regs(size) if full else m.sample(size)
            for a in regs:
                for b in regs:
                    if ok_pair(a, b):
                        add("%s %s, %s" % (op, a, b))
            kw = SIZEKW[size]
            few = op in ("add", "mov")
            for r in m.sample(size) if few else m.sample(size)[::3]:
                wide = op == "mov" and size == m.ptr and r in (m.regs(size)[1], m.regs(size)[-1])
                for ad in m.addrs() if wide else m.addr_sample():
                    if has_high8(r) and needs_rex(*re.findall(r"\w+", ad)):
                        continue
                    add("%s %s %s, %s" % (op, kw, ad, r))
                    if op != "test":
                        add("%s %s, %s %s" % (op, r, kw, ad))
            for r in m.sample(size) if few else m.sample(size)[::3]:
                for v in imms(size):
                    if not (op == "mov" and size == 8 and v >= 0):
                        add("%s %s, %s" % (op, r, num(v)))
            for ad in m.addr_sample() if few else m.addr_sample()[::3]:
                for v in imms(size):
                    add("%s %s %s, %s" % (op, kw, ad, num(v)))
    if m.x64:
        for r in m.sample(8):
            for v in (0x100000000, -0x80000001, 0x123456789ABCDEF0, -1 << 63, 1, -1):
                add("movabs %s, %s" % (r, num(v)))
    for op in ("movzx", "movsx"):
        for d in m.sizes()[1:]:
            for s in (1, 2):
                if s >= d:
                    continue
                for a in m.sample(d):
                    for b in m.sample(s)[::2]:
                        if ok_pair(a, b):
                            add("%s %s, %s" % (op, a, b))
                    for ad in m.addr_sample():
                        add("%s %s, %s %s" % (op, a, SIZEKW[s], ad))
    if m.x64:
        for a in m.sample(8):
            for b in m.sample(4):
                add("movsxd %s, %s" % (a, b))
            for ad in m.addr_sample():
                add("movsxd %s, dword %s" % (a, ad))
    for size in m.sizes()[1:]:
        for r in m.sample(size)[1::4]:
            for ad in m.addrs():
                if "rip" in ad and size == 2:
                    continue
                add("lea %s, %s" % (r, ad))
    for op in ("inc", "dec", "neg", "not", "mul", "imul", "div", "idiv"):
        for size in m.sizes():
            for r in m.regs(size):
                add("%s %s" % (op, r))
            for ad in m.addr_sample():
                add("%s %s %s" % (op, SIZEKW[size], ad))
    for op in ("rol", "ror", "rcl", "rcr", "shl", "shr", "sar"):
        for size in m.sizes():
            for r in m.sample(size):
                for c in ("1", "cl", "2", "7", "0x1f", "0x3f", "0xff"):
                    if c == "cl" and r == "cl":
                        pass
                    add("%s %s, %s" % (op, r, c))
            for ad in m.addr_sample():
                for c in ("1", "cl", "5"):
                    add("%s %s %s, %s" % (op, SIZEKW[size], ad, c))
    for size in m.sizes()[1:]:
        for a in m.sample(size):
            for b in m.sample(size)[::2]:
                add("imul %s, %s" % (a, b))
            for b in m.sample(size)[::4]:
                for v in imms(size):
                    if v in (1, 0x7F, 0x80, -0x80, -0x81, 0x12345678, -0x80000000):
                        add("imul %s, %s, %s" % (a, b, num(v)))
            for ad in m.addr_sample():
                add("imul %s, %s %s" % (a, SIZEKW[size], ad))
                add("imul %s, %s %s, 0x100" % (a, SIZEKW[size], ad))
    for op in ["cbw", "cwde", "cwd", "cdq"] + (["cdqe", "cqo"] if m.x64 else []):
        add(op)
    for cc in CC:
        for size in m.sizes()[1:]:
            for a in m.sample(size):
                for b in m.sample(size)[:4]:
                    add("cmov%s %s, %s" % (cc, a, b))
            for ad in m.addr_sample()[:4]:
                add("cmov%s %s, %s %s" % (cc, m.regs(size)[2], SIZEKW[size], ad))
        for r in m.regs(1):
            add("set%s %s" % (cc, r))
        for ad in m.addr_sample():
            add("set%s byte %s" % (cc, ad))
    # Branches: target = ADDR + delta, GNU as gets `.+delta`.
    near = [0x100, -0x100, 0x12345, 0x7FFF0000, -0x8000, 0x86, -0x7F - 6]
    short = [2, 5, 0x81, -0x7E, 0, -2]
    for cc in CC:
        for dl in near:
            add("j%s 0x%x" % (cc, ADDR + dl), "j%s .%+d" % (cc, dl))
        for dl in short:
            add("j%s short 0x%x" % (cc, ADDR + dl), "j%s .%+d" % (cc, dl))
    for dl in near:
        add("jmp 0x%x" % (ADDR + dl), "jmp .%+d" % dl)
        add("call 0x%x" % (ADDR + dl), "call .%+d" % dl)
    for dl in short:
        add("jmp short 0x%x" % (ADDR + dl), "jmp .%+d" % dl)
    for op in ("jmp", "call", "push"):
        for r in m.regs(m.ptr):
            add("%s %s" % (op, r))
        for ad in m.addrs():
            add("%s %s %s" % (op, SIZEKW[m.ptr], ad))
    for r in m.regs(m.ptr) + m.regs(2):
        add("push %s" % r)
        add("pop %s" % r)
    for ad in m.addr_sample():
        add("pop %s %s" % (SIZEKW[m.ptr], ad))
    for v in imms(4):
        add("push %s" % num(v))
    add("ret")
    for v in (0, 8, 0x10, 0xFFFF):
        add("ret %s" % num(v))
    for size in m.sizes():
        xregs = m.regs(size) if size in (1, 8) else m.sample(size)
        for a in xregs:
            for b in xregs:
                if not ok_pair(a, b):
                    continue
                acc = GPR[size][0]
                if size != 1 and acc in (a, b):
                    if a == b and not (m.x64 and size == 4):
                        continue  # GNU as makes these `nop`s (90); xlj keeps 87 C0
                    if a == acc and b != acc:
                        continue  # the canonical order puts the accumulator second
                add("xchg %s, %s" % (a, b))
        for r in m.sample(size):
            for ad in m.addr_sample():
                if has_high8(r) and needs_rex(*re.findall(r"\w+", ad)):
                    continue
                add("xchg %s %s, %s" % (SIZEKW[size], ad, r))
    for op in ("bt", "bts", "btr", "btc"):
        for size in m.sizes()[1:]:
            for a in m.sample(size):
                for b in m.sample(size)[:5]:
                    add("%s %s, %s" % (op, a, b))
                for v in (0, 5, 31, 0x3f, 0xff):
                    add("%s %s, %s" % (op, a, num(v)))
            for ad in m.addr_sample():
                add("%s %s %s, %s" % (op, SIZEKW[size], ad, m.regs(size)[1]))
                add("%s %s %s, 3" % (op, SIZEKW[size], ad))
    for op in ("bsf", "bsr", "popcnt", "tzcnt", "lzcnt"):
        for size in m.sizes()[1:]:
            for a in m.sample(size):
                for b in m.sample(size)[::3]:
                    add("%s %s, %s" % (op, a, b))
            for ad in m.addr_sample():
                add("%s %s, %s %s" % (op, m.regs(size)[6], SIZEKW[size], ad))
    for size in m.sizes()[2:]:
        for r in m.regs(size):
            add("bswap %s" % r)
    add("nop")
    if m.x64:
        for n in range(2, 10):
            add("nop %d" % n, ".nops %d" % n)
    for size in (2, 4):
        for ad in m.addr_sample():
            if ad in ("[rax]", "[eax]"):
                continue  # that is `nop 3`
            add("nop %s %s" % (SIZEKW[size], ad))
    add("int3")
    add("ud2")
    sse(m, add)
    for op, sizes in (("fld", (4, 8)), ("fstp", (4, 8)), ("fild", (4, 8)), ("fistp", (4, 8)),
                      ("fisttp", (4, 8)), ("fadd", (4, 8)), ("fldcw", (2,)), ("fnstcw", (2,))):
        for size in sizes:
            for ad in m.addr_sample():
                add("%s %s %s" % (op, SIZEKW[size], ad))
    for op in ("fld1", "fldz", "frndint", "fscale", "fyl2x"):
        add(op)
    for i in range(8):
        for op in ("fld", "fstp", "fxch"):
            add("%s st%d" % (op, i), "%s st(%d)" % (op, i))
        add("fucomip st0, st%d" % i, "fucomip st, st(%d)" % i)
    for op in ["cpuid", "endbr64", "endbr32", "fs", "gs"] + (["pushfq", "popfq"] if m.x64 else ["pushfd", "popfd"]):
        add(op)
    return R


def random_rows(m, count, seed):
    """Pseudo-random instructions on top of the sweeps (a fixed seed, so the
    file is reproducible): random operand combinations for every group."""
    import random
    rnd = random.Random(seed)
    a = GPR[m.ptr][: m.n]

    def disp():
        k = rnd.randrange(6)
        if k == 0:
            return 0
        if k < 3:
            return rnd.randint(-128, 127)
        return rnd.randint(-(1 << 31), (1 << 31) - 1)

    def addr():
        k = rnd.randrange(10)
        if k == 0:
            return "[%s]" % num(rnd.randint(0, (1 << 31) - 1))
        if k == 1 and m.x64:
            return mem("rip", None, 1, disp())
        base = rnd.choice(a) if k != 2 else None
        index = rnd.choice([r for r in a if r not in ("rsp", "esp")]) if k > 5 or not base else None
        scale = rnd.choice((1, 2, 4, 8)) if base else rnd.choice((2, 4, 8))
        return mem(base, index, scale, disp())

    def reg(size):
        return rnd.choice(m.regs(size))

    def imm(size):
        bits = min(size * 8, 32)
        return num(rnd.randint(-(1 << (bits - 1)), (1 << (bits - 1)) - 1))

    rows = []
    while len(rows) < count:
        size = rnd.choice(m.sizes())
        kw = SIZEKW[size]
        k = rnd.randrange(12)
        if k < 4:
            op = rnd.choice(ALU + ["test", "mov", "xchg"])
            form = rnd.randrange(5)
            if form == 0:
                t = "%s %s, %s" % (op, reg(size), reg(size))
            elif form == 1:
                t = "%s %s %s, %s" % (op, kw, addr(), reg(size))
            elif form == 2 and op not in ("test", "xchg"):
                t = "%s %s, %s %s" % (op, reg(size), kw, addr())
            elif form == 3 and op != "xchg":
                t = "%s %s, %s" % (op, reg(size), imm(size))
            elif op != "xchg":
                t = "%s %s %s, %s" % (op, kw, addr(), imm(size))
            else:
                continue
            if op == "mov" and size == 8 and form == 3 and not t.split(", ")[1].startswith("-"):
                continue  # the constant macro: see the alias file
            if op == "xchg" and form == 0:
                continue  # accumulator order: covered by the sweep
        elif k == 4:
            op = rnd.choice(("rol", "ror", "rcl", "rcr", "shl", "shr", "sar"))
            dst = rnd.choice((reg(size), "%s %s" % (kw, addr())))
            t = "%s %s, %s" % (op, dst, rnd.choice(("1", "cl", num(rnd.randint(2, 255)))))
        elif k == 5:
            op = rnd.choice(("inc", "dec", "neg", "not", "mul", "imul", "div", "idiv"))
            t = "%s %s" % (op, rnd.choice((reg(size), "%s %s" % (kw, addr()))))
        elif k == 6 and size > 1:
            src = rnd.choice((reg(size), "%s %s" % (kw, addr())))
            form = rnd.randrange(3)
            if form == 0:
                t = "imul %s, %s" % (reg(size), src)
            elif form == 1:
                t = "imul %s, %s, %s" % (reg(size), src, imm(size))
            else:
                t = "cmov%s %s, %s" % (rnd.choice(CC), reg(size), src)
        elif k == 7 and size > 1:
            s2 = rnd.choice([x for x in (1, 2) if x < size])
            src = rnd.choice((reg(s2), "%s %s" % (SIZEKW[s2], addr())))
            t = "%s %s, %s" % (rnd.choice(("movzx", "movsx")), reg(size), src)
        elif k == 8 and size > 1:
            t = "lea %s, %s" % (reg(size), addr())
        elif k == 9:
            t = "set%s %s" % (rnd.choice(CC), rnd.choice((reg(1), "byte " + addr())))
        elif k == 10:
            op, msize = rnd.choice(list(SSE_RM.items()) + list(SSE_MOVE.items()))
            x1, x2 = rnd.choice(m.xmm()), rnd.choice(m.xmm())
            form = rnd.randrange(3)
            if form == 0:
                t = "%s %s, %s" % (op, x1, x2)
            elif form == 1:
                t = "%s %s, %s %s" % (op, x1, SIZEKW[msize], addr())
            elif op in SSE_MOVE:
                t = "%s %s %s, %s" % (op, SIZEKW[msize], addr(), x1)
            else:
                continue
        elif k == 11:
            isz = rnd.choice((4, 8) if m.x64 else (4,))
            x1 = rnd.choice(m.xmm())
            form = rnd.randrange(3)
            if form == 0:
                t = "cvtsi2sd %s, %s" % (x1, rnd.choice((reg(isz), "%s %s" % (SIZEKW[isz], addr()))))
            elif form == 1:
                t = "cvttsd2si %s, %s" % (reg(isz), rnd.choice((x1, "qword " + addr())))
            else:
                t = "roundsd %s, %s, %s" % (x1, rnd.choice((x1, "qword " + addr())), num(rnd.randrange(16)))
        else:
            continue
        ops = re.findall(r"\w+", t)
        if has_high8(*ops) and needs_rex(*ops):
            continue
        rows.append((t, None))
    return rows


SSE_RM = {
    "addsd": 8, "subsd": 8, "mulsd": 8, "divsd": 8, "sqrtsd": 8, "minsd": 8, "maxsd": 8,
    "addss": 4, "subss": 4, "mulss": 4, "divss": 4, "sqrtss": 4, "minss": 4, "maxss": 4,
    "ucomisd": 8, "comisd": 8, "ucomiss": 4, "comiss": 4, "cvtss2sd": 4, "cvtsd2ss": 8,
    "xorpd": 16, "andpd": 16, "andnpd": 16, "orpd": 16, "xorps": 16, "andps": 16,
    "andnps": 16, "orps": 16, "pxor": 16,
}
SSE_MOVE = {"movsd": 8, "movss": 4, "movapd": 16, "movaps": 16, "movupd": 16, "movups": 16,
            "movdqa": 16, "movdqu": 16}


def sse(m, add):
    xs = m.xsample()
    for op, size in list(SSE_RM.items()) + list(SSE_MOVE.items()) + [("movq", 8)]:
        for a in (m.xmm() if op in ("addsd", "movsd", "movaps") else xs):
            for b in xs:
                add("%s %s, %s" % (op, a, b))
        for a in xs[:3] + xs[-2:]:
            for ad in m.addr_sample():
                add("%s %s, %s %s" % (op, a, SIZEKW[size], ad))
                if op in SSE_MOVE or op == "movq":
                    add("%s %s %s, %s" % (op, SIZEKW[size], ad, a))
    isizes = [4, 8] if m.x64 else [4]
    for op in ("cvtsi2sd", "cvtsi2ss"):
        for size in isizes:
            for x in xs:
                for r in m.sample(size):
                    add("%s %s, %s" % (op, x, r))
            for ad in m.addr_sample():
                add("%s %s, %s %s" % (op, xs[1], SIZEKW[size], ad))
    for op, msize in (("cvttsd2si", 8), ("cvtsd2si", 8), ("cvttss2si", 4), ("cvtss2si", 4)):
        for size in isizes:
            for r in m.sample(size):
                for x in xs:
                    add("%s %s, %s" % (op, r, x))
            for ad in m.addr_sample():
                add("%s %s, %s %s" % (op, m.regs(size)[2], SIZEKW[msize], ad))
    for x in xs:
        for r in m.sample(4):
            add("movd %s, %s" % (x, r))
            add("movd %s, %s" % (r, x))
        if m.x64:
            for r in m.sample(8):
                add("movq %s, %s" % (x, r))
                add("movq %s, %s" % (r, x))
    for ad in m.addr_sample():
        add("movd %s, dword %s" % (xs[2], ad))
        add("movd dword %s, %s" % (ad, xs[2]))
    for a in xs:
        for ad in m.addr_sample():
            add("movlpd %s, qword %s" % (a, ad))
            add("movlpd qword %s, %s" % (ad, a))
    for op, size in (("cmpsd", 8), ("cmpss", 4)):
        for a in xs:
            for b in xs[:4]:
                for v in range(8):
                    add("%s %s, %s, %d" % (op, a, b, v))
        for ad in m.addr_sample():
            add("%s %s, %s %s, 1" % (op, xs[2], SIZEKW[size], ad))
    for op, size in (("roundsd", 8), ("roundss", 4)):
        for a in xs:
            for b in xs[:4]:
                for v in (0, 1, 2, 3, 4, 9):
                    add("%s %s, %s, %s" % (op, a, b, num(v)))
        for ad in m.addr_sample():
            add("%s %s, %s %s, 0xa" % (op, xs[1], SIZEKW[size], ad))


def alias_rows(m):
    """(text, gas text, canonical text): other spellings and macros."""
    R = []
    r64 = m.x64
    for cc, alias in (("b", "c"), ("b", "nae"), ("ae", "nb"), ("ae", "nc"), ("e", "z"),
                      ("ne", "nz"), ("be", "na"), ("a", "nbe"), ("p", "pe"), ("np", "po"),
                      ("l", "nge"), ("ge", "nl"), ("le", "ng"), ("g", "nle")):
        R.append(("set%s al" % alias, None, "set%s al" % cc))
        R.append(("cmov%s eax, ecx" % alias, None, "cmov%s eax, ecx" % cc))
        R.append(("j%s 0x%x" % (alias, ADDR + 0x100), "j%s .+0x100" % alias,
                  "j%s 0x%x" % (cc, ADDR + 0x100)))
    a, b, c = GPR[m.ptr][0], GPR[m.ptr][3], GPR[m.ptr][1]
    R.append(("mov eax, [%s + 8]" % b, None, "mov eax, dword [%s + 8]" % b))
    R.append(("mov eax, dword ptr [%s + 8]" % b, None, "mov eax, dword [%s + 8]" % b))
    R.append(("mov eax, DWORD PTR [%s+8]" % b, None, "mov eax, dword [%s + 8]" % b))
    R.append(("movsd xmm0, [%s]" % b, None, "movsd xmm0, qword [%s]" % b))
    R.append(("mov eax, [8 + %s]" % b, None, "mov eax, dword [%s + 8]" % b))
    R.append(("mov eax, [%s*4 + %s]" % (c, b), "mov eax, [%s + %s*4]" % (b, c),
              "mov eax, dword [%s + %s*4]" % (b, c)))
    R.append(("mov eax, [%s + %s*1]" % (b, c), None, "mov eax, dword [%s + %s]" % (b, c)))
    R.append(("mov eax, [%s + 16 - 8]" % b, "mov eax, [%s + 8]" % b, "mov eax, dword [%s + 8]" % b))
    R.append(("lea eax, dword [%s + 8]" % b, "lea eax, [%s + 8]" % b, "lea eax, [%s + 8]" % b))
    R.append(("add eax, 0xffffffff", None, "add eax, -1"))
    R.append(("add al, 0xff", None, "add al, -1"))
    R.append(("mov ax, 0xffff", None, "mov ax, -1"))
    R.append(("sal ecx, 3", None, "shl ecx, 3"))
    R.append(("xchg eax, ecx", None, "xchg ecx, eax"))
    R.append(("imul ecx, 5", None, "imul ecx, ecx, 5"))
    R.append(("test ecx, [%s]" % b, "test [%s], ecx" % b, "test dword [%s], ecx" % b))
    if r64:
        R.append(("lea rax, [r9 + rsp]", None, "lea rax, [rsp + r9]"))
        R.append(("mov64 r9, 0x123456789", "movabs r9, 0x123456789", "movabs r9, 0x123456789"))
        R.append(("mov64 rax, 5", "movabs rax, 5", "movabs rax, 5"))
    if r64:
        # The load-any-constant macro: mov r32 / mov r64, simm32 / movabs.
        for r in range(16):
            for v in (0, 1, 0x7F, 0x80, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
                      0x100000000, -1, -0x80000000, -0x80000001, 0x123456789ABCDEF0,
                      -0x8000000000000000, 0x7FFFFFFFFFFFFFFF):
                name = GPR[8][r]
                if 0 <= v <= 0xFFFFFFFF:
                    sv = v - (1 << 32) if v >= 1 << 31 else v
                    gas = "mov %s, %s" % (GPR[4][r], num(v))
                    canon = "mov %s, %s" % (GPR[4][r], num(sv))
                elif -(1 << 31) <= v < 1 << 31:
                    gas = canon = "mov %s, %s" % (name, num(v))
                else:
                    gas = canon = "movabs %s, %s" % (name, num(v))
                R.append(("mov %s, %s" % (name, num(v)), gas, canon))
    return R


def label_programs(m):
    """Multi-statement programs with labels (assembled at address 0):
    every branch and rip-relative form to local, global and dynamic labels,
    forward and backward, near and short."""
    a = GPR[m.ptr]
    pad = "; ".join(["mov dword [%s + 0x100], 0x12345678" % a[3]] * 15)  # beyond rel8
    P = [
        "jmp >1; %s; 1: ret" % pad,
        "1: nop; %s; jmp <1" % pad,
        "jmp short >1; nop; 1: ret",
        "1: nop; jmp short <1",
        "1: nop; jmp short <1; jmp short >1; int3; 1: ret",
        "call >1; %s; 1: ret" % pad,
        "1: ret; %s; call <1" % pad,
        "->entry: nop; %s; call ->entry; jmp ->entry; je ->entry" % pad,
        "jmp ->fwd; %s; ->fwd: ret" % pad,
        "jmp =>3; %s; =>3: nop; %s; jne =>3" % (pad, pad),
        "1: nop; 2: nop; jmp short <1; jmp short <2; jmp short >1; jmp short >2; 1: nop; 2: nop",
        "1: nop; jmp >2; %s; 2: jmp <1" % pad,
        # Several references waiting for one definition, of every kind.
        "jmp >1; je >1; call >1; jne >1; %s; 1: ret" % pad,
        # A definition answers the references before it only; the next
        # forward reference waits for the next definition. (Every branch
        # spans `pad`, so that GNU as keeps rel32 as xlj does.)
        "jmp >1; %s; 1: jmp >1; jb >1; %s; 1: ret; %s; jmp <1" % (pad, pad, pad),
        # Label numbers far apart (kept in a table or hashed).
        "jmp >5000; jmp =>7; jmp =>5000; %s; 5000: nop; =>5000: nop; %s; =>7: nop; %s; "
        "jmp <5000" % (pad, pad, pad),
    ]
    for cc in CC:
        P.append("1: nop; j%s >2; %s; 2: j%s <1" % (cc, pad, cc))
        P.append("1: j%s short >1; j%s short <1; 1: ret" % (cc, cc))
    if m.x64:
        P += [
            "lea rax, [->tab]; lea r12, [rip + ->tab + 8]; ret; ->tab: .dword 1",
            "->tab: .dword 1; lea rax, [->tab]; mov ecx, dword [rip + ->tab - 4]",
            "mov dword [->x], 5; mov word [->x], 5; mov byte [->x], 5; cmp byte [->x], 1; "
            "add qword [->x], 0x100; ->x: .dword 0",
            "roundsd xmm1, qword [->x], 9; movsd xmm0, qword [->x]; ucomisd xmm3, qword [->x]; "
            "imul eax, dword [->x], 0x1000; ->x: .dword 0",
            "jmp qword [->t]; call qword [->t]; push qword [->t]; ->t: .dword 0",
            "1: .dword 7; lea rsi, [<1]; lea rdi, [>1]; 1: .byte 1",
            "lea rax, [=>7]; =>7: nop",
        ]
    else:
        P += [
            "lea eax, [->tab]; mov ecx, dword [->tab + 4]; ret; ->tab: .word 1, 2",
            "mov dword [->x], 5; mov al, byte [->x]; cmp byte [->x], 1; ->x: .word 0",
            "mov eax, dword [ebx + ->tab]; mov ecx, dword [ebx + esi*4 + ->tab]; ->tab: .word 0",
            "jmp dword [->t]; call dword [->t]; push dword [->t]; ->t: .word 0",
            "movsd xmm0, qword [->c]; addsd xmm1, qword [->c + 8]; ->c: .dword 1, 2",
            "1: .word 7; lea esi, [<1]; lea edi, [>1]; 1: .byte 1",
            "fs; push dword [0]; fs; mov dword [0], esp; fs; pop dword [0]; gs; mov eax, dword [ebx]",
            "push ->x; mov dword [esp + 4], ->x; mov dword [ebx + esi*4 + 0x100], ->x; "
            "mov eax, ->x; ->x: ret",
        ]
    return P


ERROR_CANDIDATES = [
    # operand sizes that do not match
    "mov rax, ebx", "add eax, bx", "mov dword [{b}], rbx", "xchg eax, rbx", "test al, bx",
    "cmovne al, bl", "imul al, bl", "imul al, bl, 3", "bsf al, bl", "movzx eax, eax",
    "movzx ax, ax", "movsx eax, dword [{b}]", "movsxd eax, ecx", "bswap al",
    # memory without a size where none can be inferred
    "mov [{b}], 1", "inc [{b}]", "shl [{b}], 1", "push [{b}]", "movzx eax, [{b}]",
    "cvtsi2sd xmm0, [{b}]",
    # registers that cannot go together or there
    "mov ah, r8b", "mov ah, sil", "add byte [r9], ah", "mov eax, dword [rsp*2]",
    "mov eax, dword [{b} + esp*2]", "mov eax, dword [{b}*3]", "mov eax, dword [{b} + {b} + {b}]",
    "lea eax, ecx", "lea al, [{b}]", "setne eax", "shl eax, ebx", "shl eax, cx",
    "movsd xmm0, eax", "addsd eax, xmm0", "cvtsi2sd xmm0, ax", "cvttsd2si ax, xmm0",
    "movd xmm0, ax", "pxor eax, xmm0", "roundsd xmm0, eax, 1", "movlpd xmm0, xmm1",
    "fld st8", "fld tbyte [{b}]", "fxch eax", "jmp short eax", "call short 0x10",
    "ret eax", "pop byte [{b}]", "int3 eax", "cpuid eax", "frob eax",
    # registers of the other mode
    "mov rax, 1", "mov r8d, 1", "mov spl, 1", "movsd xmm8, xmm0", "mov eax, [rip]",
    "push rax", "cdqe", "cqo", "pushfq", "movsxd rax, ecx",
    "push eax", "pushfd", "mov eax, [ebx]", "movq xmm0, eax",
]
