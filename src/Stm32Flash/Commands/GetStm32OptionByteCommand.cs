using System.Linq;
using System.Management.Automation;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>Reads the option bytes of the connected chip and decodes them by the catalog's field map of the product.</summary>
    [Cmdlet(VerbsCommon.Get, "Stm32OptionByte", DefaultParameterSetName = FieldSet)]
    [OutputType(typeof(OptionByte), typeof(OptionWord))]
    public sealed class GetStm32OptionByteCommand : Stm32SessionCmdlet
    {
        private const string FieldSet = "Field";
        private const string RawSet = "Raw";

        /// <summary>Fields to show, by name (wildcards); all when left out.</summary>
        [Parameter(Position = 0, ParameterSetName = FieldSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>The raw 32-bit words instead of the fields.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RawSet)]
        public SwitchParameter Raw { get; set; }

        protected override void Process()
        {
            var session = ResolveSession();
            var target = session.GetTarget()!;
            if (!target.Capabilities.CanReadOptionBytes)
                Terminate(OptionByteErrors.NotSupported(session, "read the option bytes (its capabilities lack CanReadOptionBytes)"));
            OptionByteImage image;
            try
            {
                image = OptionByteAccess.Read(target);
            }
            catch (TargetException ex)
            {
                CompleteMessages();
                Terminate(DeviceErrors.FromTarget(ex, ErrorCategory.ReadError, session, "reading the option bytes"));
                return;
            }
            finally
            {
                if (!Stopping) CompleteMessages();
            }
            var device = target.Device;
            if (Raw || !device.OptionByteMap.HasFields)
            {
                if (!Raw)
                {
                    WriteWarning($"The catalog has no field map of {device.Name}'s option bytes ({device.Family}); these are the raw words. " +
                        (device.OptionByteMap.Notes is string notes ? notes + " " : "") +
                        "A definition file can describe the fields (Get-Help about_Stm32Flash_Devices).");
                }
                WriteObject(image.Words(), enumerateCollection: true);
                return;
            }
            var fields = OptionByteDecoder.Decode(device, image);
            if (Name is null)
            {
                WriteObject(fields, enumerateCollection: true);
                return;
            }
            var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            WriteObject(fields.Where(f => patterns.Any(p => p.IsMatch(f.Name))), enumerateCollection: true);
            foreach (var missing in Name.Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && !fields.Any(f => string.Equals(f.Name, n, System.StringComparison.OrdinalIgnoreCase))))
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"{device.Name} has no option-byte field '{missing}'."), "UnknownOptionByte", ErrorCategory.ObjectNotFound, missing)
                {
                    ErrorDetails = new ErrorDetails($"{device.Name} has no option-byte field '{missing}'. Its fields: {string.Join(", ", fields.Select(f => f.Name))}."),
                });
            }
        }
    }
}
