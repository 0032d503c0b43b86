/*
 * ppc_mffscrn.c: emulates the ISA 3.0 "mffs with control" instructions for
 * 32-bit PowerPC programs run under qemu-ppc 7.2.
 *
 * Why: Debian's 32-bit PowerPC glibc sets and restores the rounding mode in
 * libm (sin, cos, pow, atan2, ...) with mffscrn/mffscrni and reads the
 * FPSCR with mffsl. Those encodings sit in the reserved bits of mffs, so a
 * pre-POWER9 CPU runs them as a plain mffs and glibc copes with either
 * result; qemu-ppc 7.2 instead raises SIGILL for every -cpu it offers.
 * `cargo xtask` builds this file into a shared object and hands it to qemu
 * as LD_PRELOAD for ppc runs, so the test suites can call libm.
 *
 * How: a constructor installs a SIGILL handler. The handler reads the
 * faulting word at the saved NIP; if it is one of the six forms below it
 * carries the instruction out on the saved floating-point context (which
 * the kernel, or qemu, loads back on sigreturn) and steps over it.
 * Anything else restores the default action and returns, so the same
 * instruction traps again and kills the process as it would have without
 * the shim. The constructor also takes the shim out of LD_PRELOAD, so the
 * program's environment is what it would have been without the harness.
 *
 * The forms (primary opcode 63, extended opcode 583, Rc = 0, the form in
 * instruction bits 11:15), after Power ISA 3.0B, Book I, 4.6.10. FPSCR
 * bits are numbered 0..63 from the most significant bit, as in the ISA:
 *
 *   1  mffsce    FRT        FRT <- FPSCR; then VE OE UE ZE XE <- 0
 *   20 mffscdrn  FRT,FRB    FRT <- control bits; DRN <- FRB[29:31]
 *   21 mffscdrni FRT,DRM    FRT <- control bits; DRN <- DRM
 *   22 mffscrn   FRT,FRB    FRT <- control bits; RN  <- FRB[62:63]
 *   23 mffscrni  FRT,RM     FRT <- control bits; RN  <- RM
 *   24 mffsl     FRT        FRT <- control bits and FR FI FPRF
 *
 * "Control bits" are DRN (29:31) and VE OE UE ZE XE NI RN (56:63); every
 * other bit of FRT is 0.
 *
 * Only this one signal handler is involved, it touches nothing but its
 * own ucontext, and it calls only sigaction, which is async-signal-safe.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#if !defined(__powerpc__) || defined(__powerpc64__)
#error "this shim is for 32-bit PowerPC Linux only"
#endif

/* Index of the next-instruction address in the saved general registers
 * (PT_NIP in the kernel's asm/ptrace.h). */
#define SAVED_NIP 32

/* FPSCR fields as masks on the 64-bit register; ISA bit b is 1 << (63 - b). */
#define FPSCR_DRN (7ull << 32)       /* bits 29:31 */
#define FPSCR_STATUS (0x7full << 12) /* bits 45:51: FR FI C FPCC */
#define FPSCR_ENABLES (0x1full << 3) /* bits 56:60: VE OE UE ZE XE */
#define FPSCR_NI_RN 7ull             /* bits 61:63 */
#define FPSCR_RN 3ull                /* bits 62:63 */
#define FPSCR_CONTROL (FPSCR_DRN | FPSCR_ENABLES | FPSCR_NI_RN)

enum form {
    MFFSCE = 1,
    MFFSCDRN = 20,
    MFFSCDRNI = 21,
    MFFSCRN = 22,
    MFFSCRNI = 23,
    MFFSL = 24,
};

static uint64_t bits_of(const double *d)
{
    uint64_t u;
    memcpy(&u, d, sizeof u);
    return u;
}

static void set_bits(double *d, uint64_t u)
{
    memcpy(d, &u, sizeof u);
}

/* Loads `fpscr` into the live FPSCR as well as the saved one. qemu-ppc
 * 7.2's sigreturn copies the saved FPSCR back as raw bits without
 * re-deriving the rounding mode its soft-float code uses, so a new RN
 * written only to the saved context would read back right but not round
 * right. A real mtfsf sets both; the sigreturn then writes the same bits
 * again. (A kernel restores the FPSCR with mtfsf itself, so there this is
 * merely redundant.) */
