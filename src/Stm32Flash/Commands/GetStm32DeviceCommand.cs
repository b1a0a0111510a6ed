using System.Linq;
using System.Management.Automation;
using Stm32Flash.Completion;
using Stm32Flash.Devices;

namespace Stm32Flash.Commands
{
    [Cmdlet(VerbsCommon.Get, "Stm32Device", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DeviceInfo))]
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
        public ushort ProductId { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ById)
            {
                var found = DeviceCatalog.FindByProductId(ProductId);
                if (found.Count == 0)
                {
                    WriteError(NewError("DeviceNotFound", ErrorCategory.ObjectNotFound, ProductId,
                        $"No catalog device has product ID 0x{ProductId:X3}. Known: {string.Join(", ", DeviceCatalog.All.Select(d => $"{d.Name} 0x{d.ProductId:X3}"))}."));
                }
                WriteObject(found, enumerateCollection: true);
                return;
            }

            if (Name is null)
            {
                WriteObject(DeviceCatalog.All, enumerateCollection: true);
                return;
            }

            foreach (var name in Name)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    WriteObject(DeviceCatalog.All.Where(d => pattern.IsMatch(d.Name) || d.Aliases.Any(pattern.IsMatch)), enumerateCollection: true);
                    continue;
                }
                var device = DeviceCatalog.Find(name);
                if (device is null)
                {
                    WriteError(NewError("DeviceNotFound", ErrorCategory.ObjectNotFound, name,
                        $"Unknown device '{name}'. Known devices: {string.Join(", ", DeviceCatalog.All.Select(d => d.Name))}."));
                    continue;
                }
                WriteObject(device);
            }
        }
    }
}
