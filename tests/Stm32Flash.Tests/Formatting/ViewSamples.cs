using System.Collections.Generic;

namespace Stm32Flash.Tests.Formatting
{
    /// <summary>What one view is shown with (an expression over the variables of <see cref="ViewSamples.Setup"/>) and what it must show.</summary>
    public sealed record ViewSample(string Objects, params string[] MustShow);

    /// <summary>
    /// Objects the cmdlets produce on the simulated STM32L552 from samples/stm32l552-demo/demo.hex (four segments: 220
    /// bytes at 0x08000000, 128 at 0x08008000, 19 at 0x08010003, 20 at 0x0807F800; see samples/README.md), and what each
    /// view must show of them. The expected texts are facts of the sample, the catalog and the display rules (hex
    /// addresses, sizes in bytes below 10 KiB and in KiB above), not output copied from the views.
    /// </summary>
    public static class ViewSamples
    {
        /// <summary>Needs $ptyDevice and $ptyHost, the two ends of a socat pseudo-terminal pair.</summary>
        public const string Setup = """
            $served = Start-Stm32Simulator -Device STM32G474 -Port $ptyDevice -Parity None
            $usart = Connect-Stm32 -Port $ptyHost -Parity None
            $null = Read-Stm32Memory -Address 0x08000000 -Length 16
            Disconnect-Stm32 -Session $usart
            $failing = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions ([Stm32Flash.Targets.Simulation.SimulatorOptions]::new().WithFault(4, 'Drop', 4))
            try { Get-HexSegment ./samples/stm32l552-demo/demo.hex | Write-Stm32Memory -Pad 8 -Session $failing } catch { $writeError = $_ }
            $session = Connect-Stm32 -Simulator STM32L552
            $segments = Get-HexSegment ./samples/stm32l552-demo/demo.hex
            $written = @($segments | Write-Stm32Memory -Pad 8 -PassThru)
            $verified = @($written | Test-Stm32Memory)
            $big = Read-Stm32Memory -Address 0x08000000 -Length (300 * 1024)
            $steps = @($segments | Get-Stm32FlashPlan -Pad 8 -Incremental -PreserveUnwritten -Verify)
            $plan = $segments | Get-Stm32FlashPlan -Pad 8 -AsPlan
            $cleared = @(Clear-Stm32Memory -Address 0x08000000 -Length 4096 -PassThru -Confirm:$false)
            $mismatch = $segments[0] | Test-Stm32Memory
            $devices = @(Get-Stm32Device)
            $f405 = Get-Stm32Device STM32F405
            $l552 = Get-Stm32Device STM32L552
            $options = @(Get-Stm32OptionByte)
            $words = @(Get-Stm32OptionByte -Raw)
            """;

