/* A small STM32L552 application whose image has several segments, for trying Stm32Flash on the simulator:
 * vector table + code at 0x08000000, a constant table in its own page, a version string at an odd address,
 * and a data-storage page near the end of flash. It blinks nothing; it only has to look like firmware. */
#include <stdint.h>

extern uint32_t _estack, _sidata, _sdata, _edata, _sbss, _ebss;

int main(void);
void Reset_Handler(void);
void Default_Handler(void);

/* Sine table, 64 entries: the "constant table" segment at 0x08008000. */
__attribute__((section(".const_table"), used))
const int16_t sine_table[64] = {
    0, 3212, 6393, 9512, 12539, 15446, 18204, 20787, 23170, 25329, 27245, 28898, 30273, 31356, 32137, 32609,
    32767, 32609, 32137, 31356, 30273, 28898, 27245, 25329, 23170, 20787, 18204, 15446, 12539, 9512, 6393, 3212,
    0, -3212, -6393, -9512, -12539, -15446, -18204, -20787, -23170, -25329, -27245, -28898, -30273, -31356, -32137, -32609,
    -32767, -32609, -32137, -31356, -30273, -28898, -27245, -25329, -23170, -20787, -18204, -15446, -12539, -9512, -6393, -3212,
};

/* Version string at an address that is not 8-byte aligned (0x08010003). */
__attribute__((section(".version"), used))
const char version[] = "stm32l552-demo 1.0";

/* Factory data in the data-storage page (0x0807F800): a serial number and calibration words. */
__attribute__((section(".storage"), used))
const uint32_t factory_data[5] = { 0x4C353532u, 0x00000001u, 0x000003E8u, 0x00000FA0u, 0xC0FFEE00u };

__attribute__((section(".isr_vector"), used))
void (*const vectors[16])(void) = {
    (void (*)(void))&_estack, Reset_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, 0, 0, 0, 0, Default_Handler, Default_Handler, 0, Default_Handler, Default_Handler,
};

static volatile uint32_t ticks = 7;
static volatile uint32_t accumulator;

void Reset_Handler(void)
{
    uint32_t *src = &_sidata;
    for (uint32_t *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
    for (uint32_t *dst = &_sbss; dst < &_ebss;) *dst++ = 0;
    main();
    for (;;) { }
}

void Default_Handler(void)
{
    for (;;) { }
}

int main(void)
{
    for (uint32_t i = 0; i < 64; i++) accumulator += (uint32_t)sine_table[(i * ticks) & 63] + (uint8_t)version[i % sizeof version];
    accumulator ^= factory_data[0];
    return 0;
}
