using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Arguments;
using Stm32Flash.Completion;
using Stm32Flash.Devices;
using Stm32Flash.Planning;

namespace Stm32Flash.Commands
{
    /// <summary>Shows the plan Write-Stm32Memory would run, as steps (or one plan object), for a session or a catalog device. Touches no device.</summary>
    [Cmdlet(VerbsCommon.Get, "Stm32FlashPlan", DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(FlashStep), typeof(FlashPlan))]
    public sealed class GetStm32FlashPlanCommand : Stm32Cmdlet
    {
        private const string SessionSet = "Session";
        private const string DeviceSet = "Device";
        private readonly List<Segment> _segments = new List<Segment>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public Segment[] InputObject { get; set; } = Array.Empty<Segment>();

        [Parameter(ParameterSetName = SessionSet)]
        [ValidateNotNull]
        public Session? Session { get; set; }

        /// <summary>Plan for a catalog device without connecting.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DeviceSet)]
        [ArgumentCompleter(typeof(DeviceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Device { get; set; } = "";

        [Parameter(ParameterSetName = DeviceSet)]
        [ArgumentCompleter(typeof(InterfaceCompleter))]
        [InterfaceTransformation]
        public string Interface { get; set; } = nameof(TargetInterface.Usart);

        private TargetInterface SelectedInterface => InterfaceNames.Parse(Interface);

        [Parameter]
        [AddressTransformation(Maximum = 256)]
        [ValidateSet("1", "2", "4", "8", "16", "32", "64", "128", "256")]
        public int Pad { get; set; }

        /// <summary>Plans a -Pad smaller than the device and interface need instead of refusing it.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter SkipErase { get; set; }

        [Parameter]
        public SwitchParameter PreserveUnwritten { get; set; }

        [Parameter]
        public SwitchParameter Incremental { get; set; }

        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <summary>Emits the plan object (with Describe()) instead of its steps.</summary>
        [Parameter]
        public SwitchParameter AsPlan { get; set; }

        /// <summary>Planning needs no connection when a device is named.</summary>
        private const string NoSessionAdvice = "or plan without a connection for a catalog device: Get-Stm32FlashPlan -Device STM32L552 (with -Interface, USART when left out).";

        protected override void Process() => _segments.AddRange(InputObject.Where(s => s != null));

        protected override void End()
        {
            var options = new FlashPlanOptions
            {
                Pad = MyInvocation.BoundParameters.ContainsKey(nameof(Pad)) ? Pad : (int?)null,
                AllowPartialUnits = Force,
                SkipErase = SkipErase,
                PreserveUnwritten = PreserveUnwritten,
                Incremental = Incremental,
                Verify = Verify,
            };
            FlashPlan plan;
            try
            {
                if (ParameterSetName == DeviceSet)
                {
                    var device = DeviceCatalog.Find(Device);
                    if (device is null) Terminate(DeviceErrors.NotFound(Device));
                    if (!device!.Offers(SelectedInterface)) Terminate(DeviceErrors.NotOffered(device, SelectedInterface));
                    plan = FlashPlanner.Plan(_segments, device, SelectedInterface, options);
                }
                else
                {
                    plan = FlashPlanner.Plan(_segments, Stm32SessionCmdlet.ResolveSession(this, Session, NoSessionAdvice).GetTarget()!, options);
                }
            }
            catch (FlashPlanException ex)
            {
                Terminate(DeviceErrors.FromPlan(ex, ex.Error == FlashPlanError.PadBelowUnit ? Pad : (object?)null));
                return;
            }
            foreach (var line in plan.Describe().Split('\n')) WriteVerbose(line.TrimEnd());
            if (AsPlan) WriteObject(plan);
            else WriteObject(plan.Steps, enumerateCollection: true);
        }
    }
}
