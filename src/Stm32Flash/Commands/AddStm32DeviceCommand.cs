using System.Management.Automation;
using Stm32Flash.Devices;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Adds device definitions from a JSON file in the catalog's format for this session: a part the catalog lacks, or a
    /// corrected entry (one with a built-in name replaces it). Connect-Stm32, the simulator and the planner then know it.
    /// A file with a mistake is reported (non-terminating: the other files are still added) and adds nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "Stm32Device")]
    [OutputType(typeof(DeviceInfo))]
    public sealed class AddStm32DeviceCommand : Stm32Cmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = System.Array.Empty<string>();

        protected override void Process()
        {
            foreach (var p in Path)
            {
                var path = GetUnresolvedProviderPathFromPSPath(p);
                var added = DefinitionFiles.TryAdd(path, out var error);
                if (error != null)
                {
                    WriteError(error);
                    continue;
                }
                foreach (var d in added!)
                {
                    WriteVerbose($"Added {d} from {path}.");
                    WriteObject(d.Default);
                }
            }
        }
    }
}
