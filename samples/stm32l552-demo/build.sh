#!/usr/bin/env bash
# Rebuilds demo.elf and demo.hex from demo.c and demo.ld with the Debian arm-none-eabi toolchain
# (gcc-arm-none-eabi, binutils-arm-none-eabi). Usage: ./build.sh [output-folder]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
mkdir -p "$out"
arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -Os -ffreestanding -nostdlib -nostartfiles \
    -ffunction-sections -fno-asynchronous-unwind-tables -g0 -Wl,--build-id=none \
    -T "$here/demo.ld" "$here/demo.c" -o "$out/demo.elf"
arm-none-eabi-objcopy -O ihex "$out/demo.elf" "$out/demo.hex"
