<#
.SYNOPSIS
    Shared by the end-to-end Pester files: the repository's paths and a way to run script text in a fresh runspace of
    this pwsh with the built module imported (its output, errors, warnings and progress records kept apart).
#>
$script:Repo = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
$script:ModulePath = [System.IO.Path]::Combine($script:Repo, 'out', 'Stm32Flash')

function Invoke-InFreshRunspace {
    param([string] $Script, [object[]] $ArgumentList = @(), [switch] $NoModule)
    $ps = [powershell]::Create([System.Management.Automation.RunspaceMode]::NewRunspace)
    try {
        $null = $ps.AddScript('param($location) Set-Location -LiteralPath $location').AddArgument($script:Repo).Invoke()
        if (-not $NoModule) {
            $ps.Commands.Clear()
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $script:ModulePath).AddParameter('ErrorAction', 'Stop').Invoke()
        }
        $ps.Commands.Clear()
        $null = $ps.AddScript($Script)
        foreach ($a in $ArgumentList) { $null = $ps.AddArgument($a) }
        $output = $ps.Invoke()
        [pscustomobject]@{
            Output   = @($output)
            Errors   = @($ps.Streams.Error)
            Warnings = @($ps.Streams.Warning)
            Progress = @($ps.Streams.Progress)
            Verbose  = @($ps.Streams.Verbose)
        }
    }
    finally {
        $ps.Runspace.Dispose()
        $ps.Dispose()
    }
}

# A socat pseudo-terminal pair: Host and Device are the links' paths; Stop-SocatPair ends socat and removes the folder.
function New-SocatPair {
    $folder = [System.IO.Directory]::CreateDirectory(
        [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'stm32flash-e2e-' + [guid]::NewGuid().ToString('N'))).FullName
    $pair = [pscustomobject]@{
        Folder  = $folder
        Host    = [System.IO.Path]::Combine($folder, 'host')
        Device  = [System.IO.Path]::Combine($folder, 'device')
        Process = $null
    }
    $pair.Process = Start-Process socat -ArgumentList "pty,link=$($pair.Host),raw", "pty,link=$($pair.Device),raw" -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while (-not ([System.IO.File]::Exists($pair.Host) -and [System.IO.File]::Exists($pair.Device))) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "socat made no links in $folder within 10 s." }
        Start-Sleep -Milliseconds 50
    }
    $pair
}

function Stop-SocatPair($Pair) {
    Stop-Process -InputObject $Pair.Process -ErrorAction Ignore
    $Pair.Process.WaitForExit(5000) | Out-Null
    [System.IO.Directory]::Delete($Pair.Folder, $true)
}

# Runs script text in a child pwsh (the one running these tests), for what only a console host shows (host warnings).
function Invoke-ChildPwsh([string] $Script) {
    $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $arguments = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $arguments += [Environment]::GetCommandLineArgs()[0] }
    $text = & $pwsh @arguments -NoProfile -NonInteractive -Command $Script 2>&1 | Out-String
    [pscustomobject]@{ Text = $text -replace "`e\[[0-9;]*m", ''; ExitCode = $LASTEXITCODE }
}

# A simulated device served as its USART bootloader on one end of a socat pair: Port is the end a client opens.
function Start-PtyBoard([string] $Device, [hashtable] $Options = @{}) {
    $pair = New-SocatPair
    $simulator = Start-Stm32Simulator -Device $Device -Port $pair.Device -Parity None @Options
    [pscustomobject]@{ Device = $Device; Port = $pair.Host; Pair = $pair; Simulator = $simulator }
}

function Stop-PtyBoard($Board) {
    Stop-Stm32Simulator $Board.Simulator -ErrorAction Ignore | Out-Null
    Stop-SocatPair $Board.Pair
}

# The bytes a served simulator holds at an address (from its programmed flash), or $null.
function Get-PtyBoardBytes($Board, [uint32] $Address, [int] $Length) {
    foreach ($s in $Board.Simulator.Simulation.ExportFlash()) {
        if ($Address -ge $s.Address -and $Address + $Length -le $s.EndAddress) {
            return [byte[]]$s.Data[($Address - $s.Address)..($Address - $s.Address + $Length - 1)]
        }
    }
}
