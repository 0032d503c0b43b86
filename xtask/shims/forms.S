# forms.S: runs each "mffs with control" form the ppc_mffscrn shim
# emulates on a set of FPSCR and FRB values, and stores what it produced.
#
# Why: the shim's semantics must come from somewhere other than the shim.
# The same cases are assembled twice: as a 32-bit function that
# forms_main.c calls under qemu-ppc with the shim preloaded, and (with
# --defsym FORMS64=1) as a freestanding 64-bit program that qemu-ppc64
# runs with -cpu power9, whose own implementation of these instructions is
# the reference. record_golden.sh records the latter into forms.golden;
# xtask's shim check compares the former with it.
#
# run_forms(r3 = out, r4 = in): case i reads in[2i] (loaded into the
# FPSCR) and in[2i+1] (the FRB operand, also FRT's old value), and writes
# out[2i] = FRT and out[2i+1] = the FPSCR afterwards. Only the low word
# of the latter is kept: 32-bit CPUs have no DRN field, so a DRN change is
# visible only in the 64-bit reference. Doublewords are big-endian.
#
# Per FPSCR value, the cases are: mffsce; mffscdrn; mffscdrni 0, 1, 5, 7;
# mffscrn; mffscrni 0, 1, 2, 3; mffsl; mffscrn with FRT = FRB; mffs.

	.machine power9

	.macro case insn:vararg
	case_then "\insn", "nop"
	.endm

	# Runs `insn`, then `then` (which moves a result into f3 if needed).
	.macro case_then insn, then
	lfd 1, 0(4)
	lfd 5, 8(4)
	fmr 3, 5
	.ifdef FORMS64
	mtfsf 0xff, 1, 1, 0	# all 64 bits: also resets DRN
	.else
	mtfsf 0xff, 1
	.endif
	\insn
	\then
	mffs 4
	stfd 3, 0(3)
	stfd 4, 8(3)
	stw 0, 8(3)		# r0 is 0: drop the FPSCR's upper word
	addi 3, 3, 16
	addi 4, 4, 16
	.endm

	.macro cases_for_one_fpscr
	case mffsce 3
	case mffscdrn 3, 5
	.irp drm, 0, 1, 5, 7
	case mffscdrni 3, \drm
	.endr
	case mffscrn 3, 5
	.irp rm, 0, 1, 2, 3
	case mffscrni 3, \rm
	.endr
	case mffsl 3
	case_then "mffscrn 5, 5", "fmr 3, 5"
	case mffs 3
	.endm

	# One FPSCR value with the FRB values of its 14 cases.
	.macro inputs fpscr
	.irp frb, 0x0000000000000000, 0x0000000500000002, 0, 0, 0, 0, 0xffffffffffffffff, 0, 0, 0, 0, 0x0000000300000001, 0x0000000000000002, 0
	.long 0, \fpscr
	.long (\frb >> 32), (\frb & 0xffffffff)
	.endr
	.endm

	.text
	.globl run_forms
	.type run_forms, @function
run_forms:
	mffs 0			# the caller's FPSCR, given back at the end
	li 0, 0
	.rept 8
	cases_for_one_fpscr
	.endr
	.ifdef FORMS64
	mtfsf 0xff, 0, 1, 0
	.else
	mtfsf 0xff, 0
	.endif
	blr
	.size run_forms, . - run_forms

	.data
	.globl forms_inputs
	.p2align 3
forms_inputs:
	# Status and control bits set one group at a time, no exception
	# enabled while its exception bit is set (that would trap).
	inputs 0x00000000
	inputs 0x000000ff	# VE OE UE ZE XE NI, RN = 3
	inputs 0x00000001
	inputs 0x00000006	# NI, RN = 2
	inputs 0x0007f0fa	# FR FI FPRF, all enables, RN = 2
	inputs 0x92000003	# FX OX XX, RN = 3
	inputs 0x82000101	# FX XX VXCVI, RN = 1
	inputs 0x0001f004	# FPRF, NI
	.globl forms_count
	.p2align 2
forms_count:
	.long 8 * 14

	.ifdef FORMS64
	# The 64-bit reference: no libc, just run the cases and write the
	# results to stdout.
	.abiversion 2
	.bss
	.p2align 3
results:
	.space 8 * 14 * 16
	.text
	.globl _start
_start:
	lis 3, results@ha
	addi 3, 3, results@l
	lis 4, forms_inputs@ha
	addi 4, 4, forms_inputs@l
	bl run_forms
	li 0, 4			# write(1, results, size)
	li 3, 1
	lis 4, results@ha
	addi 4, 4, results@l
	li 5, 8 * 14 * 16
	sc
	li 0, 1			# exit(0)
	li 3, 0
	sc
	.endif
