<#
.SYNOPSIS
    Turns Invoke-Stm32Line.ps1's results into JUnit XML: one test suite, one test case per board, a failure for each
    board that failed (its error and error id), each case's time in seconds.
.EXAMPLE
    ./Invoke-Stm32Line.ps1 -Board $boards -Segment $image | ./ConvertTo-Stm32LineJUnit.ps1 -Path line.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory, ValueFromPipeline)]
    [object[]] $InputObject,

    [Parameter(Mandatory)]
    [string] $Path,

    [string] $SuiteName = 'Stm32Flash line'
)

begin { $results = [System.Collections.Generic.List[object]]::new() }
process { $results.AddRange($InputObject) }
end {
    $invariant = [System.Globalization.CultureInfo]::InvariantCulture
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $full = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    $writer = [System.Xml.XmlWriter]::Create($full, $settings)
    try {
        $failed = @($results | Where-Object Error).Count
        $writer.WriteStartElement('testsuites')
        $writer.WriteStartElement('testsuite')
        $writer.WriteAttributeString('name', $SuiteName)
        $writer.WriteAttributeString('tests', [string]$results.Count)
        $writer.WriteAttributeString('failures', [string]$failed)
        $writer.WriteAttributeString('errors', '0')
        $writer.WriteAttributeString('time', ($results | Measure-Object -Property Seconds -Maximum).Maximum.ToString($invariant))
        foreach ($r in $results) {
            $writer.WriteStartElement('testcase')
            $writer.WriteAttributeString('classname', $SuiteName)
            $writer.WriteAttributeString('name', ($r.Board, $r.SerialNumber | Where-Object { $_ }) -join ' ')
            $writer.WriteAttributeString('time', ([double]$r.Seconds).ToString($invariant))
            if ($r.Error) {
                $writer.WriteStartElement('failure')
                $writer.WriteAttributeString('type', [string]$r.ErrorId)
                $writer.WriteAttributeString('message', [string]$r.Error)
                $writer.WriteEndElement()
            }
            $writer.WriteElementString('system-out', "device $($r.Device)$(if ($r.UniqueId) { " (UID $($r.UniqueId))" }), $($r.BytesWritten) bytes written, verify $($r.Verified)")
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    finally { $writer.Dispose() }
    Get-Item -LiteralPath $full
}
