using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Arguments;
using Stm32Flash.Completion;
using Stm32Flash.Devices;

namespace Stm32Flash.Commands
{
    [Cmdlet(VerbsCommon.Get, "Stm32Device", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DeviceInfo))]
    [OutputType(typeof(string))]
    public sealed class GetStm32DeviceCommand : Stm32Cmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ByProductId";

        [Parameter(Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DeviceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ById)]
        [ArgumentCompleter(typeof(ProductIdCompleter))]
        public ushort[]? ProductId { get; set; }

        /// <summary>Only devices of these families (STM32G4, or G4; wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(FamilyCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Family { get; set; }

        /// <summary>Only devices whose bootloader offers all of these interfaces.</summary>
        [Parameter]
        [InterfaceTransformation]
        public Stm32Flash.Devices.TargetInterface[]? Interface { get; set; }

        /// <summary>Emit each entry as the JSON text of its definition, a start for a file describing a part the catalog lacks.</summary>
        [Parameter]
        public SwitchParameter AsDefinition { get; set; }

        protected override void Process()
        {
            if (ParameterSetName == ById)
            {
                foreach (var id in ProductId!)
                {
                    var found = Filter(DeviceCatalog.FindByProductId(id)).ToList();
                    if (found.Count == 0)
                    {
                        WriteError(NewError("DeviceNotFound", ErrorCategory.ObjectNotFound, id, new DeviceNotFoundException($"0x{id:X3}",
                            $"No catalog device has product ID 0x{id:X3}{(Family is null && Interface is null ? "" : " with the family and interfaces asked for")}. " +
                            $"The nearest known product IDs are {DeviceCatalog.DescribeNearest(id)}.")));
                    }
                    Emit(found);
                }
                return;
            }

            if (Name is null)
            {
                Emit(Filter(DeviceCatalog.All));
                return;
            }

            foreach (var name in Name)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    Emit(Filter(DeviceCatalog.All.Where(d => pattern.IsMatch(d.Name) || d.Aliases.Any(pattern.IsMatch))));
                    continue;
                }
                var device = DeviceCatalog.Find(name);
                if (device is null)
                {
                    WriteError(DeviceErrors.NotFound(name));
                    continue;
                }
                Emit(Filter(new[] { device }));
            }
        }

        private void Emit(IEnumerable<DeviceInfo> devices)
        {
            foreach (var d in devices)
            {
                if (AsDefinition.IsPresent) WriteObject(d.Definition?.ToJson());
                else WriteObject(d);
            }
        }

        private IEnumerable<DeviceInfo> Filter(IEnumerable<DeviceInfo> devices)
        {
            var families = Family?.Select(f => new WildcardPattern(f, WildcardOptions.IgnoreCase)).ToList();
            return devices.Where(d =>
                (families is null || families.Any(p => p.IsMatch(d.Family) || (d.Family.StartsWith("STM32", StringComparison.Ordinal) && p.IsMatch(d.Family.Substring("STM32".Length)))))
                && (Interface is null || Interface.All(i => d.Offers(i))));
        }
    }
}
