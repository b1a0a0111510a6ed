using System.Linq;
using System.Management.Automation;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    /// <summary>
    /// Segments that crossed a process boundary (CLIXML, as jobs and remoting send them) come back as segments, and a
    /// Deserialized.Stm32Flash.Segment property bag binds to the cmdlets that take segments. Real jobs and SSH remoting
    /// are in tests/EndToEnd (Serialization.Tests.ps1, Remoting.Tests.ps1).
    /// </summary>
    public class DeserializedSegmentTests
    {
        private const string Image = "Get-HexSegment ([System.IO.Path]::Combine($args[0], 'samples', 'stm32l552-demo', 'demo.hex'))";

        [Fact]
        public void A_CLIXML_round_trip_gives_back_segments_with_their_bytes_addresses_and_source()
        {
            using var ps = new PsSession();
            var result = ps.Run($$"""
                $segments = @({{Image}})
                $back = @([System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($segments)))
                for ($i = 0; $i -lt $segments.Count; $i++) {
                    [pscustomobject]@{
                        Type = $back[$i].GetType().FullName
                        SameBytes = [System.Linq.Enumerable]::SequenceEqual($segments[$i].Data, [byte[]]$back[$i].Data)
                        SameAddress = $segments[$i].Address -eq $back[$i].Address
                        File = $back[$i].Source.File
                        Line = $back[$i].Source.Line
                        ExpectedLine = $segments[$i].Source.Line
                    }
                }
                """, Repo.Root).AssertNoErrors();
            Assert.Equal(4, result.Output.Count);
            foreach (var o in result.Output)
            {
                Assert.Equal("Stm32Flash.Segment", o.Properties["Type"].Value);
                Assert.True((bool)o.Properties["SameBytes"].Value);
                Assert.True((bool)o.Properties["SameAddress"].Value);
                Assert.EndsWith("demo.hex", (string)o.Properties["File"].Value);
                Assert.Equal(o.Properties["ExpectedLine"].Value, o.Properties["Line"].Value);
            }
        }

        [Fact]
        public void A_deserialized_property_bag_binds_to_every_cmdlet_that_takes_segments()
        {
            using var ps = new PsSession();
            using var temp = new TempFolder("deserialized");
            var result = ps.Run($$"""
                # What a runspace without the module receives: the property bag, its Source a bag too.
                $source = [pscustomobject]@{ File = '/boards/one.hex'; Line = [long]7; Offset = $null; Origin = $null }
                $source.pstypenames.Insert(0, 'Deserialized.Stm32Flash.SegmentSource')
                $bag = [pscustomobject]@{ Address = [uint32]0x08000000; Data = [byte[]](1..24); Length = 24; Source = $source }
                $bag.pstypenames.Insert(0, 'Deserialized.Stm32Flash.Segment')
                $null = Connect-Stm32 -Simulator STM32L552
                $plan = @($bag | Get-Stm32FlashPlan)
                $written = @($bag | Write-Stm32Memory -PassThru)
                $verified = @($bag | Test-Stm32Memory)
                $read = $bag | Read-Stm32Memory
                $file = $bag | Export-HexSegment -Path ([System.IO.Path]::Combine($args[0], 'out.hex')) -PassThru
                $cast = [Stm32Flash.Segment]$bag
                [pscustomobject]@{
                    PlanSteps = $plan.Count
                    Written = $written[0].Length
                    Match = $verified[0].Match
                    Read = ($read.Data -join ',')
                    Exported = (Get-HexSegment $file.FullName).Data -join ','
                    CastSource = "$($cast.Source.File):$($cast.Source.Line)"
                }
                """, temp.Path).AssertNoErrors();
            var o = result.Output.Single();
            Assert.True((int)o.Properties["PlanSteps"].Value > 0);
            Assert.Equal(24, o.Properties["Written"].Value);
            Assert.True((bool)o.Properties["Match"].Value);
            var bytes = string.Join(",", Enumerable.Range(1, 24));
            Assert.Equal(bytes, o.Properties["Read"].Value);
            Assert.Equal(bytes, o.Properties["Exported"].Value);
            Assert.Equal("/boards/one.hex:7", o.Properties["CastSource"].Value);
        }

        [Fact]
        public void A_bag_whose_data_went_as_text_is_refused_with_the_reason()
        {
            using var ps = new PsSession();
            var result = ps.Run("""
                $bag = [pscustomobject]@{ Address = [uint32]0x08000000; Data = '1 2 3 4' }
                $bag.pstypenames.Insert(0, 'Deserialized.Stm32Flash.Segment')
                $null = Connect-Stm32 -Simulator STM32L552
                Write-Stm32Memory -InputObject $bag
                """);
            Assert.NotEmpty(result.Errors);
            var text = string.Join("\n", result.Errors.Select(e => e.Exception.ToString()));
            Assert.True(text.Contains("no Data bytes"), text);
        }
    }
}
