# Get-Help in a real pwsh, from the help the build compiled (out/Stm32Flash/<version>/en-US): every exported cmdlet has
# its own synopsis, description, documented parameters and examples, and every example that needs no board runs as
# shown, its printed output (an example remark with several lines) being what the example prints at 80 columns.

BeforeDiscovery {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    Import-Module $ModulePath
    $cmdlets = @((Get-Module Stm32Flash).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
    # Add-Stm32Device's examples add definitions to the process (as documented), which later listings would show: last.
    $ordered = @($cmdlets | Where-Object Name -ne 'Add-Stm32Device') + @($cmdlets | Where-Object Name -eq 'Add-Stm32Device')
    $examples = foreach ($c in $ordered) {
        $number = 0
        foreach ($e in @((Get-Help $c.Name -Full).examples.example)) {
            $number++
            $remarks = @($e.remarks | ForEach-Object Text | Where-Object { $_ })
            if ($remarks | Where-Object { $_ -like 'Requires hardware*' }) { continue }
            @{ Cmdlet = $c.Name; Number = $number; Code = $e.code; Printed = @($remarks | Where-Object { $_.Contains("`n") })[0] }
        }
    }
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    Import-Module $ModulePath
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll { $help = Get-Help $Name -Full }

    It 'has a synopsis and description of its own' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -Match "^\s*$Name \["
        ($help.description | ForEach-Object Text) -join ' ' | Should -Match '\w{4,}'
    }

    It 'documents every parameter the cmdlet has' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $declared = (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }
        $documented = @($help.parameters.parameter | Where-Object { ($_.description | ForEach-Object Text) -join '' })
        $missing = $declared | Where-Object { $_ -notin $documented.name }
        $missing | Should -BeNullOrEmpty -Because 'Get-Help -Full shows a description for each parameter'
    }

    It 'shows examples with -Examples' {
        $text = Get-Help $Name -Examples | Out-String -Width 200
        $text | Should -Match 'Example 1'
        $text | Should -Match ([regex]::Escape($Name))
    }
}

Describe 'Example <Number> of <Cmdlet>' -ForEach $examples {
    It 'runs without errors and prints what its help shows' {
        $before = [System.IO.Directory]::GetFiles($Repo)
        try { $run = Invoke-InFreshRunspace "& { $Code } | Out-String -Width 80" }
        finally { [System.IO.Directory]::GetFiles($Repo) | Where-Object { $_ -notin $before } | ForEach-Object { [System.IO.File]::Delete($_) } }
        ($run.Errors | ForEach-Object { $_.ToString() }) -join "`n" | Should -BeNullOrEmpty
        if ($Printed -and $run.Output.Count -gt 0) {
            $shown = ($run.Output -join '') -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ }
            $expected = $Printed -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ }
            ($shown -join "`n") | Should -Be ($expected -join "`n")
        }
    }
}