static void load_fpscr(uint64_t fpscr)
{
    double d;

    set_bits(&d, fpscr);
    __asm__ volatile("mtfsf 0xff,%0" : : "f"(d));
}

/* Carries out `insn` on the saved FP state; returns 0 if it is not one of
 * the emulated forms (or is malformed), leaving the state untouched. */
static int emulate(uint32_t insn, double fpr[32], double *fpscr_slot)
{
    unsigned primary = insn >> 26;
    unsigned xo = (insn >> 1) & 0x3ff;
    unsigned frt = (insn >> 21) & 31;
    unsigned form = (insn >> 16) & 31;
    unsigned frb = (insn >> 11) & 31;
    uint64_t fpscr;
    uint64_t frb_bits;
    uint64_t result;

    if (primary != 63 || xo != 583 || (insn & 1) != 0)
        return 0;
    fpscr = bits_of(fpscr_slot);
    frb_bits = bits_of(&fpr[frb]);
    switch (form) {
    case MFFSCE:
        result = fpscr;
        fpscr &= ~FPSCR_ENABLES;
        break;
    case MFFSCDRN:
        result = fpscr & FPSCR_CONTROL;
        fpscr = (fpscr & ~FPSCR_DRN) | (frb_bits & FPSCR_DRN);
        break;
    case MFFSCDRNI:
        result = fpscr & FPSCR_CONTROL;
        /* DRM is instruction bits 18:20. */
        fpscr = (fpscr & ~FPSCR_DRN) | ((uint64_t)((insn >> 11) & 7) << 32);
        break;
    case MFFSCRN:
        result = fpscr & FPSCR_CONTROL;
        fpscr = (fpscr & ~FPSCR_RN) | (frb_bits & FPSCR_RN);
        break;
    case MFFSCRNI:
        result = fpscr & FPSCR_CONTROL;
        /* RM is instruction bits 19:20. */
        fpscr = (fpscr & ~FPSCR_RN) | ((insn >> 11) & 3);
        break;
    case MFFSL:
        result = fpscr & (FPSCR_CONTROL | FPSCR_STATUS);
        break;
    default:
        return 0;
    }
    /* FRB is read before FRT is written: they may be the same register. */
    set_bits(&fpr[frt], result);
    if (form != MFFSL) {
        set_bits(fpscr_slot, fpscr);
        load_fpscr(fpscr);
    }
    return 1;
}

static void on_sigill(int sig, siginfo_t *info, void *context)
{
    ucontext_t *uc = context;
    mcontext_t *mc = uc->uc_mcontext.uc_regs;
    uint32_t insn;
    struct sigaction dfl;

    (void)info;
    memcpy(&insn, (const void *)mc->gregs[SAVED_NIP], sizeof insn);
    if (emulate(insn, mc->fpregs.fpregs, &mc->fpregs.fpscr)) {
        mc->gregs[SAVED_NIP] += 4;
        return;
    }
    /* A genuine illegal instruction: let it trap again, unhandled. */
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, 0);
}

/* Takes this shim's own entry out of LD_PRELOAD, so the program sees the
 * environment it would have had without the harness, and so that a host
 * program it starts (qemu-user runs those natively) does not complain
 * about a 32-bit PowerPC object in its preload list. */
static void hide_from_environment(void)
{
    static char rest[4096];
    const char *list = getenv("LD_PRELOAD");
    const char *self;
    Dl_info info;
    size_t used = 0;

    if (list == 0 || dladdr((void *)hide_from_environment, &info) == 0 || info.dli_fname == 0)
        return;
    self = info.dli_fname;
    while (*list != 0) {
        size_t n = strcspn(list, ": ");
        if (n != 0 && !(n == strlen(self) && strncmp(list, self, n) == 0)) {
            if (used + n + 2 > sizeof rest)
                return; /* too long to rewrite: leave it as it is */
            if (used != 0)
                rest[used++] = ':';
            memcpy(rest + used, list, n);
            used += n;
        }
        list += n;
        if (*list != 0)
            list++;
    }
    rest[used] = 0;
    if (used == 0)
        unsetenv("LD_PRELOAD");
    else
        setenv("LD_PRELOAD", rest, 1);
}

__attribute__((constructor)) static void install(void)
{
    struct sigaction sa;

    hide_from_environment();

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigill;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGILL, &sa, 0);
}
