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
