/*
 * The option bytes the fake emulates, by the names sendOptionBytesCmd takes (STM32_Programmer_CLI's -ob names,
 * which are the reference manual's field names): RDP, and the write-protected page areas of an STM32L5 in
 * dual-bank mode, WRP<bank><area>_PSTRT and WRP<bank><area>_PEND (bank 1 or 2, area A or B, page indexes within
 * the bank, 0 to 0x7F; an area whose start is above its end protects nothing).
 */
#ifndef FAKE_OPTION_BYTES_H
#define FAKE_OPTION_BYTES_H

#include <stddef.h>

#pragma GCC visibility push(hidden)

/* Every area protects nothing. */
void ob_reset(void);

/*
 * Applies a command written as the header says, "-ob name=value ...", whole or not at all. Returns 0, or -8
 * (WRONG_PARAM) with the library's message in error. *rdp is the RDP value the command sets, or -1.
 */
int ob_apply(const char *command, long *rdp, char *error, size_t capacity);

int ob_write_protected(unsigned int bank, unsigned int page_in_bank);

int ob_any_write_protected(void);

#pragma GCC visibility pop

#endif
