#requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and packages the Stm32Flash module.
.DESCRIPTION
    Build   - dotnet build; lays out the importable module in <OutputPath>/Stm32Flash/<version>/, with the help that the
              build compiles from docs/ (en-US/Stm32Flash.dll-Help.xml and about_*.help.txt).
    Help    - where PlatyPS is installed (platyPS 0.14: New-ExternalHelp; Microsoft.PowerShell.PlatyPS 1.x:
              Export-MamlCommandHelp), rewrites the built module's help with it; otherwise the build's help stands.
    Test    - dotnet test (the xunit suite, which runs the cmdlets in an in-process PowerShell engine).
    Package - Release build of the module folder with its help (ready for Publish-Module) and the Stm32Flash.Core NuGet package
              in <OutputPath>/nuget/.
    Clean   - dotnet clean and removal of <OutputPath>.
    Mutation - Stryker.NET (the manifest's dotnet-stryker) on each of -MutateFile in turn, with stryker-config.json (the
              suite without the help, packaging, formatting, completion, module and real-pwsh tests); reports in
              <OutputPath>/mutation/<file>/ and the score per file printed (killed and timed out over all covered and
              uncovered mutants). Slow: minutes per file on two cores, so not part of Test or CI.
    Uses only core cmdlets and the dotnet CLI, so it also runs in a hosted PowerShell engine.
.EXAMPLE
    ./build.ps1 -Task Clean, Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Help', 'Test', 'Package', 'Mutation')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [string] $OutputPath = [System.IO.Path]::Combine($PSScriptRoot, 'out'),

    # The core files the Mutation task mutates, by file name.
    [string[]] $MutateFile = @('Crc32Mpeg2.cs', 'FlashPlanner.cs', 'FlashExecutor.cs', 'IntelHexReader.cs', 'SRecordReader.cs', 'UsartBootloader.cs')
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

function Get-PlatyPS {
    $names = 'platyPS', 'Microsoft.PowerShell.PlatyPS'
    $loaded = @(Get-Module -Name $names)
    if ($loaded.Count -gt 0) { return $loaded[0] }
    $installed = @(Get-Module -ListAvailable -Name $names)
    if ($installed.Count -gt 0) { return Import-Module -ModuleInfo $installed[0] -PassThru }
    $null
}

# The build has already compiled docs/ into en-US; PlatyPS, when present, writes the same files from the same markdown.
function Write-ModuleHelp {
    param([string] $ModuleFolder)
    $culture = [System.IO.Path]::Combine($ModuleFolder, 'en-US')
    $maml = [System.IO.Path]::Combine($culture, 'Stm32Flash.dll-Help.xml')
    if (-not [System.IO.File]::Exists($maml)) { throw "No help in $culture`: run the Build task first." }
    $platyPS = Get-PlatyPS
    if ($null -eq $platyPS) {
        "Help: $culture (compiled from docs/ by the build; PlatyPS is not installed)"
        return
    }
    $docs = @([System.IO.Directory]::GetFiles([System.IO.Path]::Combine($repo, 'docs'), '*.md') |
        Where-Object { [System.IO.Path]::GetFileName($_) -ne 'README.md' })
    if ($platyPS.Name -eq 'platyPS') {
        $null = New-ExternalHelp -Path $docs -OutputPath $culture -Force
    }
    else {
        # PlatyPS 1.x names its MAML <Module>-Help.xml; a binary module's help is <Assembly>.dll-Help.xml. It has no
        # about-topic conversion, so the build's about_*.help.txt stay.
        $cmdletDocs = @($docs | Where-Object { -not [System.IO.Path]::GetFileName($_).StartsWith('about_') })
        $staging = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'stm32flash-help-' + [guid]::NewGuid().ToString('N'))
        try {
            $null = Import-MarkdownCommandHelp -Path $cmdletDocs | Export-MamlCommandHelp -OutputFolder $staging -Force
            $written = @([System.IO.Directory]::GetFiles($staging, '*-Help.xml', [System.IO.SearchOption]::AllDirectories))
            if ($written.Count -ne 1) { throw "Export-MamlCommandHelp wrote $($written.Count) MAML files in $staging; expected one." }
            [System.IO.File]::Copy($written[0], $maml, $true)
        }
        finally {
            if ([System.IO.Directory]::Exists($staging)) { [System.IO.Directory]::Delete($staging, $true) }
        }
    }
    "Help: $culture (written by $($platyPS.Name) $($platyPS.Version))"
}

# Stryker's JSON report: every mutant of the file with its status; the score counts timeouts as killed.
function Write-MutationScore {
    param([string] $Report, [string] $File)
    $json = [System.IO.File]::ReadAllText($Report) | ConvertFrom-Json
    $mutants = @($json.files.PSObject.Properties | ForEach-Object { $_.Value.mutants })
    $count = { param($status) @($mutants | Where-Object status -eq $status).Count }
    $killed = (& $count 'Killed') + (& $count 'Timeout')
    $missed = (& $count 'Survived') + (& $count 'NoCoverage')
    $score = if ($killed + $missed) { 100.0 * $killed / ($killed + $missed) } else { 100.0 }
    '{0,-22} {1,6:0.0}%  killed {2}, survived {3}, no coverage {4}, ignored or not compiled {5}' -f $File, $score, $killed,
        (& $count 'Survived'), (& $count 'NoCoverage'), ($mutants.Count - $killed - $missed)
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
        'Help' {
            Write-ModuleHelp ([System.IO.Path]::Combine($OutputPath, 'Stm32Flash', (Get-ModuleVersion)))
        }
        'Test' {
            Invoke-Dotnet @('test', $testProject, '-c', $Configuration, '--nologo')
        }
        'Mutation' {
            # From the test project's folder: at the repository's root Stryker would take the solution and its projects.
            Push-Location ([System.IO.Path]::GetDirectoryName($testProject))
            try {
            foreach ($file in $MutateFile) {
                $output = [System.IO.Path]::Combine($OutputPath, 'mutation', [System.IO.Path]::GetFileNameWithoutExtension($file))
                Invoke-Dotnet @('tool', 'run', 'dotnet-stryker', '--config-file', [System.IO.Path]::Combine($repo, 'stryker-config.json'),
                    '--mutate', "**/$file", '--output', $output)
                Write-MutationScore ([System.IO.Path]::Combine($output, 'reports', 'mutation-report.json')) $file
            }
            }
            finally { Pop-Location }
        }
        'Package' {
            Invoke-Dotnet @('build', $moduleProject, '-c', 'Release', '--nologo', $outputProperty)
            Write-ModuleHelp ([System.IO.Path]::Combine($OutputPath, 'Stm32Flash', (Get-ModuleVersion)))
            Invoke-Dotnet @('pack', $coreProject, '-c', 'Release', '--nologo', '-o', [System.IO.Path]::Combine($OutputPath, 'nuget'))
            $moduleFolder = [System.IO.Path]::Combine($OutputPath, 'Stm32Flash', (Get-ModuleVersion))
            $null = Test-ModuleManifest -Path ([System.IO.Path]::Combine($moduleFolder, 'Stm32Flash.psd1'))
            "Module package: $moduleFolder"
        }
    }
}
