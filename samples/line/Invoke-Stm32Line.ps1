<#
.SYNOPSIS
    Flashes a list of boards in parallel, one session per board, and returns one result per board.
.DESCRIPTION
    Each board is an object (or hashtable) with Port (a serial port), Probe (an ST-LINK's serial number, connected
    through SWD with CubeProgrammer_API) or Simulator (a catalog device name), and optionally Device (the device
    expected; a mismatch fails the board), Parity and BaudRate (ports) and SerialNumber. Ports and simulators are
    flashed in runspaces of this process (ForEach-Object -Parallel, -ThrottleLimit at once); each ST-LINK in a job,
    a process of its own, since CubeProgrammer_API holds one connection per process. The image segments are written
    to every board with -Verify; a board's SerialNumber, when given, is written as ASCII at -SerialAddress in the
    same write. A board that fails does not stop the others: its result carries the error.

    The result objects are flat (Board, Device, UniqueId, SerialNumber, BytesWritten, Verified, Seconds, Error, ErrorId), so
    Export-Csv takes them as they are and ConvertTo-Stm32LineJUnit.ps1 turns them into JUnit XML for a CI server.

    Segments may come from another process (Start-Job, Invoke-Command): deserialized segments bind as segments.
.EXAMPLE
    $image = Get-HexSegment firmware.hex
    $boards = 1..4 | ForEach-Object { @{ Port = "/dev/ttyUSB$($_ - 1)"; SerialNumber = 'SN{0:D6}' -f $_ } }
    ./Invoke-Stm32Line.ps1 -Board $boards -Segment $image -SerialAddress 0x0807F800 | Export-Csv line.csv
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [object[]] $Board,

    # The image, as segments (Get-HexSegment); [object[]] so that deserialized segments pass before the module loads.
    [Parameter(Mandatory)]
    [object[]] $Segment,

    # Where a board's SerialNumber goes, as ASCII bytes.
    [uint32] $SerialAddress,

    [ValidateRange(1, 64)]
    [int] $ThrottleLimit = 8,

    # Where CubeProgrammer_API is, for boards on an ST-LINK (Connect-Stm32 -ApiPath); by default where Connect-Stm32 looks.
    [string] $ApiPath,

    # The module to import in each runspace: a name on PSModulePath or a path to its folder or manifest; by default
    # the Stm32Flash this session has loaded, else the one PSModulePath finds.
    [string] $ModulePath = $(if ($loaded = Get-Module Stm32Flash | Select-Object -First 1) { [System.IO.Path]::Combine($loaded.ModuleBase, 'Stm32Flash.psd1') } else { 'Stm32Flash' })
)

$ErrorActionPreference = 'Stop'
if ($Board | Where-Object { $_.SerialNumber } | Select-Object -First 1) {
    if (-not $PSBoundParameters.ContainsKey('SerialAddress')) { throw 'Boards have a SerialNumber: give -SerialAddress, where it is written.' }
}

# One board, start to end: in a runspace of this process for a serial port or a simulator, in a process of its own
# (a job) for an ST-LINK, since CubeProgrammer_API holds one connection per process.
$flashOne = {
    param($board, $shared)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $name = if ($board.Port) { $board.Port } elseif ($board.Probe) { "ST-LINK $($board.Probe)" } else { "simulator $($board.Simulator)" }
    $result = [ordered]@{
        Board        = $name
        Device       = $null
        UniqueId     = ''
        SerialNumber = $board.SerialNumber
        BytesWritten = 0
        Verified     = 'NotRun'
        Seconds      = 0.0
        Error        = $null
        ErrorId      = $null
    }
    $session = $null
    try {
        Import-Module $shared.ModulePath -ErrorAction Stop
        $connect = @{ ErrorAction = 'Stop'; WarningAction = 'SilentlyContinue' }
        if ($board.Port) { $connect.Port = $board.Port }
        elseif ($board.Probe) { $connect.Interface = 'SWD'; $connect.SerialNumber = $board.Probe; if ($shared.ApiPath) { $connect.ApiPath = $shared.ApiPath } }
        else { $connect.Simulator = $board.Simulator }
        foreach ($key in 'Device', 'Parity', 'BaudRate') { if ($board.$key) { $connect[$key] = $board.$key } }
        $session = Connect-Stm32 @connect
        $result.Device = $session.Device.Name
        # The chip's 96-bit unique ID, where the catalog knows its address and the interface reads it; empty otherwise.
        try { $result.UniqueId = $session.ReadUniqueId().ToString() } catch { Write-Verbose "${name}: unique ID not read: $($_.Exception.Message)" }

        $segments = [System.Collections.Generic.List[object]]::new()
        $segments.AddRange([object[]]$shared.Segment)
        if ($board.SerialNumber) {
            $segments.Add([Stm32Flash.Segment]::new([uint32]$shared.SerialAddress,
                    [System.Text.Encoding]::ASCII.GetBytes([string]$board.SerialNumber), [Stm32Flash.SegmentSource]::FromOrigin('serial number')))
        }
        $written = @($segments | Write-Stm32Memory -Session $session -Verify -PassThru -Confirm:$false -ErrorAction Stop)
        $result.BytesWritten = [long]($written | Measure-Object -Property Length -Sum).Sum
        # -Verify stops the write with an error on a mismatch, so a write that returned was verified.
        $result.Verified = 'Passed'
    }
    catch {
        $record = $_
        $result.Error = $record.Exception.Message
        $result.ErrorId = $record.FullyQualifiedErrorId
        if ($result.Device -and $record.FullyQualifiedErrorId -like 'Verify*') { $result.Verified = 'Failed' }
    }
    finally {
        if ($session) { Disconnect-Stm32 -Session $session -ErrorAction SilentlyContinue }
        $result.Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 3)
    }
    [pscustomobject]$result
}

# What all boards share goes with each board, not through $using: (which Invoke-Command -FilePath would try to
# resolve on the calling side).
$shared = @{ Segment = $Segment; SerialAddress = $SerialAddress; ModulePath = $ModulePath; ApiPath = $ApiPath }
$probes = @($Board | Where-Object { $_.Probe })
$jobs = @(foreach ($b in $probes) { Start-Job -ScriptBlock $flashOne -ArgumentList $b, $shared })
try {
    $Board | Where-Object { -not $_.Probe } | ForEach-Object { @{ Board = $_; Shared = $shared; Body = $flashOne.ToString() } } |
        ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel { & ([scriptblock]::Create($_.Body)) $_.Board $_.Shared }
    if ($jobs) { $jobs | Wait-Job | Receive-Job | Select-Object -Property * -ExcludeProperty PSComputerName, RunspaceId, PSShowComputerName }
}
finally {
    if ($jobs) { $jobs | Remove-Job -Force }
}
