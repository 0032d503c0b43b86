/*
 * forms_main.c: the 32-bit driver for forms.S. Runs the cases (under
 * qemu-ppc with the mffscrn shim preloaded, each one traps into the shim)
 * and writes the raw results to stdout, for xtask's shim check to compare
 * with forms.golden, recorded from qemu-ppc64 -cpu power9.
 *
 * `forms_main illegal` and `forms_main reserved` instead run a word the
 * shim must not take over (an all-zero word; mffs with the undefined
 * control form 2); the check expects these to die of SIGILL.
 * `forms_main env` prints LD_PRELOAD, which the shim should have taken
 * itself out of.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void run_forms(unsigned char *out, const unsigned char *in);
extern const unsigned char forms_inputs[];
extern const unsigned int forms_count;

int main(int argc, char **argv)
{
    static unsigned char out[16 * 256];

    if (argc > 1 && strcmp(argv[1], "illegal") == 0) {
        __asm__ volatile(".long 0x00000000");
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "env") == 0) {
        const char *preload = getenv("LD_PRELOAD");
        printf("%s\n", preload ? preload : "(unset)");
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "reserved") == 0) {
        __asm__ volatile(".long 0xfc02048e");
        return 0;
    }
    if (forms_count > 256)
        return 2;
    run_forms(out, forms_inputs);
    return fwrite(out, 16, forms_count, stdout) == forms_count ? 0 : 1;
}
