using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices
{
    /// <summary>
    /// The products Stm32Flash knows. Figures from AN2606, AN3155/AN4221 and the reference manuals. An alias is another
    /// part on the same die: the same product ID and the same memory map (flash pages, banks, RAM), possibly with less
    /// flash fitted. Parts that differ in either are not aliases: L496 (0x461), F410 (0x458), H750 (one 128 KiB
    /// sector), F103xC (48 KiB RAM), and H742, whose RAM layout is not confirmed to match the H743's.
    /// </summary>
    public static class DeviceCatalog
    {
        private const int K = 1024;

        private static readonly Lazy<IReadOnlyList<DeviceInfo>> _all = new Lazy<IReadOnlyList<DeviceInfo>>(Build);

        public static IReadOnlyList<DeviceInfo> All => _all.Value;

        /// <summary>Finds a device by catalog name, alias or full part number (case-insensitive; "STM32" may be left off).</summary>
        public static DeviceInfo? Find(string name) => All.FirstOrDefault(d => d.Matches(name));

        public static DeviceInfo Get(string name) =>
            Find(name) ?? throw new KeyNotFoundException(
                $"Unknown device '{name}'. Known devices: {string.Join(", ", All.Select(d => d.Name))}.");

        /// <summary>Devices whose bootloader reports this product ID (several parts can share one).</summary>
        public static IReadOnlyList<DeviceInfo> FindByProductId(ushort productId) =>
            All.Where(d => d.ProductId == productId).ToList();

        private static Dictionary<TargetInterface, TransferLimits> Limits(params TargetInterface[] bootloaderInterfaces) =>
            Limits(1024, bootloaderInterfaces);

        private static Dictionary<TargetInterface, TransferLimits> Limits(int dfuTransfer, params TargetInterface[] bootloaderInterfaces)
        {
            var d = new Dictionary<TargetInterface, TransferLimits>
            {
                // The debug port has no protocol limit; 16 KiB keeps progress and error reports fine-grained.
                [TargetInterface.Swd] = new TransferLimits(16 * K, 16 * K),
                [TargetInterface.Jtag] = new TransferLimits(16 * K, 16 * K),
            };
            foreach (var i in bootloaderInterfaces)
                d[i] = i == TargetInterface.Dfu ? new TransferLimits(dfuTransfer, dfuTransfer) : new TransferLimits(256, 256);
            return d;
        }

        private static AddressRange R(uint start, long length) => AddressRange.FromLength(start, length);

        private static IReadOnlyList<DeviceInfo> Build()
        {
            const TargetInterface U = TargetInterface.Usart, I = TargetInterface.I2c, S = TargetInterface.Spi,
                C = TargetInterface.Can, D = TargetInterface.Dfu;
            return new[]
            {
                new DeviceInfo("STM32L552", new[] { "STM32L562" }, "STM32L5", 0x472,
                    FlashLayout.Uniform(0x08000000, banks: 2, pagesPerBank: 128, pageSize: 2 * K),
                    programUnit: 8, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 256 * K) }, bootloaderRam: R(0x20000000, 0x4000),
                    systemMemory: R(0x0BF90000, 32 * K), optionBytes: R(0x40022040, 0x40),
                    limits: Limits(U, I, S, C, D),
                    notes: "Dual-bank mode (DBANK=1, as shipped): 2 x 128 pages of 2 KiB."),
                new DeviceInfo("STM32L476", new[] { "STM32L486", "STM32L475" }, "STM32L4", 0x415,
                    FlashLayout.Uniform(0x08000000, banks: 2, pagesPerBank: 256, pageSize: 2 * K),
                    programUnit: 8, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 96 * K), R(0x10000000, 32 * K) }, bootloaderRam: R(0x20000000, 0x3100),
                    systemMemory: R(0x1FFF0000, 28 * K), optionBytes: R(0x1FFF7800, 0x30),
                    limits: Limits(U, I, S, C, D)),
                new DeviceInfo("STM32G431", new[] { "STM32G441" }, "STM32G4", 0x468,
                    FlashLayout.Uniform(0x08000000, banks: 1, pagesPerBank: 64, pageSize: 2 * K),
                    programUnit: 8, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 22 * K), R(0x10000000, 10 * K) }, bootloaderRam: R(0x20000000, 0x4000),
                    systemMemory: R(0x1FFF0000, 28 * K), optionBytes: R(0x1FFF7800, 0x30),
                    limits: Limits(U, I, S, C, D)),
                new DeviceInfo("STM32G474", new[] { "STM32G473", "STM32G483", "STM32G484", "STM32G471" }, "STM32G4", 0x469,
                    FlashLayout.Uniform(0x08000000, banks: 2, pagesPerBank: 128, pageSize: 2 * K),
                    programUnit: 8, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 96 * K), R(0x10000000, 32 * K) }, bootloaderRam: R(0x20000000, 0x4000),
                    systemMemory: R(0x1FFF0000, 28 * K), optionBytes: R(0x1FFF7800, 0x30),
                    limits: Limits(U, I, S, C, D),
                    notes: "Dual-bank mode (DBANK=1, as shipped): 2 x 128 pages of 2 KiB."),
                new DeviceInfo("STM32F405", new[] { "STM32F407", "STM32F415", "STM32F417" }, "STM32F4", 0x413,
                    FlashLayout.Sectors(0x08000000, (4, 16 * K), (1, 64 * K), (7, 128 * K)),
                    programUnit: 1, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 128 * K), R(0x10000000, 64 * K) }, bootloaderRam: R(0x20000000, 0x3000),
                    systemMemory: R(0x1FFF0000, 30 * K), optionBytes: R(0x1FFFC000, 16),
                    limits: Limits(2048, U, C, D)),
                new DeviceInfo("STM32F411", Array.Empty<string>(), "STM32F4", 0x431,
                    FlashLayout.Sectors(0x08000000, (4, 16 * K), (1, 64 * K), (3, 128 * K)),
                    programUnit: 1, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 128 * K) }, bootloaderRam: R(0x20000000, 0x3000),
                    systemMemory: R(0x1FFF0000, 30 * K), optionBytes: R(0x1FFFC000, 16),
                    limits: Limits(2048, U, I, S, D)),
                new DeviceInfo("STM32F103x8", new[] { "STM32F103xB", "STM32F103-MD" }, "STM32F1", 0x410,
                    FlashLayout.Uniform(0x08000000, banks: 1, pagesPerBank: 128, pageSize: 1 * K),
                    programUnit: 2, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 20 * K) }, bootloaderRam: R(0x20000000, 0x200),
                    systemMemory: R(0x1FFFF000, 2 * K), optionBytes: R(0x1FFFF800, 16),
                    limits: Limits(U),
                    notes: "Medium density: 128 pages of 1 KiB (the x8 parts have 64 KiB fitted, 128 KiB addressable)."),
                new DeviceInfo("STM32F103xE", new[] { "STM32F103xD", "STM32F103-HD" }, "STM32F1", 0x414,
                    FlashLayout.Uniform(0x08000000, banks: 1, pagesPerBank: 256, pageSize: 2 * K),
                    programUnit: 2, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 64 * K) }, bootloaderRam: R(0x20000000, 0x200),
                    systemMemory: R(0x1FFFF000, 2 * K), optionBytes: R(0x1FFFF800, 16),
                    limits: Limits(U),
                    notes: "High density: 256 pages of 2 KiB."),
                new DeviceInfo("STM32H743", new[] { "STM32H753" }, "STM32H7", 0x450,
                    FlashLayout.Sectors(0x08000000, 2, (8, 128 * K)),
                    programUnit: 32, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 128 * K), R(0x24000000, 512 * K), R(0x30000000, 288 * K), R(0x38000000, 64 * K) },
                    bootloaderRam: R(0x20000000, 0x4100),
                    systemMemory: R(0x1FF00000, 128 * K), optionBytes: R(0x5200201C, 0x24),
                    limits: Limits(U, I, S, C, D),
                    i2cAddress: 0x4E,
                    notes: "Two banks of 8 sectors of 128 KiB; 256-bit flash words."),
                new DeviceInfo("STM32U575", new[] { "STM32U585" }, "STM32U5", 0x482,
                    FlashLayout.Uniform(0x08000000, banks: 2, pagesPerBank: 128, pageSize: 8 * K),
                    programUnit: 16, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 768 * K) }, bootloaderRam: R(0x20000000, 0x4000),
                    systemMemory: R(0x0BF90000, 32 * K), optionBytes: R(0x40022040, 0x40),
                    limits: Limits(U, I, S, C, D),
                    notes: "Two banks of 128 pages of 8 KiB; 128-bit flash words."),
                new DeviceInfo("STM32G071", new[] { "STM32G070", "STM32G081" }, "STM32G0", 0x460,
                    FlashLayout.Uniform(0x08000000, banks: 1, pagesPerBank: 64, pageSize: 2 * K),
                    programUnit: 8, erasedValue: 0xFF,
                    ram: new[] { R(0x20000000, 36 * K) }, bootloaderRam: R(0x20000000, 0x2700),
                    systemMemory: R(0x1FFF0000, 28 * K), optionBytes: R(0x1FFF7800, 0x80),
                    limits: Limits(U, I, S),
                    i2cAddress: 0x51),
            };
        }
    }
}
