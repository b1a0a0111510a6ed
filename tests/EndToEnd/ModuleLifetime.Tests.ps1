# Import-Module -Force removes the module first, which stops the simulators a process serves and closes its sessions:
# a console shows a warning naming them, and a later timeout says so.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
}

Describe 'Import-Module -Force with a simulator served in the same process' {
    BeforeAll { $pair = New-SocatPair }
    AfterAll { Stop-SocatPair $pair }

    It 'warns which simulator it stopped, and a later timeout says so' {
        $run = Invoke-ChildPwsh @"
Import-Module '$ModulePath'
`$null = Start-Stm32Simulator -Device STM32L552 -Port '$($pair.Device)' -Parity None
`$null = Connect-Stm32 -Simulator STM32G474
Import-Module '$ModulePath' -Force
try { Connect-Stm32 -Port '$($pair.Host)' -Parity None -TimeoutSeconds 1 -ErrorAction Stop } catch { 'ERROR ' + `$_.FullyQualifiedErrorId + ': ' + `$_ }
"@
        $run.Text | Should -Match "WARNING: Removing the Stm32Flash module \(Remove-Module, or Import-Module -Force\) stopped the simulated STM32L552 on $([regex]::Escape($pair.Device)) and closed session 1"
        $run.Text | Should -Match 'ERROR DeviceTimeout,Stm32Flash.Commands.ConnectStm32Command: .*Note: At \d\d:\d\d:\d\d: Removing the Stm32Flash module .* stopped the simulated STM32L552'
    }

    It 'says nothing when there was nothing to stop' {
        $run = Invoke-ChildPwsh "Import-Module '$ModulePath'; Import-Module '$ModulePath' -Force; 'done'"
        $run.Text.Trim() | Should -Be 'done'
    }
}
