/* A tiny Cortex-M33 (STM32L5-like) firmware for the help examples: a vector table and code at 0x08000000,
   initialised data loaded from flash, and a configuration block in a separate flash page. */
#include <stdint.h>

extern uint32_t _estack, _sidata, _sdata, _edata, _sbss, _ebss;
void Reset_Handler(void);

__attribute__((section(".isr_vector"), used)) const void *const vectors[2] = { &_estack, Reset_Handler };

struct config { uint32_t magic; uint16_t baud_div; uint8_t address; uint8_t flags; char name[8]; };
__attribute__((section(".config"), used)) const struct config config = { 0xC0F16001u, 139, 0x42, 1, "sample" };

volatile uint32_t ticks = 100;
volatile uint8_t pattern[8] = { 1, 3, 7, 15, 31, 63, 127, 255 };
uint32_t scratch[32];

void Reset_Handler(void)
{
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata) *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss;) *dst++ = 0;
    for (;;)
    {
        ticks += pattern[ticks & 7] + config.address;
        scratch[ticks & 31] = ticks;
    }
}
