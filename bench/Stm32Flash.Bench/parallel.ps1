<#
.SYNOPSIS
    The flows the parallel benchmark times (run by ParallelBenchmark.cs, which serves the simulators): one board alone,
    every board in turn and all at once with samples/line/Invoke-Stm32Line.ps1, one Start-Job per board, and one SSH
    remoting session per board to an sshd on loopback. Prints one JSON line per flow: its wall time and, per board,
    the seconds the flash took where it ran (connect, write, verify by checksum, disconnect).
#>
param(
    [Parameter(Mandatory)] [string[]] $Port,
    [Parameter(Mandatory)] [string] $Image,
    [Parameter(Mandatory)] [string] $Repo,
    [switch] $NoSsh
)
$ErrorActionPreference = 'Stop'
$module = [System.IO.Path]::Combine($Repo, 'out', 'Stm32Flash')
$line = [System.IO.Path]::Combine($Repo, 'samples', 'line', 'Invoke-Stm32Line.ps1')
Import-Module $module
$segments = @([Stm32Flash.Segment]::new([uint32]0x08000000, [System.IO.File]::ReadAllBytes($Image)))

# The flow in a process of its own: the segments arrive deserialized and bind to Write-Stm32Memory.
$flow = {
    param($port, $segments, $module)
    Import-Module $module
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $session = Connect-Stm32 -Port $port -Parity None
    $null = $segments | Write-Stm32Memory -Session $session -Verify
    Disconnect-Stm32 -Session $session | Out-Null
    $watch.Elapsed.TotalSeconds
}

function Report([string] $mode, [System.Diagnostics.Stopwatch] $watch, [double[]] $inside) {
    if ($inside.Count -ne $Port.Count -and $mode -ne 'one') { throw "$mode returned $($inside.Count) results for $($Port.Count) boards." }
    [pscustomobject]@{ Mode = $mode; Seconds = $watch.Elapsed.TotalSeconds; Inside = $inside } | ConvertTo-Json -Compress
}

function Invoke-Line([string[]] $ports, [int] $throttle) {
    $results = @(& $line -Board @($ports | ForEach-Object { @{ Port = $_; Parity = 'None' } }) -Segment $segments -ThrottleLimit $throttle -ModulePath $module)
    $failed = @($results | Where-Object Error)
    if ($failed) { throw "The line failed: $($failed[0].Board): $($failed[0].Error)" }
    @($results.Seconds)
}

# Once unmeasured first, so that loading and compiling the module and the line script count in no flow.
$null = Invoke-Line $Port[0] 1
$watch = [System.Diagnostics.Stopwatch]::StartNew(); $inside = Invoke-Line $Port[0] 1; Report 'one' $watch $inside
$watch = [System.Diagnostics.Stopwatch]::StartNew(); $inside = Invoke-Line $Port 1; Report 'sequential' $watch $inside
$watch = [System.Diagnostics.Stopwatch]::StartNew(); $inside = Invoke-Line $Port $Port.Count; Report 'parallel' $watch $inside

$watch = [System.Diagnostics.Stopwatch]::StartNew()
$jobs = @(foreach ($p in $Port) { Start-Job -ScriptBlock $flow -ArgumentList $p, $segments, $module })
$inside = @($jobs | Wait-Job -Timeout 600 | Receive-Job)
$jobs | Remove-Job -Force
Report 'job' $watch $inside

if (-not $NoSsh) {
    . ([System.IO.Path]::Combine($Repo, 'tests', 'EndToEnd', 'SshLoopback.ps1'))
    $server = Start-LoopbackSshd
    if ($server.SkipReason) { throw $server.SkipReason }
    try {
        $ssh = $server.SshParameters
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $sessions = @(foreach ($p in $Port) { New-PSSession @ssh })
        $remote = @(for ($i = 0; $i -lt $Port.Count; $i++) {
                Invoke-Command -Session $sessions[$i] -ScriptBlock $flow -ArgumentList $Port[$i], $segments, $module -AsJob
            })
        $inside = @($remote | Wait-Job -Timeout 600 | Receive-Job)
        $remote | Remove-Job -Force
        Report 'ssh' $watch $inside
        $sessions | Remove-PSSession
    }
    finally { Stop-LoopbackSshd $server }
}