        /// <summary>Every view of the module's format file except those of CubeProgrammer_API's probes (shown over the fake library).</summary>
        public static readonly IReadOnlyDictionary<string, ViewSample> ByView = new Dictionary<string, ViewSample>
        {
            ["Stm32Flash.Device"] = new("$devices",
                "STM32L552", "0x472", "512 KiB", "2 KiB", "16-128 KiB", "128 KiB", "128 B", "Usart,I2c,Spi,Can,Dfu", "STM32F103xE"),
            ["Stm32Flash.Device.List"] = new("$l552",
                "STM32L562", "0x472", "0x08000000..0x08080000, 512 KiB", "dual bank (DBANK=1): 256 pages of 2 KiB in 2 bank(s)", "built-in catalog (devices.json)",
                "(DBANK=0): 128 x 4 KiB", "0x40022040..0x40022070; 38 fields (Get-Stm32OptionByte)", "8 bytes", "0xFF", "0x20000000..0x20040000 (256 KiB)", "0x20000000..0x20004000 (16 KiB)", "256 B: Usart, I2c, Spi, Can; 1 KiB: Dfu; 16 KiB: Swd, Jtag"),
            ["Stm32Flash.FlashLayout"] = new("$l552.Flash", "0x08000000..0x08080000", "512 KiB", "256 pages"),
            ["Stm32Flash.FlashPage"] = new("$f405.Flash.GetPages()", "0x08000000", "0x08004000", "16 KiB", "64 KiB", "128 KiB", "0x08100000"),
            ["Stm32Flash.AddressRange"] = new("$cleared", "0x08000000", "0x08001000", "4 KiB"),
            ["Stm32Flash.Session"] = new("$session, $usart", "STM32L552", "Usart", "True", "simulated", "STM32G474", "False", "8N1, protocol 3.1", "512 KiB dual bank"),
            ["Stm32Flash.Session.List"] = new("$session, $usart, $failing", "STM32L552 (0x472)", "simulated STM32L552 over Usart", "catalog default", "write 256 B",
                "Program at 0x08010000: no answer (operation 7 was lost)."),
            ["Stm32Flash.UsartSimulator"] = new("$served", "STM32G474", "115200", "False", "True", "commands", "/device"),
            ["Stm32Flash.UsartSimulator.List"] = new("$served", "STM32G474 (0x469)", "115200 8N1", "protocol ", "commands", "0 ms"),
            ["Stm32Flash.FlashStep"] = new("$steps",
                "Compare", "Preserve", "Erase", "Program", "Verify", "0x08000000", "0x0807F800", "chunk 1/32, segment 1", "bytes kept from the device", "keep what page 255 holds outside the image", "pages 0, 16, 32, 255"),
            ["Stm32Flash.FlashStep.List"] = new("$steps", "0x08000000..0x08000100", "erase pages 0, 16, 32, 255", "8192 bytes", "chunk 2 of 32: 256 bytes kept from the device"),
            ["Stm32Flash.FlashPlan"] = new("$plan", "STM32L552", "8 bytes", "SegmentCount   : 4", "ImageBytes     : 387", "4 page(s), 8 KiB"),
            ["Stm32Flash.ProgramBlock"] = new("$plan.Blocks", "0x08000000..0x080000E0", "224 B", "0x0807F800..0x0807F818", "False"),
            ["Stm32Flash.ProgramBlock.List"] = new("$plan.Blocks", "0x08000000", "0x08000000..0x080000E0", "0x08000000..0x080000DC"),
            ["Stm32Flash.VerifyResult"] = new("$verified + $mismatch", "0x08000000", "0x08008000", "DeviceCrc", "True", "False", "written: segment 1"),
            ["Stm32Flash.VerifyResult.List"] = new("$mismatch", "0x08000000..0x080000DC", "False", "0xFF", "demo.hex:2"),
            ["Stm32Flash.Segment"] = new("$segments + $written + $big",
                "0x08000000", "0x080000DC", "220 B", "demo.hex:2", "0x0807F814", "written: segment 4 (padded with 4 B of 0xFF)", "300 KiB"),
            ["Stm32Flash.Segment.List"] = new("$segments + $written", "0x08000000", "0x080000DC", "0x08000000..0x080000DC", "demo.hex:2", "00 00 04 20 99 00 00 08"),
            ["Stm32Flash.Images.StartAddress"] = new("$segments[0].Source.Image.StartAddress", "LinearEip", "0x08000040"),
            ["Stm32Flash.Images.ImageInfo"] = new("$segments[0].Source.Image", "demo.hex", "IntelHex", "0x08000040"),
            ["Stm32Flash.WriteFailure"] = new("$failing.LastFailure", "DeviceTimeout", "no answer (operation 7 was lost).", "Noise on the line", "0x08010000",
                "0x08000000..0x080000E0, 0x08008000..0x08008080", "none"),
            ["Stm32Flash.OptionByte"] = new("$options", "RDP", "0xAA", "level 0: open", "protection", "NSBOOTADD1", "0x17F200", "0x0BF90000",
                "area 1A empty (start after end)"),
            ["Stm32Flash.OptionByte.List"] = new("$options", "0x40022048", "0x17F200", "0x7FEFF8AA", "Factory  : 0xAA", "ReadOnly : False"),
            ["Stm32Flash.OptionWord"] = new("$words", "0x40022040", "0x2C", "0x7FEFF8AA", "0x0BF9007F"),
            ["Stm32Flash.TargetException"] = new("$writeError.Exception.TargetError", "Timeout", "Write Memory", "0x08010000", "no answer (operation 7 was lost).", "Noise on the line"),
        };
    }
}
