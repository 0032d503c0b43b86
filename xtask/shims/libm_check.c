/*
 * libm_check.c: prints libm results for a fixed set of arguments, one
 * function call a line, so that a run under qemu-ppc with the mffscrn shim
 * can be compared with the same program run natively on x64.
 *
 * Why: the shim changes how every rounding-mode switch in ppc glibc's
 * libm is carried out. glibc's double functions are correctly rounded or
 * use the same portable C code on both architectures, so the x64 output
 * (recorded once into libm_check.golden by record_libm_golden.sh) is an
 * independent reference for what the ppc run must print. A shim that got
 * the rounding mode or the FPSCR wrong would show up as different digits,
 * as a lost exception flag, or as a crash.
 *
 * Build with -ffp-contract=off (no multiply-adds fused on ppc only),
 * -frounding-math and -fno-builtin (gcc would otherwise expand floor and
 * friends inline assuming round-to-nearest; on x64 that gives floor(0.45)
 * = -0 when rounding downward).
 */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

/* A fixed pseudo-random sequence (64-bit LCG, Knuth's MMIX constants). */
static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state;
}

/* An argument in [-span, span), built with exact integer-to-double steps.
 * Calls are sequenced by hand: C leaves the order in which a call's
 * arguments are evaluated open, and gcc picks differently per target. */
static double arg(double span)
{
    int64_t k = (int64_t)(next() >> 11) - (1ll << 52);
    return (double)k / 4503599627370496.0 * span;
}

static const double specials[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 3.141592653589793, 1e-300, -1e-300,
    1e300, 710.0, -745.5, 1e22, 0.1, 4.9406564584124654e-324,
    INFINITY, -INFINITY, NAN,
};

static void line(const char *name, double a, double b, double r)
{
    /* A default NaN's sign is the CPU's choice (x86 sets it, PowerPC does
     * not), not libm's, so NaNs print without one. */
    if (isnan(r))
        printf("%s(%.17g, %.17g) = nan\n", name, a, b);
    else
        printf("%s(%.17g, %.17g) = %.17g\n", name, a, b, r);
}

static void unary(double x)
{
    line("sin", x, 0, sin(x));
    line("cos", x, 0, cos(x));
    line("tan", x, 0, tan(x));
    line("exp", x, 0, exp(x));
    line("log", x, 0, log(x));
    line("atan", x, 0, atan(x));
    line("sqrt", x, 0, sqrt(x));
    line("floor", x, 0, floor(x));
}

static void binary(double x, double y)
{
    line("pow", x, y, pow(x, y));
    line("fmod", x, y, fmod(x, y));
    line("atan2", x, y, atan2(x, y));
}

int main(void)
{
    static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD,
                                FE_TOWARDZERO};
    static const char *mode_names[] = {"nearest", "upward", "downward",
                                       "towardzero"};
    size_t i, j;
    int m;
    double x;

    for (i = 0; i < sizeof specials / sizeof specials[0]; i++) {
        unary(specials[i]);
        for (j = 0; j < sizeof specials / sizeof specials[0]; j++)
            binary(specials[i], specials[j]);
    }
    for (i = 0; i < 400; i++) {
        unary(arg(10.0));
        unary(arg(1e6));
        x = arg(10.0);
        binary(x, arg(10.0));
        x = arg(1e3);
        binary(x, arg(3.0));
    }
    /* The caller's rounding mode must survive each libm call (glibc
     * switches to nearest inside and back), and the result must be the
     * one glibc computes for that mode. */
    for (m = 0; m < 4; m++) {
        if (fesetround(modes[m]) != 0) {
            printf("fesetround(%s) failed\n", mode_names[m]);
            continue;
        }
        for (i = 0; i < 50; i++) {
            unary(arg(10.0));
            x = arg(10.0);
            binary(x, arg(4.0));
        }
        printf("mode %s kept: %s\n", mode_names[m],
               fegetround() == modes[m] ? "yes" : "no");
        fesetround(FE_TONEAREST);
    }
    /* Exception flags raised by libm must reach the caller. */
    feclearexcept(FE_ALL_EXCEPT);
    line("log", 0.0, 0, log(0.0));
    printf("divbyzero flag: %s\n", fetestexcept(FE_DIVBYZERO) ? "set" : "clear");
    feclearexcept(FE_ALL_EXCEPT);
    line("exp", 1000.0, 0, exp(1000.0));
    printf("overflow flag: %s\n", fetestexcept(FE_OVERFLOW) ? "set" : "clear");
    feclearexcept(FE_ALL_EXCEPT);
    line("sqrt", -1.0, 0, sqrt(-1.0));
    printf("invalid flag: %s\n", fetestexcept(FE_INVALID) ? "set" : "clear");
    return 0;
}
