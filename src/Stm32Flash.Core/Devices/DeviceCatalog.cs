using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.Devices
{
    /// <summary>
    /// The products Stm32Flash knows: the built-in catalog (Devices/devices.json, one entry per product ID with the
    /// sources of its figures) and any definitions added in this process (<see cref="Add"/>), which come first.
    /// <see cref="All"/> lists each product as shipped with its largest flash; a connected chip is resolved further from
    /// what is read from it (<see cref="LayoutProbe"/>).
    /// </summary>
    public static class DeviceCatalog
    {
        private const string ResourceName = "Stm32Flash.Devices.devices.json";
        private static readonly object Gate = new object();
        private static readonly Lazy<Loaded> Embedded = new Lazy<Loaded>(LoadBuiltIn);
        private static List<DeviceDefinition> _added = new List<DeviceDefinition>();
        private static IReadOnlyList<DeviceDefinition>? _definitions;
        private static IReadOnlyList<DeviceInfo>? _all;

        /// <summary>Every definition: those added in this process first, then the built-in ones they do not replace.</summary>
        public static IReadOnlyList<DeviceDefinition> Definitions
        {
            get
            {
                lock (Gate)
                {
                    return _definitions ??= _added
                        .Concat(Embedded.Value.Definitions.Where(b => !_added.Any(a => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase))))
                        .ToList();
                }
            }
        }

        /// <summary>The built-in definitions only.</summary>
        public static IReadOnlyList<DeviceDefinition> BuiltIn => Embedded.Value.Definitions;

        /// <summary>Each product as shipped, with its largest flash and factory option bytes.</summary>
        public static IReadOnlyList<DeviceInfo> All
        {
            get
            {
                lock (Gate) return _all ??= Definitions.Select(d => d.Default).ToList();
            }
        }

        /// <summary>
        /// Adds definitions for this process (a part the catalog lacks, or a corrected entry: one with a built-in name
        /// replaces it). Returns them. Definitions read from a file: <see cref="ReadFile"/>.
        /// </summary>
        public static IReadOnlyList<DeviceDefinition> Add(IEnumerable<DeviceDefinition> definitions)
        {
            var list = definitions.ToList();
            lock (Gate)
            {
                var kept = _added.Where(a => !list.Any(n => string.Equals(n.Name, a.Name, StringComparison.OrdinalIgnoreCase)));
                _added = list.Concat(kept).ToList();
                _definitions = null;
                _all = null;
            }
            return list;
        }

        /// <summary>Forgets every definition added with <see cref="Add"/>.</summary>
        public static void ResetAdded()
        {
            lock (Gate)
            {
                _added = new List<DeviceDefinition>();
                _definitions = null;
                _all = null;
            }
        }

        /// <summary>Reads definitions from a file in the catalog's format, without adding them.</summary>
        public static IReadOnlyList<DeviceDefinition> ReadFile(string path) =>
            DeviceDefinitionReader.Read(File.ReadAllText(path), path);

        /// <summary>
        /// Finds a device by catalog name, alias or part number (case-insensitive; "STM32" may be left off). A full part
        /// number with a flash-size code (STM32G474RB: B, 128 KiB) gives the device with that much flash.
        /// </summary>
        public static DeviceInfo? Find(string name)
        {
            var definition = FindDefinition(name);
            if (definition is null) return null;
            var named = PartNumber.Normalize(name);
            var exact = new[] { definition.Name }.Concat(definition.Aliases)
                .Any(n => string.Equals(PartNumber.Normalize(n), named, StringComparison.Ordinal));
            var size = exact ? null : PartNumber.FlashSize(name, Embedded.Value.FlashSizeCodes);
            if (size is long s && s < definition.MaxFlashSize && definition.Fits(s))
                return definition.Resolve(s, null, $"flash size from the part number {PartNumber.Normalize(name)} ({s / 1024} KiB), factory option bytes");
            return definition.Default;
        }

        public static DeviceInfo Get(string name) =>
            Find(name) ?? throw new DeviceNotFoundException(name);

        /// <summary>The definition whose name, alias or part pattern matches most specifically (STM32L151CBT6A: the 0x429 "xxA" parts).</summary>
        public static DeviceDefinition? FindDefinition(string name)
        {
            DeviceDefinition? best = null;
            var bestLength = 0;
            foreach (var d in Definitions)
            {
                var length = d.Default.MatchLength(name);
                if (length > bestLength) (best, bestLength) = (d, length);
            }
            return best;
        }

        /// <summary>Devices whose bootloader reports this product ID (several parts can share one).</summary>
        public static IReadOnlyList<DeviceInfo> FindByProductId(ushort productId) =>
            All.Where(d => d.ProductId == productId).ToList();

        /// <summary>The flash sizes a part-number code stands for (4: 16 KiB ... I: 2 MiB), as ST names its parts.</summary>
        public static IReadOnlyDictionary<char, long> FlashSizeCodes => Embedded.Value.FlashSizeCodes;

        /// <summary>
        /// The flash sizes the catalog names for a product: the size codes of its part numbers, the sizes its layouts are
        /// chosen by, and its largest; smaller sizes a flash-size register may still report are not listed.
        /// </summary>
        public static IReadOnlyList<long> KnownFlashSizes(DeviceDefinition definition)
        {
            var fromParts = definition.Parts.Select(p => PartNumber.FlashSize(p, FlashSizeCodes)).OfType<long>();
            return fromParts.Concat(definition.Layouts.SelectMany(l => l.FlashSizes)).Append(definition.MaxFlashSize)
                .Distinct().OrderBy(s => s).ToList();
        }

        /// <summary>The known products nearest to an unknown product ID, for an error message.</summary>
        public static IReadOnlyList<DeviceInfo> Nearest(ushort productId, int count = 3) =>
            All.OrderBy(d => Math.Abs(d.ProductId - productId)).ThenBy(d => d.ProductId).Take(count).ToList();

        /// <summary>The nearest known product IDs as a message says them: 0x469 (STM32G474, STM32G4), ...</summary>
        public static string DescribeNearest(ushort productId) =>
            string.Join(", ", Nearest(productId).Select(d => $"0x{d.ProductId:X3} ({d.Name}, {d.Family})"));

        public static string UnknownNameMessage(string name)
        {
            var families = All.Select(d => d.Family).Distinct().OrderBy(f => f, StringComparer.Ordinal);
            return $"Unknown device '{name}'. The catalog has {Definitions.Count} products in the families {string.Join(", ", families)}; " +
                "Get-Stm32Device lists them (Get-Stm32Device -Family STM32G4, Get-Stm32Device *L55*). A part the catalog lacks can be " +
                "described in a JSON file of the catalog's format (Get-Help about_Stm32Flash_Devices) and added with Add-Stm32Device.";
        }

        private static Loaded LoadBuiltIn()
        {
            using var stream = typeof(DeviceCatalog).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The built-in device catalog ({ResourceName}) is missing from {typeof(DeviceCatalog).Assembly.GetName().Name}.");
            using var reader = new StreamReader(stream);
            const string origin = "built-in catalog (devices.json)";
            var root = JsonNode.Parse(reader.ReadToEnd(), origin);
            return new Loaded(DeviceDefinitionReader.Read(root, origin), PartNumber.ReadCodes(root));
        }

        private sealed class Loaded
        {
            public Loaded(IReadOnlyList<DeviceDefinition> definitions, IReadOnlyDictionary<char, long> codes)
            {
                Definitions = definitions;
                FlashSizeCodes = codes;
            }

            public IReadOnlyList<DeviceDefinition> Definitions { get; }

            public IReadOnlyDictionary<char, long> FlashSizeCodes { get; }
        }
    }
}
