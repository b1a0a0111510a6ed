# Every PowerShell block of README.md and the about topics runs in a real pwsh without errors, from the repository's
# folder with a fw.hex there (the name the text uses for "your image"); blocks that need a board or STM32CubeProgrammer
# (a serial port, a CubeProgrammer interface, a probe list) are shown, not run. README's quick start runs as a shell
# would run it.

BeforeDiscovery {
    $repoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
    $needsBoard = '-Port |-Interface (SWD|JTAG|UART|I2C|SPI|CAN|DFU)\b|Get-Stm32Probe'
    $blocks = foreach ($file in 'README.md', 'docs/about_Stm32Flash.md', 'docs/about_Stm32Flash_Devices.md', 'samples/README.md') {
        $lines = [System.IO.File]::ReadAllLines([System.IO.Path]::Combine($repoRoot, $file))
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i].Trim() -ne '```powershell') { continue }
            $start = $i + 1
            $code = for ($i++; $i -lt $lines.Count -and $lines[$i].Trim() -ne '```'; $i++) { $lines[$i] }
            $code = $code -join "`n"
            if ($code -notmatch $needsBoard) { @{ File = $file; Line = $start; Code = $code } }
        }
    }
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $fw = [System.IO.Path]::Combine($Repo, 'fw.hex')
    [System.IO.File]::Copy([System.IO.Path]::Combine($Repo, 'samples', 'stm32l552-demo', 'demo.hex'), $fw, $true)
}

AfterAll {
    [System.IO.File]::Delete($fw)
}

Describe '<File> line <Line>' -ForEach $blocks {
    It 'runs without errors' {
        $before = [System.IO.Directory]::GetFiles($Repo)
        try {
            if ($Code -match 'Add-Stm32Device|-DeviceDefinition') {
                # Definitions are added to the process: in a process of its own, so the other tests see the built-in catalog.
                $child = Invoke-ChildPwsh "Set-Location '$Repo'; Import-Module '$ModulePath'; `$ErrorActionPreference = 'Stop'; $Code"
                $child.ExitCode | Should -Be 0 -Because $child.Text
            }
            else {
                $run = Invoke-InFreshRunspace $Code
                ($run.Errors | ForEach-Object { $_.ToString() }) -join "`n" | Should -BeNullOrEmpty
            }
        }
        finally {
            [System.IO.Directory]::GetFiles($Repo) | Where-Object { $_ -notin $before } | ForEach-Object { [System.IO.File]::Delete($_) }
        }
    }
}

Describe "README's quick start" {
    It 'builds and runs the main job as a shell runs it, printing four verified segments' {
        $line = [System.IO.File]::ReadAllLines([System.IO.Path]::Combine($Repo, 'README.md')) |
            Where-Object { $_.StartsWith('dotnet build src/Stm32Flash && dotnet pwsh ') }
        $line | Should -Not -BeNullOrEmpty
        $output = & bash -c "cd '$Repo' && $line" 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $rows = @($output -split '\r?\n' | Where-Object { $_ -match '^0x0[0-9A-F]{7} ' })
        $rows.Count | Should -Be 4 -Because $output
        $rows | ForEach-Object { $_ | Should -Match '\bTrue\b' }
    }
}
