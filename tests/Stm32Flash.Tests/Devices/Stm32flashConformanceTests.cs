using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Devices
{
    /// <summary>
    /// stm32flash 0.7 (Debian's), a client with its own device table, probes the simulator of every catalog product served
    /// on a pseudo-terminal. For every product ID it knows, the device name, RAM, flash, option-byte area and system memory
    /// it prints must agree with the catalog, except where a difference is listed below with the source that shows
    /// stm32flash is wrong.
    /// </summary>
    public class Stm32flashConformanceTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

        /// <summary>Where stm32flash 0.7's table disagrees with ST's documents: product ID, field, and why the catalog is right.</summary>
        private static readonly (ushort Pid, string Field, string Why)[] KnownDifferences =
        {
            (0x419, "option bytes", "stm32flash spans 0x1FFEC000..0x1FFFC00F, over system memory and OTP; RM0090 3.7.1: 16 bytes at 0x1FFFC000 (bank 2's at 0x1FFEC000)"),
            (0x434, "option bytes", "as 0x419: RM0386 3.6.1, 16 bytes at 0x1FFFC000"),
            (0x434, "ram", "RM0386 2.3.1: 320 KiB of SRAM at 0x20000000; stm32flash adds the 64 KiB CCM RAM at 0x10000000"),
            (0x467, "ram", "RM0444 2.2: 144 KiB of SRAM with parity off (as shipped); 128 KiB is the size with parity on"),
            (0x479, "ram", "RM0440 2.4: 96 KiB of SRAM1+SRAM2; stm32flash adds the CCM SRAM alias at 0x20018000, which it leaves out for 0x468 and 0x469"),
            (0x450, "option bytes", "stm32flash has no option-byte area for H7 (an empty range prints as 1 byte); RM0433 4.9: option registers from 0x5200201C"),
            (0x415, "option bytes", "stm32flash spans both banks' areas 0x1FFF7800..0x1FFFF80F; RM0351 3.4.1: bank 1's option bytes are 0x1FFF7800..0x1FFF7827"),
            (0x461, "option bytes", "as 0x415 (RM0351 3.4.1)"),
            (0x435, "option bytes", "RM0394 3.4.1: option bytes 0x1FFF7800..0x1FFF7827 (USER, RDP, PCROP, WRP); stm32flash has the first 16"),
            (0x462, "option bytes", "as 0x435 (RM0394 3.4.1)"),
            (0x464, "option bytes", "as 0x435 (RM0394 3.4.1)"),
            (0x470, "flash", "RM0432 3.3.1: STM32L4R/L4S have up to 2 MiB (bank 2 at 0x08100000); stm32flash's entry stops at 1 MiB"),
            (0x470, "page", "RM0432 3.3.1: 4 KiB pages in dual-bank mode (8 KiB single-bank); stm32flash copies the L47x's 2 KiB"),
            (0x470, "option bytes", "RM0432 3.4: option bytes at 0x1FF00000 (40 bytes for bank 1); stm32flash copies the L47x's 0x1FFF7800..0x1FFFF80F"),
        };

        [Fact]
        public void Stm32flash_prints_what_the_catalog_says_for_every_product_id_both_know()
        {
            var rows = new List<Probe>();
            using (var pty = new SocatPair())
            {
                foreach (var definition in DeviceCatalog.BuiltIn.Where(d => d.Bootloader.Limits.ContainsKey(nameof(TargetInterface.Usart))))
                    rows.Add(ProbeWithStm32flash(pty, definition.Default));
            }

            var known = rows.Where(r => r.Known).ToList();
            var differences = known.SelectMany(r => r.Differences()).ToList();
            var unexpected = differences.Where(d => !KnownDifferences.Any(k => k.Pid == d.Pid && k.Field == d.Field)).ToList();
            var stale = KnownDifferences.Where(k => !differences.Any(d => d.Pid == k.Pid && d.Field == k.Field)).ToList();
            var table = new StringBuilder();
            foreach (var d in unexpected) table.AppendLine($"0x{d.Pid:X3} {d.Field}: catalog {d.Catalog}, stm32flash {d.Stm32flash}");
            foreach (var k in stale) table.AppendLine($"0x{k.Pid:X3} {k.Field}: listed as a difference, but stm32flash now agrees");
            Assert.True(table.Length == 0, "stm32flash 0.7 and the catalog disagree:\n" + table);
            // stm32flash 0.7 knows about 60 product IDs; most of them, at least, are in the catalog and were compared.
            Assert.True(known.Count >= 50, $"only {known.Count} product IDs known to both: {string.Join(", ", known.Select(k => $"0x{k.Pid:X3}"))}");
        }

        [Fact]
        public void Every_product_id_stm32flash_knows_is_in_the_catalog()
        {
            // A stranger device answers each product ID the catalog lacks; stm32flash names the ones it knows.
            var catalog = DeviceCatalog.BuiltIn.Select(d => d.ProductId).ToHashSet();
            var template = DeviceCatalog.Get("STM32G474");
            var missing = new List<string>();
            using var pty = new SocatPair();
            for (ushort pid = 0x410; pid <= 0x4FF; pid++)
            {
                if (catalog.Contains(pid)) continue;
                var stranger = new DeviceInfo($"STM32X{pid:X3}", Array.Empty<string>(), "STM32X", pid, template.Flash, template.ProgramUnit, template.ErasedValue,
                    template.Ram, template.BootloaderRam, template.SystemMemory, template.OptionBytes, template.Limits);
                var probe = ProbeWithStm32flash(pty, stranger);
                if (probe.Known) missing.Add($"0x{pid:X3} ({probe.Name})");
            }
            Assert.True(missing.Count == 0, "stm32flash knows product IDs the catalog lacks: " + string.Join(", ", missing));
        }

        private static Probe ProbeWithStm32flash(SocatPair pty, DeviceInfo device)
        {
            using var simulator = Serve(pty, device);
            var run = ExternalTool.Run("stm32flash", $"-m 8n1 -b 115200 {pty.HostEnd}", Limit);
            var text = run.Output + run.Error;
            if (Regex.IsMatch(text, @"Unknown/unsupported device \(Device ID: 0x0*" + device.ProductId.ToString("x3") + @"\)", RegexOptions.IgnoreCase))
                return new Probe(device, false, "", text);
            Assert.True(run.ExitCode == 0, $"{device}: {run.Text}");
            var id = Regex.Match(text, @"Device ID    : 0x([0-9a-f]{4}) \((.*)\)");
            Assert.True(id.Success, $"{device}: no device ID line:\n{run.Text}");
            Assert.Equal(device.ProductId, Convert.ToUInt16(id.Groups[1].Value, 16));
            return new Probe(device, true, id.Groups[2].Value, text);
        }

        // The previous simulator on the same pseudo-terminal lets go of it as its thread ends: wait for that.
        private static UsartSimulator Serve(SocatPair pty, DeviceInfo device)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return UsartSimulator.Start(device, new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
                }
                catch (LinkOpenException) when (watch.Elapsed < TimeSpan.FromSeconds(5))
                {
                    System.Threading.Thread.Sleep(10);
                }
            }
        }

        private sealed record Difference(ushort Pid, string Field, string Catalog, string Stm32flash);

        private sealed record Probe(DeviceInfo Device, bool Known, string Name, string Output)
        {
            public ushort Pid => Device.ProductId;

            public IEnumerable<Difference> Differences()
            {
                var d = Device;
                var ram = Regex.Match(Output, @"- RAM        : Up to (\d+)KiB  \((\d+)b reserved by bootloader\)");
                var flash = Regex.Match(Output, @"- Flash      : Up to (\d+)KiB \(size first sector: (\d+)x(\d+)\)");
                var option = Regex.Match(Output, @"- Option RAM : (\d+)b");
                var system = Regex.Match(Output, @"- System RAM : (\d+)KiB");
                if (!(ram.Success && flash.Success && option.Success && system.Success))
                {
                    yield return new Difference(Pid, "output", "", Output);
                    yield break;
                }
                var mainRam = d.Ram.FirstOrDefault(r => r.Start == 0x20000000);
                var pairs = new (string Field, long Catalog, long Stm32flash)[]
                {
                    ("ram", (long)(mainRam.End - 0x20000000) / 1024, long.Parse(ram.Groups[1].Value)),
                    ("reserved", (long)(d.BootloaderRam.End - 0x20000000), long.Parse(ram.Groups[2].Value)),
                    ("flash", d.Definition!.MaxFlashSize / 1024, long.Parse(flash.Groups[1].Value)),
                    ("page", d.Flash.GetPages()[0].Size, long.Parse(flash.Groups[3].Value)),
                    ("option bytes", d.OptionBytes.Length, long.Parse(option.Groups[1].Value)),
                    ("system memory", d.SystemMemory.Length / 1024, long.Parse(system.Groups[1].Value)),
                };
                foreach (var (field, ours, theirs) in pairs)
                {
                    if (ours != theirs) yield return new Difference(Pid, field, ours.ToString(), theirs.ToString());
                }
                if (!NamesAgree(d, Name)) yield return new Difference(Pid, "name", string.Join("/", Names(d)), Name);
            }
        }

        // stm32flash names a product by patterns such as "STM32F40xxx/41xxx" or "STM32L45x/STM32L46x": at least one of them
        // must match a name, alias or part of the catalog entry, with x standing for any character.
        private static bool NamesAgree(DeviceInfo device, string stm32flashName)
        {
            var patterns = new List<string>();
            var family = "";
            foreach (Match m in Regex.Matches(stm32flashName.ToUpperInvariant().Replace("STM32", " STM32"), @"(STM32)?([A-Z]{1,3})?(\d[0-9A-Z]*)"))
            {
                if (m.Groups[2].Success && m.Groups[1].Success) family = m.Groups[2].Value;
                if (family.Length == 0) continue;
                patterns.Add("STM32" + (m.Groups[2].Success ? m.Groups[2].Value : family) + m.Groups[3].Value);
            }
            return patterns.Any(p => Names(device).Any(n => Match(p, PartNumber.Normalize(n))));
        }

        private static IEnumerable<string> Names(DeviceInfo d) => new[] { d.Name }.Concat(d.Aliases).Concat(d.Definition?.Parts ?? Array.Empty<string>());

        private static bool Match(string pattern, string name)
        {
            var n = Math.Min(pattern.Length, name.Length);
            if (n < "STM32F0".Length) return false;
            for (var i = 0; i < n; i++)
            {
                if (pattern[i] == 'X' || name[i] == 'X') continue;
                if (pattern[i] != name[i]) return false;
            }
            return true;
        }
    }
}
