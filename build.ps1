#requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and packages the Stm32Flash module.
.DESCRIPTION
    Build   - dotnet build; lays out the importable module in <OutputPath>/Stm32Flash/<version>/.
    Test    - dotnet test (the xunit suite, which runs the cmdlets in an in-process PowerShell engine).
    Package - Release build of the module folder (ready for Publish-Module) and the Stm32Flash.Core NuGet package
              in <OutputPath>/nuget/.
    Clean   - dotnet clean and removal of <OutputPath>.
    Uses only core cmdlets and the dotnet CLI, so it also runs in a hosted PowerShell engine.
.EXAMPLE
    ./build.ps1 -Task Clean, Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Test', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [string] $OutputPath = [System.IO.Path]::Combine($PSScriptRoot, 'out')
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$repo = $PSScriptRoot
$moduleProject = [System.IO.Path]::Combine($repo, 'src', 'Stm32Flash', 'Stm32Flash.csproj')
$coreProject = [System.IO.Path]::Combine($repo, 'src', 'Stm32Flash.Core', 'Stm32Flash.Core.csproj')
$testProject = [System.IO.Path]::Combine($repo, 'tests', 'Stm32Flash.Tests', 'Stm32Flash.Tests.csproj')
$OutputPath = [System.IO.Path]::GetFullPath($OutputPath)
$outputProperty = "-p:ModuleOutputRoot=$OutputPath/"

function Invoke-Dotnet {
    param([string[]] $Arguments)
    "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    $manifest = [System.IO.Path]::Combine($repo, 'Stm32Flash.psd1')
    $match = [regex]::Match([System.IO.File]::ReadAllText($manifest), "ModuleVersion\s*=\s*'([^']+)'")
    if (-not $match.Success) { throw "No ModuleVersion in $manifest." }
    $match.Groups[1].Value
}

foreach ($step in $Task) {
    switch ($step) {
        'Clean' {
            Invoke-Dotnet @('clean', $moduleProject, '-c', $Configuration, '--nologo', '-v', 'quiet', $outputProperty)
            if ([System.IO.Directory]::Exists($OutputPath)) { [System.IO.Directory]::Delete($OutputPath, $true) }
            "Removed $OutputPath"
        }
        'Build' {
            Invoke-Dotnet @('build', $moduleProject, '-c', $Configuration, '--nologo', $outputProperty)
            "Module: $([System.IO.Path]::Combine($OutputPath, 'Stm32Flash', (Get-ModuleVersion)))"
        }
        'Test' {
            Invoke-Dotnet @('test', $testProject, '-c', $Configuration, '--nologo')
        }
        'Package' {
            Invoke-Dotnet @('build', $moduleProject, '-c', 'Release', '--nologo', $outputProperty)
            Invoke-Dotnet @('pack', $coreProject, '-c', 'Release', '--nologo', '-o', [System.IO.Path]::Combine($OutputPath, 'nuget'))
            $moduleFolder = [System.IO.Path]::Combine($OutputPath, 'Stm32Flash', (Get-ModuleVersion))
            $null = Test-ModuleManifest -Path ([System.IO.Path]::Combine($moduleFolder, 'Stm32Flash.psd1'))
            "Module package: $moduleFolder"
        }
    }
}
